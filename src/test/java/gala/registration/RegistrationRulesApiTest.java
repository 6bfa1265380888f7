package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events, units and competitions editing, and every eligibility refusal of registerEntry. */
class RegistrationRulesApiTest extends ApiTestBase {
  static Reg reg;
  static String organiser;
  static long event;
  static LocalDate firstDay;

  @BeforeAll
  static void setUp() {
    reg = new Reg(api);
    organiser = Api.token(reg.signup("org@rules.test", "organiser", null));
    firstDay = Dates.today();
    event = created(api.post("/api/v1/events", organiser, new JsonObject().put("title", "规则").put("startsOn", firstDay.toString())
        .put("endsOn", Dates.inDays(1))));
  }

  static long created(Response r) {
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }

  @Test
  void theRegistrationWindowRefusesParticipantsOutsideItAndOrganisersMayEditIt() {
    long ev = created(api.post("/api/v1/events", organiser, new JsonObject().put("title", "窗口").put("startsOn", Dates.inDays(0))
        .put("endsOn", Dates.inDays(1))
        .put("registrationOpensAt", OffsetDateTime.now().plusDays(1).toString())));
    long comp = reg.competition(organiser, ev, new JsonObject());
    String p = Api.token(reg.signup("early@rules.test", "participant", null));
    Response early = reg.register(p, comp, new JsonObject());
    assertEquals(422, early.status());
    assertEquals("REGISTRATION_CLOSED", early.errorCode());
    assertNotNull(early.json().getJsonObject("error").getJsonObject("details").getString("opensAt"));

    String stranger = Api.token(reg.signup("other-org@rules.test", "organiser", null));
    assertEquals(403, reg.patch("/api/v1/events/" + ev, stranger, new JsonObject().put("registrationOpensAt", null)).status());
    Response opened = reg.patch("/api/v1/events/" + ev, organiser, new JsonObject().putNull("registrationOpensAt")
        .put("registrationClosesAt", OffsetDateTime.now().plusDays(3).toString()));
    assertEquals(200, opened.status(), opened.text());
    assertNull(opened.json().getString("registrationOpensAt"));
    assertEquals(201, reg.register(p, comp, new JsonObject()).status());

    reg.patch("/api/v1/events/" + ev, organiser, new JsonObject()
        .put("registrationOpensAt", OffsetDateTime.now().minusDays(3).toString())
        .put("registrationClosesAt", OffsetDateTime.now().minusDays(1).toString()));
    String late = Api.token(reg.signup("late@rules.test", "participant", null));
    assertEquals("REGISTRATION_CLOSED", reg.register(late, comp, new JsonObject()).errorCode());
    assertEquals(1, reg.entries(comp, null).size());
    Response backwards = reg.patch("/api/v1/events/" + ev, organiser, new JsonObject()
        .put("registrationOpensAt", OffsetDateTime.now().toString()).put("registrationClosesAt", OffsetDateTime.now().minusDays(1).toString()));
    assertEquals(422, backwards.status());
  }

