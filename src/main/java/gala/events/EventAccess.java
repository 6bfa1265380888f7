package gala.events;

import gala.access.Access;
import gala.access.Rule;
import gala.access.Target;
import gala.platform.ApiError;
import gala.platform.Caller;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The organiser checks features make inside their transactions, answered by the one access rule
 * (gala.access.Access): a private event is 404 to a stranger, 403 to a member who is no organiser.
 */
public final class EventAccess {
  private EventAccess() {}

  /** Succeeds when the caller organises the event (admins too); 404 when it does not exist or is hidden, else 403. */
  public static Future<Void> requireOrganiser(SqlClient db, Caller caller, long eventId) {
    return Access.requireOrganiser(db, caller, eventId).mapEmpty();
  }

  /** The event a competition belongs to; 404 when the competition does not exist. */
  public static Future<Long> eventOf(SqlClient db, long competitionId) {
    return db.preparedQuery("SELECT event_id FROM competitions WHERE id = $1").execute(Tuple.of(competitionId))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(ApiError.notFound("competition " + competitionId))
            : Future.succeededFuture(rows.iterator().next().getLong(0)));
  }

  public static Future<Void> requireCompetitionOrganiser(SqlClient db, Caller caller, long competitionId) {
    return Access.require(db, caller, Target.competition(competitionId), Rule.ORGANISER).mapEmpty();
  }
}
