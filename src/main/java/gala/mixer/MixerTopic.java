package gala.mixer;

import gala.platform.ApiError;
import gala.platform.TopicLog;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.Set;

/**
 * The deltas of {@code mixer:<id>} ({@link MixerSource}'s snapshot), computed from what each write
 * changed and appended in its transaction; the writer holds the mixer row's lock, which orders the
 * topic's writers. The clock and counts are set fields; of the seats, only the rows of the tables a
 * change touched: a move sends two tables, a check-in no seat at all. A new round replaces the seats,
 * so its delta is that round's seats.
 */
final class MixerTopic {
  private final TopicLog topics;

  MixerTopic(TopicLog topics) {
    this.topics = topics;
  }

  /** The counts changed: someone joined, came or went. */
  Future<Long> header(Tx tx, long mixerId) {
    return head(tx.conn(), mixerId)
        .compose(head -> topics.append(tx, MixerSource.topic(mixerId), new JsonObject().put("set", head)));
  }

  /** The round clock changed (a round ended, or its end moved): on the phones and on the board. */
  Future<Long> clock(Tx tx, long mixerId) {
    return head(tx.conn(), mixerId)
        .compose(head -> topics.append(tx, MixerSource.topic(mixerId), new JsonObject().put("set", head))
            .compose(v -> topics.append(tx, MixerBoard.topic(mixerId), new JsonObject().put("set", clockOf(head)))));
  }

  /**
   * The seats at {@code tables} and of {@code user} changed in the current {@code round} (and
   * perhaps the counts). {@code newRow}: one of them had no seat this round before, so the delta
   * also carries the list's order.
   */
  Future<Long> seats(Tx tx, long mixerId, int round, long user, boolean newRow, int... tables) {
    SqlClient conn = tx.conn();
    return head(conn, mixerId).compose(head -> MixerSource.seats(conn, mixerId, round,
            java.util.Arrays.stream(tables).filter(t -> t > 0).distinct().boxed().toArray(Integer[]::new), new Long[] {user})
        .compose(rows -> (newRow ? order(conn, mixerId, round) : Future.succeededFuture((JsonArray) null))
            .compose(order -> {
              JsonObject seats = new JsonObject().put("upsert", rows);
              if (order != null) {
                seats.put("order", order);
              }
              return topics.append(tx, MixerSource.topic(mixerId), new JsonObject().put("set", head)
                  .put("lists", new JsonObject().put("seats", seats)))
                  .compose(v -> board(tx, mixerId, round, rows, user, tables));
            })));
  }

  /**
   * The board's delta of the same change: the tables it touched (those now empty removed), and who
   * rests when the bench was one of them. A table a move opens is numbered after the last, so it
   * belongs at the end of the list, where an upsert puts it: no order needed.
   */
  private Future<Long> board(Tx tx, long mixerId, int round, JsonArray rows, long user, int... tables) {
    Set<Integer> touched = new java.util.TreeSet<>();
    for (int t : tables) {
      touched.add(t);
    }
    rows.forEach(r -> {
      JsonObject row = (JsonObject) r;
      if (row.getLong("id") == user) {
        touched.add(row.getInteger("table") == null ? 0 : row.getInteger("table"));
      }
    });
    boolean bench = touched.remove(0);
    SqlClient conn = tx.conn();
    return MixerBoard.tables(conn, mixerId, round, touched.toArray(Integer[]::new)).compose(upsert -> {
      Set<Integer> filled = new HashSet<>();
      upsert.forEach(r -> filled.add(((JsonObject) r).getInteger("id")));
      JsonArray remove = new JsonArray();
      touched.stream().filter(t -> !filled.contains(t)).forEach(remove::add);
      JsonObject list = new JsonObject();
      if (!upsert.isEmpty()) {
        list.put("upsert", upsert);
      }
      if (!remove.isEmpty()) {
        list.put("remove", remove);
      }
      JsonObject delta = list.isEmpty() ? new JsonObject() : new JsonObject().put("lists", new JsonObject().put("tables", list));
      Future<JsonObject> withBench = bench ? MixerBoard.resting(conn, mixerId, round)
          .map(resting -> delta.put("set", new JsonObject().put("resting", resting))) : Future.succeededFuture(delta);
      return withBench.compose(d -> topics.append(tx, MixerBoard.topic(mixerId), d));
    });
  }

