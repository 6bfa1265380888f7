package gala.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** A blocking HTTP client for tests (runs on the test thread, never on an event loop). */
public final class Api {
  /** The password {@link #signup} gives every test account. */
  public static final String PASSWORD = "correct horse 9";
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  public Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public String base() {
    return base;
  }

  public record Response(int status, String text, Map<String, List<String>> headers) {
    public Response(int status, String text) {
      this(status, text, Map.of());
    }

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    public JsonObject json() {
      return new JsonObject(text);
    }

    public String errorCode() {
      return json().getJsonObject("error").getString("code");
    }

    /**
     * Asserts a throttle's refusal: 429 TOO_MANY_REQUESTS with a Retry-After of 1 s to
     * {@code maxSeconds}, the same number as details.retryAfter; returns the error's details.
     */
    public JsonObject assertThrottled(long maxSeconds) {
      assertEquals(429, status, text);
      assertEquals("TOO_MANY_REQUESTS", errorCode());
      long retryAfter = Long.parseLong(header("Retry-After"));
      assertTrue(retryAfter >= 1 && retryAfter <= maxSeconds, "Retry-After " + retryAfter);
      JsonObject details = json().getJsonObject("error").getJsonObject("details");
      assertEquals(retryAfter, details.getLong("retryAfter"));
      return details;
    }
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, null, null);
  }

  public Response post(String path, String token, String body) {
    return post(path, token, body, null);
  }

  public Response post(String path, String token, String body, String idempotencyKey) {
    return send("POST", path, token, "application/json", body.getBytes(StandardCharsets.UTF_8), idempotencyKey);
  }

  /**
   * Posts with {@code idempotencyKey} to this node; when the node dies under it (no answer, or a 5xx),
   * posts the same key to {@code other}, as a client that does not know whether its write was stored.
   */
  public Response postOrRetryOn(Api other, String path, String token, String body, String idempotencyKey) {
    Response r;
    try {
      r = post(path, token, body, idempotencyKey);
    } catch (RuntimeException lost) {
      r = null;
    }
    return r == null || r.status() >= 500 ? other.post(path, token, body, idempotencyKey) : r;
  }

  public Response post(String path, String token, JsonObject body) {
    return post(path, token, body.encode(), null);
  }

  public Response patch(String path, String token, JsonObject body) {
    return send("PATCH", path, token, "application/json", body.encode().getBytes(StandardCharsets.UTF_8), null);
  }

  public Response delete(String path, String token) {
    return send("DELETE", path, token, null, null, null);
  }

  /** A retryable DELETE (withdrawEntry, leaveWaitlist, deleteRecord...) under a fresh Idempotency-Key. */
  public Response deleteOnce(String path, String token) {
    return send("DELETE", path, token, null, null, UUID.randomUUID().toString());
  }

  /** A retryable PATCH (setEntryBib) under a fresh Idempotency-Key. */
  public Response patchOnce(String path, String token, JsonObject body) {
    return send("PATCH", path, token, "application/json", body.encode().getBytes(StandardCharsets.UTF_8),
        UUID.randomUUID().toString());
  }

  /** Any request; the response is checked against the contract (see {@link ContractCheck}). */
  public Response send(String method, String path, String token, String contentType, byte[] body, String key) {
    return send(method, path, token, contentType, body, key, Map.of());
  }

  /** A request with extra headers (e.g. X-Forwarded-For); checked like every other. */
  public Response send(String method, String path, String token, String contentType, byte[] body, String key,
      Map<String, String> headers) {
    HttpResponse<String> r = exchange(method, path, token, contentType, body, key, headers, BodyHandlers.ofString());
    return new Response(r.statusCode(), r.body(), r.headers().map());
  }

  /** The raw bytes of a successful GET (a PNG, a CSV); status and content type are checked against the contract. */
  public byte[] bytes(String path, String token) {
    HttpResponse<byte[]> r = exchange("GET", path, token, null, null, null, Map.of(), BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new AssertionError("GET " + path + " -> " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.body();
  }

  private <T> HttpResponse<T> exchange(String method, String path, String token, String contentType, byte[] body,
      String key, Map<String, String> headers, HttpResponse.BodyHandler<T> handler) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("content-type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    headers.forEach(b::header);
    HttpResponse<T> r;
    try {
      r = CLIENT.send(b.build(), handler);
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
    if (ContractCheck.enabled()) {
      Map<String, String> h = new HashMap<>();
      r.headers().map().forEach((name, values) -> h.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
      boolean hasBody = r.body() instanceof String s ? !s.isEmpty() : r.body() instanceof byte[] a && a.length > 0;
      ContractCheck.get().check(method, path, r.statusCode(), h, r.body() instanceof String s ? s : null, hasBody);
    }
    return r;
  }

  // ---- the thin path, as a user would walk it ----

  /** Signs up and returns the session (user, accessToken, refreshToken). */
  public JsonObject signup(String email, String role) {
    Response r = post("/api/v1/auth/signup", null, new JsonObject().put("email", email).put("password", PASSWORD)
        .put("displayName", email.substring(0, email.indexOf('@'))).put("role", role));
    if (r.status() != 201) {
      throw new AssertionError("signup failed: " + r);
    }
    return r.json();
  }

  /** Signs in with {@link #PASSWORD} and returns the session (user, accessToken, refreshToken). */
  public JsonObject login(String email) {
    Response r = post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", PASSWORD));
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  public static String token(JsonObject session) {
    return session.getString("accessToken");
  }

  public static long userId(JsonObject session) {
    return session.getJsonObject("user").getLong("id");
  }

  /** An event running today and tomorrow ({@link Dates}): live, with registration open, whenever the test runs. */
  public long createEvent(String organiserToken, String title) {
    return created(post("/api/v1/events", organiserToken,
        new JsonObject().put("title", title).put("startsOn", Dates.inDays(0)).put("endsOn", Dates.inDays(1))));
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
