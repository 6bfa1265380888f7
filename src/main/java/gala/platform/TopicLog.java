package gala.platform;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Versioned live topics kept in PostgreSQL. A topic is a row in {@code topics} (its version, the
 * lock writers take), a checkpoint in {@code topic_checkpoints} (the snapshot at some version) and
 * the deltas after it in {@code topic_log}; its current state is the checkpoint with those deltas
 * applied. Every topic starts at version 0 with the empty snapshot {@code {}}.
 *
 * <p>A feature that knows what its write changed calls {@link #append} with that delta, inside its
 * transaction: one round trip whatever the size of the topic. Others call {@link #refresh}, which
 * recomputes the snapshot from the feature's {@link TopicSource} and appends the difference. Either
 * way the checkpoint is rewritten only every {@code checkpointEvery} versions, after commit and off
 * the writer's path, and old log rows are trimmed below it.
 */
public final class TopicLog {
  static final int CHECKPOINT_EVERY = 64;
  private static final String APPEND = "WITH v AS (UPDATE topics SET version = version + 1 WHERE name = $1 RETURNING version) "
      + "INSERT INTO topic_log (topic, version, delta) SELECT $1, version, $2 FROM v RETURNING version";
  /**
   * Several topics' next versions in one statement ({@link #appendAll}). The topic rows are locked
   * first, all of them, in byte order of their names (LockRows above a Sort, in a MATERIALIZED CTE
   * that the UPDATE's one-time filter reads whole before it updates a row): every writer that
   * locks topics one by one does so in that order too (Tx.defer, by key), so two writers never wait
   * for each other in a circle whatever order they list the topics in. If a topic is missing the
   * count differs and nothing is appended (the ones found stay locked, which their order allows).
   */
  private static final String APPEND_ALL = "WITH l AS MATERIALIZED (SELECT name FROM topics WHERE name = ANY($1) "
      + "ORDER BY name COLLATE \"C\" FOR NO KEY UPDATE), "
      + "v AS (UPDATE topics t SET version = t.version + 1 WHERE t.name = ANY($1) AND (SELECT count(*) FROM l) = cardinality($1) "
      + "RETURNING t.name, t.version) "
      + "INSERT INTO topic_log (topic, version, delta) SELECT v.name, v.version, x.delta FROM v "
      + "JOIN unnest($1::text[], $2::jsonb[]) x(name, delta) ON x.name = v.name RETURNING topic, version";
  /** The checkpoint, then every delta after it, in version order: one statement, so one consistent view. */
  private static final String CURRENT = "SELECT c.version, c.snapshot, NULL::jsonb AS delta FROM topic_checkpoints c "
      + "WHERE c.topic = $1 UNION ALL SELECT l.version, NULL, l.delta FROM topic_log l WHERE l.topic = $1 "
      + "AND l.version > (SELECT version FROM topic_checkpoints WHERE topic = $1) ORDER BY 1";
  private final Database db;
  private final int retention;
  private final int checkpointEvery;
  private final Map<String, TopicSource> sources = new ConcurrentHashMap<>();
  private final Map<String, Future<Void>> checkpointing = new ConcurrentHashMap<>();
  private final CheckpointPlans plans;

  public TopicLog(Database db, int retention) {
    this(db, retention, CHECKPOINT_EVERY);
  }

  public TopicLog(Database db, int retention, int checkpointEvery) {
    this.db = db;
    this.retention = retention;
    this.checkpointEvery = checkpointEvery;
    this.plans = new CheckpointPlans(checkpointEvery);
    db.onCommitted(c -> {
      Long dueSince = deferred.get(c.topic());
      if (dueSince != null) {
        if (c.version() - dueSince >= OVERDUE * plans.every(c.topic())) {
          checkpoint(c.topic()); // deferred long enough: a cold reader's work stays bounded
        }
      } else if (plans.due(c.topic(), c.version())) {
        if (saturated.getAsBoolean()) {
          deferred.putIfAbsent(c.topic(), c.version());
        } else {
          checkpoint(c.topic());
        }
      }
    });
  }

  /**
   * How many times its usual interval a checkpoint due while the node is saturated may wait: a
   * cold reader then applies at most about this many snapshots' worth of deltas more.
   */
  static final int OVERDUE = 3;
  /** Checkpoints due while the node was saturated, by topic: the version at which each fell due. */
  private final Map<String, Long> deferred = new ConcurrentHashMap<>();
  private volatile java.util.function.BooleanSupplier saturated = () -> false;
  private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Checkpoints fall due while the node is saturated ({@code saturated}: writes wait for a
   * transaction, a registration burst say) wait until it is not, checked every {@code pollMillis}:
   * a checkpoint rewrites a whole snapshot (a unit contact's own list of ~500 entries), work that
   * competes with the writes for the database's CPU and that nobody waits for. One at a time then,
   * while the node stays unsaturated; one overdue by {@link #OVERDUE} intervals runs at once anyway.
   */
  public void deferCheckpointsWhile(io.vertx.core.Vertx vertx, long pollMillis, java.util.function.BooleanSupplier saturated) {
    this.saturated = saturated;
    vertx.setPeriodic(pollMillis, id -> drainDeferred());
  }

  /** How many checkpoints wait for the node to be unsaturated. */
  public int deferredCheckpoints() {
    return deferred.size();
  }

  private void drainDeferred() {
    if (deferred.isEmpty() || saturated.getAsBoolean() || !draining.compareAndSet(false, true)) {
      return;
    }
    java.util.Iterator<String> it = deferred.keySet().iterator();
    if (!it.hasNext()) {
      draining.set(false);
      return;
    }
    checkpoint(it.next()).onComplete(ar -> {
      draining.set(false);
      drainDeferred();
    });
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

  /**
   * Appends {@code delta} (in {@link JsonDiff}'s format), which the caller computed from its own
   * change, as the topic's next version inside {@code tx}; the caller holds the lock that
   * serialises the topic's writers (its competition, say). A topic that does not exist yet is
   * created by a {@link #refresh} instead, whose first delta is the whole snapshot.
   */
  public Future<Long> append(Tx tx, String topic, JsonObject delta) {
    if (delta.isEmpty()) {
      return tx.conn().preparedQuery("SELECT version FROM topics WHERE name = $1").execute(Tuple.of(topic))
          .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next().getLong(0)) : refresh(tx, topic));
    }
    return tx.conn().preparedQuery(APPEND).execute(Tuple.of(topic, delta)).compose(rows -> {
      if (rows.size() == 0) {
        return refresh(tx, topic);
      }
      long version = rows.iterator().next().getLong(0);
      tx.changes().add(new TopicChange(topic, version, delta));
      return Future.succeededFuture(version);
    });
  }

  /**
   * Appends each topic's delta (empty ones skipped) as its next version inside {@code tx}, the
   * topics in {@code existing} together in one statement that locks them in name order (see
   * {@link #APPEND_ALL}); a topic not known to exist goes through {@link #append} (a new topic is
   * created by a refresh), in its place in that order, between statements for the ones around it.
   * The caller holds the locks that serialise these topics' writers and no lock on a topic that
   * sorts after one of them. For a write that changes several topics at once (a registration
   * batch: its entry list, its scoreboard, each owner's own topic): one round trip instead of one each.
   */
  public Future<Void> appendAll(Tx tx, Map<String, JsonObject> deltas, java.util.Set<String> existing) {
    java.util.TreeMap<String, JsonObject> sorted = new java.util.TreeMap<>();
    deltas.forEach((topic, delta) -> {
      if (!delta.isEmpty()) {
        sorted.put(topic, delta);
      }
    });
    Future<Void> chain = Future.succeededFuture();
    java.util.LinkedHashMap<String, JsonObject> run = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonObject> e : sorted.entrySet()) {
      if (existing.contains(e.getKey())) {
        run.put(e.getKey(), e.getValue());
        continue;
      }
      Map<String, JsonObject> before = new java.util.LinkedHashMap<>(run);
      run.clear();
      chain = chain.compose(v -> appendExisting(tx, before)).compose(v -> append(tx, e.getKey(), e.getValue())).mapEmpty();
    }
    if (run.isEmpty()) {
      return chain;
    }
    return chain.compose(v -> appendExisting(tx, run));
  }

  /** One statement for topics that exist; one by one (in order) if one of them does not after all. */
  private Future<Void> appendExisting(Tx tx, Map<String, JsonObject> run) {
    if (run.isEmpty()) {
      return Future.succeededFuture();
    }
    if (run.size() == 1) {
      Map.Entry<String, JsonObject> only = run.entrySet().iterator().next();
      return append(tx, only.getKey(), only.getValue()).mapEmpty();
    }
    String[] names = run.keySet().toArray(new String[0]);
    JsonObject[] values = run.values().toArray(new JsonObject[0]);
    return tx.conn().preparedQuery(APPEND_ALL).execute(Tuple.tuple().addValue(names).addValue(values)).compose(rows -> {
      if (rows.size() != names.length) {
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, JsonObject> e : run.entrySet()) {
          chain = chain.compose(v -> append(tx, e.getKey(), e.getValue()).mapEmpty());
        }
        return chain;
      }
      for (Row r : rows) {
        String topic = r.getString(0);
        tx.changes().add(new TopicChange(topic, r.getLong(1), run.get(topic)));
      }
      return Future.succeededFuture();
    });
  }

  /**
   * The delta the topic's source tells from {@code change} ({@link TopicSource#changed}), after
   * taking the source's lock in {@code tx}; null when the source cannot tell, and then the caller
   * recomputes the topic ({@link #refresh}). For a write that appends it with others ({@link #appendAll}).
   */
  public Future<JsonObject> deltaOf(Tx tx, String topic, JsonObject change) {
    TopicSource source = source(topic);
    if (source == null) {
      return Future.failedFuture(new IllegalArgumentException("no source for topic " + topic));
    }
    // Pipelined: the source's lock, then its reads, which the server runs once the lock is granted.
    Future<Void> serialised = source.serialise(tx.conn(), idOf(topic));
    Future<JsonObject> delta = source.changed(tx.conn(), idOf(topic), change);
    return Future.all(serialised, delta).map(v -> delta.result());
  }

  /**
   * {@link #deltaOf} for several topics of one {@code kind} (each id's change, the ids in the order
   * their locks are to be taken): every source lock, then every delta, in two statements when the
   * source reads them set-based. Answers each topic's delta by name (null: recompute it).
   */
  public Future<Map<String, JsonObject>> deltasOf(Tx tx, String kind, Map<String, JsonObject> changes) {
    TopicSource source = sources.get(kind);
    if (source == null) {
      return Future.failedFuture(new IllegalArgumentException("no source for topics of kind " + kind));
    }
    // Pipelined: the locks, then the reads, which the server runs once the locks are granted.
    Future<Void> serialised = source.serialiseAll(tx.conn(), changes.keySet());
    Future<Map<String, JsonObject>> deltas = source.changedAll(tx.conn(), changes);
    return Future.all(serialised, deltas).map(v -> {
      Map<String, JsonObject> out = new java.util.HashMap<>();
      deltas.result().forEach((id, delta) -> out.put(kind + ":" + id, delta));
      return out;
    });
  }

  /**
   * Tells the topic's source what a write changed ({@link TopicSource#changed}) and appends the delta
   * it answers; recomputes the topic when the source cannot tell. For writes of one feature that
   * change another feature's topic (a registration and the scoreboard), which know the topic by name.
   */
  public Future<Long> changed(Tx tx, String topic, JsonObject change) {
    TopicSource source = source(topic);
    if (source == null) {
      return Future.failedFuture(new IllegalArgumentException("no source for topic " + topic));
    }
    return deltaOf(tx, topic, change).compose(delta -> delta == null ? refresh(tx, topic) : append(tx, topic, delta));
  }

  /** Recomputes the topic's snapshot in {@code tx}; appends a delta if it changed. */
  public Future<Long> refresh(Tx tx, String topic) {
    TopicSource source = source(topic);
    if (source == null) {
      return Future.failedFuture(new IllegalArgumentException("no source for topic " + topic));
    }
    SqlClient conn = tx.conn();
    return source.serialise(conn, idOf(topic)).compose(s -> lockTopic(conn, topic)).compose(version -> {
      Future<Snapshot> current = current(conn, topic);
      Future<JsonObject> next = source.snapshot(conn, idOf(topic));
      return Future.all(current, next).compose(v -> {
        if (current.result().version() != version) {
          return Future.failedFuture(new IllegalStateException("topic " + topic + " is at " + version
              + " but its checkpoint and log reach " + current.result().version()));
        }
        JsonObject delta = JsonDiff.diff(current.result().data(), next.result());
        if (delta.isEmpty()) {
          return Future.succeededFuture(version);
        }
        return conn.preparedQuery(APPEND).execute(Tuple.of(topic, delta)).map(rows -> {
          long appended = rows.iterator().next().getLong(0);
          tx.changes().add(new TopicChange(topic, appended, delta));
          return appended;
        });
      });
    });
  }

  /**
   * Locks the topic's row in {@code tx} now (creating it if new), so a writer takes its locks in a
   * fixed order; a later {@link #refresh} or {@link #append} in the same transaction finds it held.
   */
  public Future<Void> lock(Tx tx, String topic) {
    return lockTopic(tx.conn(), topic).mapEmpty();
  }

  /** The current snapshot and version, creating the topic from the database if it is new. */
  public Future<Snapshot> snapshot(String topic) {
    return db.pool().preparedQuery(CURRENT).execute(Tuple.of(topic)).compose(rows -> {
      if (rows.size() == 0) {
        return db.inTransaction(tx -> refresh(tx, topic)).compose(v -> snapshot(topic));
      }
      if (rows.size() > plans.every(topic)) {
        checkpoint(topic); // a cold reader far behind the last checkpoint: the next one starts later
      }
      return Future.succeededFuture(materialise(topic, rows));
    });
  }

  /**
   * The current state of {@code topic} as {@code conn} sees it (checkpoint plus log), or the empty
   * snapshot at version -1 when the topic does not exist; for sources built on other topics.
   */
  public static Future<Snapshot> current(SqlClient conn, String topic) {
    return conn.preparedQuery(CURRENT).execute(Tuple.of(topic))
        .map(rows -> rows.size() == 0 ? new Snapshot(topic, -1, new JsonObject()) : materialise(topic, rows));
  }

  private static Snapshot materialise(String topic, RowSet<Row> rows) {
    return materialise(topic, rows, new long[2]);
  }

  /** {@code cost}: set to the deltas applied to the checkpoint and the list elements they applied. */
  private static Snapshot materialise(String topic, RowSet<Row> rows, long[] cost) {
    long version = -1;
    JsonDiff.Patcher data = null;
    for (Row r : rows) {
      long v = r.getLong(0);
      if (data == null) {
        data = JsonDiff.Patcher.taking((JsonObject) r.getValue(1)); // read just now: nobody else holds it
      } else if (v != version + 1) {
        throw new IllegalStateException("topic " + topic + " lacks version " + (version + 1) + " in its log");
      } else {
        data.apply((JsonObject) r.getValue(2));
      }
      version = v;
    }
    cost[0] = rows.size() - 1;
    cost[1] = data.applied();
    return new Snapshot(topic, version, data.result());
  }

  /**
   * Rewrites the topic's checkpoint at its current version and trims the log below it (keeping
   * {@code retention} deltas for resume). Off the write path; at most one at a time per topic here.
   */
  Future<Void> checkpoint(String topic) {
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    Future<Void> running = checkpointing.putIfAbsent(topic, done.future());
    if (running != null) {
      return running;
    }
    long[] cost = new long[2];
    Long[] next = {null};
    JsonObject[] data = {null};
    db.pool().withTransaction(conn -> conn.preparedQuery(CURRENT).execute(Tuple.of(topic))
            .map(rows -> rows.size() == 0 ? new Snapshot(topic, -1, new JsonObject()) : materialise(topic, rows, cost))
            .onSuccess(s -> {
              next[0] = s.version() < 0 ? null : s.version();
              data[0] = s.data();
            })
            .compose(s -> s.version() < 0 ? Future.succeededFuture()
                : conn.preparedQuery("INSERT INTO topic_checkpoints (topic, version, snapshot) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (topic) DO UPDATE SET version = EXCLUDED.version, snapshot = EXCLUDED.snapshot "
                        + "WHERE topic_checkpoints.version < EXCLUDED.version")
                    .execute(Tuple.of(topic, s.version(), s.data()))
                    .compose(v -> conn.preparedQuery("DELETE FROM topic_log WHERE topic = $1 AND version <= $2")
                        .execute(Tuple.of(topic, s.version() - retention)))))
        .onComplete(ar -> {
          if (ar.succeeded() && next[0] != null) {
            plans.checkpointed(topic, next[0], cost[0], cost[1], data[0]);
          }
          deferred.remove(topic);
          checkpointing.remove(topic, done.future());
          done.handle(ar.mapEmpty());
        });
    return done.future();
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

  /** Locks the topic row and returns its version, creating the topic at version 0 first if it is new. */
  private static Future<Long> lockTopic(SqlClient conn, String topic) {
    return selectForUpdate(conn, topic).compose(found -> found != null ? Future.succeededFuture(found)
        : conn.preparedQuery("WITH t AS (INSERT INTO topics (name, version) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING "
                + "RETURNING name) INSERT INTO topic_checkpoints (topic, version, snapshot) SELECT name, 0, '{}'::jsonb FROM t")
            .execute(Tuple.of(topic))
            .compose(v -> selectForUpdate(conn, topic)));
  }

  private static Future<Long> selectForUpdate(SqlClient conn, String topic) {
    return conn.preparedQuery("SELECT version FROM topics WHERE name = $1 FOR UPDATE")
        .execute(Tuple.of(topic))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  public record Snapshot(String topic, long version, JsonObject data) {
    public JsonObject toJson() {
      return new JsonObject().put("topic", topic).put("version", version).put("data", data);
    }
  }
}
