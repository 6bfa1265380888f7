package gala.auth;

import gala.platform.ApiError;
import gala.platform.BirthDates;
import gala.platform.Caller;
import gala.platform.Config;
import gala.platform.Database;
import gala.platform.Hashing;
import gala.platform.Revocations;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Accounts, sign-in and the token pair: a short-lived JWT plus a rotating, single-use refresh token. */
public final class AuthService {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Vertx vertx;
  private final Database db;
  private final JWTAuth jwt;
  private final Config config;
  private final Revocations revocations;
  private final SignInThrottle throttle;

  public AuthService(Vertx vertx, Database db, JWTAuth jwt, Config config, Revocations revocations) {
    this.vertx = vertx;
    this.db = db;
    this.jwt = jwt;
    this.config = config;
    this.revocations = revocations;
    this.throttle = new SignInThrottle(db.pool());
  }

  /** The login and sign-up counters (kept in PostgreSQL: shared by every node). */
  SignInThrottle throttle() {
    return throttle;
  }

  /** Creates an account; self sign-up may choose participant or organiser, never admin or judge. */
  public Future<JsonObject> signup(JsonObject req) {
    String role = req.getString("role", "participant");
    if (!role.equals("participant") && !role.equals("organiser")) {
      return Future.failedFuture(ApiError.forbidden("sign-up may only create participant or organiser accounts"));
    }
    return createUser(req.getString("email"), req.getString("password"), req.getString("displayName"), role,
        req.getString("birthDate"))
        .compose(this::startSession);
  }

