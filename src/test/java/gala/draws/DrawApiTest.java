package gala.draws;

import gala.testing.ApiTestBase;
import static gala.draws.DrawFixture.expect;
import static gala.draws.DrawFixture.key;
import static gala.draws.DrawFixture.matches;
import static gala.draws.DrawFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.LiveClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Each draw type end to end over real HTTP, results feeding the scoreboard, refusals and retries. */
class DrawApiTest extends ApiTestBase {
  @Test
  void roundRobinMeetsEveryPairOnceAndItsResultsBecomeTheScoreboardStandings() {
    DrawFixture f = new DrawFixture(api, "rr");
    long comp = f.headToHead("乒乓球单打");
    List<Long> e = f.entries(comp, 5);
    String judge = f.judge(comp);

    JsonObject draw = f.draw(comp, new JsonObject().put("kind", "round_robin"));
    assertEquals("round_robin", draw.getString("kind"));
    assertEquals(5, draw.getInteger("rounds"), "an odd field plays n rounds, one bye each");
    Set<Set<Long>> pairs = new HashSet<>();
    Map<Long, Integer> byes = new HashMap<>();
    for (Object o : draw.getJsonArray("matches")) {
      JsonObject m = (JsonObject) o;
      if (m.getBoolean("bye")) {
        byes.merge(m.getLong("a"), 1, Integer::sum);
      } else {
        assertTrue(pairs.add(Set.of(m.getLong("a"), m.getLong("b"))), "a pair met twice: " + m);
      }
    }
    assertEquals(10, pairs.size(), "every pair exactly once");
    assertEquals(5, byes.size());
    byes.values().forEach(n -> assertEquals(1, n));

    // The better seed wins 2-1, except P1 v P2, a 1-1 draw; judge and organiser take turns.
    long before = api.scoreboard(comp).getLong("version");
    int i = 0;
    for (Object o : draw.getJsonArray("matches")) {
      JsonObject m = (JsonObject) o;
      if (m.getBoolean("bye")) {
        continue;
      }
      int a = e.indexOf(m.getLong("a"));
      int b = e.indexOf(m.getLong("b"));
      boolean tie = Set.of(a, b).equals(Set.of(0, 1));
      JsonObject r = f.record(i++ % 2 == 0 ? judge : f.organiser, comp, m.getLong("id"), tie ? 1 : a < b ? 2 : 1,
          tie ? 1 : a < b ? 1 : 2);
      assertEquals(tie ? null : e.get(Math.min(a, b)), r.getJsonObject("match").getLong("winner"));
    }
    JsonObject board = api.scoreboard(comp);
    assertEquals(before + 10, board.getLong("version"), "one scoreboard version per result");
    JsonArray rows = Api.rows(board);
    int[] points = {10, 10, 6, 3, 0};
    for (int k = 0; k < 5; k++) {
      assertEquals(points[k], row(rows, e.get(k)).getInteger("points"), "points of P" + (k + 1));
      assertEquals(4, row(rows, e.get(k)).getInteger("played"));
    }
    assertEquals(3, row(rows, e.get(2)).getInteger("rank"));
    JsonObject done = f.data(comp);
    assertTrue(done.getBoolean("complete"));
    assertTrue(done.getJsonArray("matches").stream().map(o -> (JsonObject) o)
        .filter(m -> !m.getBoolean("bye")).allMatch(m -> m.getInteger("scoreA") != null));
  }

