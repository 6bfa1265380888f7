package gala.registration;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.TopicSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * {@code entries:<competitionId>}: the organisers' live entry list with counts (confirmed,
 * waitlisted, checked in); each row carries its bib and, once confirmed, its check-in code for the
 * door. Only the event's organisers and admins may follow it.
 */
final class EntryListSource implements TopicSource {
  static String topic(long competitionId) {
    return "entries:" + competitionId;
  }

  /** The list's row of an entry as {@link RegistrationService#entry} shows it to organisers (with its code). */
  static JsonObject row(JsonObject entry) {
    return new JsonObject().put("id", entry.getLong("id")).put("name", entry.getString("displayName"))
        .put("unit", entry.getString("unit")).put("status", entry.getString("status"))
        .put("position", entry.getInteger("waitlistPosition")).put("division", entry.getString("division"))
        .put("checkedInAt", entry.getString("checkedInAt")).put("bib", entry.getInteger("bib"))
        .put("checkinCode", entry.getString("checkinCode"));
  }

  @Override
  public String kind() {
    return "entries";
  }

  @Override
  public Future<Boolean> canRead(SqlClient db, Caller caller, String id) {
    // Who follows it (the event's organisers (rule organiser)) was decided by gala.access.TopicAccess before this is asked.
    return Future.succeededFuture(true);
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    long cid = parse(id);
    return db.preparedQuery("SELECT name, capacity FROM competitions WHERE id = $1").execute(Tuple.of(cid))
        .compose(comp -> {
          if (comp.size() == 0) {
            return Future.succeededFuture(new JsonObject());
          }
          Row c = comp.iterator().next();
          return db.preparedQuery("SELECT e.id, e.display_name, u.name AS unit, e.status, e.waitlist_position, e.division, "
                  + "e.checked_in_at, e.bib, e.checkin_code FROM entries e LEFT JOIN units u ON u.id = e.unit_id "
                  + "WHERE e.competition_id = $1 AND e.status <> 'WITHDRAWN' "
                  + "ORDER BY e.status = 'WAITLISTED', e.waitlist_position, e.id")
              .execute(Tuple.of(cid))
              .map(rows -> {
                JsonArray list = new JsonArray();
                int confirmed = 0;
                int waitlisted = 0;
                int checkedIn = 0;
                for (Row r : rows) {
                  String status = r.getString("status");
                  switch (status) {
                    case "WAITLISTED" -> waitlisted++;
                    case "CHECKED_IN" -> {
                      checkedIn++;
                      confirmed++;
                    }
                    default -> confirmed++;
                  }
                  list.add(new JsonObject().put("id", r.getLong("id")).put("name", r.getString("display_name"))
                      .put("unit", r.getString("unit")).put("status", status)
                      .put("position", r.getInteger("waitlist_position")).put("division", r.getString("division"))
                      .put("checkedInAt", RegistrationService.str(r.getOffsetDateTime("checked_in_at")))
                      .put("bib", r.getInteger("bib"))
                      .put("checkinCode", RegistrationService.hasCode(status) ? r.getString("checkin_code") : null));
                }
                return new JsonObject().put("competitionId", cid).put("name", c.getString("name"))
                    .put("capacity", c.getInteger("capacity")).put("confirmed", confirmed).put("waitlisted", waitlisted)
                    .put("checkedIn", checkedIn).put("rows", list);
              });
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
