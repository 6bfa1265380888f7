package gala.auth;

import gala.platform.ApiError;
import gala.platform.Revocations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.jwt.JWTAuth;

/**
 * The access-token verifier every door uses (the bearer security handler, public routes' optional
 * caller, the WebSocket auth frame): the signature and expiry checks of vertx-auth-jwt, then the
 * session. A token must name its session ({@code sid}); a revoked session's tokens are 401
 * {@code SESSION_REVOKED} from the moment any node revoked it.
 */
public final class SessionTokens implements JWTAuth {
  public static final String SID = "sid";
  private final JWTAuth signed;
  private final Revocations revocations;

  public SessionTokens(JWTAuth signed, Revocations revocations) {
    this.signed = signed;
    this.revocations = revocations;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    return signed.authenticate(credentials).compose(user -> {
      String sid = user.principal().getString(SID);
      if (sid == null) {
        return Future.failedFuture(ApiError.unauthenticated("the token names no session; sign in again"));
      }
      if (revocations.isRevoked(sid)) {
        return Future.failedFuture(revoked());
      }
      return Future.succeededFuture(user);
    });
  }

  static ApiError revoked() {
    return new ApiError(401, "SESSION_REVOKED", "this session was signed out (logout, password change or an admin); sign in again");
  }

  @Override
  public String generateToken(JsonObject claims, JWTOptions options) {
    return signed.generateToken(claims, options);
  }

  @Override
  public String generateToken(JsonObject claims) {
    return signed.generateToken(claims);
  }
}
