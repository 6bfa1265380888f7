package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.testing.TestGala;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The topic log against a real PostgreSQL: writers that append their own deltas and writers that
 * refresh from the source, interleaved at random, keep the stored state (checkpoint plus log) equal
 * to a fresh recompute at every version; checkpoints trim the log without changing what a
 * subscriber gets; resume replays exactly the deltas it still has.
 */
class TopicLogTest {
  static Gala gala;
  static TopicLog log;

  @BeforeAll
  static void start() throws Exception {
    gala = TestGala.start();
    log = new TopicLog(gala.database(), 5, 4);
    log.register(new Probe());
    await(gala.database().pool().query("CREATE TABLE topic_probe (topic TEXT, id BIGINT, label TEXT, PRIMARY KEY (topic, id))")
        .execute());
  }

  @AfterAll
  static void stop() {
    TestGala.stop(gala);
  }

  @Test
  void appendedAndRefreshedDeltasRebuildTheSourceAtEveryVersion() throws Exception {
    String topic = "probe:mixed";
    Random random = new Random(7);
    List<Long> ids = new ArrayList<>();
    TopicLog.Snapshot start = await(log.snapshot(topic));
    JsonObject first = start.data();
    assertEquals(fresh(topic), first);
    List<TopicChange> seen = new ArrayList<>();
    for (int step = 0; step < 60; step++) {
      int op = random.nextInt(3);
      long id = step;
      if (op == 0 || ids.isEmpty()) {
        // A writer that knows its change: insert, then append the row and the new count.
        ids.add(id);
        await(gala.database().inTransaction(tx -> tx.conn().preparedQuery("INSERT INTO topic_probe VALUES ($1, $2, $3)")
            .execute(Tuple.of(topic, id, "row " + id))
            .compose(v -> log.append(tx, topic, new JsonObject()
                .put("set", new JsonObject().put("count", ids.size()))
                .put("lists", new JsonObject().put("rows", new JsonObject()
                    .put("upsert", new JsonArray().add(new JsonObject().put("id", id).put("label", "row " + id)))))))
            .map(v -> seen.addAll(tx.changes()))));
      } else if (op == 1) {
        // A writer that refreshes: relabel a row, the log diffs against its current state.
        long target = ids.get(random.nextInt(ids.size()));
        await(gala.database().inTransaction(tx -> tx.conn().preparedQuery("UPDATE topic_probe SET label = $3 "
                + "WHERE topic = $1 AND id = $2").execute(Tuple.of(topic, target, "relabelled at " + id))
            .compose(v -> log.refresh(tx, topic))
            .map(v -> seen.addAll(tx.changes()))));
      } else {
        long target = ids.remove(random.nextInt(ids.size()));
        await(gala.database().inTransaction(tx -> tx.conn().preparedQuery("DELETE FROM topic_probe WHERE topic = $1 AND id = $2")
            .execute(Tuple.of(topic, target))
            .compose(v -> log.append(tx, topic, new JsonObject()
                .put("set", new JsonObject().put("count", ids.size()))
                .put("lists", new JsonObject().put("rows", new JsonObject().put("remove", new JsonArray().add(target))))))
            .map(v -> seen.addAll(tx.changes()))));
      }
      if (step % 7 == 0) {
        await(log.checkpoint(topic));
      }
      TopicLog.Snapshot stored = await(log.snapshot(topic));
      assertEquals(fresh(topic), stored.data(), "after step " + step);
    }
    // The deltas as published, applied in order to the first snapshot, give the last one, gap-free.
    JsonObject replayed = first;
    long expected = start.version() + 1;
    for (TopicChange c : seen) {
      assertEquals(expected++, c.version());
      replayed = JsonDiff.apply(replayed, c.delta());
    }
    assertEquals(fresh(topic), replayed);

    await(log.checkpoint(topic));
    long version = await(log.snapshot(topic)).version();
    Row checkpoint = await(gala.database().pool().preparedQuery("SELECT version FROM topic_checkpoints WHERE topic = $1")
        .execute(Tuple.of(topic))).iterator().next();
    assertEquals(version, checkpoint.getLong(0), "the checkpoint is at the newest version");
    List<TopicChange> recent = await(log.since(topic, version - 5));
    assertNotNull(recent, "the retained deltas still resume");
    assertEquals(5, recent.size());
    assertEquals(seen.subList(seen.size() - 5, seen.size()).stream().map(TopicChange::delta).toList(),
        recent.stream().map(TopicChange::delta).toList());
    assertNull(await(log.since(topic, 1)), "below retention a subscriber gets a snapshot");
    assertTrue(await(gala.database().pool().preparedQuery("SELECT count(*) FROM topic_log WHERE topic = $1")
        .execute(Tuple.of(topic))).iterator().next().getLong(0) <= 5);
  }