  @Test
  void singleEliminationSeedsFromTheBodyGivesByesToTopSeedsAndAdvancesWinnersLive() {
    DrawFixture f = new DrawFixture(api, "se");
    long comp = f.headToHead("羽毛球淘汰赛");
    List<Long> e = f.entries(comp, 6);
    // Seeds from the body: P6 is seed 1 ... P1 is seed 6.
    List<Long> seeds = List.of(e.get(5), e.get(4), e.get(3), e.get(2), e.get(1), e.get(0));
    JsonObject draw = f.draw(comp, new JsonObject().put("kind", "single_elimination").put("entryIds", new JsonArray(seeds)));
    assertEquals(3, draw.getInteger("rounds"));
    List<JsonObject> r1 = matches(draw, 1);
    assertEquals(4, r1.size());
    // Standard order for eight: 1 v 8(bye), 4 v 5, 2 v 7(bye), 3 v 6.
    assertEquals(seeds.get(0), r1.get(0).getLong("a"));
    assertTrue(r1.get(0).getBoolean("bye"));
    assertEquals(Set.of(seeds.get(3), seeds.get(4)), Set.of(r1.get(1).getLong("a"), r1.get(1).getLong("b")));
    assertEquals(seeds.get(1), r1.get(2).getLong("a"));
    assertTrue(r1.get(2).getBoolean("bye"));
    assertEquals(Set.of(seeds.get(2), seeds.get(5)), Set.of(r1.get(3).getLong("a"), r1.get(3).getLong("b")));
    List<JsonObject> r2 = matches(draw, 2);
    assertEquals(seeds.get(0), r2.get(0).getLong("a"), "seed 1's bye moved them on");
    assertNull(r2.get(0).getLong("b"));
    assertEquals(seeds.get(1), r2.get(1).getLong("a"), "seeds 1 and 2 are in different halves");
    long finalId = matches(draw, 3).get(0).getLong("id");

    expect(409, "MATCH_IS_BYE", f.result(f.organiser, comp, r1.get(0).getLong("id"), 1, 0, key()));
    expect(409, "MATCH_NOT_READY", f.result(f.organiser, comp, finalId, 1, 0, key()));
    expect(422, "WINNER_REQUIRED", f.result(f.organiser, comp, r1.get(1).getLong("id"), 2, 2, key()));

    try (LiveClient live = LiveClient.connect(gala.vertx(), gala.port())) {
      live.subscribe("draw:" + comp, null);
      JsonObject snap = live.next();
      assertEquals("snapshot", snap.getString("type"), snap.encode());
      // Seed 5 upsets seed 4: they take the empty place beside seed 1.
      JsonObject m = r1.get(1);
      long seed5 = seeds.get(4);
      boolean seed5IsA = m.getLong("a") == seed5;
      f.record(f.organiser, comp, m.getLong("id"), seed5IsA ? 3 : 1, seed5IsA ? 1 : 3);
      JsonObject delta = live.next();
      assertEquals("delta", delta.getString("type"), delta.encode());
      assertEquals(snap.getLong("version") + 1, delta.getLong("version"));
      JsonArray upserts = delta.getJsonObject("data").getJsonObject("lists").getJsonObject("matches").getJsonArray("upsert");
      assertEquals(seed5, row(upserts, m.getLong("id")).getLong("winner"));
      assertEquals(seed5, row(upserts, r2.get(0).getLong("id")).getLong("b"), "the winner advanced in the same delta");
    }
    JsonObject m4 = r1.get(3);
    f.record(f.organiser, comp, m4.getLong("id"), m4.getLong("a").equals(seeds.get(2)) ? 2 : 0,
        m4.getLong("a").equals(seeds.get(2)) ? 0 : 2);
    JsonObject now = f.data(comp);
    List<JsonObject> semis = matches(now, 2);
    assertEquals(seeds.get(2), semis.get(1).getLong("b"));
    f.record(f.organiser, comp, semis.get(0).getLong("id"), 3, 0); // seed 1 beats seed 5
    f.record(f.organiser, comp, semis.get(1).getLong("id"), 0, 3); // seed 3 beats seed 2
    JsonObject fin = matches(f.data(comp), 3).get(0);
    assertEquals(seeds.get(0), fin.getLong("a"));
    assertEquals(seeds.get(2), fin.getLong("b"));
    assertFalse(f.data(comp).getBoolean("complete"));
    f.record(f.organiser, comp, finalId, 1, 2);
    JsonObject end = f.data(comp);
    assertEquals(seeds.get(2), end.getLong("champion"));
    assertTrue(end.getBoolean("complete"));
    JsonArray rows = Api.rows(api.scoreboard(comp));
    assertEquals(3, row(rows, seeds.get(2)).getInteger("won"), "the champion's three wins are on the scoreboard");
  }

  @Test
  void concurrentResultsFeedingTheSameNextMatchBothLand() throws Exception {
    DrawFixture f = new DrawFixture(api, "race");
    for (int trial = 0; trial < 3; trial++) {
      long comp = f.headToHead("壁球 " + trial);
      f.entries(comp, 8);
      String judge = f.judge(comp);
      JsonObject draw = f.draw(comp, new JsonObject().put("kind", "single_elimination"));
      JsonObject m0 = matches(draw, 1).get(0);
      JsonObject m1 = matches(draw, 1).get(1);
      CompletableFuture<Response> a = CompletableFuture.supplyAsync(() -> f.result(f.organiser, comp, m0.getLong("id"), 2, 1, key()));
      CompletableFuture<Response> b = CompletableFuture.supplyAsync(() -> f.result(judge, comp, m1.getLong("id"), 0, 2, key()));
      assertEquals(201, a.get().status(), a.get().text());
      assertEquals(201, b.get().status(), b.get().text());
      JsonObject semi = matches(f.data(comp), 2).get(0);
      assertEquals(m0.getLong("a"), semi.getLong("a"));
      assertEquals(m1.getLong("b"), semi.getLong("b"), "neither advance overwrote the other");
    }
  }

