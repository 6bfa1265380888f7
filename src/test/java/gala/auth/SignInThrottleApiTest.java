package gala.auth;

import gala.testing.ApiTestBase;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.testing.Api.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Login and sign-up are throttled per account and per address: 429 TOO_MANY_REQUESTS with Retry-After. */
class SignInThrottleApiTest extends ApiTestBase {
  private static Response login(String email, String password) {
    return api.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", password));
  }

  private static void assertThrottled(Response r, String per, long maxSeconds) {
    assertEquals(per, r.assertThrottled(maxSeconds).getString("per"));
  }

  @Test
  void guessingOneAccountsPasswordIsStoppedAfterFiveFailures() {
    api.signup("target@throttle.test", "participant");
    for (int i = 0; i < 5; i++) {
      assertEquals("INVALID_CREDENTIALS", login("target@throttle.test", "guess " + i).errorCode());
    }
    assertThrottled(login("TARGET@throttle.test", "guess 6"), "account", 15 * 60);
    assertThrottled(login("target@throttle.test", "correct horse 9"), "account", 15 * 60);
    api.signup("neighbour@throttle.test", "participant");
    assertEquals(200, login("neighbour@throttle.test", "correct horse 9").status(), "other accounts from the same address go on");
  }

  @Test
  void aCorrectPasswordClearsTheAccountsFailures() {
    api.signup("typo@throttle.test", "participant");
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 4; i++) {
        assertEquals(401, login("typo@throttle.test", "typo " + i).status());
      }
      assertEquals(200, login("typo@throttle.test", "correct horse 9").status(), "round " + round);
    }
  }

  @Test
  void oneAddressGuessingManyAccountsIsStopped() {
    for (int i = 0; i < SignInThrottle.LOGIN_ADDRESS.max(); i++) {
      // At most four per account, so only the address limit can be reached.
      Response r = login("spray" + (i / 4) + "@throttle.test", "guess");
      if (r.status() == 429) {
        // Another test of this class may have used some of the address's budget.
        assertThrottled(r, "address", 15 * 60);
        return;
      }
      assertEquals(401, r.status());
    }
    assertThrottled(login("spray-last@throttle.test", "guess"), "address", 15 * 60);
  }

  @Test
  void guessingAResetCodeIsStoppedAfterFiveWrongCodes() {
    api.signup("reset@throttle.test", "participant");
    JsonObject body = new JsonObject().put("email", "reset@throttle.test").put("newPassword", "a new horse 11");
    for (int i = 0; i < 5; i++) {
      assertEquals("INVALID_RESET_CODE",
          api.post("/api/v1/auth/password-reset", null, body.copy().put("code", "ABCD2345" + i)).errorCode());
    }
    assertThrottled(api.post("/api/v1/auth/password-reset", null, body.copy().put("code", "WXYZ6789")), "account", 15 * 60);
  }

  @Test
  void signingUpOneEmailOverAndOverIsStopped() {
    String email = "again@throttle.test";
    JsonObject body = new JsonObject().put("email", email).put("password", "correct horse 9").put("displayName", "又一次");
    assertEquals(201, api.post("/api/v1/auth/signup", null, body).status());
    for (int i = 0; i < 4; i++) {
      assertEquals("EMAIL_TAKEN", api.post("/api/v1/auth/signup", null, body).errorCode());
    }
    assertThrottled(api.post("/api/v1/auth/signup", null, body), "account", 15 * 60);
  }
}
