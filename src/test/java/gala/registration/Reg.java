package gala.registration;

import gala.testing.Api;
import gala.testing.Api.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Registration calls as a client makes them, for the tests of this package and the benchmark. */
public final class Reg {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Api api;

  public Reg(Api api) {
    this.api = api;
  }

  public Api api() {
    return api;
  }

  public JsonObject signup(String email, String role, String birthDate) {
    JsonObject body = new JsonObject().put("email", email).put("password", "correct horse 9")
        .put("displayName", email.substring(0, email.indexOf('@'))).put("role", role);
    if (birthDate != null) {
      body.put("birthDate", birthDate);
    }
    Response r = api.post("/api/v1/auth/signup", null, body);
    if (r.status() != 201) {
      throw new AssertionError("signup failed: " + r);
    }
    return r.json();
  }

  public long competition(String token, long eventId, JsonObject extra) {
    JsonObject format = new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 1)
        .put("min", 0).put("max", 10).put("decimals", 2);
    JsonObject body = new JsonObject().put("name", "项目" + UUID.randomUUID().toString().substring(0, 6))
        .put("capacity", 10).put("format", format).mergeIn(extra);
    Response r = api.post("/api/v1/events/" + eventId + "/competitions", token, body);
    if (r.status() != 201) {
      throw new AssertionError("createCompetition failed: " + r);
    }
    return r.json().getLong("id");
  }

  public Response register(String token, long competitionId, JsonObject body) {
    return api.post("/api/v1/competitions/" + competitionId + "/entries", token, body.encode(), UUID.randomUUID().toString());
  }

  public JsonArray entries(long competitionId, String query) {
    return api.get("/api/v1/competitions/" + competitionId + "/entries" + (query == null ? "" : "?" + query), null)
        .json().getJsonArray("items");
  }

  public Response send(String method, String path, String token, String contentType, byte[] body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(60))
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
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] bytes(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + path)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new AssertionError("GET " + path + " -> " + r.statusCode() + " " + new String(r.body()));
      }
      return r.body();
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  public Response patch(String path, String token, JsonObject body) {
    return send("PATCH", path, token, "application/json", body.encode().getBytes(), null);
  }

  public Response delete(String path, String token) {
    return send("DELETE", path, token, null, null, null);
  }

  public Response importCsv(String token, long eventId, Long unitId, byte[] csv) {
    return send("POST", "/api/v1/events/" + eventId + "/imports" + (unitId == null ? "" : "?unitId=" + unitId), token,
        "application/octet-stream", csv, UUID.randomUUID().toString());
  }

  /** Polls getImport until the job is no longer RUNNING. */
  public JsonObject awaitImport(String token, long jobId) {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      JsonObject job = api.get("/api/v1/imports/" + jobId, token).json();
      if (!"RUNNING".equals(job.getString("status")) || System.currentTimeMillis() > deadline) {
        return job;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
