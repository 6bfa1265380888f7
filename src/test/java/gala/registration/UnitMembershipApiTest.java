package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A person's unit is what the server knows: they join with the contact's code or are added by the
 * contact, and registering themself uses that membership; a unit named in the request that is not
 * theirs is refused and writes nothing.
 */
class UnitMembershipApiTest extends ApiTestBase {
  private static Response join(String token, String code) {
    return api.post("/api/v1/unit-joins", token, new JsonObject().put("code", code));
  }

  private static JsonArray items(Response r) {
    assertEquals(200, r.status(), r.text());
    return r.json().getJsonArray("items");
  }

  @Test
  void aParticipantRegistersOnlyForTheUnitTheyBelongTo() {
    Reg reg = new Reg(api);
    String org = Api.token(api.signup("org@units.test", "organiser"));
    String contact = Api.token(api.signup("contact@units.test", "participant"));
    long event = api.createEvent(org, "职工运动会");
    long postal = api.post("/api/v1/events/" + event + "/units", org, new JsonObject().put("name", "市邮政局")
        .put("contactEmail", "contact@units.test")).json().getLong("id");
    long school = api.createUnit(org, event, "市教育局");
    long comp = reg.competition(org, event, new JsonObject().put("unitQuota", 2));
    String athlete = Api.token(api.signup("athlete@units.test", "participant"));

    // Not a member yet: naming the unit is refused, and nothing is written.
    Response before = reg.register(athlete, comp, new JsonObject().put("unitId", postal));
    assertEquals(403, before.status(), before.text());
    assertEquals("NOT_UNIT_MEMBER", before.errorCode());
    assertEquals("市邮政局", before.json().getJsonObject("error").getJsonObject("details").getString("unit"));
    assertEquals(0, reg.entries(comp, null).size());

    // The contact makes a join code; only they (and organisers) see the unit's codes and members.
    Response made = api.post("/api/v1/units/" + postal + "/join-codes", contact, new JsonObject());
    assertEquals(201, made.status(), made.text());
    String code = made.json().getString("code");
    assertTrue(made.json().getString("url").startsWith("/units.html?code="), made.text());
    JsonArray codes = items(api.get("/api/v1/units/" + postal + "/join-codes", contact));
    assertEquals(1, codes.size());
    assertFalse(codes.encode().contains(code.replace("-", "")), "the list never shows a code again");
    assertEquals(403, api.get("/api/v1/units/" + postal + "/members", athlete).status());
    assertEquals(403, api.post("/api/v1/units/" + postal + "/join-codes", athlete, new JsonObject()).status());

    // The athlete joins, typing the code loosely; joining twice changes nothing.
    Response joined = join(athlete, code.toLowerCase().replace("-", " "));
    assertEquals(201, joined.status(), joined.text());
    assertEquals("市邮政局", joined.json().getJsonObject("unit").getString("name"));
    assertEquals(200, join(athlete, code).status());
    JsonArray mine = items(api.get("/api/v1/me/units", athlete));
    assertEquals(1, mine.size());
    assertTrue(mine.getJsonObject(0).getBoolean("member"));
    assertFalse(mine.getJsonObject(0).getBoolean("contact"));
    JsonArray members = items(api.get("/api/v1/units/" + postal + "/members", contact));
    assertEquals(1, members.size());
    assertEquals("code", members.getJsonObject(0).getString("via"));
    assertEquals(1, items(api.get("/api/v1/units/" + postal + "/join-codes", contact)).getJsonObject(0).getInteger("uses"));

    // Another unit of the event is still not theirs; their own is taken without asking.
    assertEquals("NOT_UNIT_MEMBER", reg.register(athlete, comp, new JsonObject().put("unitId", school)).errorCode());
    long otherEvent = api.createEvent(org, "另一场");
    long foreign = api.createUnit(org, otherEvent, "外单位");
    assertEquals("UNKNOWN_UNIT", reg.register(athlete, comp, new JsonObject().put("unitId", foreign)).errorCode());
    assertEquals(0, reg.entries(comp, null).size(), "refusals wrote nothing");
    Response entered = reg.register(athlete, comp, new JsonObject());
    assertEquals(201, entered.status(), entered.text());
    assertEquals(postal, entered.json().getLong("unitId"));
    assertEquals("市邮政局", entered.json().getString("unit"));

    // Added by e-mail (contact, organiser); someone in two units chooses between their own.
    JsonObject twoSession = api.signup("two@units.test", "participant");
    String two = Api.token(twoSession);
    Response added = api.post("/api/v1/units/" + postal + "/members", contact, new JsonObject().put("email", "TWO@units.test"));
    assertEquals(201, added.status(), added.text());
    assertEquals("added", added.json().getString("via"));
    assertEquals(200, api.post("/api/v1/units/" + postal + "/members", contact, new JsonObject().put("email", "two@units.test")).status());
    assertEquals("UNKNOWN_USER", api.post("/api/v1/units/" + postal + "/members", contact,
        new JsonObject().put("email", "nobody@units.test")).errorCode());
    assertEquals(403, api.post("/api/v1/units/" + school + "/members", contact, new JsonObject().put("email", "two@units.test")).status(),
        "a contact manages only their own unit");
    assertEquals(201, api.post("/api/v1/units/" + school + "/members", org, new JsonObject().put("email", "two@units.test")).status());
    Response choose = reg.register(two, comp, new JsonObject());
    assertEquals(422, choose.status(), choose.text());
    assertEquals("UNIT_CHOICE_REQUIRED", choose.errorCode());
    Response chosen = reg.register(two, comp, new JsonObject().put("unitId", school));
    assertEquals(201, chosen.status(), chosen.text());
    assertEquals(school, chosen.json().getLong("unitId"));

    // Taken off the unit: no longer theirs to register for.
    assertEquals(204, api.delete("/api/v1/units/" + school + "/members/" + Api.userId(twoSession), org).status());
    assertEquals(204, api.delete("/api/v1/units/" + school + "/members/" + Api.userId(twoSession), org).status(), "again: nothing to do");
    assertEquals(1, items(api.get("/api/v1/me/units", two)).size());

    // A revoked code lets nobody in; an unknown one says so.
    long codeId = codes.getJsonObject(0).getLong("id");
    Response revoked = api.delete("/api/v1/units/" + postal + "/join-codes/" + codeId, contact);
    assertEquals(200, revoked.status(), revoked.text());
    assertEquals("revoked", revoked.json().getString("status"));
    assertEquals(404, api.delete("/api/v1/units/" + school + "/join-codes/" + codeId, org).status(), "not that unit's code");
    String late = Api.token(api.signup("late@units.test", "participant"));
    assertEquals("UNIT_CODE_REVOKED", join(late, code).errorCode());
    assertEquals("UNIT_CODE_UNKNOWN", join(late, "ZZZZ-ZZZZ").errorCode());
    assertEquals(0, items(api.get("/api/v1/me/units", late)).size());
    Response independent = reg.register(late, comp, new JsonObject());
    assertEquals(201, independent.status(), independent.text());
    assertNull(independent.json().getLong("unitId"), "no unit: an independent entry");
  }

