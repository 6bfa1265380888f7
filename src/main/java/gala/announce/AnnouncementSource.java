package gala.announce;

import gala.announce.rules.Viewer;
import gala.platform.Caller;
import gala.platform.TopicSource;
import gala.platform.TopicView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code announcements:<eventId>}: the event's sent, unexpired announcements in the order they went
 * out (the newest {@value #WINDOW}). The stored snapshot holds every audience; each subscriber gets
 * it through an {@link AudienceView}, so nobody receives a message meant for others, also not in a
 * replay. Deliveries reported by the gateways are counted here and added to the database in batches.
 */
final class AnnouncementSource implements TopicSource {
  static final String KIND = "announcements";
  static final int WINDOW = 200;
  static final String LIST = "announcements";
  /** Announcement id -> frames delivered since the last flush; shared by every gateway of this node. */
  private final Map<Long, Long> deliveries = new ConcurrentHashMap<>();

  static String topic(long eventId) {
    return KIND + ":" + eventId;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    long eventId = parse(id);
    return db.preparedQuery("SELECT 1 FROM events WHERE id = $1").execute(Tuple.of(eventId)).compose(event -> {
      if (event.size() == 0) {
        return Future.succeededFuture(new JsonObject());
      }
      return db.preparedQuery("SELECT * FROM (SELECT " + AnnouncementService.COLUMNS + " FROM announcements "
              + "WHERE event_id = $1 AND state = 'sent' AND (expires_at IS NULL OR expires_at > now()) "
              + "ORDER BY sent_seq DESC LIMIT " + WINDOW + ") newest ORDER BY sent_seq")
          .execute(Tuple.of(eventId))
          .map(rows -> {
            JsonArray list = new JsonArray();
            rows.forEach(r -> list.add(AnnouncementService.toJson(r)));
            return new JsonObject().put(LIST, list);
          });
    });
  }

  @Override
  public Future<TopicView> view(SqlClient db, Caller caller, String id) {
    return viewer(db, caller, parse(id)).map(AudienceView::new);
  }

  /** Which audiences of this event {@code caller} belongs to, from the database. */
  static Future<Viewer> viewer(SqlClient db, Caller caller, long eventId) {
    if (caller == null) {
      return Future.succeededFuture(Viewer.anonymous());
    }
    if (caller.isAdmin()) {
      return Future.succeededFuture(Viewer.everything());
    }
    // Organisers see every audience: gala.access decides who organises (pipelined with the read).
    Future<Boolean> organises = gala.access.Access.organises(db, caller, eventId);
    return db.preparedQuery("SELECT "
            + "ARRAY(SELECT DISTINCT e.competition_id FROM entries e JOIN competitions c ON c.id = e.competition_id "
            + "      WHERE c.event_id = $1 AND e.user_id = $2 AND e.status <> 'WITHDRAWN') AS entered, "
            + "ARRAY(SELECT j.competition_id FROM competition_judges j JOIN competitions c ON c.id = j.competition_id "
            + "      WHERE c.event_id = $1 AND j.user_id = $2) AS judged")
        .execute(Tuple.of(eventId, caller.userId()))
        .compose(rows -> organises.map(rows))
        .map(rows -> {
          Row r = rows.iterator().next();
          if (organises.result()) {
            return Viewer.everything();
          }
          return Viewer.member(ids(r.getArrayOfLongs("entered")), ids(r.getArrayOfLongs("judged")));
        });
  }

  private static Set<Long> ids(Long[] values) {
    return values == null ? Set.of() : new HashSet<>(Arrays.asList(values));
  }

  @Override
  public void delivered(String id, JsonObject data, int sockets) {
    for (Object row : rowsIn(data)) {
      if (row instanceof JsonObject a && a.getValue("id") instanceof Number n) {
        deliveries.merge(n.longValue(), (long) sockets, Long::sum);
      }
    }
  }

  /** Takes the counts gathered so far (each id removed atomically, so no concurrent increment is lost). */
  Map<Long, Long> drainDeliveries() {
    Map<Long, Long> out = new java.util.HashMap<>();
    for (Long key : new ArrayList<>(deliveries.keySet())) {
      Long n = deliveries.remove(key);
      if (n != null) {
        out.merge(key, n, Long::sum);
      }
    }
    return out;
  }

  /** Puts counts back after a failed flush, so the next one writes them. */
  void restoreDeliveries(Map<Long, Long> counts) {
    counts.forEach((k, v) -> deliveries.merge(k, v, Long::sum));
  }

  /** The announcement rows a snapshot or delta carries. */
  static List<Object> rowsIn(JsonObject data) {
    List<Object> out = new ArrayList<>();
    JsonArray full = data.getValue(LIST) instanceof JsonArray a ? a : null;
    if (full != null) {
      full.forEach(out::add);
    }
    if (data.getValue("set") instanceof JsonObject set && set.getValue(LIST) instanceof JsonArray a) {
      a.forEach(out::add);
    }
    if (data.getValue("lists") instanceof JsonObject lists && lists.getValue(LIST) instanceof JsonObject l
        && l.getValue("upsert") instanceof JsonArray a) {
      a.forEach(out::add);
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
