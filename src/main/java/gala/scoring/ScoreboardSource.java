package gala.scoring;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.TopicSource;
import gala.scoring.rules.JudgedFormat;
import gala.scoring.rules.PanelAggregation;
import gala.scoring.rules.Ranking;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code scoreboard:<competitionId>}: the ranked standings computed from the current (not
 * superseded) marks of every active entry. Recomputed inside each transaction that stores a score
 * or changes the entries, so the stored snapshot is always database truth.
 */
final class ScoreboardSource implements TopicSource {

  @Override
  public String kind() {
    return "scoreboard";
  }

  @Override
  public Future<Boolean> canRead(SqlClient db, Caller caller, String id) {
    return db.preparedQuery("SELECT 1 FROM competitions WHERE id = $1").execute(Tuple.of(parse(id)))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(true)
            : Future.failedFuture(ApiError.notFound("competition " + id)));
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    long competitionId = parse(id);
    return db.preparedQuery("SELECT name, format FROM competitions WHERE id = $1").execute(Tuple.of(competitionId))
        .compose(comp -> {
          if (comp.size() == 0) {
            return Future.succeededFuture(new JsonObject());
          }
          Row c = comp.iterator().next();
          JudgedFormat format = JudgedFormat.parse(((JsonObject) c.getValue("format")).getMap());
          return db.preparedQuery("SELECT e.id, e.display_name, u.name AS unit, s.value FROM entries e "
                  + "LEFT JOIN units u ON u.id = e.unit_id "
                  + "LEFT JOIN scores s ON s.entry_id = e.id "
                  + "  AND NOT EXISTS (SELECT 1 FROM scores later WHERE later.supersedes = s.id) "
                  + "WHERE e.competition_id = $1 AND e.status IN ('CONFIRMED', 'CHECKED_IN') ORDER BY e.id, s.id")
              .execute(Tuple.of(competitionId))
              .map(rows -> {
                Map<Long, Line> lines = new LinkedHashMap<>();
                for (Row r : rows) {
                  Line line = lines.computeIfAbsent(r.getLong("id"),
                      k -> new Line(k, r.getString("display_name"), r.getString("unit")));
                  if (r.getBigDecimal("value") != null) {
                    line.marks.add(r.getBigDecimal("value"));
                  }
                }
                return build(competitionId, c.getString("name"), format, new ArrayList<>(lines.values()));
              });
        });
  }

  static JsonObject build(long competitionId, String name, JudgedFormat format, List<Line> lines) {
    List<Line> complete = new ArrayList<>();
    List<Line> waiting = new ArrayList<>();
    for (Line l : lines) {
      l.result = PanelAggregation.result(format, l.marks);
      (l.result == null ? waiting : complete).add(l);
    }
    JsonArray rows = new JsonArray();
    for (Ranking.Ranked<Line> r : Ranking.rank(complete, l -> l.result)) {
      rows.add(row(r.item(), format).put("rank", r.rank()).put("result", r.result().toPlainString()));
    }
    for (Line l : waiting) {
      rows.add(row(l, format).putNull("rank").putNull("result"));
    }
    return new JsonObject()
        .put("competitionId", competitionId)
        .put("name", name)
        .put("status", "PROVISIONAL")
        .put("judges", format.judges())
        .put("aggregate", format.aggregate().name().toLowerCase())
        .put("trim", format.trim())
        .put("rows", rows);
  }

  private static JsonObject row(Line l, JudgedFormat format) {
    return new JsonObject().put("id", l.entryId).put("name", l.name).put("unit", l.unit)
        .put("marks", l.marks.size()).put("complete", l.marks.size() >= format.judges());
  }

  private static long parse(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static final class Line {
    final long entryId;
    final String name;
    final String unit;
    final List<BigDecimal> marks = new ArrayList<>();
    BigDecimal result;

    Line(long entryId, String name, String unit) {
      this.entryId = entryId;
      this.name = name;
      this.unit = unit;
    }
  }
}
