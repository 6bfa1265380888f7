package gala.display;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.testing.Api;
import gala.testing.ApiTestBase;
import gala.testing.LiveClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The game-day channels through the API and the live socket: an organiser's remote control of the
 * big screens (display:<eventId>, public) and a judge's "signal a problem" to the head judge
 * (problems:<competitionId>, head judges and organisers only), with their refusals.
 */
@ExtendWith(VertxExtension.class)
class GameDayApiTest extends ApiTestBase {
  static String organiser;
  static long event;
  static long competition;
  static long entry;
  static JsonObject judge;
  static JsonObject head;

  @BeforeAll
  static void setUp() {
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
  void screensAnnounceThemselvesAndTheOrganiserControlsEachOnItsOwn(Vertx vertx) {
    long ev = api.createEvent(organiser, "Screens");
    try (LiveClient watcher = LiveClient.connect(vertx, gala.port())) {
      watcher.subscribe("display:" + ev, null);
      assertEquals(0, watcher.next().getJsonObject("data").getJsonArray("screens").size());

      // Anonymous screens announce themselves; again is harmless (a PUT keyed by the screen).
      assertEquals(200, announce(ev, "stand-0001", "Main stand").status());
      assertEquals(200, announce(ev, "desk-00002", "Call room").status());
      Api.Response again = announce(ev, "stand-0001", "Main stand");
      assertEquals(200, again.status(), again.text());
      JsonObject all = state(vertx, ev);
      assertEquals(2, all.getJsonArray("screens").size(), all.encode());
      assertEquals("Main stand", screen(all, "stand-0001").getString("name"));

      // One screen pinned: only its own control changes; the event-wide one stays.
      Api.Response pin = controlAt(ev, new JsonObject().put("action", "pin").put("page", "board:7").put("screen", "stand-0001"));
      assertEquals(200, pin.status(), pin.text());
      JsonObject stand = screen(pin.json(), "stand-0001");
      assertEquals("pin", stand.getString("mode"));
      assertEquals("board:7", stand.getString("page"));
      assertEquals(null, screen(pin.json(), "desk-00002").getString("mode"), "the other screen still follows all");
      assertEquals("run", pin.json().getString("mode"));
      // A skip on the pinned screen releases it to paging on its own and counts for it alone.
      JsonObject skipped = controlAt(ev, new JsonObject().put("action", "skip").put("screen", "stand-0001")).json();
      assertEquals("run", screen(skipped, "stand-0001").getString("mode"));
      assertEquals(1, screen(skipped, "stand-0001").getInteger("skips"));
      assertEquals(0, skipped.getInteger("skips"));
      // Hold for every screen ends each screen's own control.
      JsonObject held = controlAt(ev, new JsonObject().put("action", "hold")).json();
      assertEquals("hold", held.getString("mode"));
      assertEquals(null, screen(held, "stand-0001").getString("mode"));
      // The screens watching the topic saw it all live.
      for (int k = 0; k < 6; k++) { // two new screens, one seen again, pin, skip, hold
        JsonObject change = watcher.next();
        assertEquals("delta", change.getString("type"), change.encode());
      }
    }
    // Refusals change nothing.
    assertEquals("DISPLAY_SCREEN_NOT_FOUND", controlAt(ev, new JsonObject().put("action", "hold").put("screen", "nope-000000")).errorCode());
    assertEquals("DISPLAY_SCREEN_REQUIRED", controlAt(ev, new JsonObject().put("action", "follow")).errorCode());
    assertEquals(400, announce(ev, "x", "Too short an id").status());
    assertEquals(400, announce(ev, "blank-0001", "   ").status());
    assertEquals(404, announce(999_999_999L, "stand-0001", "Nowhere").status());
    assertEquals(403, api.post("/api/v1/events/" + ev + "/display-control", Api.token(judge),
        new JsonObject().put("action", "hold").put("screen", "stand-0001").encode(), UUID.randomUUID().toString()).status());
    JsonObject after = state(vertx, ev);
    assertEquals("hold", after.getString("mode"));
    assertEquals(null, screen(after, "stand-0001").getString("mode"));
    assertEquals("Main stand", screen(after, "stand-0001").getString("name"));
  }

  @Test
  void anOrganiserTakesAGoneScreenOffTheListAndAnOpenOneComesBack(Vertx vertx) {
    long ev = api.createEvent(organiser, "Forgetting");
    assertEquals(200, announce(ev, "hallpc-0001", "Hall").status());
    assertEquals(200, announce(ev, "laptop-0002", "Laptop").status());
    String path = "/api/v1/events/" + ev + "/screens/laptop-0002";
    assertEquals(403, api.send("DELETE", path, Api.token(judge), null, null, UUID.randomUUID().toString()).status());
    Api.Response noKey = api.send("DELETE", path, organiser, null, null, null);
    assertEquals(400, noKey.status(), noKey.text());
    assertEquals("IDEMPOTENCY_KEY_REQUIRED", noKey.errorCode());
    assertEquals(2, state(vertx, ev).getJsonArray("screens").size(), "refusals change nothing");
    String key = UUID.randomUUID().toString();
    Api.Response gone = api.send("DELETE", path, organiser, null, null, key);
    assertEquals(200, gone.status(), gone.text());
    assertEquals(200, api.send("DELETE", path, organiser, null, null, key).status(), "a retry gets the same answer");
    Api.Response again = api.send("DELETE", path, organiser, null, null, UUID.randomUUID().toString());
    assertEquals(404, again.status(), again.text());
    assertEquals("DISPLAY_SCREEN_NOT_FOUND", again.errorCode());
    JsonObject after = state(vertx, ev);
    assertEquals(1, after.getJsonArray("screens").size(), after.encode());
    assertEquals("Hall", screen(after, "hallpc-0001").getString("name"));
    // A screen still open announces itself again (once a minute) and is listed again.
    assertEquals(200, announce(ev, "laptop-0002", "Laptop").status());
    assertEquals(2, state(vertx, ev).getJsonArray("screens").size());
  }

  private static Api.Response announce(long ev, String id, String name) {
    return api.send("PUT", "/api/v1/events/" + ev + "/screens/" + id, null, "application/json",
        new JsonObject().put("name", name).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
  }

  private static Api.Response controlAt(long ev, JsonObject body) {
    return api.post("/api/v1/events/" + ev + "/display-control", organiser, body.encode(), UUID.randomUUID().toString());
  }

  /** The control as a newly opened screen reads it: the topic's snapshot. */
  private static JsonObject state(Vertx vertx, long ev) {
    try (LiveClient screen = LiveClient.connect(vertx, gala.port())) {
      screen.subscribe("display:" + ev, null);
      JsonObject snapshot = screen.next();
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      return snapshot.getJsonObject("data");
    }
  }

  private static JsonObject screen(JsonObject control, String id) {
    return control.getJsonArray("screens").stream().map(JsonObject.class::cast)
        .filter(s -> id.equals(s.getString("id"))).findFirst().orElseThrow(() -> new AssertionError(control.encode()));
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

  @Test
  void theHeadJudgeSeesEveryPanelJudgeStillToMarkEvenThoseWhoMarkedNothingYet() {
    // Two dives, a panel of three; the head judge reviews and does not mark (three others do).
    JsonObject format = new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 3).put("trim", 0)
        .put("min", 0).put("max", 10).put("decimals", 1).put("attempts", 2).put("combine", "sum");
    long c = api.post("/api/v1/events/" + event + "/competitions", organiser,
        new JsonObject().put("name", "Platform").put("capacity", 10).put("format", format)).json().getLong("id");
    long a = api.registerAthlete(organiser, c, "Diver A", null);
    JsonObject[] panel = new JsonObject[3];
    for (int k = 0; k < 3; k++) {
      panel[k] = api.signup("panel" + k + "-" + UUID.randomUUID() + "@gd.test", "participant");
      api.assignJudge(organiser, c, Api.userId(panel[k]));
    }
    assertEquals(201, api.post("/api/v1/competitions/" + c + "/judges", organiser,
        new JsonObject().put("userId", Api.userId(head)).put("head", true)).status());
    String headToken = Api.token(head);

    assertEquals(java.util.List.of(name(panel[0]), name(panel[1]), name(panel[2])), waiting(headToken, c, a, 1));
    assertEquals(3, api.get("/api/v1/competitions/" + c + "/review", headToken).json().getJsonArray("panel").size(),
        "the head judge is not in a full panel");

    mark(panel[1], c, a, 1, "7");
    assertEquals(java.util.List.of(name(panel[0]), name(panel[2])), waiting(headToken, c, a, 1));
    mark(panel[0], c, a, 1, "7.5");
    mark(panel[2], c, a, 1, "8");
    // The first dive is in: the whole panel is awaited for the second.
    assertEquals(java.util.List.of(name(panel[0]), name(panel[1]), name(panel[2])), waiting(headToken, c, a, 2));
    for (JsonObject j : panel) {
      mark(j, c, a, 2, "6");
    }
    JsonObject done = api.get("/api/v1/competitions/" + c + "/review", headToken).json().getJsonArray("entries").getJsonObject(0);
    assertEquals(0, done.getJsonArray("waitingFor").size(), done.encode());
    assertEquals(true, done.getBoolean("complete"));
  }

  private static String name(JsonObject session) {
    return session.getJsonObject("user").getString("displayName");
  }

  private static void mark(JsonObject judge, long c, long entry, int attempt, String value) {
    Api.Response r = api.post("/api/v1/competitions/" + c + "/scores", Api.token(judge),
        new JsonObject().put("entryId", entry).put("attempt", attempt).put("value", Double.parseDouble(value)).encode(), UUID.randomUUID().toString());
    assertEquals(201, r.status(), r.text());
  }

  /** The names the review says are still to mark the entry, all of them for {@code attempt}. */
  private static java.util.List<String> waiting(String token, long c, long entry, int attempt) {
    Api.Response r = api.get("/api/v1/competitions/" + c + "/review", token);
    assertEquals(200, r.status(), r.text());
    JsonObject e = r.json().getJsonArray("entries").stream().map(JsonObject.class::cast)
        .filter(x -> x.getLong("id") == entry).findFirst().orElseThrow();
    java.util.List<String> names = new java.util.ArrayList<>();
    for (Object o : e.getJsonArray("waitingFor")) {
      assertEquals(attempt, ((JsonObject) o).getInteger("attempt"), e.encode());
      names.add(((JsonObject) o).getString("name"));
    }
    return names;
  }
}
