package gala.scoring;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.TopicSource;
import gala.scoring.rules.Format;
import gala.scoring.rules.HeadToHeadFormat;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

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
    return gala.access.Access.requireResults(db, caller, competitionId).map(true);
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    return Board.load(db, parse(id)).map(b -> b == null ? new JsonObject() : b.snapshot());
  }

  /** Writers of a scoreboard hold its competition's results lock, as marks do (see ScoringService.lock). */
  @Override
  public Future<Void> serialise(SqlClient db, String id) {
    return ScoringService.lock(db, parse(id));
  }

  /**
   * Entries that joined or left the field ({@code {"added": [ids], "removed": [ids]}}) of a
   * competition nobody has scored yet (no marks, no declared dives, no official round, no heats, not
   * head-to-head): every line is a start-list line in entry order, each one independent of the
   * others, so the delta is the added entries' rows (appended, or with the new order when one joins
   * between others, as a promotion does) and the removed ids. A hidden board shows no rows, so the
   * field changes nothing on it. Anything else is recomputed (null): scored boards change rarely by
   * registration.
   */
  @Override
  public Future<JsonObject> changed(SqlClient db, String id, JsonObject change) {
    long cid = parse(id);
    Long[] added = ids(change.getJsonArray("added"));
    JsonArray removed = change.getJsonArray("removed", new JsonArray());
    Future<RowSet<Row>> comp = db.preparedQuery("SELECT c.event_id, c.name, c.format, COALESCE(v.hidden, FALSE) AS hidden, "
            + "EXISTS (SELECT 1 FROM scores s WHERE s.competition_id = c.id) "
            + "OR EXISTS (SELECT 1 FROM attempt_declarations d WHERE d.competition_id = c.id) "
            + "OR EXISTS (SELECT 1 FROM scoreboard_rounds r WHERE r.competition_id = c.id AND r.status = 'OFFICIAL') AS started, "
            // The field's highest id, read from this competition's end of entries_competition_id. With
            // "competition_id = c.id" the planner walks the primary key down from the newest entry of
            // ANY competition instead (every competition's later entries filtered out one by one):
            // the range keeps competition_id in the sort key, so only that index gives the order.
            + "(SELECT e.id FROM entries e WHERE e.competition_id >= c.id AND e.competition_id <= c.id "
            + "  AND e.status IN ('CONFIRMED', 'CHECKED_IN') AND e.id <> ALL($2) ORDER BY e.competition_id DESC, e.id DESC LIMIT 1) AS last "
            + "FROM competitions c LEFT JOIN scoreboard_visibility v ON v.competition_id = c.id WHERE c.id = $1")
        .execute(Tuple.tuple().addValue(cid).addValue(added));
    // The joined entries by primary key alone (MATERIALIZED): with the competition beside the ids in
    // one WHERE, a plan cached while the table was small reads the whole competition instead.
    Future<RowSet<Row>> joined = db.preparedQuery("WITH picked AS MATERIALIZED (SELECT id, display_name, unit_id, division, "
            + "user_id, competition_id, status FROM entries WHERE id = ANY($1)) "
            + "SELECT e.id, e.display_name, e.unit_id, (SELECT u.name FROM units u WHERE u.id = e.unit_id) AS unit, e.division, "
            + "e.user_id FROM picked e WHERE e.competition_id = $2 AND e.status IN ('CONFIRMED', 'CHECKED_IN') ORDER BY e.id")
        .execute(Tuple.tuple().addValue(added).addValue(cid));
    return Future.all(comp, joined).compose(v -> {
      if (comp.result().size() == 0) {
        return Future.succeededFuture(null);
      }
      Row c = comp.result().iterator().next();
      if (c.getBoolean("hidden")) {
        return Future.succeededFuture(new JsonObject());
      }
      Format format = Format.parse(((JsonObject) c.getValue("format")).getMap());
      if (c.getBoolean("started") || format instanceof HeadToHeadFormat || format.common().rounds().get(0).heatSize() > 0) {
        return Future.succeededFuture(null);
      }
      List<Board.Entry> entries = new ArrayList<>();
      joined.result().forEach(r -> entries.add(new Board.Entry(r.getLong("id"), r.getString("display_name"),
          r.getLong("unit_id"), r.getString("unit"), r.getString("division"), r.getLong("user_id"))));
      JsonObject rows = new JsonObject();
      if (!entries.isEmpty()) {
        rows.put("upsert", Board.startList(cid, c.getLong("event_id"), c.getString("name"), format, entries).snapshot()
            .getJsonArray("rows"));
      }
      if (!removed.isEmpty()) {
        rows.put("remove", removed);
      }
      JsonObject delta = rows.isEmpty() ? new JsonObject() : new JsonObject().put("lists", new JsonObject().put("rows", rows));
      Long last = c.getLong("last");
      if (entries.isEmpty() || last == null || entries.get(0).id() > last) {
        return Future.succeededFuture(delta); // appended at the end, where start-list order puts them
      }
      return db.preparedQuery("SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM entries WHERE competition_id = $1 "
              + "AND status IN ('CONFIRMED', 'CHECKED_IN')").execute(Tuple.of(cid))
          .map(order -> {
            rows.put("order", new JsonArray(List.of(order.iterator().next().getArrayOfLongs(0))));
            return delta;
          });
    });
  }

  private static Long[] ids(JsonArray list) {
    Long[] out = new Long[list == null ? 0 : list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) list.getValue(i)).longValue();
    }
    return out;
  }

  static long parse(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
