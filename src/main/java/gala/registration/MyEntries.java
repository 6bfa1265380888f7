package gala.registration;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * A person's own entries (self-registered, or teams they entered as a unit's contact): the
 * "entries" part of their private {@code user:<id>} topic, so a promotion reaches them live.
 */
final class MyEntries {
  private MyEntries() {}

  static Future<Object> compute(SqlClient db, long userId) {
    return db.preparedQuery("SELECT " + RegistrationService.ENTRY_COLUMNS + ", c.name AS competition_name, "
            + "c.event_id, ev.title AS event_title, ev.starts_on, "
            // The division by the name the person knows it by, not its code.
            + "(SELECT d->>'name' FROM jsonb_array_elements(c.divisions) d WHERE d->>'code' = e.division LIMIT 1) AS division_name "
            + RegistrationService.ENTRY_FROM
            + "JOIN competitions c ON c.id = e.competition_id JOIN events ev ON ev.id = c.event_id "
            + "WHERE e.owner_id = $1 OR e.user_id = $1 ORDER BY ev.starts_on, e.id")
        .execute(Tuple.of(userId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> {
            JsonObject e = RegistrationService.entryJson(r, true);
            e.put("competition", r.getString("competition_name")).put("eventId", r.getLong("event_id"))
                .put("event", r.getString("event_title")).put("startsOn", r.getLocalDate("starts_on").toString())
                .put("divisionName", r.getString("division_name"));
            out.add(e);
          });
          return out;
        });
  }
}
