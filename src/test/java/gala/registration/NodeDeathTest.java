package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.Dates;
import gala.testing.LiveClient;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node dies in the middle of a registration burst to one competition (its requests in flight, its
 * transactions open). Every client whose request failed retries with the same Idempotency-Key on the
 * other node. Afterwards every acknowledged registration is stored exactly once, nothing is doubled,
 * capacity holds, and the entry list a subscriber of the surviving node followed delta by delta equals
 * the list recomputed from the database.
 */
class NodeDeathTest {
  static final int ATHLETES = 60;
  static final int CAPACITY = 40;

  @Test
  void acknowledgedRegistrationsSurviveTheDeathOfTheNodeThatTookThem() throws Exception {
    DbLocation db = TestDatabase.fresh();
    List<Gala> nodes = TestGala.startClustered(db);
    Gala nodeA = nodes.get(0);
    Gala nodeB = nodes.get(1);
    boolean aStopped = false;
    ExecutorService clients = Executors.newFixedThreadPool(12);
    try {
      Reg a = new Reg(new Api(nodeA.port()));
      Api apiB = new Api(nodeB.port());
      String organiser = Api.token(a.signup("org@death.test", "organiser", null));
      long event = RegistrationRulesApiTest.created(a.api().post("/api/v1/events", organiser,
          new JsonObject().put("title", "Node death").put("startsOn", Dates.inDays(0)).put("endsOn", Dates.inDays(1))));
      long competition = a.competition(organiser, event, new JsonObject().put("capacity", CAPACITY));
      String topic = "entries:" + competition;

      try (LiveClient live = LiveClient.connect(nodeB.vertx(), nodeB.port())) {
        live.send(new JsonObject().put("op", "auth").put("token", organiser));
        assertEquals("authenticated", live.next().getString("type"));
        live.subscribe(topic, null);
        JsonObject first = live.next();
        assertEquals("snapshot", first.getString("type"), first.encode());

        CountDownLatch halfSent = new CountDownLatch(ATHLETES / 3);
        List<Future<Response>> replies = new ArrayList<>();
        for (int i = 0; i < ATHLETES; i++) {
          String name = "Athlete " + i;
          String key = UUID.randomUUID().toString();
          String body = new JsonObject().put("displayName", name).encode();
          String path = "/api/v1/competitions/" + competition + "/entries";
          replies.add(clients.submit(() -> {
            halfSent.countDown();
            // Node A may die under it: then the same key goes to the node that is left.
            return a.api().postOrRetryOn(apiB, path, organiser, body, key);
          }));
        }
        assertTrue(halfSent.await(60, TimeUnit.SECONDS), "a third of the registrations under way before node A dies");
        TestGala.stop(nodeA);
        aStopped = true;

        for (Future<Response> f : replies) {
          Response r = f.get(120, TimeUnit.SECONDS);
          assertEquals(201, r.status(), "every registration acknowledged: " + r.text());
        }

        try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
            ResultSet rs = conn.createStatement().executeQuery("SELECT count(*), count(DISTINCT display_name), "
                + "count(*) FILTER (WHERE status = 'CONFIRMED'), count(*) FILTER (WHERE status = 'WAITLISTED'), "
                + "coalesce(max(waitlist_position), 0) FROM entries WHERE competition_id = " + competition)) {
          rs.next();
          assertEquals(ATHLETES, rs.getInt(1), "every acknowledged registration stored");
          assertEquals(ATHLETES, rs.getInt(2), "none doubled");
          assertEquals(CAPACITY, rs.getInt(3), "capacity holds");
          assertEquals(ATHLETES - CAPACITY, rs.getInt(4));
          assertEquals(ATHLETES - CAPACITY, rs.getInt(5), "waitlist gap-free");
        }

        // The subscriber on the surviving node saw every change, in order, to the database's list.
        JsonObject fresh = nodeB.topics().source(topic).snapshot(nodeB.database().pool(), String.valueOf(competition))
            .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        long target = nodeB.topics().snapshot(topic).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).version();
        JsonObject data = first.getJsonObject("data");
        long version = first.getLong("version");
        while (version < target) {
          JsonObject frame = live.next();
          if ("snapshot".equals(frame.getString("type"))) {
            data = frame.getJsonObject("data");
          } else {
            assertEquals("delta", frame.getString("type"), frame.encode());
            assertEquals(version + 1, frame.getLong("version"), "gap-free");
            data = JsonDiff.apply(data, frame.getJsonObject("data"));
          }
          version = frame.getLong("version");
        }
        assertEquals(fresh, data);
        assertEquals(ATHLETES, ((JsonArray) data.getValue("rows")).size());
        assertEquals(CAPACITY, data.getInteger("confirmed"));
      }
    } finally {
      clients.shutdownNow();
      TestGala.stop(nodeB);
      if (!aStopped) {
        TestGala.stop(nodeA);
      }
    }
  }
}
