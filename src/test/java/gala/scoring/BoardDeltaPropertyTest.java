package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.JsonDiff;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.LiveClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scoreboard deltas of marks are computed from the change (the rows whose line moved, see
 * BoardDelta), for every format: here a measured competition in heats with a final, and a
 * head-to-head table. Random bursts of marks from several judges at once (batched into shared
 * transactions), refusals, corrections and publication; the deltas a live subscriber receives,
 * applied in order to its first snapshot, must give the board computed afresh from the database, and
 * a first mark on an untouched round carries only its own row.
 */
class BoardDeltaPropertyTest extends ApiTestBase {

  @Test
  void heatsAndAFinalFollowedByDeltasEqualTheRecomputedBoard() throws Exception {
    Random random = new Random(11);
    Fixture f = new Fixture(api, "heats");
    JsonObject format = new JsonObject().put("type", "measured").put("attempts", 2)
        .put("rounds", new JsonArray().add(new JsonObject().put("name", "Heats").put("heatSize", 3)
            .put("advance", new JsonObject().put("top", 4))).add(new JsonObject().put("name", "Final")));
    long c = f.competition("Long jump", format);
    List<Long> entries = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      entries.add(f.entry(c, "J" + i, null));
    }
    String head = f.judge(c, true);
    List<String> judges = List.of(head, f.judge(c, false), f.judge(c, false));
    follow(f, c, live -> {
      JsonObject firstDelta = null;
      for (int step = 0; step < 30; step++) {
        if (step == 18) {
          assertEquals(200, f.publish(head, c).status(), "heats official: the final starts");
        }
        int n = 1 + random.nextInt(3);
        List<Response> replies = burst(n, k -> f.submit(judges.get(k), c, new JsonObject()
            .put("entryId", entries.get(random.nextInt(entries.size())))
            .put("value", 400 + random.nextInt(400))));
        for (Response r : replies) {
          assertTrue(r.status() == 201 || r.status() == 409 || r.status() == 422, r.text());
        }
        if (firstDelta == null && replies.stream().anyMatch(r -> r.status() == 201)) {
          firstDelta = live.next().getJsonObject("data");
          if (replies.stream().filter(r -> r.status() == 201).count() == 1) {
            assertEquals(1, firstDelta.getJsonObject("lists").getJsonObject("rows").getJsonArray("upsert").size(),
                "the first mark of the heats carries its own row only: " + firstDelta.encode());
          }
        }
      }
      return firstDelta;
    });
  }

  @Test
  void aHeadToHeadTableFollowedByDeltasEqualsTheRecomputedBoard() throws Exception {
    Random random = new Random(5);
    Fixture f = new Fixture(api, "h2h");
    long c = f.competition("Table tennis", new JsonObject().put("type", "head_to_head").put("win", 3).put("draw", 1)
        .put("loss", 0).put("tieBreaks", new JsonArray().add("head_to_head").add("score_difference")));
    List<Long> players = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      players.add(f.entry(c, "P" + i, null));
    }
    List<String> umpires = List.of(f.judge(c, true), f.judge(c, false));
    follow(f, c, live -> {
      for (int step = 0; step < 16; step++) {
        List<Response> replies = burst(2, k -> {
          int a = random.nextInt(players.size());
          int b = (a + 1 + random.nextInt(players.size() - 1)) % players.size();
          return f.submit(umpires.get(k), c, new JsonObject().put("entryId", players.get(a))
              .put("opponentEntryId", players.get(b)).put("value", random.nextInt(4)).put("opponentValue", random.nextInt(4)));
        });
        for (Response r : replies) {
          assertTrue(r.status() == 201 || r.status() == 409, r.text());
        }
        if (step == 10) {
          List<Long> ids = scoreIds(f, umpires.get(0), c);
          if (!ids.isEmpty()) {
            Response fix = f.correct(f.organiser, c, ids.get(0), new JsonObject().put("value", 3).put("opponentValue", 0)
                .put("reason", "score sheet misread"));
            assertEquals(201, fix.status(), fix.text());
          }
        }
      }
      return null;
    });
  }

  interface Steps {
    JsonObject run(LiveClient live) throws Exception;
  }

  interface Send {
    Response send(int judge) throws Exception;
  }

  /** n requests at once, as n tablets would send them. */
  private static List<Response> burst(int n, Send send) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Response>> sent = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        int judge = k;
        sent.add(pool.submit(() -> send.send(judge)));
      }
      List<Response> out = new ArrayList<>();
      for (Future<Response> s : sent) {
        out.add(s.get(60, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Follows the competition's scoreboard on one socket while {@code steps} run (a delta the steps
   * took off the socket comes back as their result), then applies every delta to the first snapshot
   * and compares with the board computed afresh from the database.
   */
  private static void follow(Fixture f, long c, Steps steps) throws Exception {
    String topic = "scoreboard:" + c;
    try (LiveClient live = LiveClient.connect(gala.vertx(), gala.port())) {
      live.send(new JsonObject().put("op", "auth").put("token", f.organiser));
      assertEquals("authenticated", live.next().getString("type"));
      live.subscribe(topic, null);
      JsonObject first = live.next();
      assertEquals("snapshot", first.getString("type"), first.encode());
      JsonObject data = first.getJsonObject("data");
      long version = first.getLong("version");
      JsonObject taken = steps.run(live);
      if (taken != null) {
        data = JsonDiff.apply(data, taken);
        version++;
      }
      long target = gala.topics().snapshot(topic).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).version();
      while (version < target) {
        JsonObject frame = live.next();
        assertEquals("delta", frame.getString("type"), frame.encode());
        assertEquals(version + 1, frame.getLong("version"), "gap-free");
        data = JsonDiff.apply(data, frame.getJsonObject("data"));
        version++;
      }
      JsonObject fresh = new ScoreboardSource().snapshot(gala.database().pool(), String.valueOf(c))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(fresh, data, "deltas applied to the first snapshot = the board recomputed from the database");
      assertTrue(target - first.getLong("version") >= 5, "the steps changed the board: " + (target - first.getLong("version")));
    }
  }

  private static List<Long> scoreIds(Fixture f, String head, long c) {
    List<Long> ids = new ArrayList<>();
    for (Object e : api.get("/api/v1/competitions/" + c + "/review", head).json().getJsonArray("entries")) {
      for (Object s : ((JsonObject) e).getJsonArray("scores")) {
        ids.add(((JsonObject) s).getLong("id"));
      }
    }
    return ids;
  }
}
