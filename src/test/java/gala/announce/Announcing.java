package gala.announce;

import gala.testing.Api;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import gala.platform.DbLocation;

/** Test helpers for announcements over real HTTP, plus a look at the database truth. */
final class Announcing {
  private Announcing() {}

  static Api.Response broadcast(Api api, String token, long eventId, JsonObject body) {
    return api.post("/api/v1/events/" + eventId + "/announcements", token, body.encode(), UUID.randomUUID().toString());
  }

  static JsonObject text(String text) {
    return new JsonObject().put("text", text).put("audience", "event");
  }

  static JsonObject sent(Api api, String token, long eventId, JsonObject body) {
    Api.Response r = broadcast(api, token, eventId, body);
    if (r.status() != 201) {
      throw new AssertionError("broadcast failed: " + r);
    }
    return r.json();
  }

  static JsonObject list(Api api, String token, long eventId) {
    Api.Response r = api.get("/api/v1/events/" + eventId + "/announcements", token);
    if (r.status() != 200) {
      throw new AssertionError("listAnnouncements failed: " + r);
    }
    return r.json();
  }

  static JsonArray items(Api api, String token, long eventId) {
    return list(api, token, eventId).getJsonArray("items");
  }

  /** A participant account registered (by themself) in the competition. */
  static JsonObject entrant(Api api, String email, long competitionId) {
    JsonObject session = api.signup(email, "participant");
    Api.Response r = api.post("/api/v1/competitions/" + competitionId + "/entries", Api.token(session), "{}",
        UUID.randomUUID().toString());
    if (r.status() != 201) {
      throw new AssertionError("self-registration failed: " + r);
    }
    return session;
  }

  static long count(DbLocation db, String sql) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
