package gala.announce.rules;

/** An announcement the rules refuse: an HTTP status, a stable code and a human message. */
public final class Rejected extends RuntimeException {
  private final int status;
  private final String code;

  public Rejected(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
