package gala.auth;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Hashing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The forgotten-password path: an admin sets a new password, or issues a one-time reset code that
 * the person uses to choose one (every session of the account ends either way); and a signed-in
 * person changes their own password.
 */
public final class PasswordResets {
  private static final int CODE_HOURS = 24;
  private final Vertx vertx;
  private final Database db;
  private final AuthService auth;

  public PasswordResets(Vertx vertx, Database db, AuthService auth) {
    this.vertx = vertx;
    this.db = db;
    this.auth = auth;
  }

  /** Admins only: with newPassword, set it now; without, a reset code valid for a day (replacing any earlier one). */
  public Future<JsonObject> create(Caller caller, JsonObject req) {
    if (!caller.isAdmin()) {
      return Future.failedFuture(ApiError.forbidden("only an admin resets passwords"));
    }
    String email = req.getString("email").trim();
    String newPassword = req.getString("newPassword");
    Future<String> hash = newPassword == null ? Future.succeededFuture(null) : auth.hash(newPassword);
    List<String> ended = new ArrayList<>();
    return hash.compose(h -> db.inTransaction(tx -> tx.conn()
        .preparedQuery("SELECT id, email FROM users WHERE lower(email) = lower($1) FOR UPDATE").execute(Tuple.of(email))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.unprocessable("UNKNOWN_USER", "no account with the email " + email));
          }
          Row u = rows.iterator().next();
          long userId = u.getLong("id");
          JsonObject out = new JsonObject().put("userId", userId).put("email", u.getString("email"));
          if (h != null) {
            return tx.conn().preparedQuery("UPDATE users SET password_hash = $2 WHERE id = $1").execute(Tuple.of(userId, h))
                .compose(v -> tx.conn().preparedQuery("DELETE FROM password_resets WHERE user_id = $1").execute(Tuple.of(userId)))
                .compose(v -> AuthService.endAllSessions(tx.conn(), userId, "password"))
                .map(sids -> {
                  ended.addAll(sids);
                  return out.put("code", null).put("expiresAt", null).put("passwordSet", true).put("sessionsEnded", sids.size());
                });
          }
          String code = newCode();
          return tx.conn().preparedQuery("INSERT INTO password_resets (user_id, code_hash, expires_at, created_by) "
                  + "VALUES ($1, $2, now() + make_interval(hours => $3), $4) ON CONFLICT (user_id) DO UPDATE "
                  + "SET code_hash = EXCLUDED.code_hash, expires_at = EXCLUDED.expires_at, created_by = EXCLUDED.created_by, "
                  + "created_at = now() RETURNING expires_at")
              .execute(Tuple.of(userId, codeHash(userId, code), CODE_HOURS, caller.userId()))
              .map(r -> out.put("code", code).put("expiresAt", r.iterator().next().getOffsetDateTime(0).toString())
                  .put("passwordSet", false).put("sessionsEnded", 0));
        }))).compose(out -> auth.announce(ended).map(out));
  }

  /** The person sets a new password with the code; the code is spent, every session ends, a new one starts. */
  public Future<JsonObject> complete(JsonObject req) {
    String email = req.getString("email").trim();
    String code = normalise(req.getString("code"));
    ApiError invalid = ApiError.unprocessable("INVALID_RESET_CODE",
        "this reset code is not valid for this account (unknown, used or expired): ask an admin for a new one");
    List<String> ended = new ArrayList<>();
    return auth.hash(req.getString("newPassword")).compose(h -> db.inTransaction(tx -> tx.conn()
        .preparedQuery("SELECT u.id, r.code_hash FROM users u JOIN password_resets r ON r.user_id = u.id "
            + "WHERE lower(u.email) = lower($1) AND r.expires_at > now() FOR UPDATE OF r")
        .execute(Tuple.of(email))
        .compose(rows -> {
          Row r = rows.size() == 1 ? rows.iterator().next() : null;
          if (r == null || !java.security.MessageDigest.isEqual(r.getString("code_hash").getBytes(),
              codeHash(r.getLong("id"), code).getBytes())) {
            return Future.failedFuture(invalid);
          }
          long userId = r.getLong("id");
          return tx.conn().preparedQuery("UPDATE users SET password_hash = $2 WHERE id = $1").execute(Tuple.of(userId, h))
              .compose(v -> tx.conn().preparedQuery("DELETE FROM password_resets WHERE user_id = $1").execute(Tuple.of(userId)))
              .compose(v -> AuthService.endAllSessions(tx.conn(), userId, "password"))
              .compose(sids -> {
                ended.addAll(sids);
                return AuthService.loadUser(tx.conn(), userId);
              })
              .compose(user -> auth.openSession(tx.conn(), user));
        }))).compose(out -> auth.announce(ended).map(out));
  }

  /** A signed-in person changes their password; their other sessions end and a fresh one is returned. */
  public Future<JsonObject> change(Caller caller, JsonObject req) {
    List<String> ended = new ArrayList<>();
    return db.pool().preparedQuery("SELECT email FROM users WHERE id = $1").execute(Tuple.of(caller.userId()))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.unauthenticated("the account no longer exists"))
            : auth.verify(rows.iterator().next().getString(0), req.getString("currentPassword"))
                .recover(e -> Future.failedFuture(e instanceof ApiError a && a.status() == 401
                    ? ApiError.unprocessable("WRONG_PASSWORD", "the current password is wrong") : e)))
        .compose(user -> auth.hash(req.getString("newPassword")).compose(h -> db.inTransaction(tx -> tx.conn()
            .preparedQuery("UPDATE users SET password_hash = $2 WHERE id = $1").execute(Tuple.of(caller.userId(), h))
            .compose(v -> AuthService.endAllSessions(tx.conn(), caller.userId(), "password"))
            .compose(sids -> {
              ended.addAll(sids);
              return auth.openSession(tx.conn(), user);
            }))))
        .compose(out -> auth.announce(ended).map(out));
  }

  /** Ten symbols of the unambiguous alphabet (about 49 bits), shown to the admin once; only a hash is kept. */
  private static String newCode() {
    return gala.platform.ShortCodes.random(10);
  }

  private static String normalise(String code) {
    return gala.platform.ShortCodes.normalise(code);
  }

  private static String codeHash(long userId, String code) {
    return Hashing.sha256Hex("gala-password-reset:" + userId + ":" + code);
  }
}