  @Test
  void aMemberOfAPrivateEventsUnitSeesTheEventAndGuessingCodesIsThrottled() {
    String org = Api.token(api.signup("org2@units.test", "organiser"));
    long event = api.post("/api/v1/events", org, new JsonObject().put("title", "内部联赛").put("startsOn", Dates.inDays(18))
        .put("public", false)).json().getLong("id");
    long unit = api.createUnit(org, event, "一中");
    String member = Api.token(api.signup("member@units.test", "participant"));
    assertEquals(404, api.get("/api/v1/events/" + event, member).status(), "private: unknown to outsiders");
    String code = api.post("/api/v1/units/" + unit + "/join-codes", org, new JsonObject()).json().getString("code");
    assertEquals(201, join(member, code).status());
    assertEquals(200, api.get("/api/v1/events/" + event, member).status(), "a unit's member belongs to the event");

    String guesser = Api.token(api.signup("guesser@units.test", "participant"));
    Response r = null;
    for (int i = 0; i <= 25; i++) {
      r = join(guesser, String.format("ZZZZ%04d", i).replace('0', 'A').replace('1', 'B'));
      if (r.status() == 429) {
        break;
      }
      assertEquals("UNIT_CODE_UNKNOWN", r.errorCode(), r.text());
    }
    assertEquals(429, r.status(), "20 refused codes per address, then a wait: " + r.text());
    assertEquals("TOO_MANY_REQUESTS", r.errorCode());
    assertTrue(Long.parseLong(r.header("Retry-After")) >= 1);
    assertEquals(429, join(guesser, code).status(), "past the limit even a right code waits");
    assertEquals(0, items(api.get("/api/v1/me/units", guesser)).size());
  }
}