  /** Round {@code round} was seated: the last round's seats go, this one's come, in the topic's order. */
  Future<Long> round(Tx tx, long mixerId, int round) {
    SqlClient conn = tx.conn();
    return head(conn, mixerId).compose(head -> MixerSource.seats(conn, mixerId, round).compose(rows ->
        order(conn, mixerId, round - 1).compose(before -> {
          Set<Object> now = new HashSet<>();
          JsonArray order = new JsonArray();
          rows.forEach(r -> {
            Object id = ((JsonObject) r).getValue("id");
            now.add(String.valueOf(id));
            order.add(id);
          });
          JsonArray remove = new JsonArray();
          before.forEach(id -> {
            if (!now.contains(String.valueOf(id))) {
              remove.add(id);
            }
          });
          JsonObject seats = new JsonObject().put("upsert", rows).put("order", order);
          if (!remove.isEmpty()) {
            seats.put("remove", remove);
          }
          return topics.append(tx, MixerSource.topic(mixerId), new JsonObject().put("set", head)
              .put("lists", new JsonObject().put("seats", seats)));
        })))
        .compose(v -> boardRound(tx, mixerId, round));
  }

  /** The board of a new round: its clock, every table (the last round's gone), who rests. */
  private Future<Long> boardRound(Tx tx, long mixerId, int round) {
    SqlClient conn = tx.conn();
    return head(conn, mixerId).compose(head -> MixerBoard.tables(conn, mixerId, round, null).compose(tables ->
        MixerBoard.resting(conn, mixerId, round).compose(resting -> conn.preparedQuery("SELECT DISTINCT table_no "
                + "FROM mixer_seats WHERE mixer_id = $1 AND round = $2 AND table_no > 0").execute(Tuple.of(mixerId, round - 1))
            .compose(before -> {
              Set<Integer> now = new HashSet<>();
              JsonArray order = new JsonArray();
              tables.forEach(t -> {
                now.add(((JsonObject) t).getInteger("id"));
                order.add(((JsonObject) t).getInteger("id"));
              });
              JsonArray remove = new JsonArray();
              before.forEach(r -> {
                if (!now.contains(r.getInteger(0))) {
                  remove.add(r.getInteger(0));
                }
              });
              JsonObject list = new JsonObject().put("upsert", tables).put("order", order);
              if (!remove.isEmpty()) {
                list.put("remove", remove);
              }
              return topics.append(tx, MixerBoard.topic(mixerId), new JsonObject()
                  .put("set", clockOf(head).put("resting", resting)).put("lists", new JsonObject().put("tables", list)));
            }))));
  }

  /** The clock's fields of a mixer topic's head (the board shows no counts). */
  private static JsonObject clockOf(JsonObject head) {
    JsonObject clock = head.copy();
    clock.remove("joined");
    clock.remove("checkedIn");
    return clock;
  }

  /** The ids of the round's seats in the topic's order. */
  private static Future<JsonArray> order(SqlClient conn, long mixerId, int round) {
    return conn.preparedQuery("SELECT user_id FROM mixer_seats WHERE mixer_id = $1 AND round = $2 ORDER BY user_id")
        .execute(Tuple.of(mixerId, round))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(r.getLong(0)));
          return out;
        });
  }

  private static Future<JsonObject> head(SqlClient conn, long mixerId) {
    return conn.preparedQuery(MixerService.MIXER_SELECT + " WHERE m.id = $1").execute(Tuple.of(mixerId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("mixer " + mixerId))
            : Future.succeededFuture(MixerSource.head(rows.iterator().next())));
  }

}
