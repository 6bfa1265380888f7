package gala.platform;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;

/** The signed-in user behind a request, as the access token names them. */
public record Caller(long userId, String role) {
  /** Where a public route finds the caller of an optional, valid token. */
  public static final String CONTEXT_KEY = "gala.caller";

  public boolean isAdmin() {
    return "admin".equals(role);
  }

  /** The caller of an authenticated route; the security handler has already refused anonymous requests. */
  public static Caller of(RoutingContext rc) {
    Caller c = optional(rc);
    if (c == null) {
      throw ApiError.unauthenticated("sign in first");
    }
    return c;
  }

  /** The caller if a valid token came with the request, else null. */
  public static Caller optional(RoutingContext rc) {
    User user = rc.user();
    if (user != null && user.principal().getString("sub") != null) {
      return fromPrincipal(user.principal());
    }
    return rc.get(CONTEXT_KEY);
  }

  /** The claims Gala puts in its access tokens: sub (user id) and role. */
  public static Caller fromPrincipal(JsonObject principal) {
    return new Caller(Long.parseLong(principal.getString("sub")), principal.getString("role"));
  }
}