  /** Creates an account of any role; for the admin bootstrap and the demo, not exposed over HTTP. */
  public Future<JsonObject> createUser(String email, String password, String displayName, String role, String birthDate) {
    LocalDate birth;
    try {
      birth = BirthDates.parse(birthDate, "birthDate");
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    return hash(password).compose(hash -> insertUser(db.pool(), email, displayName, hash, role, birth));
  }

  /** Argon2id of a password, on a worker thread (it takes tens of milliseconds of CPU). */
  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> Passwords.hash(password));
  }

  /** Inserts an account (inside the caller's transaction when {@code conn} is one); 409 EMAIL_TAKEN. */
  public Future<JsonObject> insertUser(SqlClient conn, String email, String displayName, String passwordHash, String role,
      LocalDate birth) {
    return conn.preparedQuery("INSERT INTO users (email, display_name, password_hash, role, birth_date) "
            + "VALUES ($1, $2, $3, $4, $5) RETURNING id, email, display_name, role")
        .execute(Tuple.of(email.trim(), displayName.trim(), passwordHash, role, birth))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiError.conflict("EMAIL_TAKEN", "an account with this email already exists")
            : e))
        .map(rows -> userJson(rows.iterator().next()));
  }

  /** Makes sure the configured admin account exists (idempotent across restarts and nodes). */
  public Future<Void> ensureAdmin(String email, String password) {
    if (email == null || password == null) {
      return Future.succeededFuture();
    }
    return db.pool().preparedQuery("SELECT 1 FROM users WHERE lower(email) = lower($1)").execute(Tuple.of(email))
        .compose(rows -> rows.size() > 0 ? Future.<Void>succeededFuture()
            : createUser(email, password, "Admin", "admin", null).<Void>mapEmpty()
                .recover(e -> e instanceof ApiError ? Future.succeededFuture() : Future.failedFuture(e)));
  }

  public Future<JsonObject> login(JsonObject req) {
    return verify(req.getString("email"), req.getString("password")).compose(this::startSession);
  }

  /** The account of an email and password; 401 INVALID_CREDENTIALS, as slow for an unknown email. */
  public Future<JsonObject> verify(String email, String password) {
    return db.pool()
        .preparedQuery("SELECT id, email, display_name, role, password_hash FROM users WHERE lower(email) = lower($1)")
        .execute(Tuple.of(email.trim()))
        .compose(rows -> {
          Row row = rows.size() == 0 ? null : rows.iterator().next();
          String hash = row == null ? null : row.getString("password_hash");
          return vertx.executeBlocking(() -> Passwords.matches(password, hash)).compose(ok -> {
            if (!ok) {
              return Future.failedFuture(new ApiError(401, "INVALID_CREDENTIALS", "wrong email or password"));
            }
            return Future.succeededFuture(userJson(row));
          });
        });
  }

  /** Exchanges a refresh token for a new pair. A token used twice revokes its whole family (theft). */
  public Future<JsonObject> refresh(String refreshToken) {
    String hash = Hashing.sha256Hex(refreshToken);
    List<String> ended = new ArrayList<>();
    return db.inTransaction(tx -> tx.conn()
        .preparedQuery("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL "
            + "AND revoked_at IS NULL AND expires_at > now() RETURNING user_id, family")
        .execute(Tuple.of(hash))
        .compose(rows -> {
          if (rows.size() == 1) {
            Row r = rows.iterator().next();
            return loadUser(tx.conn(), r.getLong("user_id"))
                .compose(user -> issue(tx.conn(), user, r.getUUID("family"), false));
          }
          return tx.conn().preparedQuery("SELECT family, used_at IS NOT NULL AS used FROM refresh_tokens WHERE token_hash = $1")
              .execute(Tuple.of(hash))
              .compose(found -> {
                if (found.size() == 1 && found.iterator().next().getBoolean("used")) {
                  return Future.succeededFuture(found.iterator().next().getUUID("family"));
                }
                return Future.failedFuture(new ApiError(401, "INVALID_REFRESH_TOKEN", "the refresh token is unknown, expired or revoked"));
              })
              .compose(family -> revokeFamily(tx.conn(), family, "refresh_reuse").map(sids -> {
                ended.addAll(sids);
                return (JsonObject) null;
              }));
        }))
        .compose(result -> revocations.announce(ended).map(result))
        .compose(result -> result != null ? Future.succeededFuture(result)
            : Future.failedFuture(new ApiError(401, "REFRESH_TOKEN_REUSED",
                "this refresh token was already used; the session is revoked, sign in again")));
  }

  /** Ends the session (the refresh token's whole family): its access tokens are refused at once on every node. */
  public Future<Void> logout(String refreshToken) {
    return db.inTransaction(tx -> tx.conn().preparedQuery("SELECT family FROM refresh_tokens WHERE token_hash = $1")
            .execute(Tuple.of(Hashing.sha256Hex(refreshToken)))
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture(List.<String>of())
                : revokeFamily(tx.conn(), rows.iterator().next().getUUID("family"), "logout")))
        .compose(revocations::announce);
  }

  /**
   * Ends every session of an account (inside the caller's transaction); the ended session ids,
   * which the caller hands to {@link #announce} once the transaction has committed.
   */
  static Future<List<String>> endAllSessions(SqlClient conn, long userId, String why) {
    return conn.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL "
            + "AND used_at IS NULL AND expires_at > now()")
        .execute(Tuple.of(userId))
        // Sessions whose refresh chain ran out long ago have no live access token left to refuse.
        .compose(v -> conn.preparedQuery("UPDATE sessions s SET revoked_at = now(), revoked_why = $2 "
                + "WHERE s.user_id = $1 AND s.revoked_at IS NULL AND EXISTS (SELECT 1 FROM refresh_tokens t "
                + "WHERE t.family = s.id AND t.expires_at > now() - interval '1 day') RETURNING s.id::text")
            .execute(Tuple.of(userId, why)))
        .map(AuthService::ids);
  }

  /**
   * Admins only: ends every session of the account with this e-mail (a lost phone, a leaked
   * password); its access tokens are refused at once on every node and its live sockets signed out.
   */
  public Future<JsonObject> signOutEverywhere(Caller caller, JsonObject req) {
    if (!caller.isAdmin()) {
      return Future.failedFuture(ApiError.forbidden("only an admin signs an account out everywhere"));
    }
    String email = req.getString("email").trim();
    List<String> ended = new ArrayList<>();
    return db.inTransaction(tx -> tx.conn().preparedQuery("SELECT id, email FROM users WHERE lower(email) = lower($1)")
            .execute(Tuple.of(email))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(ApiError.unprocessable("UNKNOWN_USER", "no account with the email " + email));
              }
              Row u = rows.iterator().next();
              return endAllSessions(tx.conn(), u.getLong("id"), "sign_out_everywhere").map(sids -> {
                ended.addAll(sids);
                return new JsonObject().put("userId", u.getLong("id")).put("email", u.getString("email"))
                    .put("sessionsEnded", sids.size());
              });
            }))
        .compose(out -> announce(ended).map(out));
  }

  /** Every node now refuses these sessions' access tokens (call after the revoking transaction committed). */
  Future<Void> announce(List<String> sids) {
    return revocations.announce(sids);
  }

  private static Future<List<String>> revokeFamily(SqlClient conn, UUID family, String why) {
    return conn.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE family = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(family))
        .compose(v -> conn.preparedQuery("UPDATE sessions SET revoked_at = now(), revoked_why = $2 "
                + "WHERE id = $1 AND revoked_at IS NULL RETURNING id::text")
            .execute(Tuple.of(family, why)))
        .map(AuthService::ids);
  }

  private static List<String> ids(io.vertx.sqlclient.RowSet<Row> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getString(0)));
    return out;
  }

  private Future<JsonObject> startSession(JsonObject user) {
    return issue(db.pool(), user, UUID.randomUUID(), true);
  }

  /** A new session (token pair) for an account, written through {@code conn} (a transaction's, or the pool). */
  public Future<JsonObject> openSession(SqlClient conn, JsonObject user) {
    return issue(conn, user, UUID.randomUUID(), true);
  }

  /** A token pair of session {@code family} (its id is the access token's {@code sid}); a new session is recorded first. */
  private Future<JsonObject> issue(SqlClient conn, JsonObject user, UUID family, boolean newSession) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String access = jwt.generateToken(
        new JsonObject().put("sub", String.valueOf(user.getLong("id"))).put("role", user.getString("role"))
            .put("name", user.getString("displayName")).put(SessionTokens.SID, family.toString()),
        new JWTOptions().setAlgorithm(SigningKeys.ALGORITHM).setIssuer(SigningKeys.ISSUER)
            .setExpiresInSeconds(config.accessTokenSeconds()));
    Future<?> recorded = !newSession ? Future.succeededFuture()
        : conn.preparedQuery("INSERT INTO sessions (id, user_id) VALUES ($1, $2)").execute(Tuple.of(family, user.getLong("id")));
    return recorded.compose(v -> conn.preparedQuery("INSERT INTO refresh_tokens (user_id, family, token_hash, expires_at) "
            + "VALUES ($1, $2, $3, now() + make_interval(days => $4))")
        .execute(Tuple.of(user.getLong("id"), family, Hashing.sha256Hex(refreshToken), config.refreshTokenDays())))
        .map(v -> new JsonObject()
            .put("user", user)
            .put("accessToken", access)
            .put("tokenType", "Bearer")
            .put("expiresIn", config.accessTokenSeconds())
            .put("refreshToken", refreshToken));
  }

  static Future<JsonObject> loadUser(SqlClient conn, long id) {
    return conn.preparedQuery("SELECT id, email, display_name, role FROM users WHERE id = $1").execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.unauthenticated("the account no longer exists"))
            : Future.succeededFuture(userJson(rows.iterator().next())));
  }

  static JsonObject userJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("email", r.getString("email"))
        .put("displayName", r.getString("display_name")).put("role", r.getString("role"));
  }

}
