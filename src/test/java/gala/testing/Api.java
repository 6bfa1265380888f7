package gala.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A blocking HTTP client for tests (runs on the test thread, never on an event loop). */
public final class Api {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public String base() {
    return base;
  }

  public record Response(int status, String text) {
    public JsonObject json() {
      return new JsonObject(text);
    }

    public String errorCode() {
      return json().getJsonObject("error").getString("code");
    }
  }

  public Response get(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
  }

  public Response post(String path, String token, String body) {
    return post(path, token, body, null);
  }

  public Response post(String path, String token, String body, String idempotencyKey) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return send(b, token);
  }

  public Response delete(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
  }

  public Response post(String path, String token, JsonObject body) {
    return post(path, token, body.encode(), null);
  }

  private Response send(HttpRequest.Builder b, String token) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- the thin path, as a user would walk it ----

  /** Signs up and returns the session (user, accessToken, refreshToken). */
  public JsonObject signup(String email, String role) {
    Response r = post("/api/v1/auth/signup", null, new JsonObject().put("email", email).put("password", "correct horse 9")
        .put("displayName", email.substring(0, email.indexOf('@'))).put("role", role));
    if (r.status() != 201) {
      throw new AssertionError("signup failed: " + r);
    }
    return r.json();
  }

  public static String token(JsonObject session) {
    return session.getString("accessToken");
  }

  public static long userId(JsonObject session) {
    return session.getJsonObject("user").getLong("id");
  }

  public long createEvent(String organiserToken, String title) {
    return created(post("/api/v1/events", organiserToken,
        new JsonObject().put("title", title).put("startsOn", "2026-12-01").put("endsOn", "2026-12-02")));
  }

  public long createUnit(String organiserToken, long eventId, String name) {
    return created(post("/api/v1/events/" + eventId + "/units", organiserToken, new JsonObject().put("name", name)));
  }

  /** A trimmed-mean panel of {@code judges}, dropping one high and one low mark when judges >= 3. */
  public long createJudgedCompetition(String organiserToken, long eventId, String name, int capacity, int judges) {
    JsonObject format = new JsonObject().put("type", "judged")
        .put("aggregate", judges >= 3 ? "trimmed_mean" : "mean").put("judges", judges).put("trim", judges >= 3 ? 1 : 0)
        .put("min", 0).put("max", 10).put("decimals", 2);
    return created(post("/api/v1/events/" + eventId + "/competitions", organiserToken,
        new JsonObject().put("name", name).put("capacity", capacity).put("format", format)));
  }

  /** An organiser registers an athlete without an account. */
  public long registerAthlete(String organiserToken, long competitionId, String name, Long unitId) {
    JsonObject body = new JsonObject().put("displayName", name);
    if (unitId != null) {
      body.put("unitId", unitId);
    }
    return created(post("/api/v1/competitions/" + competitionId + "/entries", organiserToken, body.encode(),
        UUID.randomUUID().toString()));
  }

  public void assignJudge(String organiserToken, long competitionId, long judgeUserId) {
    Response r = post("/api/v1/competitions/" + competitionId + "/judges", organiserToken,
        new JsonObject().put("userId", judgeUserId));
    if (r.status() != 201) {
      throw new AssertionError("assignJudge failed: " + r);
    }
  }

  public Response submitScore(String judgeToken, long competitionId, long entryId, String value, String key) {
    return post("/api/v1/competitions/" + competitionId + "/scores", judgeToken,
        "{\"entryId\":" + entryId + ",\"value\":" + value + "}", key);
  }

  public JsonObject scoreboard(long competitionId) {
    Response r = get("/api/v1/competitions/" + competitionId + "/scoreboard", null);
    if (r.status() != 200) {
      throw new AssertionError("getScoreboard failed: " + r);
    }
    return r.json();
  }

  public static JsonArray rows(JsonObject scoreboard) {
    return scoreboard.getJsonObject("data").getJsonArray("rows");
  }

  private static long created(Response r) {
    if (r.status() != 201) {
      throw new AssertionError("expected 201, got " + r);
    }
    return r.json().getLong("id");
  }
}
