package gala.events;

import gala.notices.UserNotices;
import gala.platform.TopicLog;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The live topics that show an event's title and dates or a unit's name catch up, in the renaming
 * transaction, when those change: a rename touches every row of the unit, so these topics are
 * recomputed (rare organiser edits), and only the ones that exist. Lock order as every write of
 * entries: the competitions' rows in id order, their scoreboards and entry lists, the event's
 * medal table, then people's own topics in name order.
 */
final class EventTopics {
  private final TopicLog topics;

  EventTopics(TopicLog topics) {
    this.topics = topics;
  }

  /** The event's title or first day changed: its entrants' own entry lists show them. */
  Future<Void> eventShownChanged(Tx tx, long eventId) {
    return people(tx, "SELECT DISTINCT p FROM entries e JOIN competitions c ON c.id = e.competition_id, "
        + "LATERAL (VALUES (e.owner_id), (e.user_id)) v(p) WHERE c.event_id = $1 AND p IS NOT NULL", Tuple.of(eventId));
  }

  /** Unit {@code unitId}'s name changed: the lists, boards and medal table of the event show it, and its entrants' own lists. */
  Future<Void> unitRenamed(Tx tx, long eventId, long unitId) {
    return tx.conn().preparedQuery("SELECT c.id FROM competitions c WHERE c.event_id = $1 AND EXISTS (SELECT 1 FROM entries e "
            + "WHERE e.competition_id = c.id AND e.unit_id = $2) ORDER BY c.id FOR NO KEY UPDATE OF c")
        .execute(Tuple.of(eventId, unitId))
        .compose(rows -> {
          List<String> names = new ArrayList<>();
          for (Row r : rows) {
            names.add("scoreboard:" + r.getLong(0));
            names.add("entries:" + r.getLong(0));
          }
          names.add("medals:" + eventId);
          return refreshExisting(tx, names);
        })
        .compose(v -> people(tx, "SELECT DISTINCT p FROM entries e, LATERAL (VALUES (e.owner_id), (e.user_id)) v(p) "
            + "WHERE e.unit_id = $1 AND p IS NOT NULL", Tuple.of(unitId)));
  }

  private Future<Void> people(Tx tx, String sql, Tuple args) {
    return tx.conn().preparedQuery(sql).execute(args).compose(rows -> {
      List<String> names = new ArrayList<>();
      rows.forEach(r -> names.add(UserNotices.topic(r.getLong(0))));
      names.sort(null);
      return refreshExisting(tx, names);
    });
  }

  /** Recomputes, one after another in the given order, those of {@code names} that have a topic. */
  private Future<Void> refreshExisting(Tx tx, List<String> names) {
    if (names.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.conn().preparedQuery("SELECT name FROM topics WHERE name = ANY($1)")
        .execute(Tuple.tuple().addValue(names.toArray(new String[0])))
        .compose(rows -> {
          java.util.Set<String> existing = new java.util.HashSet<>();
          rows.forEach(r -> existing.add(r.getString(0)));
          Future<?> chain = Future.succeededFuture();
          for (String name : names) {
            if (existing.contains(name)) {
              chain = chain.compose(v -> topics.refresh(tx, name));
            }
          }
          return chain.mapEmpty();
        });
  }
}
