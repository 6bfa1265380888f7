package gala.mixer;

import gala.mixer.seating.Person;
import gala.mixer.seating.RestReason;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The host's hand on a running mixer: the whole seating plan (table by table, who rests and why),
 * ending a round early or moving its end, moving a person between tables, and marking someone
 * gone. Organisers of the mixer's event only; each change is one transaction that appends its
 * delta to {@code mixer:<id>} (the seats of the tables it touched), so the plan on the host's
 * screen and each seat on the phones follow live.
 */
public final class MixerHost {
  /** The latest a round's end may be moved to, from now. */
  static final int MAX_EXTEND_MINUTES = 120;
  private final Database db;
  private final MixerTopic topic;

  MixerHost(Database db, MixerTopic topic) {
    this.db = db;
    this.topic = topic;
  }

  /** The plan of the current round: tables with their people, and everyone resting with the reason. */
  public Future<JsonObject> plan(Caller caller, long mixerId) {
    SqlClient pool = db.pool();
    return MixerService.requireOrganiser(pool, caller, mixerId)
        .compose(m -> MixerSource.seats(pool, mixerId, m.getInteger("current_round")).map(seats -> {
          Map<Integer, JsonArray> tables = new LinkedHashMap<>();
          JsonArray resting = new JsonArray();
          for (Object o : seats) {
            JsonObject s = (JsonObject) o;
            JsonObject person = new JsonObject().put("userId", s.getLong("id"))
                .put("displayName", s.getString("displayName")).put("minor", s.getBoolean("minor"));
            if (s.getBoolean("resting")) {
              resting.add(person.put("reason", s.getString("reason")));
            } else {
              tables.computeIfAbsent(s.getInteger("table"), t -> new JsonArray()).add(person);
            }
          }
          JsonArray out = new JsonArray();
          tables.forEach((t, people) -> out.add(new JsonObject().put("table", t).put("people", people)));
          return MixerService.clockJson(m).put("tables", out).put("resting", resting);
        }));
  }

