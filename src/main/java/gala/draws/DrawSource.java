package gala.draws;

import gala.draws.rules.Buchholz;
import gala.draws.rules.Progress;
import gala.access.Access;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.TopicSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code draw:<competitionId>}: the draw of a head-to-head competition: kind, entries with seeds,
 * every match (rows keyed by match id, so a recorded result is a one-row delta), the round on, the
 * champion of a knockout and, for Swiss, the pairing table (points with byes, Buchholz). Its own
 * topic rather than part of {@code scoreboard:<id>}: the scoreboard belongs to scoring, which may
 * not know about draws; the draw page follows both.
 */
final class DrawSource implements TopicSource {
  static final String KIND = "draw";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Future<Boolean> canRead(SqlClient db, Caller caller, String id) {
    return readable(db, caller, parse(id)).map(true);
  }

  /** Public like the scoreboard: 404 for an unknown competition, hidden results only for staff. */
  static Future<Void> readable(SqlClient db, Caller caller, long competitionId) {
    return Access.requireResults(db, caller, competitionId).mapEmpty();
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    return build(db, parse(id));
  }

  static Future<JsonObject> build(SqlClient db, long competitionId) {
    Future<RowSet<Row>> comp = db.preparedQuery("SELECT c.event_id, c.name, c.format->>'type' AS type, d.kind, d.entry_ids, "
            + "d.rounds FROM competitions c LEFT JOIN draws d ON d.competition_id = c.id WHERE c.id = $1")
        .execute(Tuple.of(competitionId));
    Future<RowSet<Row>> matches = db.preparedQuery("SELECT " + DrawService.MATCH_COLUMNS
            + " FROM draw_matches WHERE competition_id = $1 ORDER BY round, slot")
        .execute(Tuple.of(competitionId));
    Future<RowSet<Row>> entries = db.preparedQuery("SELECT e.id, e.display_name, e.status, u.name AS unit FROM draws d "
            + "JOIN entries e ON e.id = ANY (d.entry_ids) LEFT JOIN units u ON u.id = e.unit_id WHERE d.competition_id = $1")
        .execute(Tuple.of(competitionId));
    return Future.all(comp, matches, entries).map(v -> {
      if (comp.result().size() == 0) {
        return new JsonObject();
      }
      Row c = comp.result().iterator().next();
      JsonObject out = new JsonObject().put("competitionId", competitionId).put("eventId", c.getLong("event_id"))
          .put("name", c.getString("name")).put("type", c.getString("type"));
      String kind = c.getString("kind");
      if (kind == null) {
        return out.put("drawn", false).put("matches", new JsonArray()).put("entries", new JsonArray());
      }
      List<Long> seeded = Arrays.asList(c.getArrayOfLongs("entry_ids"));
      int rounds = c.getInteger("rounds");
      JsonObject names = new JsonObject();
      for (Row e : entries.result()) {
        names.put(String.valueOf(e.getLong("id")), new JsonObject().put("name", e.getString("display_name"))
            .put("unit", e.getString("unit")).put("status", e.getString("status")));
      }
      JsonArray entryList = new JsonArray();
      for (int i = 0; i < seeded.size(); i++) {
        JsonObject n = names.getJsonObject(String.valueOf(seeded.get(i)), new JsonObject());
        entryList.add(new JsonObject().put("id", seeded.get(i)).put("seed", i + 1).put("name", n.getString("name"))
            .put("unit", n.getString("unit")).put("status", n.getString("status")));
      }
      JsonArray matchList = new JsonArray();
      List<Progress.Match> progress = new ArrayList<>();
      Long champion = null;
      for (Row r : matches.result()) {
        DrawService.MatchRow m = DrawService.MatchRow.of(r);
        matchList.add(m.toJson());
        progress.add(m.progress());
        if ("single_elimination".equals(kind) && m.round() == rounds) {
          champion = m.winner();
        }
      }
      int last = Progress.lastRound(progress);
      boolean lastFinished = Progress.finished(progress, last);
      out.put("drawn", true).put("kind", kind).put("rounds", rounds).put("drawnRounds", last)
          .put("currentRound", "swiss".equals(kind) ? last : Progress.currentRound(progress))
          .put("complete", lastFinished && last == rounds && progress.stream().allMatch(Progress.Match::decided))
          .put("champion", champion).put("entries", entryList).put("matches", matchList);
      if ("swiss".equals(kind)) {
        out.put("nextRoundReady", lastFinished && last < rounds);
        JsonArray table = new JsonArray();
        for (Buchholz.Standing s : Buchholz.standings(seeded, Progress.results(progress, true))) {
          table.add(new JsonObject().put("id", s.id()).put("rank", s.rank()).put("points", s.points())
              .put("buchholz", s.buchholz()));
        }
        out.put("standings", table);
      }
      return out;
    });
  }

  static long parse(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
