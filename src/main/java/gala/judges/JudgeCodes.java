package gala.judges;

import gala.auth.AuthService;
import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.CodeGuesses;
import gala.platform.Throttle.Limit;
import gala.platform.Database;
import gala.platform.ShortCodes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Judge codes: an organiser's invitation to judge one competition, typed (eight symbols) or scanned
 * (a QR of the redemption page's URL). A code expires, may be used a set number of times and can be
 * revoked; redeeming it assigns the redeemer, signed in or signing up in the same call.
 */
public final class JudgeCodes {
  static final int CODE_LENGTH = 8;
  static final int DEFAULT_HOURS = 48;
  static final int MAX_DAYS = 90;
  /** The page a scanned code opens; front-web's redemption page. */
  public static final String PAGE = "/judge-join.html?code=";
  private static final String COLUMNS = "k.id, k.code, k.competition_id, c.name AS competition, c.event_id, ev.title AS event, "
      + "k.is_head, k.judge_name, k.expires_at, k.max_uses, k.uses, k.revoked_at, k.created_at, now() AS now, "
      + "(SELECT coalesce(json_agg(json_build_object('userId', u.id, 'displayName', u.display_name, 'at', r.redeemed_at) "
      + "   ORDER BY r.redeemed_at), '[]') FROM judge_code_redemptions r JOIN users u ON u.id = r.user_id "
      + "   WHERE r.code_id = k.id) AS redeemed_by";
  private static final String FROM = " FROM judge_codes k JOIN competitions c ON c.id = k.competition_id "
      + "JOIN events ev ON ev.id = c.event_id ";
  /** Refused judge codes per client address (preview and redeem together), counted across nodes. */
  static final Limit GUESSES = new Limit("refused judge codes per address", 20, Duration.ofMinutes(15));
  private final Database db;
  private final AuthService auth;
  private final CodeGuesses guesses;

  public JudgeCodes(Database db, AuthService auth) {
    this.db = db;
    this.guesses = new CodeGuesses(db.pool(), GUESSES, code -> code.startsWith("JUDGE_CODE_"));
    this.auth = auth;
  }

  CodeGuesses guesses() {
    return guesses;
  }

  // ---- the organiser's side ----

  public Future<JsonObject> create(Caller caller, long competitionId, JsonObject req) {
    int maxUses = req.getInteger("maxUses", 1);
    return db.inTransaction(tx -> EventAccess.requireCompetitionOrganiser(tx.conn(), caller, competitionId)
        .compose(v -> tx.conn().query("SELECT now()").execute())
        .compose(now -> {
          OffsetDateTime expires = expiry(req, now.iterator().next().getOffsetDateTime(0));
          return insert(tx.conn(), competitionId, req, expires, maxUses, caller.userId(), 2);
        })
        .compose(id -> one(tx.conn(), id)));
  }

  private static Future<Long> insert(SqlClient conn, long competitionId, JsonObject req, OffsetDateTime expires, int maxUses,
      long by, int tries) {
    return conn.preparedQuery("INSERT INTO judge_codes (competition_id, is_head, judge_name, expires_at, max_uses, created_by) "
            + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .execute(Tuple.of(competitionId, req.getBoolean("head", false), trimmed(req.getString("judgeName")), expires, maxUses, by))
        .map(rows -> rows.iterator().next().getLong(0))
        // One random code in 30^8 colliding with a live one: draw again (the row was not written).
        .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState()) && tries > 0
            ? insert(conn, competitionId, req, expires, maxUses, by, tries - 1) : Future.failedFuture(e));
  }

  private static OffsetDateTime expiry(JsonObject req, OffsetDateTime now) {
    String at = req.getString("expiresAt");
    if (at == null) {
      return now.plusHours(req.getInteger("validHours", DEFAULT_HOURS));
    }
    OffsetDateTime t;
    try {
      t = OffsetDateTime.parse(at);
    } catch (DateTimeParseException e) {
      throw ApiError.unprocessable("BAD_TIME", "expiresAt must be a date-time with offset, like 2026-12-01T18:00:00+08:00");
    }
    if (!t.isAfter(now)) {
      throw ApiError.unprocessable("EXPIRY_IN_PAST", "expiresAt is not in the future");
    }
    if (t.isAfter(now.plusDays(MAX_DAYS))) {
      throw ApiError.unprocessable("EXPIRY_TOO_FAR", "a judge code is valid for at most " + MAX_DAYS + " days");
    }
    return t;
  }

  public Future<JsonArray> list(Caller caller, long competitionId) {
    return EventAccess.requireCompetitionOrganiser(db.pool(), caller, competitionId)
        .compose(v -> db.pool().preparedQuery("SELECT " + COLUMNS + FROM + "WHERE k.competition_id = $1 ORDER BY k.id DESC")
            .execute(Tuple.of(competitionId)))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(json(r)));
          return out;
        });
  }

  /** Revokes a code (its event's organisers); judges it made stay until removed. */
  public Future<JsonObject> revoke(Caller caller, long codeId) {
    return db.inTransaction(tx -> requireCodeOrganiser(tx.conn(), caller, codeId)
        .compose(v -> tx.conn().preparedQuery("UPDATE judge_codes SET revoked_at = now(), revoked_by = $2 "
            + "WHERE id = $1 AND revoked_at IS NULL").execute(Tuple.of(codeId, caller.userId())))
        .compose(v -> one(tx.conn(), codeId)));
  }

  /** The code a QR is drawn for, after checking the caller organises its event. */
  public Future<String> codeFor(Caller caller, long codeId) {
    return requireCodeOrganiser(db.pool(), caller, codeId).compose(v -> one(db.pool(), codeId)).map(c -> c.getString("code"));
  }

  private static Future<Void> requireCodeOrganiser(SqlClient conn, Caller caller, long codeId) {
    return conn.preparedQuery("SELECT competition_id FROM judge_codes WHERE id = $1").execute(Tuple.of(codeId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("judge code " + codeId))
            : EventAccess.requireCompetitionOrganiser(conn, caller, rows.iterator().next().getLong(0)));
  }

  private static Future<JsonObject> one(SqlClient conn, long id) {
    return conn.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE k.id = $1").execute(Tuple.of(id))
        .map(rows -> json(rows.iterator().next()));
  }

  static String status(Row r) {
    if (r.getOffsetDateTime("revoked_at") != null) {
      return "revoked";
    }
    if (!r.getOffsetDateTime("expires_at").isAfter(r.getOffsetDateTime("now"))) {
      return "expired";
    }
    return r.getInteger("uses") >= r.getInteger("max_uses") ? "used_up" : "active";
  }

  private static JsonObject json(Row r) {
    Object redeemed = r.getValue("redeemed_by");
    return new JsonObject().put("id", r.getLong("id")).put("code", r.getString("code"))
        .put("competitionId", r.getLong("competition_id")).put("competition", r.getString("competition"))
        .put("eventId", r.getLong("event_id")).put("head", r.getBoolean("is_head")).put("judgeName", r.getString("judge_name"))
        .put("expiresAt", r.getOffsetDateTime("expires_at").toString()).put("maxUses", r.getInteger("max_uses"))
        .put("uses", r.getInteger("uses")).put("revokedAt", text(r.getOffsetDateTime("revoked_at")))
        .put("status", status(r)).put("url", PAGE + r.getString("code"))
        .put("createdAt", r.getOffsetDateTime("created_at").toString())
        .put("redeemedBy", redeemed instanceof JsonArray a ? a : new JsonArray());
  }

  // ---- the judge's side ----

  /** What the code would do, refused exactly as a redemption would be; spends nothing. */
  public Future<JsonObject> preview(JsonObject req) {
    return find(db.pool(), req, false).map(JudgeCodes::previewJson);
  }

  /**
   * Finds a code and checks it can be used: unknown, of another event (when the page names one),
   * revoked, expired or used up are each refused with their own code. {@code lock} holds the row
   * for the redeeming transaction.
   */
  static Future<Row> find(SqlClient conn, JsonObject req, boolean lock) {
    String code = ShortCodes.normalise(req.getString("code"));
    if (!ShortCodes.wellFormed(code, CODE_LENGTH)) {
      return Future.failedFuture(unknown());
    }
    return conn.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE k.code = $1" + (lock ? " FOR UPDATE OF k" : ""))
        .execute(Tuple.of(code))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(unknown()) : otherEvent(conn, req, rows.iterator().next()))
        .compose(r -> {
          String status = status(r);
          return switch (status) {
            case "revoked" -> Future.failedFuture(ApiError.unprocessable("JUDGE_CODE_REVOKED",
                "the organiser has withdrawn this judge code: ask them for a new one"));
            case "expired" -> Future.failedFuture(new ApiError(422, "JUDGE_CODE_EXPIRED",
                "this judge code expired: ask the organiser for a new one",
                new JsonObject().put("expiresAt", r.getOffsetDateTime("expires_at").toString())));
            case "used_up" -> Future.failedFuture(ApiError.unprocessable("JUDGE_CODE_USED_UP",
                "this judge code has been used as often as it may: ask the organiser for a new one"));
            default -> Future.succeededFuture(r);
          };
        });
  }

  private static Future<Row> otherEvent(SqlClient conn, JsonObject req, Row r) {
    Long eventId = req.getLong("eventId");
    Long competitionId = req.getLong("competitionId");
    Future<Long> pageEvent = eventId != null ? Future.succeededFuture(eventId)
        : competitionId != null ? conn.preparedQuery("SELECT event_id FROM competitions WHERE id = $1")
            .execute(Tuple.of(competitionId)).map(rows -> rows.size() == 0 ? -1L : rows.iterator().next().getLong(0))
        : Future.succeededFuture(null);
    return pageEvent.compose(ev -> ev == null || ev.longValue() == r.getLong("event_id") ? Future.succeededFuture(r)
        : Future.failedFuture(new ApiError(422, "JUDGE_CODE_OTHER_EVENT", "this judge code is for " + r.getString("competition")
            + " of " + r.getString("event") + ", not for this event", new JsonObject()
            .put("competitionId", r.getLong("competition_id")).put("competition", r.getString("competition"))
            .put("eventId", r.getLong("event_id")).put("event", r.getString("event")))));
  }

  private static ApiError unknown() {
    return ApiError.unprocessable("JUDGE_CODE_UNKNOWN", "this is not a judge code: check what you typed");
  }

  static JsonObject previewJson(Row r) {
    return new JsonObject().put("competitionId", r.getLong("competition_id")).put("competition", r.getString("competition"))
        .put("eventId", r.getLong("event_id")).put("event", r.getString("event")).put("head", r.getBoolean("is_head"))
        .put("judgeName", r.getString("judge_name")).put("expiresAt", r.getOffsetDateTime("expires_at").toString());
  }

  AuthService auth() {
    return auth;
  }

  Database db() {
    return db;
  }

  private static String trimmed(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
