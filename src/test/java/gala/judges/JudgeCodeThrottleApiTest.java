package gala.judges;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Guessing judge codes is slowed like guessing passwords: refused codes per address, then 429 with Retry-After. */
class JudgeCodeThrottleApiTest extends ApiTestBase {
  private static void assertThrottled(Response r) {
    r.assertThrottled(15 * 60);
  }

  @Test
  void refusedCodesFromOneAddressAreStoppedAndNothingIsAssignedMeanwhile() {
    String org = Api.token(api.signup("org@codeguess.test", "organiser"));
    long event = api.createEvent(org, "猜码");
    long comp = api.createJudgedCompetition(org, event, "朗诵", 10, 1);
    String good = api.post("/api/v1/competitions/" + comp + "/judge-codes", org, new JsonObject()).json().getString("code");
    String guesser = Api.token(api.signup("guesser@codeguess.test", "participant"));

    // Correct codes never count: a hall of judges behind one address redeems freely.
    for (int i = 0; i < JudgeCodes.GUESSES.max() + 5; i++) {
      assertEquals(200, api.post("/api/v1/judge-codes/preview", null, new JsonObject().put("code", good)).status());
    }
    for (int i = 0; i < JudgeCodes.GUESSES.max(); i++) {
      String path = i % 2 == 0 ? "/api/v1/judge-codes/preview" : "/api/v1/judge-codes/redeem";
      Response r = api.post(path, guesser, new JsonObject().put("code", String.format("ZZZZ%04d", i).replace('0', 'A')
          .replace('1', 'B')));
      assertEquals("JUDGE_CODE_UNKNOWN", r.errorCode(), "guess " + i + ": " + r.text());
    }
    assertThrottled(api.post("/api/v1/judge-codes/redeem", guesser, new JsonObject().put("code", "ZZZZZZZZ")));
    // Past the limit even the right code waits: the address is refused, not the code.
    assertThrottled(api.post("/api/v1/judge-codes/redeem", guesser, new JsonObject().put("code", good)));
    assertThrottled(api.post("/api/v1/judge-codes/preview", null, new JsonObject().put("code", good)));
    assertEquals(0, api.get("/api/v1/competitions/" + comp + "/judges", org).json().getJsonArray("items").size(),
        "a refused redemption assigned nobody");
  }
}
