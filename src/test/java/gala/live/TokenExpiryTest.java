package gala.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.LiveClient;
import gala.testing.TestGala;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A signed-in WebSocket lives no longer than its access token: at the token's expiry the socket is
 * told TOKEN_EXPIRED and becomes anonymous (its private topics are refused, public ones go on),
 * unless a fresh token arrived in an auth frame first, which then sets the new limit.
 */
@ExtendWith(VertxExtension.class)
class TokenExpiryTest {
  static Gala gala;
  static Api api;

  @BeforeAll
  static void start() {
    gala = TestGala.start("--access-token-seconds=12");
    api = new Api(gala.port());
  }

  @AfterAll
  static void stop() {
    TestGala.stop(gala);
  }

  @Test
  void aSocketIsSignedOutWhenItsTokenExpires(Vertx vertx) {
    String email = "exp-" + UUID.randomUUID() + "@live.test";
    JsonObject signedUp = api.signup(email, "organiser");
    long userId = Api.userId(signedUp);
    long competition = api.createJudgedCompetition(Api.token(signedUp), api.createEvent(Api.token(signedUp), "到期"), "跳绳", 10, 1);
    JsonObject session = api.login(email); // a token whose whole lifetime is ahead
    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      live.send(new JsonObject().put("op", "auth").put("token", Api.token(session)));
      JsonObject authenticated = live.next();
      assertEquals("authenticated", authenticated.getString("type"));
      long exp = authenticated.getLong("exp");
      live.subscribe("user:" + userId, null);
      JsonObject own = live.next();
      assertEquals("snapshot", own.getString("type"), own.encode());
      live.subscribe("scoreboard:" + competition, null);
      JsonObject board0 = live.next();
      assertEquals("snapshot", board0.getString("type"), board0.encode());

      JsonObject expired = live.next();
      assertEquals("TOKEN_EXPIRED", expired.getString("code"), expired.encode());
      assertTrue(System.currentTimeMillis() >= exp * 1000, "not before the token's exp");
      JsonObject a = live.next();
      JsonObject b = live.next();
      JsonObject user = a.getString("topic").startsWith("user:") ? a : b;
      JsonObject board = user == a ? b : a;
      assertEquals("UNAUTHENTICATED", user.getString("code"), "the private topic stops: " + user.encode());
      assertEquals("snapshot", board.getString("type"), "the public one goes on as anonymous");
    }
  }

  @Test
  void aFreshAuthFrameBeforeExpiryKeepsTheSocketSignedIn(Vertx vertx) {
    String email = "fresh-" + UUID.randomUUID() + "@live.test";
    long userId = Api.userId(api.signup(email, "participant"));
    JsonObject session = api.login(email);
    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      live.send(new JsonObject().put("op", "auth").put("token", Api.token(session)));
      long firstExp = live.next().getLong("exp");
      live.subscribe("user:" + userId, null);
      assertEquals("snapshot", live.next().getString("type"));

      // A refreshed token, issued in a later second than the first, so it expires later too.
      JsonObject refreshed = refreshWhenTheClockMovedOn(session, firstExp - 12);
      live.send(new JsonObject().put("op", "auth").put("token", Api.token(refreshed)));
      JsonObject again = live.next();
      assertEquals("authenticated", again.getString("type"));
      long secondExp = again.getLong("exp");
      assertTrue(secondExp > firstExp, secondExp + " > " + firstExp);

      JsonObject expired = live.next();
      assertEquals("TOKEN_EXPIRED", expired.getString("code"), expired.encode());
      assertTrue(System.currentTimeMillis() >= secondExp * 1000, "the first token's expiry no longer counts");
      assertEquals("UNAUTHENTICATED", live.next().getString("code"));
    }
  }

  private static JsonObject refreshWhenTheClockMovedOn(JsonObject session, long issuedAt) {
    while (System.currentTimeMillis() / 1000 <= issuedAt) {
      try {
        Thread.sleep(20); // at most one second: exp has a resolution of seconds
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    Response r = api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", session.getString("refreshToken")));
    assertEquals(200, r.status(), r.text());
    return r.json();
  }
}
