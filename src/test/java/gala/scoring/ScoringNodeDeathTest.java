package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.LiveClient;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node dies while its judges' marks are in flight: batches of one competition's marks share a
 * transaction there (group commit) and the batch's board and pending scoreboard delta live in that
 * node's memory until the commit. Every judge whose request failed retries with the same
 * Idempotency-Key on the other node. Afterwards every acknowledged mark is stored exactly once, the
 * scoreboard a subscriber of the surviving node followed delta by delta equals the board recomputed
 * from the database, and the version each acknowledged mark was answered with is a delta that
 * carries that mark's row.
 */
class ScoringNodeDeathTest {
  static final int JUDGES = 5;
  static final int ENTRIES = 16;

  @Test
  void acknowledgedMarksSurviveTheDeathOfTheNodeThatBatchedThem() throws Exception {
    DbLocation db = TestDatabase.fresh();
    List<Gala> nodes = TestGala.startClustered(db);
    Gala nodeA = nodes.get(0);
    Gala nodeB = nodes.get(1);
    boolean aStopped = false;
    ExecutorService clients = Executors.newFixedThreadPool(JUDGES * 2);
    try {
      Api apiA = new Api(nodeA.port());
      Api apiB = new Api(nodeB.port());
      Fixture f = new Fixture(apiA, "death");
      long competition = f.competition("Node death", Fixture.judged(JUDGES, "mean"));
      List<Long> entries = new ArrayList<>();
      for (int e = 0; e < ENTRIES; e++) {
        entries.add(f.entry(competition, "Athlete " + e, null));
      }
      List<String> judges = new ArrayList<>();
      for (int j = 0; j < JUDGES; j++) {
        judges.add(f.judge(competition, false));
      }
      String topic = "scoreboard:" + competition;

      try (LiveClient live = LiveClient.connect(nodeB.vertx(), nodeB.port())) {
        live.subscribe(topic, null);
        JsonObject first = live.next();
        assertEquals("snapshot", first.getString("type"), first.encode());

        int marks = JUDGES * ENTRIES;
        CountDownLatch aThirdSent = new CountDownLatch(marks / 3);
        List<Future<Response>> replies = new ArrayList<>();
        String path = "/api/v1/competitions/" + competition + "/scores";
        // Each judge walks the entries in order, all judges at once: the node batches their marks.
        for (int j = 0; j < JUDGES; j++) {
          String judge = judges.get(j);
          int seat = j;
          for (int e = 0; e < ENTRIES; e++) {
            String key = UUID.randomUUID().toString();
            String body = new JsonObject().put("entryId", entries.get(e))
                .put("value", BigDecimal.valueOf(500 + 37 * seat + 13 * e % 400, 2)).encode();
            replies.add(clients.submit(() -> {
              aThirdSent.countDown();
              // Node A may die under it: then the tablet sends the same key to the node that is left.
              return apiA.postOrRetryOn(apiB, path, judge, body, key);
            }));
          }
        }
        assertTrue(aThirdSent.await(60, TimeUnit.SECONDS), "a third of the marks under way before node A dies");
        TestGala.stop(nodeA);
        aStopped = true;

        Map<Long, List<Long>> answered = new HashMap<>(); // scoreboard version -> entries whose marks it answered
        for (Future<Response> reply : replies) {
          Response r = reply.get(120, TimeUnit.SECONDS);
          assertEquals(201, r.status(), "every mark acknowledged: " + r.text());
          answered.computeIfAbsent(r.json().getLong("scoreboardVersion"), v -> new ArrayList<>())
              .add(r.json().getJsonObject("score").getLong("entryId"));
        }

        try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
            ResultSet rs = conn.createStatement().executeQuery("SELECT count(*), count(DISTINCT (entry_id, judge_id)) "
                + "FROM scores WHERE competition_id = " + competition)) {
          rs.next();
          assertEquals(marks, rs.getInt(1), "every acknowledged mark stored");
          assertEquals(marks, rs.getInt(2), "none doubled");
        }

        // The subscriber on the surviving node saw every change, in order, to the database's board;
        // each version a mark was answered with is a delta that carries that mark's row.
        JsonObject fresh = nodeB.topics().source(topic).snapshot(nodeB.database().pool(), String.valueOf(competition))
            .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        long target = nodeB.topics().snapshot(topic).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).version();
        JsonObject data = first.getJsonObject("data");
        long version = first.getLong("version");
        while (version < target) {
          JsonObject frame = live.next();
          assertEquals("delta", frame.getString("type"), frame.encode());
          assertEquals(version + 1, frame.getLong("version"), "gap-free");
          JsonObject delta = frame.getJsonObject("data");
          data = JsonDiff.apply(data, delta);
          version = frame.getLong("version");
          List<Long> upserted = new ArrayList<>();
          delta.getJsonObject("lists", new JsonObject()).getJsonObject("rows", new JsonObject())
              .getJsonArray("upsert", new JsonArray()).forEach(o -> upserted.add(((JsonObject) o).getLong("id")));
          for (long entry : answered.getOrDefault(version, List.of())) {
            assertTrue(upserted.contains(entry), "version " + version + " carries the row of entry " + entry
                + " whose mark it answered: " + delta.encode());
          }
        }
        assertEquals(fresh, data);
        assertTrue(answered.keySet().stream().allMatch(v -> v <= target), "no mark answered with a version never made");
        for (Object o : data.getJsonArray("rows")) {
          assertEquals(JUDGES, ((JsonObject) o).getInteger("marks"), "every judge's mark on every row");
        }
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