  /** Ends the running round now; the next can start at once. */
  public Future<Reply> endRound(Tx tx, Caller caller, long mixerId) {
    SqlClient conn = tx.conn();
    return MixerService.requireOrganiser(conn, caller, mixerId)
        .compose(m -> conn.preparedQuery("UPDATE mixers SET round_open = FALSE, round_ends_at = now() "
                + "WHERE id = $1 AND round_open RETURNING id")
            .execute(Tuple.of(mixerId)))
        .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(noRound()) : topic.clock(tx, mixerId))
        .compose(v -> MixerService.mixer(conn, mixerId))
        .map(Reply::ok);
  }

  /** Moves the end of the running round (extend or shorten); never into the past. */
  public Future<Reply> setRoundEnd(Tx tx, Caller caller, long mixerId, JsonObject req) {
    SqlClient conn = tx.conn();
    OffsetDateTime endsAt;
    try {
      endsAt = OffsetDateTime.parse(req.getString("endsAt"));
    } catch (DateTimeParseException | NullPointerException e) {
      return Future.failedFuture(ApiError.invalid("endsAt", "format", "endsAt is a date-time such as 2026-12-02T20:15:00+08:00"));
    }
    return MixerService.requireOrganiser(conn, caller, mixerId)
        .compose(x -> conn.preparedQuery("SELECT round_open, now() AS now FROM mixers WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(mixerId)))
        .compose(rows -> {
          Row r = rows.iterator().next();
          OffsetDateTime now = r.getOffsetDateTime("now");
          if (!r.getBoolean("round_open")) {
            return Future.failedFuture(noRound());
          }
          if (!endsAt.isAfter(now)) {
            return Future.failedFuture(new ApiError(422, "ROUND_END_IN_PAST", "the round's end must be later than now",
                new JsonObject().put("endsAt", endsAt.toInstant().toString()).put("serverTime", now.toInstant().toString())));
          }
          if (endsAt.isAfter(now.plusMinutes(MAX_EXTEND_MINUTES))) {
            return Future.failedFuture(new ApiError(422, "ROUND_END_TOO_LATE", "a round ends at most "
                + MAX_EXTEND_MINUTES + " minutes from now", new JsonObject().put("maxMinutes", MAX_EXTEND_MINUTES)));
          }
          return conn.preparedQuery("UPDATE mixers SET round_ends_at = $2 WHERE id = $1").execute(Tuple.of(mixerId, endsAt));
        })
        .compose(v -> topic.clock(tx, mixerId))
        .compose(v -> MixerService.mixer(conn, mixerId))
        .map(Reply::ok);
  }

  /**
   * Moves a person to another table of the running round ({@code table} 0 or absent: they sit the
   * round out), or seats someone resting or arrived late. Refused, changing nothing: a table that
   * is not in the plan (one new table, numbered after the last, may be opened), a full table (k+1
   * people, three for pairs), a minor with adults or an adult with minors, and a table with anyone
   * they have already met.
   */
  public Future<Reply> move(Tx tx, Caller caller, long mixerId, JsonObject req) {
    SqlClient conn = tx.conn();
    long userId = req.getLong("userId");
    int table = req.getInteger("table", 0) == null ? 0 : req.getInteger("table", 0);
    return MixerService.requireOrganiser(conn, caller, mixerId)
        .compose(x -> MixerService.lockMixer(conn, mixerId))
        .compose(m -> {
          if (!m.getBoolean("round_open")) {
            return Future.failedFuture(noRound());
          }
          int round = m.getInteger("current_round");
          int maxSize = m.getInteger("group_size") == 2 ? 3 : m.getInteger("group_size") + 1;
          return conn.preparedQuery("SELECT p.user_id, p.age, p.checked_in, s.table_no FROM mixer_profiles p "
                  + "LEFT JOIN mixer_seats s ON s.mixer_id = p.mixer_id AND s.user_id = p.user_id AND s.round = $2 "
                  + "WHERE p.mixer_id = $1 AND (s.round IS NOT NULL OR p.user_id = $3)")
              .execute(Tuple.of(mixerId, round, userId))
              .compose(seats -> {
                Row mover = null;
                List<Row> mates = new ArrayList<>();
                Set<Integer> occupied = new HashSet<>();
                for (Row s : seats) {
                  Integer t = s.getInteger("table_no");
                  if (s.getLong("user_id") == userId) {
                    mover = s;
                    continue;
                  }
                  if (t != null && t > 0) {
                    occupied.add(t);
                  }
                  if (t != null && t == table && table > 0) {
                    mates.add(s);
                  }
                }
                if (mover == null) {
                  return Future.failedFuture(ApiError.notFound("participant " + userId + " in this mixer"));
                }
                if (!mover.getBoolean("checked_in")) {
                  return Future.failedFuture(new ApiError(409, "NOT_CHECKED_IN", "only people checked in can be seated",
                      new JsonObject().put("userId", userId)));
                }
                Integer now = mover.getInteger("table_no");
                if (now != null && now == table) {
                  return Future.succeededFuture(); // already there: nothing changes, nothing to tell
                }
                int newTable = occupied.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
                if (table > 0 && !occupied.contains(table) && table != newTable) {
                  return Future.failedFuture(new ApiError(422, "NO_SUCH_TABLE", "table " + table
                      + " is not in this round's plan", new JsonObject().put("table", table).put("newTable", newTable)));
                }
                return refusal(conn, mixerId, round, mover, mates, table, maxSize)
                    .compose(v -> reseat(conn, mixerId, round, userId, table, mates))
                    .compose(v -> topic.seats(tx, mixerId, round, userId, now == null, now == null ? 0 : now, table));
              });
        })
        .map(v -> Reply.ok(new JsonObject().put("mixerId", mixerId).put("userId", userId)
            .put("table", table > 0 ? table : null).put("resting", table == 0)));
  }

  private static Future<Void> refusal(SqlClient conn, long mixerId, int round, Row mover, List<Row> mates, int table,
      int maxSize) {
    if (table == 0) {
      return Future.succeededFuture();
    }
    JsonObject at = new JsonObject().put("table", table);
    if (mates.size() >= maxSize) {
      return Future.failedFuture(new ApiError(422, "TABLE_FULL", "table " + table + " already seats " + mates.size(),
          at.copy().put("size", maxSize)));
    }
    boolean minor = mover.getInteger("age") < Person.ADULT_AGE;
    if (mates.stream().anyMatch(s -> s.getInteger("age") < Person.ADULT_AGE != minor)) {
      return Future.failedFuture(new ApiError(422, minor ? "MINOR_TO_ADULT_TABLE" : "ADULT_TO_MINOR_TABLE",
          minor ? "a minor is never seated with adults" : "an adult is never seated with minors", at));
    }
    long userId = mover.getLong("user_id");
    Long[] others = mates.stream().map(s -> s.getLong("user_id")).toArray(Long[]::new);
    return MixerSeries.metBefore(conn, mixerId, round, userId, others).compose(met -> met.isEmpty()
        ? Future.succeededFuture()
        : Future.failedFuture(new ApiError(422, "ALREADY_MET", "they have already met someone at table " + table,
            at.copy().put("userIds", new JsonArray(met)))));
  }

  /**
   * The seat row follows the move, and the new table is a new meeting. The old table's meetings
   * stay: those people did sit together, so no later round (or mixer of the series) seats them
   * together again. Back to a table they already sat at this round, the meeting is there already.
   */
  private static Future<Void> reseat(SqlClient conn, long mixerId, int round, long userId, int table, List<Row> mates) {
    Long[] others = mates.stream().map(s -> s.getLong("user_id")).toArray(Long[]::new);
    return conn.preparedQuery("INSERT INTO mixer_seats (mixer_id, round, user_id, table_no, rest_reason) "
                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (mixer_id, round, user_id) "
                + "DO UPDATE SET table_no = EXCLUDED.table_no, rest_reason = EXCLUDED.rest_reason")
            .execute(Tuple.of(mixerId, round, userId, table, table == 0 ? RestReason.MOVED_BY_HOST.name() : null))
        .compose(v -> conn.preparedQuery("INSERT INTO mixer_meetings (mixer_id, user_a, user_b, round) "
                + "SELECT $1, least(u, $3), greatest(u, $3), $2 FROM unnest($4::bigint[]) AS u "
                + "ON CONFLICT (mixer_id, user_a, user_b) DO NOTHING")
            .execute(Tuple.of(mixerId, round, userId, others)))
        .mapEmpty();
  }

  /**
   * Someone left the evening: checked out (not seated again unless checked in), and out of the
   * running round's table, which their table mates see at once. The meetings of that round stay:
   * they did sit together, so they are not seated together again, later tonight or in the series.
   */
  public Future<Reply> markGone(Tx tx, Caller caller, long mixerId, long userId) {
    SqlClient conn = tx.conn();
    return MixerService.requireOrganiser(conn, caller, mixerId)
        .compose(x -> MixerService.lockMixer(conn, mixerId))
        .compose(m -> {
          int round = m.getInteger("current_round");
          return conn.preparedQuery("UPDATE mixer_profiles SET checked_in = FALSE, gone_at = now() "
                  + "WHERE mixer_id = $1 AND user_id = $2")
              .execute(Tuple.of(mixerId, userId))
              .compose(r -> r.rowCount() == 0
                  ? Future.failedFuture(ApiError.notFound("participant " + userId + " in this mixer"))
                  : !m.getBoolean("round_open") ? topic.header(tx, mixerId)
                  // The old table (read in the same statement) loses them: its rows go out with theirs.
                  : conn.preparedQuery("UPDATE mixer_seats s SET table_no = 0, rest_reason = 'LEFT' FROM mixer_seats o "
                          + "WHERE o.mixer_id = s.mixer_id AND o.round = s.round AND o.user_id = s.user_id "
                          + "AND s.mixer_id = $1 AND s.round = $2 AND s.user_id = $3 RETURNING o.table_no")
                      .execute(Tuple.of(mixerId, round, userId))
                      .compose(seat -> seat.size() == 0 ? topic.header(tx, mixerId)
                          : topic.seats(tx, mixerId, round, userId, false, seat.iterator().next().getInteger(0))));
        })
        .map(v -> Reply.ok(new JsonObject().put("mixerId", mixerId).put("userId", userId).put("checkedIn", false)
            .put("gone", true)));
  }

  private static ApiError noRound() {
    return ApiError.conflict("NO_ROUND_RUNNING", "no round is running");
  }
}