  @Test
  void divisionsCheckAgeOnTheFirstDayAndGenderAndPickTheFirstThatFits() {
    JsonArray divisions = new JsonArray()
        .add(new JsonObject().put("code", "M-U18").put("name", "男子少年组").put("gender", "M").put("maxAge", 17))
        .add(new JsonObject().put("code", "M-OPEN").put("name", "男子公开组").put("gender", "M").put("minAge", 18).put("maxAge", 59));
    long comp = reg.competition(organiser, event, new JsonObject().put("divisions", divisions));
    // 18 on the first day exactly: birthday that day; and one day short of 18.
    String adult = Api.token(reg.signup("adult@rules.test", "participant", Dates.birthdayOn(firstDay, 18)));
    String almost = Api.token(reg.signup("almost@rules.test", "participant", Dates.birthdayOn(firstDay.plusDays(1), 18)));
    String old = Api.token(reg.signup("old@rules.test", "participant", "1960-01-01"));
    String noBirth = Api.token(reg.signup("nobirth@rules.test", "participant", null));

    Response a = reg.register(adult, comp, new JsonObject().put("gender", "M"));
    assertEquals(201, a.status(), a.text());
    assertEquals("M-OPEN", a.json().getString("division"));
    Response b = reg.register(almost, comp, new JsonObject().put("gender", "M"));
    assertEquals("M-U18", b.json().getString("division"));
    assertEquals("NOT_ELIGIBLE_AGE", reg.register(old, comp, new JsonObject().put("gender", "M")).errorCode());
    assertEquals("NOT_ELIGIBLE_GENDER", reg.register(old, comp, new JsonObject().put("gender", "F")).errorCode());
    assertEquals("GENDER_REQUIRED", reg.register(old, comp, new JsonObject()).errorCode());
    assertEquals("BIRTH_DATE_REQUIRED", reg.register(noBirth, comp, new JsonObject().put("gender", "M")).errorCode());
    assertEquals(201, reg.register(noBirth, comp, new JsonObject().put("gender", "M").put("birthDate", "1990-05-17")).status());
    Response wrongDivision = reg.register(old, comp, new JsonObject().put("gender", "M").put("division", "M-U18"));
    assertEquals("NOT_ELIGIBLE_AGE", wrongDivision.errorCode());
    assertEquals("UNKNOWN_DIVISION", reg.register(old, comp, new JsonObject().put("gender", "M").put("division", "X")).errorCode());
    assertEquals(3, reg.entries(comp, null).size());
    assertEquals(1, reg.entries(comp, "division=M-U18").size());

    Response bad = api.post("/api/v1/events/" + event + "/competitions", organiser, new JsonObject().put("name", "坏")
        .put("capacity", 3).put("format", new JsonObject().put("type", "judged"))
        .put("divisions", new JsonArray().add(new JsonObject().put("code", "A").put("minAge", 30).put("maxAge", 20))));
    assertEquals(422, bad.status());
    assertEquals("INVALID_DIVISIONS", bad.errorCode());
  }

  @Test
  void aUnitContactRegistersATeamOfExactlyNMembersAndNobodyEntersTwice() {
    JsonObject contactSession = reg.signup("contact@rules.test", "participant", null);
    String contact = Api.token(contactSession);
    long unit = created(api.post("/api/v1/events/" + event + "/units", organiser,
        new JsonObject().put("name", "市电力局").put("contactEmail", "contact@rules.test")));
    long otherUnit = created(api.post("/api/v1/events/" + event + "/units", organiser, new JsonObject().put("name", "市水务局")));
    // The console names the contact account (not its e-mail) beside the unit.
    JsonObject listed = api.get("/api/v1/events/" + event + "/units", organiser).json().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(u -> u.getLong("id") == unit).findFirst().orElseThrow();
    assertEquals(contactSession.getJsonObject("user").getString("displayName"), listed.getString("contactName"));
    long comp = reg.competition(organiser, event, new JsonObject().put("entryType", "team").put("teamSize", 3).put("unitQuota", 2));
    JsonArray three = members("张伟", "李娜", "王芳");

    Response team = reg.register(contact, comp, new JsonObject().put("unitId", unit).put("members", three).put("teamName", "电力一队"));
    assertEquals(201, team.status(), team.text());
    assertEquals("电力一队", team.json().getString("displayName"));
    assertEquals(new JsonArray().add("张伟").add("李娜").add("王芳"), team.json().getJsonArray("members"));

    assertEquals("WRONG_TEAM_SIZE", reg.register(contact, comp, new JsonObject().put("unitId", unit)
        .put("members", members("甲", "乙"))).errorCode());
    assertEquals("UNIT_REQUIRED", reg.register(contact, comp, new JsonObject().put("members", members("甲", "乙", "丙"))).errorCode());
    Response notContact = reg.register(contact, comp, new JsonObject().put("unitId", otherUnit).put("members", members("甲", "乙", "丙")));
    assertEquals(403, notContact.status());
    assertEquals("NOT_UNIT_CONTACT", notContact.errorCode());
    Response twice = reg.register(contact, comp, new JsonObject().put("unitId", unit).put("members", members("赵六", "李娜", "孙七")));
    assertEquals(409, twice.status());
    // 李娜 of the same unit, without birth dates on either side: maybe the same person, so asked, not taken.
    assertEquals("POSSIBLE_DUPLICATE", twice.errorCode());
    assertEquals(201, reg.register(contact, comp, new JsonObject().put("unitId", unit).put("members", members("赵六", "钱五", "孙七"))).status());
    Response quota = reg.register(organiser, comp, new JsonObject().put("unitId", unit).put("members", members("周一", "吴二", "郑三")));
    assertEquals(422, quota.status());
    assertEquals("UNIT_QUOTA_REACHED", quota.errorCode());
    assertEquals("NOT_A_TEAM_COMPETITION", reg.register(contact, reg.competition(organiser, event, new JsonObject()),
        new JsonObject().put("members", members("甲"))).errorCode());
    assertEquals(2, reg.entries(comp, "unitId=" + unit).size());

    JsonArray mine = api.get("/api/v1/me/entries", contact).json().getJsonArray("items");
    assertEquals(2, mine.size());

    // The contact also enters the unit's members by name in individual competitions, for their unit only.
    long single = reg.competition(organiser, event, new JsonObject());
    Response byName = reg.register(contact, single, new JsonObject().put("displayName", "周杰").put("unitId", unit));
    assertEquals(201, byName.status(), byName.text());
    assertEquals(Api.userId(contactSession), byName.json().getLong("ownerId"));
    assertEquals(403, reg.register(contact, single, new JsonObject().put("displayName", "外人").put("unitId", otherUnit)).status());
    assertEquals(403, reg.register(contact, single, new JsonObject().put("displayName", "无单位")).status());
    assertEquals(200, reg.deleteOnce("/api/v1/entries/" + byName.json().getLong("id"), contact).status(), "the contact may withdraw it");
    Response grow = reg.patch("/api/v1/competitions/" + comp, organiser, new JsonObject().put("teamSize", 4));
    assertEquals(409, grow.status());
    assertEquals("ENTRIES_EXIST", grow.errorCode());
  }

