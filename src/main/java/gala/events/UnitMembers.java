package gala.events;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.CodeGuesses;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.ShortCodes;
import gala.platform.Throttle.Limit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Who belongs to a unit. A person joins with one of the unit's join codes (its contact hands out the
 * code or its link), or the contact or an organiser adds them by e-mail. Membership is what the
 * server knows about a person's unit: registering oneself uses it, never a unit named in the request.
 * Join codes are stored only as hashes (shown once, to their maker), revocable, and guessing them is
 * throttled per address like sign-in.
 */
public final class UnitMembers {
  static final int CODE_LENGTH = 8;
  /** The page a shared join link opens. */
  public static final String PAGE = "/units.html?code=";
  /** Refused join codes per client address. */
  static final Limit GUESSES = new Limit("refused unit join codes per address", 20, Duration.ofMinutes(15));
  private static final String MEMBER_COLUMNS = "m.user_id, us.display_name, m.joined_at, m.via_code_id, "
      + "ab.display_name AS added_by_name";
  private final Database db;
  private final CodeGuesses guesses;

  public UnitMembers(Database db) {
    this.db = db;
    this.guesses = new CodeGuesses(db.pool(), GUESSES, code -> code.startsWith("UNIT_CODE_"));
  }

  CodeGuesses guesses() {
    return guesses;
  }

