package gala.scoring;

import gala.platform.TopicLog;
import gala.platform.TopicSource;
import gala.scoring.rules.MedalTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code medals:<eventId>}: medals and team points per unit from the official final places of the
 * event's released competitions. Read from the scoreboard topics' current state in the same
 * transaction (each scoreboard is refreshed before the medals), so both always agree.
 */
final class MedalSource implements TopicSource {

  @Override
  public String kind() {
    return "medals";
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    long eventId = ScoreboardSource.parse(id);
    return db.preparedQuery("SELECT c.id, c.name FROM competitions c WHERE c.event_id = $1 ORDER BY c.id")
        .execute(Tuple.of(eventId))
        .compose(competitions -> {
          List<Future<TopicLog.Snapshot>> boards = new ArrayList<>();
          for (Row r : competitions) {
            boards.add(TopicLog.current(db, ScoringService.scoreboardTopic(r.getLong("id"))));
          }
          return Future.all(boards).map(all -> {
          List<MedalTable.Placing> placings = new ArrayList<>();
          JsonArray official = new JsonArray();
          int i = 0;
          for (Row r : competitions) {
            JsonObject board = boards.get(i++).result().data();
            if (board == null || board.getBoolean("hidden", false) || !"OFFICIAL".equals(board.getString("status"))
                || !isFinal(board)) {
              continue;
            }
            official.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
                .put("publishedAt", board.getString("publishedAt")));
            for (Object o : board.getJsonArray("rows", new JsonArray())) {
              JsonObject row = (JsonObject) o;
              if (row.getInteger("rank") != null && row.getLong("unitId") != null) {
                placings.add(new MedalTable.Placing(row.getLong("unitId"), row.getString("unit"), row.getInteger("rank"),
                    row.getInteger("teamPoints", 0)));
              }
            }
          }
          JsonArray units = new JsonArray();
          for (MedalTable.UnitLine u : MedalTable.table(placings)) {
            units.add(new JsonObject().put("id", u.unitId()).put("unit", u.unit()).put("rank", u.rank())
                .put("gold", u.gold()).put("silver", u.silver()).put("bronze", u.bronze()).put("total", u.total())
                .put("points", u.points()));
          }
          return new JsonObject().put("eventId", eventId).put("rows", units).put("competitions", official);
          });
        });
  }

  private static boolean isFinal(JsonObject board) {
    JsonArray rounds = board.getJsonArray("rounds", new JsonArray());
    return rounds.isEmpty() || board.getInteger("round", 1) == rounds.size();
  }
}
