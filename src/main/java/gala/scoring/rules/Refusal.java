package gala.scoring.rules;

import java.util.Map;

/**
 * Input that the rules refuse (a difficulty outside the declared table, a part the format does
 * not have): a 4xx status, a stable code, a message and details, without importing the HTTP layer.
 */
public final class Refusal extends RuntimeException {
  private final int status;
  private final String code;
  private final Map<String, Object> details;

  public Refusal(int status, String code, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details == null ? Map.of() : Map.copyOf(details);
  }

  public static Refusal unprocessable(String code, String message, Map<String, Object> details) {
    return new Refusal(422, code, message, details);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }
}
