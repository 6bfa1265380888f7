package gala.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Versioned live topics kept in PostgreSQL. A write transaction calls {@link #refresh}: the topic
 * row is locked, the snapshot recomputed, and if it changed the version is bumped and the delta
 * appended to {@code topic_log}, all inside the caller's transaction. Every topic starts at
 * version 0 with the empty snapshot {@code {}}.
 */
public final class TopicLog {
  private final Database db;
  private final int retention;
  private final Map<String, TopicSource> sources = new ConcurrentHashMap<>();

  public TopicLog(Database db, int retention) {
    this.db = db;
    this.retention = retention;
  }

  public void register(TopicSource source) {
    sources.put(source.kind(), source);
  }

  public TopicSource source(String topic) {
    int colon = topic.indexOf(':');
    return colon <= 0 ? null : sources.get(topic.substring(0, colon));
  }

  public static String idOf(String topic) {
    return topic.substring(topic.indexOf(':') + 1);
  }

  /** Recomputes the topic's snapshot in {@code tx}; appends a delta if it changed. */
  public Future<Long> refresh(Tx tx, String topic) {
    TopicSource source = source(topic);
    if (source == null) {
      return Future.failedFuture(new IllegalArgumentException("no source for topic " + topic));
    }
    return lockTopic(tx.conn(), topic)
        .compose(current -> source.snapshot(tx.conn(), idOf(topic))
            .compose(next -> append(tx, topic, current, next)));
  }

  /**
   * Locks the topic's row in {@code tx} now (creating it if new), so a writer takes its locks in a
   * fixed order; a later {@link #refresh} in the same transaction finds the lock already held.
   */
  public Future<Void> lock(Tx tx, String topic) {
    return lockTopic(tx.conn(), topic).mapEmpty();
  }

  /** The current snapshot and version, creating the topic from the database if it is new. */
  public Future<Snapshot> snapshot(String topic) {
    return db.pool()
        .preparedQuery("SELECT version, snapshot FROM topics WHERE name = $1")
        .execute(Tuple.of(topic))
        .compose(rows -> {
          if (rows.size() > 0) {
            Row r = rows.iterator().next();
            return Future.succeededFuture(new Snapshot(topic, r.getLong(0), (JsonObject) r.getValue(1)));
          }
          return db.inTransaction(tx -> refresh(tx, topic)).compose(v -> snapshot(topic));
        });
  }

  /**
   * The deltas after {@code since}, in order, or null when the log no longer reaches back that far
   * (or {@code since} is not a version this topic has had): then the client needs a snapshot.
   */
  public Future<List<TopicChange>> since(String topic, long since) {
    return db.pool()
        .preparedQuery("SELECT t.version AS current, l.version, l.delta FROM topics t "
            + "LEFT JOIN topic_log l ON l.topic = t.name AND l.version > $2 "
            + "WHERE t.name = $1 ORDER BY l.version")
        .execute(Tuple.of(topic, since))
        .map(rows -> {
          List<TopicChange> out = new ArrayList<>();
          long current = -1;
          for (Row r : rows) {
            current = r.getLong("current");
            Long v = r.getLong("version");
            if (v != null) {
              out.add(new TopicChange(topic, v, (JsonObject) r.getValue("delta")));
            }
          }
          if (current < 0 || since > current) {
            return null;
          }
          long expected = since + 1;
          for (TopicChange c : out) {
            if (c.version() != expected++) {
              return null;
            }
          }
          return expected - 1 == current ? out : null;
        });
  }

  /** Locks the topic row, creating it at version 0 first if the topic is new (one round trip when it exists). */
  private Future<Snapshot> lockTopic(SqlClient conn, String topic) {
    return selectForUpdate(conn, topic).compose(found -> found != null ? Future.succeededFuture(found)
        : conn.preparedQuery("INSERT INTO topics (name, version, snapshot) VALUES ($1, 0, '{}'::jsonb) "
                + "ON CONFLICT (name) DO NOTHING")
            .execute(Tuple.of(topic))
            .compose(v -> selectForUpdate(conn, topic)));
  }

  private static Future<Snapshot> selectForUpdate(SqlClient conn, String topic) {
    return conn.preparedQuery("SELECT version, snapshot FROM topics WHERE name = $1 FOR UPDATE")
        .execute(Tuple.of(topic))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Snapshot(topic, r.getLong(0), (JsonObject) r.getValue(1));
        });
  }

  private Future<Long> append(Tx tx, String topic, Snapshot current, JsonObject next) {
    JsonObject delta = JsonDiff.diff(current.data(), next);
    if (delta.isEmpty()) {
      return Future.succeededFuture(current.version());
    }
    long version = current.version() + 1;
    SqlClient conn = tx.conn();
    return conn.preparedQuery("UPDATE topics SET version = $2, snapshot = $3 WHERE name = $1")
        .execute(Tuple.of(topic, version, next))
        .compose(v -> conn.preparedQuery("INSERT INTO topic_log (topic, version, delta) VALUES ($1, $2, $3)")
            .execute(Tuple.of(topic, version, delta)))
        .compose(v -> version % 100 == 0
            ? conn.preparedQuery("DELETE FROM topic_log WHERE topic = $1 AND version <= $2")
                .execute(Tuple.of(topic, version - retention)).mapEmpty()
            : Future.succeededFuture())
        .map(v -> {
          tx.changes().add(new TopicChange(topic, version, delta));
          return version;
        });
  }

  public record Snapshot(String topic, long version, JsonObject data) {
    public JsonObject toJson() {
      return new JsonObject().put("topic", topic).put("version", version).put("data", data);
    }
  }
}
