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
    java.util.Map<String, JsonObject> one = new java.util.HashMap<>();
    one.put(id, change);
    return changedAll(db, one).map(deltas -> deltas.get(id));
  }

  /**
   * Every competition's results lock in one statement, in id order (the order a batch of
   * registrations takes them in; a mark takes one): unnest() hands the sorted ids to the lock one
   * by one, in array order.
   */
  @Override
  public Future<Void> serialiseAll(SqlClient db, java.util.Collection<String> ids) {
    Long[] sorted = ids.stream().map(ScoreboardSource::parse).sorted().toArray(Long[]::new);
    return db.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('gala.scoring:' || x.id::text, 0)) "
        + "FROM unnest($1::bigint[]) x(id)").execute(Tuple.tuple().addValue(sorted)).mapEmpty();
  }

  /**
   * {@link #changed} for several competitions at once (a registration batch's): one statement reads
   * every board's state and its joined rows, whatever the number of competitions.
   */
  @Override
  public Future<java.util.Map<String, JsonObject>> changedAll(SqlClient db, java.util.Map<String, JsonObject> changes) {
    java.util.List<Long> all = new ArrayList<>();
    Long[] cids = new Long[changes.size()];
    int n = 0;
    for (java.util.Map.Entry<String, JsonObject> e : changes.entrySet()) {
      cids[n++] = parse(e.getKey());
      all.addAll(List.of(ids(e.getValue().getJsonArray("added"))));
    }
    Long[] added = all.toArray(new Long[0]);
    // The joined entries by primary key alone (MATERIALIZED): with the competition beside the ids in
    // one WHERE, a plan cached while the table was small reads the whole competition instead.
    Future<RowSet<Row>> comps = db.preparedQuery("WITH picked AS MATERIALIZED (SELECT id, display_name, unit_id, division, "
            + "user_id, competition_id, status FROM entries WHERE id = ANY($2)) "
            + "SELECT c.id, c.event_id, c.name, c.format, COALESCE(v.hidden, FALSE) AS hidden, "
            + "EXISTS (SELECT 1 FROM scores s WHERE s.competition_id = c.id) "
            + "OR EXISTS (SELECT 1 FROM attempt_declarations d WHERE d.competition_id = c.id) "
            + "OR EXISTS (SELECT 1 FROM scoreboard_rounds r WHERE r.competition_id = c.id AND r.status = 'OFFICIAL') AS started, "
            // The field's highest id, read from this competition's end of entries_competition_id. With
            // "competition_id = c.id" the planner walks the primary key down from the newest entry of
            // ANY competition instead (every competition's later entries filtered out one by one):
            // the range keeps competition_id in the sort key, so only that index gives the order.
            + "(SELECT e.id FROM entries e WHERE e.competition_id >= c.id AND e.competition_id <= c.id "
            + "  AND e.status IN ('CONFIRMED', 'CHECKED_IN') AND e.id <> ALL($2) ORDER BY e.competition_id DESC, e.id DESC LIMIT 1) AS last, "
            + "(SELECT coalesce(json_agg(json_build_array(p.id, p.display_name, p.unit_id, "
            + "  (SELECT u.name FROM units u WHERE u.id = p.unit_id), p.division, p.user_id) ORDER BY p.id), '[]') "
            + "  FROM picked p WHERE p.competition_id = c.id AND p.status IN ('CONFIRMED', 'CHECKED_IN')) AS joined "
            + "FROM competitions c LEFT JOIN scoreboard_visibility v ON v.competition_id = c.id WHERE c.id = ANY($1)")
        .execute(Tuple.tuple().addValue(cids).addValue(added));
    return comps.compose(rows -> {
      java.util.Map<String, JsonObject> out = new java.util.HashMap<>();
      changes.keySet().forEach(id -> out.put(id, null));
      List<Future<?>> orders = new ArrayList<>();
      for (Row c : rows) {
        long cid = c.getLong("id");
        String id = String.valueOf(cid);
        JsonObject change = changes.get(id);
        if (change == null) {
          continue;
        }
        if (c.getBoolean("hidden")) {
          out.put(id, new JsonObject());
          continue;
        }
        Format format = Format.parse(((JsonObject) c.getValue("format")).getMap());
        if (c.getBoolean("started") || format instanceof HeadToHeadFormat || format.common().rounds().get(0).heatSize() > 0) {
          continue;
        }
        List<Board.Entry> entries = new ArrayList<>();
        for (Object o : (JsonArray) c.getValue("joined")) {
          JsonArray r = (JsonArray) o;
          entries.add(new Board.Entry(r.getLong(0), r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getLong(5)));
        }
        JsonArray removed = change.getJsonArray("removed", new JsonArray());
        JsonObject list = new JsonObject();
        if (!entries.isEmpty()) {
          list.put("upsert", Board.startList(cid, c.getLong("event_id"), c.getString("name"), format, entries).snapshot()
              .getJsonArray("rows"));
        }
        if (!removed.isEmpty()) {
          list.put("remove", removed);
        }
        out.put(id, list.isEmpty() ? new JsonObject() : new JsonObject().put("lists", new JsonObject().put("rows", list)));
        Long last = c.getLong("last");
        if (entries.isEmpty() || last == null || entries.get(0).id() > last) {
          continue; // appended at the end, where start-list order puts them
        }
        orders.add(db.preparedQuery("SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM entries WHERE competition_id = $1 "
                + "AND status IN ('CONFIRMED', 'CHECKED_IN')").execute(Tuple.of(cid))
            .map(order -> list.put("order", new JsonArray(List.of(order.iterator().next().getArrayOfLongs(0))))));
      }
      return Future.all(orders).map(v -> out);
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
