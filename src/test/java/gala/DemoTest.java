package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class DemoTest {

  @Test
  void theDemoMeetLoadsOnceAndItsScoreboardsMoveOnTheirOwn() throws Exception {
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db, "--demo", "--demo-feed-millis=100");
    long competition;
    JsonArray competitions;
    int marksBeforeRestart;
    try {
      Api api = new Api(gala.port());
      JsonObject event = waitForDemoEvent(api);
      assertEquals("2026年市职工运动会", event.getString("title"));
      competitions = api.get("/api/v1/events/" + event.getLong("id") + "/competitions", null).json().getJsonArray("items");
      assertTrue(competitions.size() >= 3);
      assertEquals(6, api.get("/api/v1/events/" + event.getLong("id") + "/units", null).json().getJsonArray("items").size());
      competition = competitions.getJsonObject(0).getLong("id");

      int marks = 0;
      for (int i = 0; i < 100 && marks < 3; i++) {
        Thread.sleep(200);
        marks = totalMarks(api, competitions);
      }
      assertTrue(marks >= 3, "the simulated judges scored within seconds, got " + marks);

      JsonObject listed = api.get("/api/v1/events/" + event.getLong("id") + "/announcements", null).json();
      assertTrue(listed.encode().contains("欢迎来到2026年市职工运动会"), "the demo greets every screen: " + listed.encode());

      Api.Response login = api.post("/api/v1/auth/login", null,
          new JsonObject().put("email", "judge1@demo.gala").put("password", "gala-demo-2026"));
      assertEquals(200, login.status(), "the demo judges can sign in");
      marksBeforeRestart = totalMarks(api, competitions);
    } finally {
      TestGala.stop(gala);
    }

    Gala again = TestGala.start(db, "--demo", "--demo-feed-millis=100");
    try {
      Api api = new Api(again.port());
      assertTrue(Api.rows(api.scoreboard(competition)).size() > 0, "the data survived the restart");
      // The feed only resumes when the restart finds the loaded meet (a second load would fail on the
      // demo accounts that already exist, and nothing would be scored).
      int marks = marksBeforeRestart;
      for (int i = 0; i < 100 && marks <= marksBeforeRestart; i++) {
        Thread.sleep(200);
        marks = totalMarks(api, competitions);
      }
      assertTrue(marks > marksBeforeRestart, "the restarted feed scores on: " + marksBeforeRestart + " -> " + marks);
      assertEquals(1, api.get("/api/v1/events", null).json().getJsonArray("items").size(), "a restart does not load twice");
    } finally {
      TestGala.stop(again);
    }
  }

  private static JsonObject waitForDemoEvent(Api api) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      JsonArray items = api.get("/api/v1/events", null).json().getJsonArray("items");
      if (!items.isEmpty() && api.get("/api/v1/events/" + items.getJsonObject(0).getLong("id") + "/competitions", null)
          .json().getJsonArray("items").size() >= 3) {
        return items.getJsonObject(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the demo event did not appear");
  }

  private static int totalMarks(Api api, JsonArray competitions) {
    int marks = 0;
    for (Object c : competitions) {
      for (Object row : Api.rows(api.scoreboard(((JsonObject) c).getLong("id")))) {
        marks += ((JsonObject) row).getInteger("marks");
      }
    }
    return marks;
  }
}