  /**
   * The units of an event a person belongs to: as a member, or as the unit's contact (the person the
   * organisers named for it). Ordered by id.
   */
  public static Future<List<Long>> unitsOf(SqlClient conn, long eventId, long userId) {
    return conn.preparedQuery("SELECT u.id FROM units u WHERE u.event_id = $1 AND (u.contact_user_id = $2 "
            + "OR EXISTS (SELECT 1 FROM unit_members m WHERE m.unit_id = u.id AND m.user_id = $2)) ORDER BY u.id")
        .execute(Tuple.of(eventId, userId))
        .map(rows -> {
          List<Long> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getLong(0)));
          return out;
        });
  }

  /** {@link #unitsOf} for several people at once (one statement): each person's units, ordered by id; none: absent. */
  public static Future<java.util.Map<Long, List<Long>>> unitsOfAll(SqlClient conn, long eventId, java.util.Collection<Long> userIds) {
    return conn.preparedQuery("SELECT x.uid, u.id FROM unnest($2::bigint[]) x(uid) JOIN units u ON u.event_id = $1 "
            + "AND (u.contact_user_id = x.uid OR EXISTS (SELECT 1 FROM unit_members m WHERE m.unit_id = u.id AND m.user_id = x.uid)) "
            + "ORDER BY x.uid, u.id")
        .execute(Tuple.tuple().addValue(eventId).addValue(userIds.toArray(new Long[0])))
        .map(rows -> {
          java.util.Map<Long, List<Long>> out = new java.util.HashMap<>();
          rows.forEach(r -> out.computeIfAbsent(r.getLong(0), k -> new ArrayList<>()).add(r.getLong(1)));
          return out;
        });
  }

  /** The caller's units in every event: what they contact and what they are a member of. */
  public Future<JsonArray> mine(Caller caller) {
    return db.pool().preparedQuery("SELECT u.id, u.event_id, ev.title AS event, ev.starts_on, ev.ends_on, u.name, "
            + "(u.contact_user_id = $1) IS TRUE AS is_contact, "
            + "EXISTS (SELECT 1 FROM unit_members m WHERE m.unit_id = u.id AND m.user_id = $1) AS is_member, "
            + "(SELECT count(*) FROM unit_members m WHERE m.unit_id = u.id) AS members "
            + "FROM units u JOIN events ev ON ev.id = u.event_id "
            + "WHERE u.contact_user_id = $1 OR EXISTS (SELECT 1 FROM unit_members m WHERE m.unit_id = u.id AND m.user_id = $1) "
            + "ORDER BY ev.starts_on DESC, ev.id DESC, u.id")
        .execute(Tuple.of(caller.userId()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("eventId", r.getLong("event_id"))
              .put("event", r.getString("event")).put("startsOn", r.getLocalDate("starts_on").toString())
              .put("endsOn", r.getLocalDate("ends_on").toString()).put("name", r.getString("name"))
              .put("contact", r.getBoolean("is_contact")).put("member", r.getBoolean("is_member"))
              .put("members", r.getLong("members"))));
          return out;
        });
  }

  /** A unit's members (its contact and the organisers: gala.access decided). */
  public Future<JsonArray> members(long unitId) {
    return db.pool().preparedQuery("SELECT " + MEMBER_COLUMNS + " FROM unit_members m JOIN users us ON us.id = m.user_id "
            + "LEFT JOIN users ab ON ab.id = m.added_by WHERE m.unit_id = $1 ORDER BY m.joined_at, m.user_id")
        .execute(Tuple.of(unitId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(memberJson(r)));
          return out;
        });
  }

  /** Adds the account with {@code email}; adding a member again changes nothing (200, not 201). */
  public Future<Reply> add(Caller caller, long unitId, String email) {
    return db.inTransaction(tx -> tx.conn().preparedQuery("SELECT id FROM users WHERE lower(email) = lower($1)")
        .execute(Tuple.of(email.trim()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new ApiError(422, "UNKNOWN_USER", "no account with the email " + email,
                new JsonObject().put("email", email.trim())));
          }
          long userId = rows.iterator().next().getLong(0);
          return tx.conn().preparedQuery("INSERT INTO unit_members (unit_id, user_id, added_by) VALUES ($1, $2, $3) "
                  + "ON CONFLICT (unit_id, user_id) DO NOTHING RETURNING user_id")
              .execute(Tuple.of(unitId, userId, caller.userId()))
              .compose(ins -> member(tx.conn(), unitId, userId).map(m -> ins.size() == 1 ? Reply.created(m) : Reply.ok(m)));
        }));
  }

  /** Takes a person off the unit; their entries stay (an organiser withdraws those). Already gone: nothing to do. */
  public Future<Void> remove(long unitId, long userId) {
    return db.pool().preparedQuery("DELETE FROM unit_members WHERE unit_id = $1 AND user_id = $2")
        .execute(Tuple.of(unitId, userId)).mapEmpty();
  }

  private static Future<JsonObject> member(SqlClient conn, long unitId, long userId) {
    return conn.preparedQuery("SELECT " + MEMBER_COLUMNS + " FROM unit_members m JOIN users us ON us.id = m.user_id "
            + "LEFT JOIN users ab ON ab.id = m.added_by WHERE m.unit_id = $1 AND m.user_id = $2")
        .execute(Tuple.of(unitId, userId))
        .map(rows -> memberJson(rows.iterator().next()));
  }

  private static JsonObject memberJson(Row r) {
    return new JsonObject().put("userId", r.getLong("user_id")).put("displayName", r.getString("display_name"))
        .put("joinedAt", r.getOffsetDateTime("joined_at").toString())
        .put("via", r.getLong("via_code_id") != null ? "code" : "added")
        .put("addedByName", r.getString("added_by_name"));
  }

  // ---- join codes ----

  /** A new join code; the code itself is in this answer only (the database keeps its hash). */
  public Future<JsonObject> createCode(Caller caller, long unitId) {
    return insertCode(caller, unitId, 2);
  }

  private Future<JsonObject> insertCode(Caller caller, long unitId, int tries) {
    String code = ShortCodes.random(CODE_LENGTH);
    return db.pool().preparedQuery("INSERT INTO unit_join_codes (unit_id, code_hash, hint, created_by) VALUES ($1, $2, $3, $4) "
            + "RETURNING id, created_at")
        .execute(Tuple.of(unitId, io.vertx.core.buffer.Buffer.buffer(hash(code)), code.substring(CODE_LENGTH - 2), caller.userId()))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("id", r.getLong("id")).put("code", ShortCodes.display(code)).put("url", PAGE + code)
              .put("hint", code.substring(CODE_LENGTH - 2)).put("createdAt", r.getOffsetDateTime("created_at").toString())
              .put("uses", 0).put("status", "active");
        })
        // Two live codes drawn alike (one in 30^8): draw again.
        .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState()) && tries > 0
            ? insertCode(caller, unitId, tries - 1) : Future.failedFuture(e));
  }

  /** The unit's join codes (without the codes themselves), newest first. */
  public Future<JsonArray> codes(long unitId) {
    return db.pool().preparedQuery("SELECT k.id, k.hint, k.created_at, k.revoked_at, k.uses, u.display_name AS created_by_name "
            + "FROM unit_join_codes k JOIN users u ON u.id = k.created_by WHERE k.unit_id = $1 ORDER BY k.id DESC")
        .execute(Tuple.of(unitId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(codeJson(r)));
          return out;
        });
  }

  /** Stops a code from working; members who joined with it stay. Revoking twice changes nothing. */
  public Future<JsonObject> revokeCode(long unitId, long codeId) {
    return db.pool().preparedQuery("UPDATE unit_join_codes k SET revoked_at = coalesce(k.revoked_at, now()) "
            + "FROM users u WHERE u.id = k.created_by AND k.id = $1 AND k.unit_id = $2 "
            + "RETURNING k.id, k.hint, k.created_at, k.revoked_at, k.uses, u.display_name AS created_by_name")
        .execute(Tuple.of(codeId, unitId))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(new ApiError(404, "NOT_FOUND", "this unit has no join code " + codeId))
            : Future.succeededFuture(codeJson(rows.iterator().next())));
  }

  private static JsonObject codeJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("hint", r.getString("hint"))
        .put("createdAt", r.getOffsetDateTime("created_at").toString()).put("createdByName", r.getString("created_by_name"))
        .put("uses", r.getInteger("uses"))
        .put("revokedAt", r.getOffsetDateTime("revoked_at") == null ? null : r.getOffsetDateTime("revoked_at").toString())
        .put("status", r.getOffsetDateTime("revoked_at") == null ? "active" : "revoked");
  }

  /**
   * Joins the caller to the unit of a join code: 201 with the unit, or 200 when already a member.
   * An unknown code is 422 UNIT_CODE_UNKNOWN, a revoked one 422 UNIT_CODE_REVOKED.
   */
  public Future<Reply> join(Caller caller, String typed) {
    String code = ShortCodes.normalise(typed);
    if (!ShortCodes.wellFormed(code, CODE_LENGTH)) {
      return Future.failedFuture(unknown());
    }
    return db.inTransaction(tx -> tx.conn().preparedQuery("SELECT k.id, k.unit_id, k.revoked_at, u.name, u.event_id, "
                + "ev.title AS event FROM unit_join_codes k JOIN units u ON u.id = k.unit_id JOIN events ev ON ev.id = u.event_id "
                + "WHERE k.code_hash = $1 FOR UPDATE OF k")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(hash(code))))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(unknown());
          }
          Row k = rows.iterator().next();
          if (k.getOffsetDateTime("revoked_at") != null) {
            return Future.failedFuture(ApiError.unprocessable("UNIT_CODE_REVOKED",
                "this join code was withdrawn: ask your unit's contact for a new one"));
          }
          JsonObject unit = new JsonObject().put("id", k.getLong("unit_id")).put("name", k.getString("name"))
              .put("eventId", k.getLong("event_id")).put("event", k.getString("event"));
          return tx.conn().preparedQuery("INSERT INTO unit_members (unit_id, user_id, via_code_id) VALUES ($1, $2, $3) "
                  + "ON CONFLICT (unit_id, user_id) DO NOTHING RETURNING user_id")
              .execute(Tuple.of(k.getLong("unit_id"), caller.userId(), k.getLong("id")))
              .compose(ins -> ins.size() == 0
                  ? Future.succeededFuture(Reply.ok(new JsonObject().put("unit", unit).put("alreadyMember", true)))
                  : tx.conn().preparedQuery("UPDATE unit_join_codes SET uses = uses + 1 WHERE id = $1").execute(Tuple.of(k.getLong("id")))
                      .map(v -> Reply.created(new JsonObject().put("unit", unit).put("alreadyMember", false))));
        }));
  }

  private static ApiError unknown() {
    return ApiError.unprocessable("UNIT_CODE_UNKNOWN", "this is not a unit join code: check what you typed");
  }

  static byte[] hash(String normalisedCode) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(normalisedCode.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
