package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A delta of a few KB (a batch of marks moving many ranks) is stored as it is, not compressed at
 * every append (V11_65: pglz took 1-4% of PostgreSQL's CPU in a scoring burst), and reads back whole.
 */
class TopicLogStorageTest {
  static Gala gala;

  @BeforeAll
  static void start() throws Exception {
    gala = TestGala.start();
  }

  @AfterAll
  static void stop() {
    TestGala.stop(gala);
  }

  @Test
  void aDeltaOfAFewKilobytesIsStoredUncompressed() throws Exception {
    TopicLog log = new TopicLog(gala.database(), 1000);
    String topic = "storage:probe";
    JsonArray rows = new JsonArray();
    for (int i = 0; i < 60; i++) {
      rows.add(new JsonObject().put("id", i).put("name", "Athlete " + i).put("unit", "Unit " + (i % 7)).put("rank", i + 1)
          .put("total", "8.25"));
    }
    JsonObject delta = new JsonObject().put("lists", new JsonObject().put("rows", new JsonObject().put("upsert", rows)));
    assertTrue(delta.encode().length() > 3000, "a delta past the 2 KB at which PostgreSQL compresses by default");
    gala.database().inTransaction(tx -> log.lock(tx, topic).compose(v -> log.append(tx, topic, delta)))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Row stored = gala.database().pool()
        .preparedQuery("SELECT pg_column_compression(delta) AS compression, delta FROM topic_log WHERE topic = $1")
        .execute(Tuple.of(topic)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).iterator().next();
    assertNull(stored.getString("compression"), "stored as it is");
    assertEquals(delta, stored.getJsonObject("delta"));
  }
}
