package gala.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.Caller;
import gala.platform.JsonDiff;
import gala.platform.TopicSource;
import gala.testing.LiveClient;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A spectator whose client stops reading (a phone in a pocket, a stalled tab) while a burst of large
 * changes goes out: the node stops writing to it once its socket's queue is full instead of buffering
 * every delta, and when it reads again it skips to the newest state (a snapshot) and ends exact; a
 * reader next to it gets every delta, gap-free.
 */
class SlowReaderTest {
  static final int CHANGES = 240;
  static final String TOPIC = "bulky:1";
  static Gala gala;

  @BeforeAll
  static void start() throws Exception {
    gala = TestGala.start(TestDatabase.fresh());
    gala.topics().register(new Bulky());
    await(gala.database().pool().query("CREATE TABLE bulky (id BIGINT PRIMARY KEY, label TEXT)").execute());
  }

  @AfterAll
  static void stop() {
    TestGala.stop(gala);
  }

  @Test
  void aReaderThatStopsReadingSkipsToTheNewestStateAndEndsExact() throws Exception {
    try (LiveClient fast = LiveClient.connect(gala.vertx(), gala.port());
        LiveClient slow = LiveClient.connect(gala.vertx(), gala.port())) {
      fast.subscribe(TOPIC, null);
      slow.subscribe(TOPIC, null);
      JsonObject fastState = fast.next();
      JsonObject slowFirst = slow.next();
      assertEquals("snapshot", fastState.getString("type"));
      assertEquals("snapshot", slowFirst.getString("type"));
      slow.socket().pause();

      // A burst of large changes (10 rows of 32 KB each rewritten in turn): megabytes the slow
      // reader does not take.
      String filler = "x".repeat(32 * 1024);
      long last = 0;
      for (int i = 0; i < CHANGES; i++) {
        long id = i % 10;
        String label = i + filler;
        last = await(gala.database().inTransaction(tx -> tx.conn()
            .preparedQuery("INSERT INTO bulky VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label")
            .execute(Tuple.of(id, label))
            .compose(v -> gala.topics().append(tx, TOPIC, new JsonObject().put("lists", new JsonObject().put("rows",
                new JsonObject().put("upsert", new JsonArray().add(new JsonObject().put("id", id).put("label", label)))))))));
      }
      JsonObject fresh = await(new Bulky().snapshot(gala.database().pool(), "1"));

      JsonObject data = fastState.getJsonObject("data");
      long version = fastState.getLong("version");
      while (version < last) {
        JsonObject d = fast.next();
        assertEquals("delta", d.getString("type"));
        assertEquals(version + 1, d.getLong("version"), "gap-free for the reader that keeps up");
        version = d.getLong("version");
        data = JsonDiff.apply(data, d.getJsonObject("data"));
      }
      assertEquals(fresh, data);

      slow.socket().resume();
      data = slowFirst.getJsonObject("data");
      version = slowFirst.getLong("version");
      int deltas = 0;
      int snapshots = 0;
      while (version < last) {
        JsonObject f = slow.next();
        if ("snapshot".equals(f.getString("type"))) {
          snapshots++;
          data = f.getJsonObject("data");
        } else {
          assertEquals("delta", f.getString("type"), f.encode());
          assertEquals(version + 1, f.getLong("version"), "a delta follows the state it applies to");
          deltas++;
          data = JsonDiff.apply(data, f.getJsonObject("data"));
        }
        version = f.getLong("version");
      }
      assertEquals(last, version);
      assertEquals(fresh, data, "the slow reader's final state is exact");
      assertTrue(snapshots >= 1, "it skipped to a newer snapshot");
      assertTrue(deltas < CHANGES, "it was not sent every delta: " + deltas);
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** {@code bulky:1}: every row of the bulky table. */
  static final class Bulky implements TopicSource {
    @Override
    public String kind() {
      return "bulky";
    }

    @Override
    public Future<JsonObject> snapshot(SqlClient db, String id) {
      return db.query("SELECT id, label FROM bulky ORDER BY id").execute().map(rows -> {
        JsonArray list = new JsonArray();
        rows.forEach(r -> list.add(new JsonObject().put("id", r.getLong("id")).put("label", r.getString("label"))));
        return new JsonObject().put("rows", list);
      });
    }

    @Override
    public Future<Boolean> canRead(SqlClient db, Caller caller, String id) {
      return Future.succeededFuture(true);
    }
  }
}
