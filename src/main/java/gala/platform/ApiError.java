package gala.platform;

import io.vertx.core.json.JsonObject;

/**
 * A refusal the client can act on: an HTTP 4xx status, a stable code and a human message.
 * Thrown (or failed with) anywhere below the routes; the HTTP layer turns it into
 * {@code {"error":{"code":..,"message":..,"details":{..}}}}.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final JsonObject details;

  public ApiError(int status, String code, String message, JsonObject details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details == null ? new JsonObject() : details;
  }

  public ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  public static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message);
  }

  /**
   * 400 VALIDATION_FAILED about one body field, with the details pages translate:
   * {@code {field, in: "body", rule}} plus {@code more} (limit, expected, min, max ...).
   */
  public static ApiError invalid(String field, String rule, String message, JsonObject more) {
    JsonObject details = new JsonObject().put("field", field).put("in", "body").put("rule", rule);
    if (more != null) {
      details.mergeIn(more);
    }
    return new ApiError(400, "VALIDATION_FAILED", message, details);
  }

  public static ApiError invalid(String field, String rule, String message) {
    return invalid(field, rule, message, null);
  }

  public static ApiError unauthenticated(String message) {
    return new ApiError(401, "UNAUTHENTICATED", message);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, "FORBIDDEN", message);
  }

  public static ApiError notFound(String what) {
    return new ApiError(404, "NOT_FOUND", what + " not found");
  }

  public static ApiError conflict(String code, String message) {
    return new ApiError(409, code, message);
  }

  public static ApiError unprocessable(String code, String message) {
    return new ApiError(422, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public JsonObject toJson() {
    return new JsonObject().put("error",
        new JsonObject().put("code", code).put("message", getMessage()).put("details", details));
  }
}
