package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The demo a newcomer starts: the meet loads once, the simulated judges score on their own
 * accounts, rounds are published, a fresh day's competitions follow (the demo never freezes), the
 * demo judge login keeps a competition to score by hand, and a restart resumes without loading twice.
 */
class DemoTest {

  @Test
  void theDemoMeetKeepsRunningOnSimulatedAccountsAndLeavesACompetitionForTheDemoJudge() throws Exception {
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db, "--demo", "--demo-feed-millis=40");
    long competition;
    JsonArray competitions;
    int marksBeforeRestart;
    long eventId;
    try {
      Api api = new Api(gala.port());
      JsonObject event = waitForDemoEvent(api);
      eventId = event.getLong("id");
      assertEquals("2026年市职工运动会", event.getString("title"));
      competitions = competitions(api, eventId);
      assertEquals(4, competitions.size(), "day 1: speech, team routine, 100 m and the hand-scored calligraphy");
      assertEquals(6, api.get("/api/v1/events/" + eventId + "/units", null).json().getJsonArray("items").size());
      competition = competitions.getJsonObject(0).getLong("id");

      // The pinned welcome is the last thing the load writes.
      waitFor(() -> api.get("/api/v1/events/" + eventId + "/announcements", null).text().contains("欢迎来到2026年市职工运动会"),
          90, "the demo greets every screen");

      // The demo judge login has a competition of its own, with nothing scored in its name.
      String judge1 = login(api, "judge1@demo.gala");
      JsonArray mine = api.get("/api/v1/me/judging", judge1).json().getJsonArray("items");
      assertEquals(1, mine.size(), mine.encode());
      long hand = mine.getJsonObject(0).getLong("competitionId");
      assertTrue(mine.getJsonObject(0).getString("name").contains("硬笔书法"), mine.encode());

      // A fresh day begins once every simulated competition of day 1 is official: the feed never stops.
      waitFor(() -> competitions(api, eventId).stream().anyMatch(c -> ((JsonObject) c).getString("name").startsWith("第2天")),
          90, "the second day of the meet began");
      JsonArray afterDay1 = competitions(api, eventId);
      for (Object o : afterDay1) {
        JsonObject c = (JsonObject) o;
        JsonObject board = api.scoreboard(c.getLong("id")).getJsonObject("data");
        if (c.getLong("id") == hand) {
          assertEquals("PROVISIONAL", board.getString("status"), "nobody scores for the demo judge");
          assertTrue(board.getJsonArray("rows").stream().allMatch(r -> ((JsonObject) r).getInteger("marks") == 2),
              "the two simulated judges of the panel scored, judge1's marks are left: " + board.encode());
        } else if (!c.getString("name").startsWith("第2天")) {
          assertEquals("OFFICIAL", board.getString("status"), c.getString("name") + " was published");
          assertEquals(board.getJsonArray("rounds").size(), board.getInteger("round"), "every round ran: " + board.encode());
        }
      }
      assertEquals(1, afterDay1.stream().filter(c -> ((JsonObject) c).getString("name").contains("硬笔书法")).count(),
          "an unfinished hand-scored competition is not duplicated");
      assertEquals(0, api.get("/api/v1/me/judging", judge1).json().getJsonArray("items").getJsonObject(0)
          .getJsonArray("scoredEntryIds").size(), "judge1 has scored nothing: the login is the newcomer's");

      // Every mark came from a simulated judge's own account.
      String organiser = login(api, "organiser@demo.gala");
      JsonArray audit = api.get("/api/v1/competitions/" + competition + "/audit", organiser).json().getJsonArray("items");
      List<String> judges = audit.stream().map(a -> (JsonObject) a).filter(a -> "SCORE".equals(a.getString("kind")))
          .map(a -> a.getString("judgeName")).distinct().sorted().toList();
      assertEquals(List.of("模拟裁判1", "模拟裁判2", "模拟裁判3", "模拟裁判4", "模拟裁判5"), judges);
      assertTrue(audit.stream().anyMatch(a -> "PUBLISH".equals(((JsonObject) a).getString("kind"))), audit.encode());
      marksBeforeRestart = totalMarks(api, competitions(api, eventId));

      // The mixer night beside the meet: guests checked in, a round running, a guest's own seat.
      long mixer = waitForDemoMixer(api);
      JsonObject running = api.get("/api/v1/mixers/" + mixer, null).json();
      assertEquals(24, running.getInteger("checkedIn"), running.encode());
      JsonObject plan = api.get("/api/v1/mixers/" + mixer + "/plan", organiser).json();
      assertEquals(6, plan.getJsonArray("tables").size(), "24 guests at tables of four: " + plan.encode());
      JsonObject seat = api.get("/api/v1/mixers/" + mixer + "/seat", login(api, "guest1@demo.gala")).json();
      assertEquals(3, seat.getJsonObject("seat").getJsonArray("with").size(), "guest1 sits with three others: " + seat.encode());
    } finally {
      TestGala.stop(gala);
    }

