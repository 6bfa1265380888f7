package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Official results are the record: an entrant no longer withdraws from them or registers into them,
 * nor does anyone move up from the waitlist into them (a withdrawal, a grown capacity); an organiser
 * correcting the record still may, and the event's medal table follows in the same transaction.
 */
class OfficialResultsWithdrawalApiTest extends ApiTestBase {

  @Test
  void entrantsNoLongerLeaveOfficialResultsButOrganisersCorrectThemAndTheMedalsFollow() {
    Reg reg = new Reg(api);
    String organiser = Api.token(reg.signup("org-" + UUID.randomUUID() + "@official.test", "organiser", null));
    long event = api.createEvent(organiser, "市职工技能大赛");
    long c = reg.competition(organiser, event, new JsonObject().put("capacity", 2));
    long transport = api.createUnit(organiser, event, "交通局");
    String athlete = Api.token(reg.signup("a-" + UUID.randomUUID() + "@official.test", "participant", Dates.aged(30)));
    long own = RegistrationRulesApiTest.created(reg.register(athlete, c, new JsonObject().put("gender", "F")));
    long other = api.registerAthlete(organiser, c, "王芳", transport);
    String waiting = Api.token(reg.signup("w-" + UUID.randomUUID() + "@official.test", "participant", Dates.aged(25)));
    long waitlisted = RegistrationRulesApiTest.created(reg.register(waiting, c, new JsonObject().put("gender", "M")));
    long second = api.registerAthlete(organiser, c, "赵六", null);
    assertEquals("WAITLISTED", entry(organiser, waitlisted).getString("status"));

    JsonObject judge = reg.signup("j-" + UUID.randomUUID() + "@official.test", "participant", null);
    assertEquals(201, api.post("/api/v1/competitions/" + c + "/judges", organiser,
        new JsonObject().put("userId", Api.userId(judge)).put("head", true)).status());
    String head = Api.token(judge);
    assertEquals(201, api.submitScore(head, c, own, "9.5", key()).status());
    assertEquals(201, api.submitScore(head, c, other, "8.0", key()).status());
    assertEquals(200, api.post("/api/v1/competitions/" + c + "/scoreboard/publish", head, "{}", key()).status());
    assertEquals(1, medalRow(event, "交通局").getInteger("silver"));

    // The winner changes their mind after the results are official: refused, nothing changes.
    long version = api.scoreboard(c).getLong("version");
    Response refused = withdraw(athlete, own);
    assertEquals(409, refused.status(), refused.text());
    assertEquals("RESULTS_OFFICIAL", refused.errorCode());
    assertEquals("CONFIRMED", entry(organiser, own).getString("status"));
    assertEquals(version, api.scoreboard(c).getLong("version"), "the board is untouched");

    // Nobody enters official results late, except an organiser correcting the record.
    String late = Api.token(reg.signup("l-" + UUID.randomUUID() + "@official.test", "participant", Dates.aged(40)));
    Response closed = reg.register(late, c, new JsonObject().put("gender", "F"));
    assertEquals(422, closed.status(), closed.text());
    assertEquals("REGISTRATION_CLOSED", closed.errorCode());
    assertEquals(true, closed.json().getJsonObject("error").getJsonObject("details").getBoolean("resultsOfficial"));
    // A grown capacity moves nobody up into the results either.
    assertEquals(200, api.patch("/api/v1/competitions/" + c, organiser, new JsonObject().put("capacity", 4)).status());
    assertEquals("WAITLISTED", entry(organiser, waitlisted).getString("status"));
    assertEquals(version, api.scoreboard(c).getLong("version"), "the board is untouched");

    // Someone on the waitlist may still leave it: they are not in the results.
    assertEquals(200, api.send("DELETE", "/api/v1/entries/" + waitlisted + "/waitlist", waiting, null, null, key()).status());

    // The organiser disqualifies the winner: the board and the medal table follow, nobody moves up.
    Response corrected = withdraw(organiser, own);
    assertEquals(200, corrected.status(), corrected.text());
    assertEquals("WITHDRAWN", corrected.json().getString("status"));
    JsonArray rows = Api.rows(api.scoreboard(c));
    assertEquals(1, rows.size(), rows.encode());
    assertEquals(other, rows.getJsonObject(0).getLong("id"));
    assertEquals(1, rows.getJsonObject(0).getInteger("rank"));
    JsonObject medals = medalRow(event, "交通局");
    assertEquals(1, medals.getInteger("gold"), medals.encode());
    assertEquals(0, medals.getInteger("silver"), medals.encode());
    JsonObject stillWaiting = entry(organiser, second);
    assertEquals("WAITLISTED", stillWaiting.getString("status"), "nobody moves up into official results");
    assertEquals(1, stillWaiting.getInteger("waitlistPosition"), "the waitlist stays numbered from 1");
  }

  private Response withdraw(String token, long entryId) {
    return api.send("DELETE", "/api/v1/entries/" + entryId, token, null, null, key());
  }

  private JsonObject entry(String token, long entryId) {
    Response r = api.get("/api/v1/entries/" + entryId, token);
    assertEquals(200, r.status(), r.text());
    return r.json();
  }

  private JsonObject medalRow(long event, String unit) {
    JsonObject medals = api.get("/api/v1/events/" + event + "/medals", null).json().getJsonObject("data");
    for (Object o : medals.getJsonArray("rows", new JsonArray())) {
      if (unit.equals(((JsonObject) o).getString("unit"))) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no medal row for " + unit + " in " + medals.encode());
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }
}