  @Test
  void swissPairsEachRoundWithinScoreGroupsWithoutRematchesAndRotatesByes() {
    DrawFixture f = new DrawFixture(api, "swiss");
    long comp = f.headToHead("围棋");
    List<Long> e = f.entries(comp, 7);
    JsonObject draw = f.draw(comp, new JsonObject().put("kind", "swiss").put("rounds", 3));
    assertEquals(1, draw.getInteger("drawnRounds"));
    assertEquals(4, matches(draw, 1).size());
    expect(409, "ROUND_UNFINISHED", f.generate(f.organiser, comp, new JsonObject().put("kind", "swiss"), key()));

    Set<Set<Long>> met = new HashSet<>();
    Set<Long> byeTakers = new HashSet<>();
    Map<Long, Double> points = new HashMap<>();
    e.forEach(id -> points.put(id, 0.0));
    for (int round = 1; round <= 3; round++) {
      JsonObject now = f.data(comp);
      assertEquals(round, now.getInteger("currentRound"));
      for (JsonObject m : matches(now, round)) {
        long a = m.getLong("a");
        if (m.getBoolean("bye")) {
          assertTrue(byeTakers.add(a), "byes rotate: " + a + " had one already");
          points.merge(a, 1.0, Double::sum);
          continue;
        }
        long b = m.getLong("b");
        assertTrue(met.add(Set.of(a, b)), "rematch " + a + " v " + b);
        assertEquals(points.get(a), points.get(b), "round " + round + " pairs within a score group here");
        f.record(f.organiser, comp, m.getLong("id"), 1, 0);
        points.merge(a, 1.0, Double::sum);
      }
      if (round < 3) {
        assertTrue(f.data(comp).getBoolean("nextRoundReady"));
        f.draw(comp, new JsonObject().put("kind", "swiss"));
      }
    }
    assertEquals(3, byeTakers.size());
    expect(409, "DRAW_COMPLETE", f.generate(f.organiser, comp, new JsonObject().put("kind", "swiss"), key()));
    JsonObject end = f.data(comp);
    assertTrue(end.getBoolean("complete"));
    JsonArray table = end.getJsonArray("standings");
    double prev = Double.MAX_VALUE;
    for (Object o : table) {
      JsonObject s = (JsonObject) o;
      assertEquals(points.get(s.getLong("id")), s.getDouble("points"));
      assertTrue(s.getDouble("points") <= prev, "sorted by points");
      prev = s.getDouble("points");
      assertTrue(s.containsKey("buchholz"));
    }
  }

