package gala.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Mixer calls as the pages make them, for the mixer tests. */
final class MixerFixture {
  // Ages counted from today (the mixers' events start today), so a 16-year-old stays 16 whenever the tests run.
  static final String ADULT = Dates.aged(28);
  static final String MINOR_16 = Dates.aged(16);
  static final String CHILD_13 = Dates.aged(13);
  private final Api api;

  MixerFixture(Api api) {
    this.api = api;
  }

  long createMixer(String organiser, long eventId, JsonObject body) {
    Response r = api.post("/api/v1/events/" + eventId + "/mixers", organiser, body);
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }

  static JsonObject pairs(int rounds, int roundSeconds) {
    return new JsonObject().put("title", "青年交友会").put("mode", "pairs").put("rounds", rounds)
        .put("roundSeconds", roundSeconds).put("minAge", 12).put("maxAge", 40).put("capacity", 50);
  }

  Response join(String token, long mixerId, JsonObject profile) {
    return api.post("/api/v1/mixers/" + mixerId + "/participants", token, profile.encode(), UUID.randomUUID().toString());
  }

  static JsonObject profile(String birthDate, String... interests) {
    return new JsonObject().put("birthDate", birthDate).put("interests", new JsonArray(java.util.List.of(interests)));
  }

  void joinOk(String token, long mixerId, JsonObject profile) {
    Response r = join(token, mixerId, profile);
    assertEquals(201, r.status(), r.text());
  }

  void checkIn(String token, long mixerId, Long userId) {
    JsonObject body = new JsonObject();
    if (userId != null) {
      body.put("userId", userId);
    }
    Response r = api.post("/api/v1/mixers/" + mixerId + "/checkins", token, body.encode(), UUID.randomUUID().toString());
    assertEquals(200, r.status(), r.text());
  }

  Response startRound(String organiser, long mixerId) {
    return api.post("/api/v1/mixers/" + mixerId + "/rounds", organiser, "{}", UUID.randomUUID().toString());
  }

  JsonObject mixer(long mixerId) {
    Response r = api.get("/api/v1/mixers/" + mixerId, null);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  /** The host ends the running round now (the tests do not race the round clock). */
  void endRound(String organiser, long mixerId) {
    Response r = api.post("/api/v1/mixers/" + mixerId + "/rounds/current/end", organiser, "{}", UUID.randomUUID().toString());
    assertEquals(200, r.status(), r.text());
    assertEquals(false, r.json().getBoolean("roundOpen"), r.text());
  }

  Response setRoundEnd(String organiser, long mixerId, String endsAt) {
    return api.post("/api/v1/mixers/" + mixerId + "/rounds/current/ends-at", organiser,
        new JsonObject().put("endsAt", endsAt).encode(), UUID.randomUUID().toString());
  }

  Response move(String organiser, long mixerId, long userId, int table) {
    return api.post("/api/v1/mixers/" + mixerId + "/moves", organiser,
        new JsonObject().put("userId", userId).put("table", table).encode(), UUID.randomUUID().toString());
  }

  Response gone(String organiser, long mixerId, long userId) {
    return api.post("/api/v1/mixers/" + mixerId + "/participants/" + userId + "/gone", organiser, "{}",
        UUID.randomUUID().toString());
  }

  JsonObject plan(String organiser, long mixerId) {
    Response r = api.get("/api/v1/mixers/" + mixerId + "/plan", organiser);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  /** Waits for the round clock to close the running round. */
  void awaitRoundClosed(long mixerId, long timeoutMillis) {
    long until = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < until) {
      if (!mixer(mixerId).getBoolean("roundOpen")) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("round of mixer " + mixerId + " still open after " + timeoutMillis + " ms");
  }

  JsonObject seat(String token, long mixerId) {
    Response r = api.get("/api/v1/mixers/" + mixerId + "/seat", token);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  Response likes(String token, long mixerId, JsonObject body, String key) {
    return api.post("/api/v1/mixers/" + mixerId + "/likes", token, body.encode(), key);
  }

  JsonArray matches(String token, long mixerId) {
    Response r = api.get("/api/v1/mixers/" + mixerId + "/matches", token);
    assertEquals(200, r.status(), r.text());
    return r.json().getJsonArray("items");
  }
}
