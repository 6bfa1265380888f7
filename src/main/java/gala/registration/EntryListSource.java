package gala.registration;

import gala.platform.TopicSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.List;

/**
 * {@code entries:<competitionId>}: the organisers' live entry list with counts (confirmed,
 * waitlisted, checked in); each row carries its bib and, once confirmed, its check-in code for the
 * door. Only the event's organisers and admins may follow it.
 */
final class EntryListSource implements TopicSource {
  static String topic(long competitionId) {
    return "entries:" + competitionId;
  }

  @Override
  public String kind() {
    return "entries";
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
          return db.preparedQuery("SELECT " + ROW_COLUMNS + ROW_FROM + "WHERE e.competition_id = $1 AND e.status <> 'WITHDRAWN' "
                  + "ORDER BY " + ORDER)
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
                  list.add(row(r));
                }
                return new JsonObject().put("competitionId", cid).put("name", c.getString("name"))
                    .put("capacity", c.getInteger("capacity")).put("confirmed", confirmed).put("waitlisted", waitlisted)
                    .put("checkedIn", checkedIn).put("rows", list);
              });
        });
  }

  private static final String ROW_COLUMNS = "e.id, e.display_name, u.name AS unit, e.status, e.waitlist_position, e.division, "
      + "e.checked_in_at, e.bib, e.checkin_code";
  private static final String ROW_FROM = " FROM entries e LEFT JOIN units u ON u.id = e.unit_id ";
  /** The list's order: confirmed (and checked in) by id, then the waitlist by position. */
  private static final String ORDER = "e.status = 'WAITLISTED', e.waitlist_position, e.id";

  private static JsonObject row(Row r) {
    return row(r.getLong("id"), r.getString("display_name"), r.getString("unit"), r.getString("status"),
        r.getInteger("waitlist_position"), r.getString("division"), RegistrationService.str(r.getOffsetDateTime("checked_in_at")),
        r.getInteger("bib"), r.getString("checkin_code"));
  }

  /** A row of the list; the check-in code only while the entry may be checked in. */
  static JsonObject row(long id, String name, String unit, String status, Integer position, String division,
      String checkedInAt, Integer bib, String checkinCode) {
    return new JsonObject().put("id", id).put("name", name).put("unit", unit).put("status", status)
        .put("position", position).put("division", division).put("checkedInAt", checkedInAt).put("bib", bib)
        .put("checkinCode", RegistrationService.hasCode(status) ? checkinCode : null);
  }

  /** The list's order as ids (confirmed by id, then the waitlist by position), for a delta that moves rows. */
  static Future<JsonArray> order(SqlClient db, long cid) {
    return db.preparedQuery("SELECT coalesce(array_agg(e.id ORDER BY " + ORDER + "), '{}') FROM entries e "
            + "WHERE e.competition_id = $1 AND e.status <> 'WITHDRAWN'").execute(Tuple.of(cid))
        .map(rows -> new JsonArray(List.of(rows.iterator().next().getArrayOfLongs(0))));
  }

  /**
   * The list's delta of a write, from the change alone, inside the writing transaction: the rows of
   * {@code changed} entries (withdrawn ones leave the list), the {@code removed} ids, the kept counts
   * (competition_entry_counts, one row) and, when {@code reorder} (a row moved between the confirmed
   * part and the waitlist, or within it), the new order as ids. No row outside the change is read.
   */
  static Future<JsonObject> delta(SqlClient db, long cid, Collection<Long> changed, Collection<Long> removed, boolean reorder) {
    Long[] ids = changed.toArray(new Long[0]);
    Future<RowSet<Row>> counts = db.preparedQuery("SELECT confirmed, waitlisted, checked_in FROM competition_entry_counts "
        + "WHERE competition_id = $1").execute(Tuple.of(cid));
    Future<RowSet<Row>> rows = ids.length == 0 ? Future.succeededFuture(null)
        // The changed rows by primary key alone (MATERIALIZED): with the competition beside the ids in
        // one WHERE, a plan cached while the table was small reads the whole competition instead.
        : db.preparedQuery("WITH picked AS MATERIALIZED (SELECT * FROM entries WHERE id = ANY($1)) SELECT " + ROW_COLUMNS
            + " FROM picked e LEFT JOIN units u ON u.id = e.unit_id WHERE e.competition_id = $2 ORDER BY " + ORDER)
            .execute(Tuple.tuple().addValue(ids).addValue(cid));
    Future<RowSet<Row>> order = !reorder ? Future.succeededFuture(null)
        : db.preparedQuery("SELECT coalesce(array_agg(e.id ORDER BY " + ORDER + "), '{}') FROM entries e "
            + "WHERE e.competition_id = $1 AND e.status <> 'WITHDRAWN'").execute(Tuple.of(cid));
    return Future.all(counts, rows, order).map(v -> {
      JsonObject set = new JsonObject().put("confirmed", 0).put("waitlisted", 0).put("checkedIn", 0);
      counts.result().forEach(r -> set.put("confirmed", r.getInteger("confirmed")).put("waitlisted", r.getInteger("waitlisted"))
          .put("checkedIn", r.getInteger("checked_in")));
      JsonArray upsert = new JsonArray();
      JsonArray remove = new JsonArray();
      removed.forEach(remove::add);
      if (rows.result() != null) {
        rows.result().forEach(r -> {
          if ("WITHDRAWN".equals(r.getString("status"))) {
            if (!remove.contains(r.getLong("id"))) {
              remove.add(r.getLong("id"));
            }
          } else {
            upsert.add(row(r));
          }
        });
      }
      JsonObject list = new JsonObject();
      if (!upsert.isEmpty()) {
        list.put("upsert", upsert);
      }
      if (!remove.isEmpty()) {
        list.put("remove", remove);
      }
      if (order.result() != null) {
        list.put("order", new JsonArray(List.of(order.result().iterator().next().getArrayOfLongs(0))));
      }
      JsonObject delta = new JsonObject().put("set", set);
      return list.isEmpty() ? delta : delta.put("lists", new JsonObject().put("rows", list));
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