  /**
   * A checkpoint that falls due while the node is saturated waits until it is not (or until it is
   * overdue by OVERDUE intervals); the topic's stored state is the same throughout.
   */
  @Test
  void aCheckpointDueWhileSaturatedWaitsUntilTheNodeIsNot() throws Exception {
    String topic = "probe:deferred";
    // Its own Database (the same pool): the other TopicLog here checkpoints every 4th version of what gala.database() commits.
    Database own = new Database(gala.database().pool(), new TopicBus(gala.vertx()));
    TopicLog deferring = new TopicLog(own, 5, 4);
    deferring.register(new Probe());
    java.util.concurrent.atomic.AtomicBoolean saturated = new java.util.concurrent.atomic.AtomicBoolean(true);
    deferring.deferCheckpointsWhile(gala.vertx(), 20, saturated::get);
    await(deferring.snapshot(topic)); // the topic and its first checkpoint
    long first = checkpointVersion(topic);
    long version = 0;
    int id = 0;
    while (version < 6) {
      version = appendRow(own, deferring, topic, ++id); // due at version 4 (every 4th until this node wrote one)
    }
    Thread.sleep(200);
    assertEquals(first, checkpointVersion(topic), "due at version 4, but the node is saturated");
    assertEquals(1, deferring.deferredCheckpoints());
    // (TopicLog.current: a cold read through snapshot() would ask for the checkpoint itself)
    assertEquals(fresh(topic), await(TopicLog.current(gala.database().pool(), topic)).data());
    // Overdue: 3 intervals (12 versions) after it fell due, it is written all the same.
    while (version < 16) {
      version = appendRow(own, deferring, topic, ++id);
    }
    long forced = awaitCheckpointBeyond(topic, first);
    assertTrue(forced >= 16, "written once overdue: " + forced);
    assertEquals(0, deferring.deferredCheckpoints());
    // Due again, still saturated: it waits, then runs once the node is not.
    for (int i = 0; i < 200 && deferring.deferredCheckpoints() == 0; i++) {
      version = appendRow(own, deferring, topic, ++id);
    }
    assertEquals(1, deferring.deferredCheckpoints(), "due again");
    Thread.sleep(200);
    assertEquals(forced, checkpointVersion(topic), "still waiting while saturated");
    saturated.set(false);
    assertEquals(version, awaitCheckpointBeyond(topic, forced), "written once the node is no longer saturated");
    assertEquals(0, deferring.deferredCheckpoints());
    assertEquals(fresh(topic), await(deferring.snapshot(topic)).data());
  }

  private static long awaitCheckpointBeyond(String topic, long version) throws Exception {
    long now = checkpointVersion(topic);
    for (int i = 0; i < 250 && now == version; i++) {
      Thread.sleep(20);
      now = checkpointVersion(topic);
    }
    return now;
  }

  /** Adds row {@code id} (the rows are 1..id) and appends its delta; answers the topic's new version. */
  private static long appendRow(Database db, TopicLog log, String topic, long id) throws Exception {
    return await(db.inTransaction(tx -> tx.conn().preparedQuery("INSERT INTO topic_probe VALUES ($1, $2, $3)")
        .execute(Tuple.of(topic, id, "row " + id))
        .compose(v -> log.append(tx, topic, new JsonObject().put("set", new JsonObject().put("count", id))
            .put("lists", new JsonObject().put("rows", new JsonObject()
                .put("upsert", new JsonArray().add(new JsonObject().put("id", id).put("label", "row " + id)))))))));
  }

  private static long checkpointVersion(String topic) throws Exception {
    return await(gala.database().pool().preparedQuery("SELECT version FROM topic_checkpoints WHERE topic = $1")
        .execute(Tuple.of(topic))).iterator().next().getLong(0);
  }

  @Test
  void aNewTopicAppendedToStartsFromItsWholeSnapshot() throws Exception {
    String topic = "probe:new";
    await(gala.database().inTransaction(tx -> tx.conn().preparedQuery("INSERT INTO topic_probe VALUES ($1, 1, 'one')")
        .execute(Tuple.of(topic))
        .compose(v -> log.append(tx, topic, new JsonObject().put("set", new JsonObject().put("count", 1))))));
    TopicLog.Snapshot s = await(log.snapshot(topic));
    assertEquals(1, s.version());
    assertEquals(fresh(topic), s.data());
  }

  private static JsonObject fresh(String topic) throws Exception {
    return await(new Probe().snapshot(gala.database().pool(), TopicLog.idOf(topic)));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** {@code probe:<name>}: the rows of topic_probe for that name, and their count. */
  static final class Probe implements TopicSource {
    @Override
    public String kind() {
      return "probe";
    }

    @Override
    public Future<JsonObject> snapshot(SqlClient db, String id) {
      return db.preparedQuery("SELECT id, label FROM topic_probe WHERE topic = $1 ORDER BY id").execute(Tuple.of("probe:" + id))
          .map(rows -> {
            JsonArray list = new JsonArray();
            rows.forEach(r -> list.add(new JsonObject().put("id", r.getLong("id")).put("label", r.getString("label"))));
            return new JsonObject().put("count", list.size()).put("rows", list);
          });
    }

    @Override
    public Future<Boolean> canRead(SqlClient db, gala.platform.Caller caller, String id) {
      return Future.succeededFuture(true);
    }
  }
}
