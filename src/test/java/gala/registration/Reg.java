package gala.registration;

import gala.testing.Api;
import gala.testing.Api.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Registration calls as a client makes them, for the tests of this package and the benchmark. */
public final class Reg {
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
    return api.send(method, path, token, contentType, body, key);
  }

  public byte[] bytes(String path, String token) {
    return api.bytes(path, token);
  }

  public Response patch(String path, String token, JsonObject body) {
    return api.patch(path, token, body);
  }

  public Response delete(String path, String token) {
    return api.delete(path, token);
  }

  public Response deleteOnce(String path, String token) {
    return api.deleteOnce(path, token);
  }

  public Response patchOnce(String path, String token, JsonObject body) {
    return api.patchOnce(path, token, body);
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
