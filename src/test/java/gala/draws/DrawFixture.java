package gala.draws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.testing.Api;
import gala.testing.Api.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Draw test helpers over real HTTP: a head-to-head competition, entries, a judge, draws and results. */
final class DrawFixture {
  final Api api;
  final String organiser;
  final long event;

  DrawFixture(Api api, String tag) {
    this.api = api;
    this.organiser = Api.token(api.signup("org-" + tag + "-" + UUID.randomUUID() + "@draw.test", "organiser"));
    this.event = api.createEvent(organiser, "Cup " + tag);
  }

  long headToHead(String name) {
    Response r = api.post("/api/v1/events/" + event + "/competitions", organiser,
        new JsonObject().put("name", name).put("capacity", 128).put("format", new JsonObject().put("type", "head_to_head")));
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }

  List<Long> entries(long competition, int n) {
    List<Long> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add(api.registerAthlete(organiser, competition, "P" + i, null));
    }
    return ids;
  }

  String judge(long competition) {
    JsonObject s = api.signup("judge-" + UUID.randomUUID() + "@draw.test", "participant");
    api.assignJudge(organiser, competition, Api.userId(s));
    return Api.token(s);
  }

  Response generate(String token, long competition, JsonObject body, String key) {
    return api.post("/api/v1/competitions/" + competition + "/draw", token, body.encode(), key);
  }

  /** Generates and expects 201; returns the draw data. */
  JsonObject draw(long competition, JsonObject body) {
    Response r = generate(organiser, competition, body, key());
    assertEquals(201, r.status(), r.text());
    return r.json().getJsonObject("draw");
  }

  Response result(String token, long competition, long match, int a, int b, String key) {
    return api.post("/api/v1/competitions/" + competition + "/draw/matches/" + match + "/result", token,
        new JsonObject().put("scoreA", a).put("scoreB", b).encode(), key);
  }

  JsonObject record(String token, long competition, long match, int a, int b) {
    Response r = result(token, competition, match, a, b, key());
    assertEquals(201, r.status(), r.text());
    return r.json();
  }

  /** The draw topic as GET returns it: {topic, version, data}. */
  JsonObject snapshot(long competition) {
    Response r = api.get("/api/v1/competitions/" + competition + "/draw", null);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  JsonObject data(long competition) {
    return snapshot(competition).getJsonObject("data");
  }

  static List<JsonObject> matches(JsonObject draw, int round) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : draw.getJsonArray("matches")) {
      JsonObject m = (JsonObject) o;
      if (m.getInteger("round") == round) {
        out.add(m);
      }
    }
    return out;
  }

  static JsonObject row(JsonArray rows, long id) {
    for (Object o : rows) {
      if (((JsonObject) o).getLong("id") == id) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no row " + id + " in " + rows.encode());
  }

  static void expect(int status, String code, Response r) {
    assertEquals(status, r.status(), r.text());
    assertEquals(code, r.errorCode(), r.text());
  }

  static String key() {
    return UUID.randomUUID().toString();
  }
}
