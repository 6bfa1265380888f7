package gala.events;

import gala.platform.ApiError;
import gala.platform.Caller;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** Who may act on an event: its organisers, and admins on every event. */
public final class EventAccess {
  private EventAccess() {}

  /** Succeeds when the caller organises the event; 404 when it does not exist, 403 otherwise. */
  public static Future<Void> requireOrganiser(SqlClient db, Caller caller, long eventId) {
    return db.preparedQuery("SELECT EXISTS (SELECT 1 FROM event_organisers WHERE event_id = $1 AND user_id = $2) AS mine "
            + "FROM events WHERE id = $1")
        .execute(Tuple.of(eventId, caller.userId()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("event " + eventId));
          }
          if (!caller.isAdmin() && !rows.iterator().next().getBoolean("mine")) {
            return Future.failedFuture(ApiError.forbidden("only the event's organisers may do this"));
          }
          return Future.succeededFuture();
        });
  }

  /** The event a competition belongs to; 404 when the competition does not exist. */
  public static Future<Long> eventOf(SqlClient db, long competitionId) {
    return db.preparedQuery("SELECT event_id FROM competitions WHERE id = $1").execute(Tuple.of(competitionId))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiError.notFound("competition " + competitionId))
            : Future.succeededFuture(rows.iterator().next().getLong(0)));
  }

  public static Future<Void> requireCompetitionOrganiser(SqlClient db, Caller caller, long competitionId) {
    return eventOf(db, competitionId).compose(eventId -> requireOrganiser(db, caller, eventId));
  }
}