  @Test
  void refusalsAreClearAndChangeNothing() {
    DrawFixture f = new DrawFixture(api, "refuse");
    long comp = f.headToHead("象棋");
    f.entries(comp, 4);
    String judge = f.judge(comp);
    long judged = api.createJudgedCompetition(f.organiser, f.event, "演讲", 10, 3);
    long other = f.headToHead("跳棋");
    long otherEntry = f.entries(other, 1).get(0);
    String participant = Api.token(api.signup("p-" + key() + "@draw.test", "participant"));

    // Before results the draw may be redone, also as another kind.
    f.draw(comp, new JsonObject().put("kind", "single_elimination"));
    JsonObject draw = f.draw(comp, new JsonObject().put("kind", "round_robin"));
    assertEquals("round_robin", draw.getString("kind"));
    JsonObject first = matches(draw, 1).get(0);
    f.record(judge, comp, first.getLong("id"), 3, 1);

    long drawVersion = f.snapshot(comp).getLong("version");
    long boardVersion = api.scoreboard(comp).getLong("version");
    String path = "/api/v1/competitions/" + comp + "/draw";
    expect(409, "RESULTS_ALREADY_IN", f.generate(f.organiser, comp, new JsonObject().put("kind", "single_elimination"), key()));
    expect(409, "RESULTS_ALREADY_IN", f.generate(f.organiser, comp, new JsonObject().put("kind", "round_robin"), key()));
    expect(403, "FORBIDDEN", f.generate(judge, comp, new JsonObject().put("kind", "round_robin"), key()));
    expect(403, "FORBIDDEN", f.generate(participant, comp, new JsonObject().put("kind", "round_robin"), key()));
    expect(401, "UNAUTHENTICATED", f.generate(null, comp, new JsonObject().put("kind", "round_robin"), key()));
    expect(400, "IDEMPOTENCY_KEY_REQUIRED", f.generate(f.organiser, comp, new JsonObject().put("kind", "round_robin"), null));
    expect(400, "VALIDATION_FAILED", f.generate(f.organiser, comp, new JsonObject().put("kind", "knockout"), key()));
    expect(422, "NOT_HEAD_TO_HEAD", f.generate(f.organiser, judged, new JsonObject().put("kind", "round_robin"), key()));
    expect(404, "NOT_FOUND", f.generate(f.organiser, 999_999, new JsonObject().put("kind", "round_robin"), key()));
    expect(409, "ALREADY_RECORDED", f.result(f.organiser, comp, first.getLong("id"), 0, 3, key()));
    JsonObject second = matches(draw, 1).get(1);
    expect(403, "NOT_ASSIGNED_JUDGE", f.result(participant, comp, second.getLong("id"), 1, 0, key()));
    expect(404, "NOT_FOUND", f.result(f.organiser, comp, 999_999, 1, 0, key()));
    expect(404, "NOT_FOUND", f.result(f.organiser, other, second.getLong("id"), 1, 0, key()));
    expect(400, "VALIDATION_FAILED", api.post(path + "/matches/" + second.getLong("id") + "/result", f.organiser,
        "{\"scoreA\":-1,\"scoreB\":0}", key()));
    assertEquals(drawVersion, f.snapshot(comp).getLong("version"), "no refusal changed the draw");
    assertEquals(boardVersion, api.scoreboard(comp).getLong("version"), "no refusal changed the scoreboard");
    assertEquals("round_robin", f.data(comp).getString("kind"));

    // Bad seeds and rounds on a fresh competition, which stays undrawn.
    long fresh = f.headToHead("五子棋");
    List<Long> fe = f.entries(fresh, 3);
    expect(422, "DUPLICATE_ENTRY", f.generate(f.organiser, fresh, new JsonObject().put("kind", "round_robin")
        .put("entryIds", new JsonArray().add(fe.get(0)).add(fe.get(0))), key()));
    expect(409, "ENTRY_NOT_ACTIVE", f.generate(f.organiser, fresh, new JsonObject().put("kind", "round_robin")
        .put("entryIds", new JsonArray().add(fe.get(0)).add(otherEntry)), key()));
    expect(422, "FIELD_NOT_FOR_KIND", f.generate(f.organiser, fresh, new JsonObject().put("kind", "round_robin")
        .put("rounds", 2), key()));
    expect(422, "TOO_MANY_ROUNDS", f.generate(f.organiser, fresh, new JsonObject().put("kind", "swiss").put("rounds", 4), key()));
    long lonely = f.headToHead("独角戏");
    f.entries(lonely, 1);
    expect(422, "TOO_FEW_ENTRIES", f.generate(f.organiser, lonely, new JsonObject().put("kind", "single_elimination"), key()));
    long crowded = f.headToHead("拔河");
    f.entries(crowded, DrawService.MAX_ROUND_ROBIN + 1);
    expect(422, "TOO_MANY_ENTRIES", f.generate(f.organiser, crowded, new JsonObject().put("kind", "round_robin"), key()));
    assertFalse(f.data(crowded).getBoolean("drawn"));
    assertEquals(201, f.generate(f.organiser, crowded, new JsonObject().put("kind", "single_elimination"), key()).status(),
        "a knockout takes the same field");
    assertFalse(f.data(fresh).getBoolean("drawn"));
  }

  @Test
  void retriesWithTheSameKeyAnswerTheFirstResponseAndWriteOnce() {
    DrawFixture f = new DrawFixture(api, "retry");
    long comp = f.headToHead("台球");
    f.entries(comp, 4);
    String k = key();
    JsonObject body = new JsonObject().put("kind", "single_elimination");
    Response first = f.generate(f.organiser, comp, body, k);
    assertEquals(201, first.status(), first.text());
    long version = f.snapshot(comp).getLong("version");
    Response again = f.generate(f.organiser, comp, body, k);
    assertEquals(201, again.status());
    assertEquals(first.json(), again.json());
    assertEquals(version, f.snapshot(comp).getLong("version"), "the retry drew nothing new");
    expect(422, "IDEMPOTENCY_KEY_REUSED", f.generate(f.organiser, comp, new JsonObject().put("kind", "round_robin"), k));

    long match = matches(first.json().getJsonObject("draw"), 1).get(0).getLong("id");
    String rk = key();
    Response r1 = f.result(f.organiser, comp, match, 2, 0, rk);
    Response r2 = f.result(f.organiser, comp, match, 2, 0, rk);
    assertEquals(201, r1.status(), r1.text());
    assertEquals(r1.json(), r2.json());
    int played = Api.rows(api.scoreboard(comp)).stream().mapToInt(o -> ((JsonObject) o).getInteger("played")).sum();
    assertEquals(2, played, "one match, counted once for each side");
  }
}
