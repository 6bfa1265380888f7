package gala.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.Gala;
import gala.testing.Api;
import gala.testing.LiveClient;
import gala.testing.TestGala;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The game-day channels through the API and the live socket: an organiser's remote control of the
 * big screens (display:<eventId>, public) and a judge's "signal a problem" to the head judge
 * (problems:<competitionId>, head judges and organisers only), with their refusals.
 */
@ExtendWith(VertxExtension.class)
class GameDayApiTest {
  static Gala gala;
  static Api api;
  static String organiser;
  static long event;
  static long competition;
  static long entry;
  static JsonObject judge;
  static JsonObject head;

  @BeforeAll
  static void setUp() {
    gala = TestGala.start();
    api = new Api(gala.port());
    organiser = Api.token(api.signup("org-" + UUID.randomUUID() + "@gd.test", "organiser"));
    event = api.createEvent(organiser, "Game day");
    competition = api.createJudgedCompetition(organiser, event, "Vault", 10, 2);
    entry = api.registerAthlete(organiser, competition, "Athlete A", null);
    judge = api.signup("judge-" + UUID.randomUUID() + "@gd.test", "participant");
    api.assignJudge(organiser, competition, Api.userId(judge));
    head = api.signup("head-" + UUID.randomUUID() + "@gd.test", "participant");
    assertEquals(201, api.post("/api/v1/competitions/" + competition + "/judges", organiser,
        new JsonObject().put("userId", Api.userId(head)).put("head", true)).status());
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(gala);
  }

  private static Api.Response control(String token, JsonObject body) {
    return api.post("/api/v1/events/" + event + "/display-control", token, body.encode(), UUID.randomUUID().toString());
  }

  @Test
  void anOrganiserHoldsPinsAndSkipsTheScreensWhichFollowLive(Vertx vertx) {
    try (LiveClient screen = LiveClient.connect(vertx, gala.port())) {
      screen.subscribe("display:" + event, null);
      JsonObject first = screen.next();
      assertEquals("snapshot", first.getString("type"), first.encode());
      assertEquals("run", first.getJsonObject("data").getString("mode"));

      Api.Response pin = control(organiser, new JsonObject().put("action", "pin").put("page", "medals"));
      assertEquals(200, pin.status(), pin.text());
      JsonObject delta = screen.next();
      assertEquals("delta", delta.getString("type"), delta.encode());
      assertEquals("pin", delta.getJsonObject("data").getJsonObject("set").getString("mode"), delta.encode());

      Api.Response skip = control(organiser, new JsonObject().put("action", "skip"));
      assertEquals(200, skip.status(), skip.text());
      assertEquals("run", skip.json().getString("mode"), "a skip releases a pin");
      assertEquals(1, skip.json().getInteger("skips"));
      assertEquals(1, screen.next().getJsonObject("data").getJsonObject("set").getInteger("skips"));

      assertEquals("hold", control(organiser, new JsonObject().put("action", "hold")).json().getString("mode"));
    }
    // Refusals change nothing.
    assertEquals("DISPLAY_PAGE_REQUIRED", control(organiser, new JsonObject().put("action", "pin")).errorCode());
    assertEquals("UNKNOWN_DISPLAY_ACTION", control(organiser, new JsonObject().put("action", "dance")).errorCode());
    assertEquals(403, control(Api.token(judge), new JsonObject().put("action", "run")).status());
    assertEquals(401, control(null, new JsonObject().put("action", "run")).status());
    assertEquals("hold", control(organiser, new JsonObject().put("action", "hold")).json().getString("mode"));
  }

  @Test
  void aJudgeSignalsAProblemThatTheHeadJudgeSeesLiveAndResolves(Vertx vertx) {
    try (LiveClient desk = LiveClient.connect(vertx, gala.port())) {
      desk.send(new JsonObject().put("op", "auth").put("token", Api.token(head)));
      assertEquals("authenticated", desk.next().getString("type"));
      desk.subscribe("problems:" + competition, null);
      assertEquals(0, desk.next().getJsonObject("data").getJsonArray("rows").size());

      Api.Response sent = api.post("/api/v1/competitions/" + competition + "/problems", Api.token(judge),
          new JsonObject().put("text", "Scoreboard shows the wrong athlete").put("entryId", entry).encode(), UUID.randomUUID().toString());
      assertEquals(201, sent.status(), sent.text());
      JsonObject delta = desk.next();
      JsonObject row = delta.getJsonObject("data").getJsonObject("lists").getJsonObject("rows").getJsonArray("upsert").getJsonObject(0);
      assertEquals("Scoreboard shows the wrong athlete", row.getString("text"), delta.encode());
      assertEquals("Athlete A", row.getString("entryName"));

      Api.Response done = api.post("/api/v1/problems/" + sent.json().getLong("id") + "/resolve", Api.token(head), "{}",
          UUID.randomUUID().toString());
      assertEquals(200, done.status(), done.text());
      JsonObject removed = desk.next();
      assertEquals(1, removed.getJsonObject("data").getJsonObject("lists").getJsonObject("rows").getJsonArray("remove").size(), removed.encode());
    }
    // A spectator may not follow the problems; a stranger may not signal one; an empty one is refused.
    try (LiveClient spectator = LiveClient.connect(vertx, gala.port())) {
      spectator.subscribe("problems:" + competition, null);
      JsonObject refused = spectator.next();
      assertEquals("error", refused.getString("type"), refused.encode());
    }
    String stranger = Api.token(api.signup("x-" + UUID.randomUUID() + "@gd.test", "participant"));
    assertEquals("NOT_ASSIGNED_JUDGE", api.post("/api/v1/competitions/" + competition + "/problems", stranger,
        new JsonObject().put("text", "hello").encode(), UUID.randomUUID().toString()).errorCode());
    assertEquals("PROBLEM_TEXT_REQUIRED", api.post("/api/v1/competitions/" + competition + "/problems", Api.token(judge),
        new JsonObject().put("text", "   ").encode(), UUID.randomUUID().toString()).errorCode());
    assertEquals("HEAD_JUDGE_REQUIRED", api.post("/api/v1/problems/1/resolve", Api.token(judge), "{}",
        UUID.randomUUID().toString()).errorCode());
  }
}
