package gala.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sign-in and sign-up limits hold for the whole deployment, not per node: two nodes on one
 * database, and a guesser alternating between them meets the same limit as one talking to a single
 * node (passwords, sign-ups, judge codes); a correct password on one node clears the failures
 * counted on the other.
 */
class SignInThrottleAcrossNodesTest {
  static Gala nodeA;
  static Gala nodeB;
  static Api a;
  static Api b;

  @BeforeAll
  static void startTwoNodes() {
    DbLocation db = TestDatabase.fresh();
    nodeA = TestGala.start(db);
    nodeB = TestGala.start(db);
    a = new Api(nodeA.port());
    b = new Api(nodeB.port());
  }

  @AfterAll
  static void stop() {
    TestGala.stop(nodeB);
    TestGala.stop(nodeA);
  }

  private static Response login(Api via, String email, String password) {
    return via.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", password));
  }

  private static void assertThrottled(Response r, String per) {
    assertEquals(per, r.assertThrottled(15 * 60).getString("per"));
  }

  @Test
  void passwordGuessesSpreadOverTwoNodesMeetOneLimit() {
    a.signup("target@nodes.test", "participant");
    for (int i = 0; i < SignInThrottle.LOGIN_ACCOUNT.max(); i++) {
      Api via = i % 2 == 0 ? a : b;
      assertEquals("INVALID_CREDENTIALS", login(via, "target@nodes.test", "guess " + i).errorCode(), "guess " + i);
    }
    assertThrottled(login(b, "target@nodes.test", "guess on b"), "account");
    assertThrottled(login(a, "TARGET@nodes.test", "guess on a"), "account");
  }

  @Test
  void aCorrectPasswordOnOneNodeClearsFailuresCountedOnTheOther() {
    a.signup("typo@nodes.test", "participant");
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < SignInThrottle.LOGIN_ACCOUNT.max() - 1; i++) {
        assertEquals(401, login(a, "typo@nodes.test", "typo " + i).status());
      }
      assertEquals(200, login(b, "typo@nodes.test", "correct horse 9").status(), "round " + round);
    }
  }

  @Test
  void signingUpOneEmailOverAndOverOnTwoNodesIsStopped() {
    JsonObject body = new JsonObject().put("email", "again@nodes.test").put("password", "correct horse 9")
        .put("displayName", "又一次");
    assertEquals(201, a.post("/api/v1/auth/signup", null, body).status());
    for (int i = 1; i < SignInThrottle.SIGNUP_ACCOUNT.max(); i++) {
      assertEquals("EMAIL_TAKEN", (i % 2 == 0 ? a : b).post("/api/v1/auth/signup", null, body).errorCode());
    }
    assertThrottled(b.post("/api/v1/auth/signup", null, body), "account");
    assertThrottled(a.post("/api/v1/auth/signup", null, body), "account");
  }

  @Test
  void judgeCodeGuessesSpreadOverTwoNodesMeetOneLimit() {
    for (int i = 0; i < 20; i++) {
      Api via = i % 2 == 0 ? a : b;
      Response r = via.post("/api/v1/judge-codes/preview", null,
          new JsonObject().put("code", String.format("ZZZZ%04d", i).replace('0', 'A').replace('1', 'B')));
      assertEquals("JUDGE_CODE_UNKNOWN", r.errorCode(), "guess " + i + ": " + r.text());
    }
    assertThrottled(a.post("/api/v1/judge-codes/preview", null, new JsonObject().put("code", "ZZZZZZZZ")), "address");
    assertThrottled(b.post("/api/v1/judge-codes/preview", null, new JsonObject().put("code", "ZZZZZZZY")), "address");
  }
}
