package gala.scoring.rules;

/**
 * A competition format that cannot be used; the message says why. {@code code} is the stable
 * error code the API answers with: INVALID_FORMAT, or a more specific one such as
 * FORMULA_UNKNOWN_PART.
 */
public final class InvalidFormat extends RuntimeException {
  private final String code;

  public InvalidFormat(String message) {
    this("INVALID_FORMAT", message);
  }

  public InvalidFormat(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
