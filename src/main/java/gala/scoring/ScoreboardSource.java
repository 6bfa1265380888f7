package gala.scoring;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.TopicSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

/**
 * {@code scoreboard:<competitionId>}: the current round's standings computed from the current (not
 * superseded) score rows of every active entry, with status, rounds and tie-breaks. Recomputed
 * inside each transaction that changes them, so the stored snapshot is always database truth.
 * A hidden competition's board is readable only by its organisers and judges.
 */
final class ScoreboardSource implements TopicSource {

  @Override
  public String kind() {
    return "scoreboard";
  }

  @Override
  public Future<Boolean> canRead(SqlClient db, Caller caller, String id) {
    long competitionId = parse(id);
    return Access.of(db, caller, competitionId).compose(access -> access.hidden() && !access.staff()
        ? Future.failedFuture(new ApiError(403, "SCOREBOARD_HIDDEN", "the results of this competition are not released yet"))
        : Future.succeededFuture(true));
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    return Board.load(db, parse(id)).map(b -> b == null ? new JsonObject() : b.snapshot());
  }

  static long parse(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
