package gala.platform;

import io.vertx.core.json.JsonObject;

/** A response as data: what a handler answers and what an idempotency key remembers. */
public record Reply(int status, JsonObject body) {
  public static Reply ok(JsonObject body) {
    return new Reply(200, body);
  }

  public static Reply created(JsonObject body) {
    return new Reply(201, body);
  }

  public static Reply noContent() {
    return new Reply(204, null);
  }

  public static Reply of(ApiError e) {
    return new Reply(e.status(), e.toJson());
  }
}
