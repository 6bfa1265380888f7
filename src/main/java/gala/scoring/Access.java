package gala.scoring;

import gala.access.Standing;
import gala.platform.Caller;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * What the caller may do on a competition's scoring, as the one access component (gala.access)
 * decides it: organiser of its event, head judge, judge; and whether its results are hidden.
 */
record Access(long competitionId, Standing standing) {

  long eventId() {
    return standing.eventId();
  }

  boolean judge() {
    return standing.judge();
  }

  boolean organiser() {
    return standing.organises();
  }

  boolean hidden() {
    return standing.resultsHidden();
  }

  /** Scores the competition: its judges and the event's organisers. */
  boolean staff() {
    return standing.scores();
  }

  boolean headOrOrganiser() {
    return standing.reviews();
  }

  /** 404 when the competition does not exist; a null caller (spectator) has no roles. */
  static Future<Access> of(SqlClient db, Caller caller, long competitionId) {
    return gala.access.Access.competition(db, caller, competitionId).map(s -> new Access(competitionId, s));
  }
}
