package gala.registration;

import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Entries into competitions. Capacity is enforced under a row lock on the competition, so a burst
 * of registrations never confirms more than it holds; the rest are waitlisted in arrival order.
 */
public final class RegistrationService {
  private static final String ENTRY_COLUMNS = "e.id, e.competition_id, e.user_id, e.unit_id, u.name AS unit_name, "
      + "e.display_name, e.status, e.waitlist_position";
  private final SqlClient pool;
  private final TopicLog topics;

  public RegistrationService(SqlClient pool, TopicLog topics) {
    this.pool = pool;
    this.topics = topics;
  }

  /**
   * Registers the caller, or, when {@code displayName} is given, an athlete without an account
   * (organisers only). Runs inside the idempotent transaction {@code tx}.
   */
  public Future<Reply> register(Tx tx, Caller caller, long competitionId, JsonObject req) {
    SqlClient conn = tx.conn();
    String athlete = req.getString("displayName");
    Long unitId = req.getLong("unitId");
    return conn.preparedQuery("SELECT event_id, capacity FROM competitions WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(competitionId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("competition " + competitionId));
          }
          long eventId = rows.iterator().next().getLong("event_id");
          int capacity = rows.iterator().next().getInteger("capacity");
          Future<String> name = athlete != null
              ? EventAccess.requireOrganiser(conn, caller, eventId).map(v -> athlete.trim())
              : conn.preparedQuery("SELECT display_name FROM users WHERE id = $1").execute(Tuple.of(caller.userId()))
                  .map(r -> r.iterator().next().getString(0));
          return name.compose(n -> checkUnit(conn, eventId, unitId).map(n))
              .compose(n -> insert(conn, caller, competitionId, capacity, athlete == null, unitId, n));
        })
        .compose(entryId -> topics.refresh(tx, "scoreboard:" + competitionId).map(entryId))
        .compose(entryId -> entry(conn, entryId))
        .map(Reply::created);
  }

  public Future<JsonArray> listEntries(long competitionId) {
    return EventAccess.eventOf(pool, competitionId).compose(e -> pool
        .preparedQuery("SELECT " + ENTRY_COLUMNS + " FROM entries e LEFT JOIN units u ON u.id = e.unit_id "
            + "WHERE e.competition_id = $1 ORDER BY e.status = 'WAITLISTED', e.waitlist_position, e.id")
        .execute(Tuple.of(competitionId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(entryJson(r)));
          return out;
        }));
  }

  private static Future<Void> checkUnit(SqlClient conn, long eventId, Long unitId) {
    if (unitId == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("SELECT 1 FROM units WHERE id = $1 AND event_id = $2").execute(Tuple.of(unitId, eventId))
        .compose(r -> r.size() == 1 ? Future.succeededFuture()
            : Future.failedFuture(ApiError.unprocessable("UNKNOWN_UNIT", "unit " + unitId + " is not a unit of this event")));
  }

  private static Future<Long> insert(SqlClient conn, Caller caller, long competitionId, int capacity, boolean self,
      Long unitId, String name) {
    return conn.preparedQuery("SELECT count(*) FILTER (WHERE status IN ('CONFIRMED', 'CHECKED_IN')) AS taken, "
            + "coalesce(max(waitlist_position) FILTER (WHERE status = 'WAITLISTED'), 0) AS last_position "
            + "FROM entries WHERE competition_id = $1")
        .execute(Tuple.of(competitionId))
        .compose(rows -> {
          Row r = rows.iterator().next();
          boolean confirmed = r.getLong("taken") < capacity;
          Integer position = confirmed ? null : r.getInteger("last_position") + 1;
          return conn.preparedQuery("INSERT INTO entries (competition_id, user_id, unit_id, display_name, status, "
                  + "waitlist_position, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
              .execute(Tuple.of(competitionId, self ? caller.userId() : null, unitId, name,
                  confirmed ? "CONFIRMED" : "WAITLISTED", position, caller.userId()));
        })
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiError.conflict("ALREADY_REGISTERED", "you are already registered in this competition") : e))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static Future<JsonObject> entry(SqlClient conn, long entryId) {
    return conn.preparedQuery("SELECT " + ENTRY_COLUMNS + " FROM entries e LEFT JOIN units u ON u.id = e.unit_id "
            + "WHERE e.id = $1")
        .execute(Tuple.of(entryId))
        .map(rows -> entryJson(rows.iterator().next()));
  }

  static JsonObject entryJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("competitionId", r.getLong("competition_id"))
        .put("userId", r.getLong("user_id")).put("unitId", r.getLong("unit_id")).put("unit", r.getString("unit_name"))
        .put("displayName", r.getString("display_name")).put("status", r.getString("status"))
        .put("waitlistPosition", r.getInteger("waitlist_position"));
  }
}
