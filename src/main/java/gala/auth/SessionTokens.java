package gala.auth;

import gala.platform.ApiError;
import gala.platform.Revocations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access-token verifier every door uses (the bearer security handler, public routes' optional
 * caller, the WebSocket auth frame): the signature and expiry checks of vertx-auth-jwt, then the
 * session. A token must name its session ({@code sid}); a revoked session's tokens are 401
 * {@code SESSION_REVOKED} from the moment any node revoked it.
 *
 * <p>A token whose signature was checked once is kept (up to {@link #KEPT} of them) with what it
 * says: the ES256 check costs about a millisecond of CPU, and a phone or a judge's tablet sends the same
 * token with every request until it expires. Only the signature check is skipped: expiry and the
 * session's revocation are looked at on every use, as on the first. The keys that verify are fixed for
 * the life of the node, so a kept verification is what a fresh one would answer.
 */
public final class SessionTokens implements JWTAuth {
  public static final String SID = "sid";
  private final JWTAuth signed;
  private final Revocations revocations;
  /** Bounded: a token nobody has verified is never kept, and the table is emptied when full. */
  static final int KEPT = 20_000;
  /** The verifier's leeway (SigningKeys), for the expiry check of a kept token. */
  private static final int LEEWAY_SECONDS = 5;
  private final Map<String, User> verified = new ConcurrentHashMap<>();

  public SessionTokens(JWTAuth signed, Revocations revocations) {
    this.signed = signed;
    this.revocations = revocations;
  }

  @Override
  public Future<User> authenticate(Credentials credentials) {
    String token = credentials instanceof TokenCredentials t ? t.getToken() : null;
    User kept = token == null ? null : verified.get(token);
    if (kept != null) {
      if (kept.expired(LEEWAY_SECONDS)) {
        verified.remove(token);
      } else {
        return session(User.create(kept.principal().copy(), kept.attributes().copy()));
      }
    }
    return signed.authenticate(credentials).compose(user -> {
      if (token != null && user.principal().getString(SID) != null) {
        if (verified.size() >= KEPT) {
          verified.clear();
        }
        verified.put(token, User.create(user.principal().copy(), user.attributes().copy()));
      }
      return session(user);
    });
  }

  private Future<User> session(User user) {
    String sid = user.principal().getString(SID);
    if (sid == null) {
      return Future.failedFuture(ApiError.unauthenticated("the token names no session; sign in again"));
    }
    if (revocations.isRevoked(sid)) {
      return Future.failedFuture(revoked());
    }
    return Future.succeededFuture(user);
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
