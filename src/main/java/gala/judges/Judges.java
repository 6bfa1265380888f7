package gala.judges;

import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.scoring.ScoringService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;

/** A competition's judges as its organisers see and change them (listJudges, removeJudge). */
final class Judges {
  private final Database db;
  private final ScoringService scoring;

  Judges(Database db, ScoringService scoring) {
    this.db = db;
    this.scoring = scoring;
  }

  Future<JsonArray> list(Caller caller, long competitionId) {
    return EventAccess.requireCompetitionOrganiser(db.pool(), caller, competitionId)
        .compose(v -> db.pool().preparedQuery("SELECT j.user_id, u.display_name, u.email, j.is_head, j.assigned_at, "
                + "j.assigned_by, j.via_code_id FROM competition_judges j JOIN users u ON u.id = j.user_id "
                + "WHERE j.competition_id = $1 ORDER BY j.is_head DESC, u.display_name, u.id")
            .execute(Tuple.of(competitionId)))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("userId", r.getLong("user_id"))
              .put("displayName", r.getString("display_name")).put("email", r.getString("email"))
              .put("head", r.getBoolean("is_head")).put("assignedAt", r.getOffsetDateTime("assigned_at").toString())
              .put("assignedBy", r.getLong("assigned_by")).put("viaCodeId", r.getLong("via_code_id"))));
          return out;
        });
  }

  /**
   * Takes a judge off; their marks stay (scores are never deleted), they can no longer submit. Under
   * the competition's results lock, with the scoreboard refreshed (see ScoringService#changePanel).
   */
  Future<Void> remove(Caller caller, long competitionId, long userId) {
    return db.inTransaction(tx -> EventAccess.requireCompetitionOrganiser(tx.conn(), caller, competitionId)
        .compose(v -> scoring.changePanel(tx, competitionId, () -> tx.conn()
            .preparedQuery("DELETE FROM competition_judges WHERE competition_id = $1 AND user_id = $2")
            .execute(Tuple.of(competitionId, userId))
            .compose(r -> r.rowCount() == 1 ? Future.<Void>succeededFuture()
                : Future.failedFuture(new ApiError(404, "NOT_A_JUDGE", "user " + userId + " does not judge this competition"))))));
  }
}
