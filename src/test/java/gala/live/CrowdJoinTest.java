package gala.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.Gala;
import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.LiveClient;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A crowd opening one scoreboard at the same moment while its changes keep committing (the gateway
 * serves sockets that ask together from one snapshot read and one encoded frame): every spectator
 * starts from a snapshot, then gets each later version exactly once and in order, and ends on the
 * topic's current state without waiting for a further change.
 */
class CrowdJoinTest {
  static final int SPECTATORS = 40;
  static final int CHANGES = 60;
  static Gala gala;
  static String topic;

  @BeforeAll
  static void start() throws Exception {
    gala = TestGala.start(TestDatabase.fresh(), "--instances=2");
    Api api = new Api(gala.port());
    String organiser = Api.token(api.signup("org@crowd.test", "organiser"));
    long event = api.createEvent(organiser, "Crowd");
    long competition = api.createJudgedCompetition(organiser, event, "Final", 100, 1);
    topic = "scoreboard:" + competition;
  }

  @AfterAll
  static void stop() {
    TestGala.stop(gala);
  }

  @Test
  void spectatorsJoiningTogetherDuringChangesEachEndOnTheCurrentState() throws Exception {
    List<LiveClient> crowd = new ArrayList<>();
    try {
      for (int i = 0; i < SPECTATORS; i++) {
        crowd.add(LiveClient.connect(gala.vertx(), gala.port()));
      }
      CompletableFuture<Long> writes = CompletableFuture.supplyAsync(() -> {
        long last = 0;
        for (int i = 0; i < CHANGES; i++) {
          long id = i % 7;
          String label = "change " + i;
          last = await(gala.database().inTransaction(tx -> gala.topics().append(tx, topic, new JsonObject().put("lists",
              new JsonObject().put("crowd", new JsonObject().put("upsert", new JsonArray()
                  .add(new JsonObject().put("id", id).put("label", label))))))));
        }
        return last;
      });
      // Everyone asks while the changes are committing.
      for (LiveClient c : crowd) {
        c.subscribe(topic, null);
      }
      long last = writes.get(60, TimeUnit.SECONDS);
      JsonObject fresh = await(gala.topics().snapshot(topic)).data();

      for (LiveClient c : crowd) {
        JsonObject first = c.next();
        assertEquals("snapshot", first.getString("type"), first.encode());
        JsonObject data = first.getJsonObject("data");
        long version = first.getLong("version");
        while (version < last) {
          JsonObject f = c.next();
          if ("snapshot".equals(f.getString("type"))) {
            data = f.getJsonObject("data");
          } else {
            assertEquals("delta", f.getString("type"), f.encode());
            assertEquals(version + 1, f.getLong("version"), "each version once, in order");
            data = JsonDiff.apply(data, f.getJsonObject("data"));
          }
          version = f.getLong("version");
        }
        assertEquals(last, version);
        assertEquals(fresh, data, "the spectator ends on the topic's current state");
      }
    } finally {
      crowd.forEach(LiveClient::close);
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