    Gala again = TestGala.start(db, "--demo", "--demo-feed-millis=40");
    try {
      Api api = new Api(again.port());
      assertFalse(Api.rows(api.scoreboard(competition)).isEmpty(), "the data survived the restart");
      int[] marks = {marksBeforeRestart};
      waitFor(() -> (marks[0] = totalMarks(api, competitions(api, eventId))) > marksBeforeRestart, 30,
          "the restarted feed scores on");
      assertEquals(2, api.get("/api/v1/events", null).json().getJsonArray("items").size(),
          "a restart does not load twice (the meet and the mixer night)");
      assertEquals(1, api.get("/api/v1/events/" + mixerEvent(api) + "/mixers", null).json().getJsonArray("items").size(),
          "nor the mixer night");
    } finally {
      TestGala.stop(again);
    }
  }

  private static String login(Api api, String email) {
    Api.Response r = api.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", "gala-demo-2026"));
    assertEquals(200, r.status(), "the demo accounts sign in: " + r.text());
    return r.json().getString("accessToken");
  }

  private static JsonArray competitions(Api api, long eventId) {
    return api.get("/api/v1/events/" + eventId + "/competitions", null).json().getJsonArray("items");
  }

  private static JsonObject waitForDemoEvent(Api api) throws InterruptedException {
    for (int i = 0; i < 150; i++) {
      JsonArray items = api.get("/api/v1/events", null).json().getJsonArray("items");
      for (Object o : items) {
        JsonObject e = (JsonObject) o;
        if ("2026年市职工运动会".equals(e.getString("title")) && competitions(api, e.getLong("id")).size() >= 4) {
          return e;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the demo event did not appear");
  }

  private static long mixerEvent(Api api) {
    return api.get("/api/v1/events", null).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(e -> "青年职工交友联谊会".equals(e.getString("title"))).findFirst().map(e -> e.getLong("id")).orElse(-1L);
  }

  /** The demo mixer once its first round runs. */
  private static long waitForDemoMixer(Api api) throws InterruptedException {
    long[] id = {0};
    waitFor(() -> {
      long event = mixerEvent(api);
      JsonArray items = event < 0 ? new JsonArray() : api.get("/api/v1/events/" + event + "/mixers", null).json().getJsonArray("items");
      if (items.isEmpty() || !items.getJsonObject(0).getBoolean("roundOpen")) {
        return false;
      }
      id[0] = items.getJsonObject(0).getLong("id");
      return true;
    }, 90, "the demo mixer night runs a round");
    return id[0];
  }

  private static void waitFor(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < until) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not within " + seconds + " s: " + what);
  }

  private static int totalMarks(Api api, JsonArray competitions) {
    int marks = 0;
    for (Object c : competitions) {
      for (Object row : Api.rows(api.scoreboard(((JsonObject) c).getLong("id")))) {
        marks += ((JsonObject) row).getInteger("marks", 0);
      }
    }
    return marks;
  }
}
