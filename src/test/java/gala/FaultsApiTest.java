package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import gala.testing.LiveClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inputs that used to answer 500 (or wrap around) answer a JSON 4xx with a stable code and change nothing. */
class FaultsApiTest extends ApiTestBase {
  static String organiser;
  static long event;
  static long competition;

  @BeforeAll
  static void setUp() {
    organiser = Api.token(api.signup("org@faults.cn", "organiser"));
    event = api.createEvent(organiser, "故障");
    competition = api.createJudgedCompetition(organiser, event, "项目", 10, 1);
  }

  @Test
  void aNulInAJsonStringIsRefused() {
    assertRefused(api.post("/api/v1/auth/login", null, "{\"email\":\"n\\u0000@x.cn\",\"password\":\"whatever1\"}"));
    assertRefused(api.post("/api/v1/auth/signup", null,
        "{\"email\":\"n\\u0000@x.cn\",\"password\":\"whatever1\",\"displayName\":\"N\"}"));
    assertRefused(api.post("/api/v1/events", organiser, "{\"title\":\"a\\u0000b\",\"startsOn\":\""
        + Dates.inDays(0) + "\"}"));
    assertRefused(api.post("/api/v1/competitions/" + competition + "/entries", organiser,
        "{\"displayName\":\"a\\u0000\"}", UUID.randomUUID().toString()));
  }

  @Test
  void aQueryIdBeyondTwoToTheSixtyThirdIsRefused() {
    assertRefused(api.get("/api/v1/competitions/" + competition + "/entries?unitId=9223372036854775808", organiser));
    assertRefused(api.get("/api/v1/competitions/9223372036854775808/entries", organiser));
    assertRefused(api.get("/api/v1/competitions/" + competition + "/entries?q=a%00b", organiser));
  }

  /** A client that says "JSON" on every request, also on a GET without a body, is answered, not a 500. */
  @Test
  void aGetThatSaysItsBodyIsJsonButHasNoneIsAnswered() {
    for (String path : List.of("/api/v1/competitions/" + competition + "/entries?status=CONFIRMED", "/api/v1/events/" + event)) {
      Response r = api.send("GET", path, organiser, "application/json", null, null);
      assertEquals(200, r.status(), path + ": " + r.text());
    }
  }

  @Test
  void anEmptyEmailAtSignupIsRefused() {
    assertRefused(api.post("/api/v1/auth/signup", null,
        new JsonObject().put("email", "").put("password", "whatever1").put("displayName", "E")));
    assertRefused(api.post("/api/v1/auth/signup", null,
        new JsonObject().put("email", "   ").put("password", "whatever1").put("displayName", "E")));
  }

  @Test
  void sinceBeyondTwoToTheSixtyFourDoesNotWrap() {
    try (LiveClient live = LiveClient.connect(gala.vertx(), gala.port())) {
      live.send(new JsonObject(
          "{\"op\":\"subscribe\",\"topic\":\"scoreboard:" + competition + "\",\"since\":18446744073709551616}"));
      JsonObject frame = live.next();
      assertEquals("error", frame.getString("type"), frame.encode());
      assertEquals("BAD_SINCE", frame.getString("code"), frame.encode());
    }
  }

  @Test
  void aNulIsRefusedNamingItsField() {
    Response r = api.post("/api/v1/events", organiser, "{\"title\":\"a\\u0000b\",\"startsOn\":\"" + Dates.inDays(0) + "\"}");
    assertEquals(400, r.status(), r.text());
    JsonObject details = r.json().getJsonObject("error").getJsonObject("details");
    assertEquals(new JsonObject().put("field", "title").put("in", "body").put("rule", "characters"), details);
    assertEquals(0, api.get("/api/v1/events", organiser).json().getJsonArray("items").stream()
        .filter(e -> ((JsonObject) e).getString("title").startsWith("a")).count(), "nothing was created");
  }

  @Test
  void integersBeyondSixtyFourBitsInABodyAreRefusedNotWrapped() {
    Response r = api.submitScore(organiser, competition, 0, "1", UUID.randomUUID().toString());
    assertRefused(r);
    Response huge = api.post("/api/v1/competitions/" + competition + "/scores", organiser,
        "{\"entryId\":18446744073709551617,\"value\":1}", UUID.randomUUID().toString());
    assertEquals(400, huge.status(), huge.text());
    assertEquals("maximum", huge.json().getJsonObject("error").getJsonObject("details").getString("rule"));
  }

  @Test
  void aBodyNestedBeyondAnyOperationIsRefused() {
    String deep = "[".repeat(200) + "]".repeat(200);
    assertRefused(api.post("/api/v1/events", organiser, "{\"title\":" + deep + ",\"startsOn\":\"" + Dates.inDays(0) + "\"}"));
  }

  @Test
  void requestsTheHttpDecoderCannotReadGetAJsonErrorToo() throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(api.base() + "/api/v1/events?when=" + "x".repeat(10_000))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(414, r.statusCode(), r.body());
    assertEquals("URI_TOO_LONG", new JsonObject(r.body()).getJsonObject("error").getString("code"));
  }

  private static void assertRefused(Response r) {
    assertTrue(r.status() >= 400 && r.status() < 500, r.status() + " " + r.text());
    assertTrue(r.errorCode().matches("[A-Z_]+"), r.text());
  }
}
