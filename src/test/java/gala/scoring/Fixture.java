package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.testing.Api;
import gala.testing.Api.Response;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Scoring test helpers over real HTTP: competitions of any format, judges, scores, corrections. */
final class Fixture {
  final Api api;
  final String organiser;
  final long event;

  Fixture(Api api, String tag) {
    this.api = api;
    this.organiser = Api.token(api.signup("org-" + tag + "-" + UUID.randomUUID() + "@score.test", "organiser"));
    this.event = api.createEvent(organiser, "Meet " + tag);
  }

  long competition(String name, JsonObject format) {
    Response r = api.post("/api/v1/events/" + event + "/competitions", organiser,
        new JsonObject().put("name", name).put("capacity", 200).put("format", format));
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }

  long unit(String name) {
    return api.createUnit(organiser, event, name);
  }

  long entry(long competition, String name, Long unit) {
    return api.registerAthlete(organiser, competition, name, unit);
  }

  /** A new account assigned as judge (head judge when head); returns its token. */
  String judge(long competition, boolean head) {
    JsonObject s = api.signup("judge-" + UUID.randomUUID() + "@score.test", "participant");
    Response r = api.post("/api/v1/competitions/" + competition + "/judges", organiser,
        new JsonObject().put("userId", Api.userId(s)).put("head", head));
    assertEquals(201, r.status(), r.text());
    return Api.token(s);
  }

  Response submit(String judge, long competition, JsonObject body) {
    return api.post("/api/v1/competitions/" + competition + "/scores", judge, body.encode(), key());
  }

  /** Submits and expects 201; returns the stored score row. */
  JsonObject score(String judge, long competition, JsonObject body) {
    Response r = submit(judge, competition, body);
    assertEquals(201, r.status(), r.text());
    return r.json().getJsonObject("score");
  }

  JsonObject mark(String judge, long competition, long entry, String value) {
    return score(judge, competition, new JsonObject().put("entryId", entry).put("value", new java.math.BigDecimal(value)));
  }

  Response correct(String token, long competition, long scoreId, JsonObject body) {
    return api.post("/api/v1/competitions/" + competition + "/scores/" + scoreId + "/corrections", token, body.encode(), key());
  }

  Response check(String token, long competition, long scoreId) {
    return api.post("/api/v1/competitions/" + competition + "/scores/" + scoreId + "/check", token, "{}", key());
  }

  Response publish(String token, long competition) {
    return api.post("/api/v1/competitions/" + competition + "/scoreboard/publish", token, "{}", key());
  }

  Response visibility(String token, long competition, boolean hidden) {
    return api.post("/api/v1/competitions/" + competition + "/scoreboard/visibility", token,
        new JsonObject().put("hidden", hidden).encode(), key());
  }

  JsonObject board(long competition) {
    return api.scoreboard(competition).getJsonObject("data");
  }

  JsonObject medals() {
    Response r = api.get("/api/v1/events/" + event + "/medals", null);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  static JsonObject row(JsonObject board, long entryId) {
    for (Object o : board.getJsonArray("rows")) {
      JsonObject r = (JsonObject) o;
      if (r.getLong("id") == entryId) {
        return r;
      }
    }
    throw new AssertionError("no row for entry " + entryId + " in " + board.encodePrettily());
  }

  static void expect(int status, String code, Response r) {
    assertEquals(status, r.status(), r.text());
    assertEquals(code, r.errorCode(), r.text());
  }

  static String key() {
    return UUID.randomUUID().toString();
  }

  static JsonObject judged(int judges, String aggregate) {
    return new JsonObject().put("type", "judged").put("aggregate", aggregate).put("judges", judges)
        .put("trim", aggregate.startsWith("trimmed") ? 1 : 0).put("min", 0).put("max", 10).put("decimals", 2);
  }
}
