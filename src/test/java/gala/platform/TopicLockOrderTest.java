package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many transactions at once, on 16 connections, each appending to several of a few shared topics:
 * half of them through {@link TopicLog#appendAll} (one statement, the topics listed in a random
 * order), half one topic at a time in name order, as deferred per-person work does (Tx.defer).
 * None may deadlock (PostgreSQL would abort one of a cycle), and every topic's versions stay
 * gap-free, each transaction's delta stored once under its own version. The names include ones
 * whose order differs between byte order and a language's collation ("t:B" / "t:a", "t:_x" /
 * "t:b"), so a statement sorting by the database's collation would lock in another order than
 * the one-by-one writers do.
 */
class TopicLockOrderTest {
  static Gala gala;
  static Database db;
  static TopicLog log;
  static final List<String> TOPICS = List.of("t:a", "t:B", "t:b", "t:_x", "t:10", "t:9", "t:C", "t:c-1", "t:c1", "t:Z", "t:z");

  @BeforeAll
  static void start() throws Exception {
    var location = TestDatabase.fresh();
    gala = TestGala.start(location);
    db = new Database(Database.pool(gala.vertx(), location, 16), new TopicBus(gala.vertx()));
    log = new TopicLog(db, 1000);
    await(db.inTransaction(tx -> {
      Future<Void> chain = Future.succeededFuture();
      for (String t : new TreeSet<>(TOPICS)) {
        chain = chain.compose(v -> log.lock(tx, t));
      }
      return chain;
    }));
  }

  @AfterAll
  static void stop() {
    await(db.close());
    TestGala.stop(gala);
  }

  @Test
  void concurrentWritersOfOverlappingTopicsNeverDeadlockAndKeepVersionsGapFree() {
    Random random = new Random(11);
    Set<String> existing = Set.copyOf(TOPICS);
    Map<String, List<Integer>> expected = new HashMap<>();
    List<Future<Void>> running = new ArrayList<>();
    int writers = 400;
    for (int w = 0; w < writers; w++) {
      List<String> shuffled = new ArrayList<>(TOPICS);
      Collections.shuffle(shuffled, random);
      List<String> chosen = shuffled.subList(0, 2 + random.nextInt(5));
      Map<String, JsonObject> deltas = new LinkedHashMap<>();
      int writer = w;
      chosen.forEach(t -> {
        deltas.put(t, new JsonObject().put("set", new JsonObject().put("by", writer)));
        expected.computeIfAbsent(t, k -> new ArrayList<>()).add(writer);
      });
      boolean together = w % 2 == 0;
      running.add(db.inTransaction(tx -> {
        if (together) {
          return log.appendAll(tx, deltas, existing);
        }
        Future<Void> chain = Future.succeededFuture();
        for (String t : new TreeSet<>(deltas.keySet())) {
          chain = chain.compose(v -> log.append(tx, t, deltas.get(t)).mapEmpty());
        }
        return chain;
      }));
    }
    List<Throwable> failed = new ArrayList<>();
    for (Future<Void> f : running) {
      try {
        await(f);
      } catch (RuntimeException e) {
        failed.add(e);
      }
    }
    assertTrue(failed.isEmpty(), failed.size() + " of " + writers + " writers failed, first: " + (failed.isEmpty() ? "" : failed.get(0)));
    for (String t : TOPICS) {
      List<Row> rows = new ArrayList<>();
      await(db.pool().preparedQuery("SELECT l.version, (l.delta->'set'->>'by')::int, t.version FROM topic_log l "
          + "JOIN topics t ON t.name = l.topic WHERE l.topic = $1 ORDER BY l.version").execute(Tuple.of(t))).forEach(rows::add);
      List<Integer> writersSeen = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        assertEquals(i + 1, rows.get(i).getLong(0), t + ": version " + (i + 1) + " is missing or doubled");
        assertEquals(rows.size(), rows.get(i).getLong(2), t + ": the topic's version is not its last delta's");
        writersSeen.add(rows.get(i).getInteger(1));
      }
      List<Integer> want = new ArrayList<>(expected.getOrDefault(t, List.of()));
      Collections.sort(want);
      Collections.sort(writersSeen);
      assertEquals(want, writersSeen, t + ": each writer's delta once");
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
