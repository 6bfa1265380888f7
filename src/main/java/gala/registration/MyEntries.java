package gala.registration;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A person's own entries (self-registered, or teams they entered as a unit's contact): the
 * "entries" part of their private {@code user:<id>} topic, so a promotion reaches them live.
 */
final class MyEntries {
  private MyEntries() {}

  private static final String SELECT = "SELECT " + RegistrationService.ENTRY_COLUMNS + ", c.name AS competition_name, "
      + "c.event_id, ev.title AS event_title, ev.starts_on, "
      // The division by the name the person knows it by, not its code.
      + "(SELECT d->>'name' FROM jsonb_array_elements(c.divisions) d WHERE d->>'code' = e.division LIMIT 1) AS division_name, "
      + RegistrationService.DIVE_SHEET + " AS dive_sheet "
      + RegistrationService.ENTRY_FROM
      + "JOIN competitions c ON c.id = e.competition_id JOIN events ev ON ev.id = c.event_id ";
  private static final String STARTS_ON = "(SELECT ev.starts_on FROM competitions c JOIN events ev ON ev.id = c.event_id "
      + "WHERE c.id = e.competition_id)";
  private static final String MINE = "(e.owner_id = $1 OR e.user_id = $1)";

  static Future<Object> compute(SqlClient db, long userId) {
    return db.preparedQuery(SELECT + "WHERE " + MINE + " ORDER BY ev.starts_on, e.id")
        .execute(Tuple.of(userId))
        .map(MyEntries::rows);
  }

  private static JsonArray rows(RowSet<Row> rows) {
    JsonArray out = new JsonArray();
    rows.forEach(r -> {
      out.add(row(RegistrationService.entryJson(r, true), r.getString("competition_name"), r.getLong("event_id"),
          r.getString("event_title"), r.getLocalDate("starts_on"), r.getString("division_name"), r.getBoolean("dive_sheet")));
    });
    return out;
  }

  /**
   * A row of the list: the entry as the API shows it to its owner, with its competition and event, and
   * whether the athlete hands in a dive sheet there (the page links it without asking per competition).
   */
  static JsonObject row(JsonObject entry, String competition, long eventId, String event, java.time.LocalDate startsOn,
      String divisionName, boolean diveSheet) {
    return entry.put("competition", competition).put("eventId", eventId).put("event", event)
        .put("startsOn", startsOn.toString()).put("divisionName", divisionName).put("diveSheet", diveSheet);
  }

  /**
   * The person's own entries in their order (by the event's first day, then id) as ids, for each of
   * {@code userIds} that has an entry in an event later than {@code day}: only there does a new entry
   * of an event on {@code day} not simply come last.
   */
  static Future<java.util.Map<Long, JsonArray>> ordersIfLater(SqlClient db, java.util.Collection<Long> userIds,
      java.time.LocalDate day) {
    // Only people with an entry in a later event (person_events, V11_31: a person's few events) have
    // their entries read, each by the two indexes (owner, user) rather than one OR join, which the
    // planner could only answer by reading every entry. A unit's contact owns hundreds of entries,
    // almost always none of them later: their entries are not read at all.
    // Each entry's first day by key lookups (a scalar subquery), so the plan, generic under a
    // registration batch (Registering), never hashes the whole competitions and events tables.
    return db.preparedQuery("SELECT x.uid, array_agg(m.id ORDER BY m.starts_on, m.id) FROM unnest($1::bigint[]) x(uid) "
            + "CROSS JOIN LATERAL (SELECT e.id, " + STARTS_ON + " AS starts_on FROM entries e WHERE e.owner_id = x.uid "
            + "  UNION SELECT e.id, " + STARTS_ON + " AS starts_on FROM entries e WHERE e.user_id = x.uid) m "
            + "WHERE (SELECT max(ev.starts_on) FROM person_events p JOIN events ev ON ev.id = p.event_id WHERE p.user_id = x.uid) > $2 "
            + "GROUP BY x.uid HAVING bool_or(m.starts_on > $2)")
        .execute(Tuple.of(userIds.toArray(new Long[0]), day))
        .map(rows -> {
          java.util.Map<Long, JsonArray> out = new java.util.HashMap<>();
          rows.forEach(r -> out.put(r.getLong(0), new JsonArray(List.of(r.getArrayOfLongs(1)))));
          return out;
        });
  }

  /**
   * The delta of the person's "entries" part after a write changed the entries {@code changed}, of
   * which {@code created} are new: their rows, and the order as ids only when a new one does not come
   * last (an entry in an earlier event). Reads the changed rows and the person's entry ids, nothing more.
   */
  static Future<JsonObject> delta(SqlClient db, long userId, Set<Long> changed, Set<Long> created) {
    Future<RowSet<Row>> rows = db.preparedQuery(SELECT + "WHERE " + MINE + " AND e.id = ANY($2) ORDER BY ev.starts_on, e.id")
        .execute(Tuple.tuple().addValue(userId).addValue(changed.toArray(new Long[0])));
    Future<RowSet<Row>> order = created.isEmpty() ? Future.succeededFuture(null)
        : db.preparedQuery("SELECT coalesce(array_agg(e.id ORDER BY ev.starts_on, e.id), '{}') FROM entries e "
            + "JOIN competitions c ON c.id = e.competition_id JOIN events ev ON ev.id = c.event_id WHERE " + MINE)
            .execute(Tuple.of(userId));
    return Future.all(rows, order).map(v -> {
      JsonArray upsert = rows(rows.result());
      if (upsert.isEmpty()) {
        return new JsonObject();
      }
      JsonObject list = new JsonObject().put("upsert", upsert);
      if (order.result() != null) {
        List<Long> now = List.of(order.result().iterator().next().getArrayOfLongs(0));
        List<Long> appended = new ArrayList<>();
        now.stream().filter(id -> !created.contains(id)).forEach(appended::add);
        upsert.forEach(r -> {
          Long id = ((JsonObject) r).getLong("id");
          if (created.contains(id)) {
            appended.add(id);
          }
        });
        if (!appended.equals(now)) {
          list.put("order", new JsonArray(now));
        }
      }
      return new JsonObject().put("lists", new JsonObject().put("entries", list));
    });
  }
}