  @Test
  void privateEventsAreHiddenFromOthersAndOnlyTheirOrganisersEditThem() {
    long hidden = created(api.post("/api/v1/events", organiser, new JsonObject().put("title", "内部").put("startsOn", Dates.inDays(0))
        .put("endsOn", Dates.inDays(1))
        .put("public", false)));
    long comp = reg.competition(organiser, hidden, new JsonObject());
    String p = Api.token(reg.signup("peek@rules.test", "participant", null));
    assertEquals(404, api.get("/api/v1/events/" + hidden, p).status());
    assertEquals(200, api.get("/api/v1/events/" + hidden, organiser).status());
    assertTrue(api.get("/api/v1/events", p).json().getJsonArray("items").stream()
        .noneMatch(e -> ((JsonObject) e).getLong("id") == hidden));
    assertEquals(404, reg.register(p, comp, new JsonObject()).status());
    assertEquals(404, api.get("/api/v1/competitions/" + comp, p).status());
    assertEquals(404, api.get("/api/v1/events/" + hidden + "/competitions", null).status());
    assertEquals(200, api.get("/api/v1/competitions/" + comp, organiser).status());
    String otherOrganiser = Api.token(reg.signup("rival@rules.test", "organiser", null));
    // Another event's organiser has no tie to this private event: to them it does not exist.
    assertEquals(404, reg.patch("/api/v1/competitions/" + comp, otherOrganiser, new JsonObject().put("capacity", 5)).status());
    Response renamed = reg.patch("/api/v1/competitions/" + comp, organiser, new JsonObject().put("name", "新名字").put("unitQuota", 3));
    assertEquals(200, renamed.status(), renamed.text());
    assertEquals("新名字", renamed.json().getString("name"));
    assertEquals(3, renamed.json().getInteger("unitQuota"));
  }

  @Test
  void aRetriedKeyReturnsTheFirstAnswerAndTheSameKeyWithAnotherBodyIs422() {
    long comp = reg.competition(organiser, event, new JsonObject());
    String key = UUID.randomUUID().toString();
    Response first = api.post("/api/v1/competitions/" + comp + "/entries", organiser,
        new JsonObject().put("displayName", "刘洋").encode(), key);
    Response retry = api.post("/api/v1/competitions/" + comp + "/entries", organiser,
        new JsonObject().put("displayName", "刘洋").encode(), key);
    Response other = api.post("/api/v1/competitions/" + comp + "/entries", organiser,
        new JsonObject().put("displayName", "陈静").encode(), key);
    assertEquals(201, first.status());
    assertEquals(first.json(), retry.json());
    assertEquals(422, other.status());
    assertEquals("IDEMPOTENCY_KEY_REUSED", other.errorCode());
    // Another caller's same key is their own.
    String p = Api.token(reg.signup("keys@rules.test", "participant", null));
    assertEquals(201, api.post("/api/v1/competitions/" + comp + "/entries", p, "{}", key).status());
    assertEquals(2, reg.entries(comp, null).size());
  }

  static JsonArray members(String... names) {
    JsonArray out = new JsonArray();
    for (String n : names) {
      out.add(new JsonObject().put("displayName", n));
    }
    return out;
  }
}
