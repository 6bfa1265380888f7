package gala.scoring;

import gala.platform.ApiError;
import gala.platform.Caller;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** What the caller may do on a competition's scoring: organiser of its event, head judge, judge. */
record Access(long competitionId, long eventId, boolean organiser, boolean judge, boolean head, boolean hidden) {

  boolean staff() {
    return organiser || judge;
  }

  boolean headOrOrganiser() {
    return organiser || head;
  }

  /** 404 when the competition does not exist; a null caller (spectator) has no roles. */
  static Future<Access> of(SqlClient db, Caller caller, long competitionId) {
    long uid = caller == null ? -1 : caller.userId();
    boolean admin = caller != null && caller.isAdmin();
    return db.preparedQuery("SELECT c.event_id, "
            + "EXISTS (SELECT 1 FROM event_organisers o WHERE o.event_id = c.event_id AND o.user_id = $2) AS organiser, "
            + "j.user_id IS NOT NULL AS judge, COALESCE(j.is_head, FALSE) AS head, COALESCE(v.hidden, FALSE) AS hidden "
            + "FROM competitions c LEFT JOIN competition_judges j ON j.competition_id = c.id AND j.user_id = $2 "
            + "LEFT JOIN scoreboard_visibility v ON v.competition_id = c.id WHERE c.id = $1")
        .execute(Tuple.of(competitionId, uid))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("competition " + competitionId));
          }
          Row r = rows.iterator().next();
          return Future.succeededFuture(new Access(competitionId, r.getLong("event_id"), admin || r.getBoolean("organiser"),
              r.getBoolean("judge"), r.getBoolean("head"), r.getBoolean("hidden")));
        });
  }
}
