package gala.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.Dates;
import gala.testing.LiveClient;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
  static Gala gala;
  static String topic;

  @BeforeAll
  static void start() throws Exception {
    gala = TestGala.start(TestDatabase.fresh());
    await(gala.database().pool().query("CREATE TABLE bulky (id BIGINT PRIMARY KEY, label TEXT)").execute());
    // A public competition's scoreboard topic carries the burst (the access rule knows that kind).
    Api api = new Api(gala.port());
    String organiser = Api.token(api.signup("org@slow.test", "organiser"));
    long event = api.post("/api/v1/events", organiser, new JsonObject().put("title", "Slow").put("startsOn", Dates.inDays(0))
        .put("endsOn", Dates.inDays(1)))
        .json().getLong("id");
    long competition = api.post("/api/v1/events/" + event + "/competitions", organiser, new JsonObject().put("name", "Bulky")
        .put("capacity", 10).put("format", new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 1)
            .put("min", 0).put("max", 10).put("decimals", 2))).json().getLong("id");
    topic = "scoreboard:" + competition;
  }

  @AfterAll
  static void stop() {
    TestGala.stop(gala);
  }

  @Test
  void aReaderThatStopsReadingSkipsToTheNewestStateAndEndsExact() throws Exception {
    try (LiveClient fast = LiveClient.connect(gala.vertx(), gala.port());
        LiveClient slow = LiveClient.connect(gala.vertx(), gala.port())) {
      fast.subscribe(topic, null);
      slow.subscribe(topic, null);
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
            .compose(v -> gala.topics().append(tx, topic, new JsonObject().put("lists", new JsonObject().put("bulk",
                new JsonObject().put("upsert", new JsonArray().add(new JsonObject().put("id", id).put("label", label)))))))));
      }
      // What the topic holds now (checkpoint plus log): the state both readers must end on.
      JsonObject fresh = await(gala.topics().snapshot(topic)).data();

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
}
