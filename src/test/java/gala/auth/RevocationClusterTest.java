package gala.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.Dates;
import gala.testing.LiveClient;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Revoked means revoked, on every node at once: two clustered nodes share one database; a session
 * ended through node A (logout, a reused refresh token, a password change, an admin's "sign out
 * everywhere") is refused by node B on the very next request, and B's live sockets of that session
 * are signed out (private topics refused, public ones start over as anonymous).
 */
@ExtendWith(VertxExtension.class)
class RevocationClusterTest {
  static final String ADMIN = "admin@revoke.test";
  static final String PASSWORD = Api.PASSWORD;
  static Gala nodeA;
  static Gala nodeB;
  static Api a;
  static Api b;

  @BeforeAll
  static void startTwoNodes() {
    DbLocation db = TestDatabase.fresh();
    List<Gala> nodes = TestGala.startClustered(db, "--admin-email=" + ADMIN, "--admin-password=" + PASSWORD);
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
    a = new Api(nodeA.port());
    b = new Api(nodeB.port());
  }

  @AfterAll
  static void stop() {
    TestGala.stop(nodeB);
    TestGala.stop(nodeA);
  }

  private static String email(String who) {
    return who + "-" + UUID.randomUUID() + "@revoke.test";
  }

  /** What a write with this token gets (creating an event), and whether any event was created. */
  private static Response createEvent(Api via, String token) {
    return via.post("/api/v1/events", token, new JsonObject().put("title", "撤销测试").put("startsOn", Dates.inDays(0))
        .put("endsOn", Dates.inDays(1)));
  }

  private static void assertRevoked(Response r) {
    assertEquals(401, r.status(), r.text());
    assertEquals("SESSION_REVOKED", r.errorCode(), r.text());
  }

  private static long eventCount() {
    return a.get("/api/v1/events", null).json().getJsonArray("items").size();
  }

  @Test
  void logoutOnOneNodeIsRefusedOnTheOtherAtOnce() {
    String email = email("org");
    JsonObject session = a.signup(email, "organiser");
    String token = Api.token(session);
    JsonObject other = b.login(email);
    assertEquals(201, createEvent(b, token).status(), "the token works on both nodes before");

    assertEquals(204, a.post("/api/v1/auth/logout", null, new JsonObject().put("refreshToken", session.getString("refreshToken"))).status());
    long before = eventCount();
    assertRevoked(createEvent(b, token));
    assertRevoked(createEvent(a, token));
    assertRevoked(b.get("/api/v1/me", token));
    assertEquals(before, eventCount(), "a refused write wrote nothing");
    assertEquals(401, b.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", session.getString("refreshToken"))).status());
    assertEquals(200, b.get("/api/v1/me", Api.token(other)).status(), "the account's other session goes on");
  }

  @Test
  void aReusedRefreshTokenRevokesTheSessionOnEveryNode() {
    JsonObject first = a.signup(email("thief"), "organiser");
    Response rotated = a.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", first.getString("refreshToken")));
    assertEquals(200, rotated.status());
    String current = Api.token(rotated.json());
    assertEquals(200, b.get("/api/v1/me", current).status());

    Response reuse = b.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", first.getString("refreshToken")));
    assertEquals("REFRESH_TOKEN_REUSED", reuse.errorCode());
    assertRevoked(a.get("/api/v1/me", current));
    assertRevoked(createEvent(b, current));
    assertRevoked(createEvent(a, Api.token(first)));
  }

  @Test
  void aPasswordChangeEndsTheOldSessionsButNotTheNewOne() {
    String email = email("pw");
    JsonObject session = a.signup(email, "organiser");
    String elsewhere = Api.token(a.login(email));
    Response changed = a.post("/api/v1/me/password", Api.token(session),
        new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "another horse 10"));
    assertEquals(200, changed.status(), changed.text());
    assertRevoked(b.get("/api/v1/me", Api.token(session)));
    assertRevoked(createEvent(b, elsewhere));
    assertEquals(201, createEvent(b, Api.token(changed.json())).status(), "the session the change returned works everywhere");
  }

  @Test
  void anAdminSignsAnAccountOutEverywhere() {
    String email = email("lost-phone");
    String one = Api.token(a.signup(email, "organiser"));
    String two = Api.token(b.login(email));
    String admin = Api.token(a.login(ADMIN));

    Response refused = b.post("/api/v1/admin/sign-outs", one, new JsonObject().put("email", ADMIN));
    assertEquals(403, refused.status(), "only an admin may");
    assertEquals(200, b.get("/api/v1/me", admin).status(), "a refused sign-out ended nothing");
    assertEquals("UNKNOWN_USER", a.post("/api/v1/admin/sign-outs", admin, new JsonObject().put("email", "nobody@revoke.test")).errorCode());

    Response done = a.post("/api/v1/admin/sign-outs", admin, new JsonObject().put("email", email.toUpperCase()));
    assertEquals(200, done.status(), done.text());
    assertEquals(2, done.json().getInteger("sessionsEnded"));
    assertRevoked(b.get("/api/v1/me", one));
    assertRevoked(b.get("/api/v1/me", two));
    assertRevoked(createEvent(a, two));
    assertEquals(200, b.get("/api/v1/me", Api.token(b.login(email))).status(), "signing in again works");
  }

  @Test
  void aRevokedSessionsSocketsOnTheOtherNodeAreSignedOut(Vertx vertx) {
    String email = email("fan");
    JsonObject session = a.signup(email, "organiser");
    String token = Api.token(session);
    long userId = Api.userId(session);
    long event = a.createEvent(token, "现场");
    long competition = a.createJudgedCompetition(token, event, "跳绳", 10, 1);

    try (LiveClient onB = LiveClient.connect(vertx, nodeB.port())) {
      onB.send(new JsonObject().put("op", "auth").put("token", token));
      assertEquals("authenticated", onB.next().getString("type"));
      onB.subscribe("user:" + userId, null);
      assertEquals("snapshot", onB.next().getString("type"), "the person's own notices");
      onB.subscribe("scoreboard:" + competition, null);
      assertEquals("snapshot", onB.next().getString("type"));

      assertEquals(204, a.post("/api/v1/auth/logout", null, new JsonObject().put("refreshToken", session.getString("refreshToken"))).status());
      assertEquals("SESSION_REVOKED", onB.next().getString("code"), "node B tells the socket at once");
      Map<String, JsonObject> after = new HashMap<>();
      for (int i = 0; i < 2; i++) {
        JsonObject f = onB.next();
        after.put(f.getString("topic"), f);
      }
      assertEquals("UNAUTHENTICATED", after.get("user:" + userId).getString("code"), "private notices stop");
      assertEquals("snapshot", after.get("scoreboard:" + competition).getString("type"), "public topics go on, as anonymous");

      onB.subscribe("user:" + userId, null);
      assertEquals("UNAUTHENTICATED", onB.next().getString("code"), "the socket is anonymous now");
      onB.send(new JsonObject().put("op", "auth").put("token", token));
      assertEquals("SESSION_REVOKED", onB.next().getString("code"), "the revoked token cannot sign it in again");
      assertTrue(onB.poll(300) == null, "nothing else");
    }
  }

  @Test
  void aFailedAuthFrameSignsTheSocketOut(Vertx vertx) {
    JsonObject session = b.signup(email("swap"), "participant");
    long userId = Api.userId(session);
    try (LiveClient live = LiveClient.connect(vertx, nodeA.port())) {
      live.send(new JsonObject().put("op", "auth").put("token", Api.token(session)));
      assertEquals("authenticated", live.next().getString("type"));
      live.subscribe("user:" + userId, null);
      assertEquals("snapshot", live.next().getString("type"));

      live.send(new JsonObject().put("op", "auth").put("token", "forged." + Api.token(session)));
      assertEquals("UNAUTHENTICATED", live.next().getString("code"));
      JsonObject dropped = live.next();
      assertEquals("user:" + userId, dropped.getString("topic"));
      assertEquals("UNAUTHENTICATED", dropped.getString("code"), "the private topic is no longer followed");
      live.subscribe("user:" + userId, null);
      assertEquals("UNAUTHENTICATED", live.next().getString("code"), "and cannot be followed again without a valid token");
    }
  }
}
