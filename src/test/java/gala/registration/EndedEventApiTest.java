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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An event whose last day is past takes no more registrations from participants or unit contacts
 * (422 REGISTRATION_CLOSED, details endedOn), while its organisers may still correct the record;
 * nobody joins its mixer any more either.
 */
class EndedEventApiTest extends ApiTestBase {
  static Reg reg;
  static String organiser;
  static long ended;

  @BeforeAll
  static void setUp() {
    reg = new Reg(api);
    organiser = Api.token(reg.signup("org@ended.test", "organiser", null));
    ended = RegistrationRulesApiTest.created(api.post("/api/v1/events", organiser, new JsonObject().put("title", "上周的运动会")
        .put("startsOn", Dates.inDays(-3)).put("endsOn", Dates.inDays(-1))));
  }

  @Test
  void participantsAndUnitContactsAreRefusedOnceTheLastDayIsPastButOrganisersStillEnterPeople() {
    JsonObject event = api.get("/api/v1/events/" + ended, null).json();
    assertEquals("past", event.getString("status"));
    long single = reg.competition(organiser, ended, new JsonObject());
    long team = reg.competition(organiser, ended, new JsonObject().put("entryType", "team").put("teamSize", 2));
    String contact = Api.token(reg.signup("contact@ended.test", "participant", null));
    long unit = RegistrationRulesApiTest.created(api.post("/api/v1/events/" + ended + "/units", organiser,
        new JsonObject().put("name", "市电力局").put("contactEmail", "contact@ended.test")));
    String athlete = Api.token(reg.signup("late@ended.test", "participant", Dates.aged(30)));

    Response self = reg.register(athlete, single, new JsonObject().put("gender", "F"));
    assertEquals(422, self.status(), self.text());
    assertEquals("REGISTRATION_CLOSED", self.errorCode());
    JsonObject details = self.json().getJsonObject("error").getJsonObject("details");
    assertEquals(Dates.inDays(-1), details.getString("endedOn"), "the page's sentence names the last day");
    assertNull(details.getString("closesAt"), "no registration window was set: the end of the event closed it");

    Response byContact = reg.register(contact, team, new JsonObject().put("unitId", unit)
        .put("members", RegistrationRulesApiTest.members("张伟", "李娜")));
    assertEquals(422, byContact.status(), byContact.text());
    assertEquals("REGISTRATION_CLOSED", byContact.errorCode());
    assertEquals(0, reg.entries(single, null).size() + reg.entries(team, null).size(), "a refusal stores nothing");

    // The organiser corrects the record after the meet: a forgotten athlete, a team entered on paper.
    Response late = reg.register(organiser, single, new JsonObject().put("displayName", "王芳").put("unitId", unit));
    assertEquals(201, late.status(), late.text());
    Response paperTeam = reg.register(organiser, team, new JsonObject().put("unitId", unit)
        .put("members", RegistrationRulesApiTest.members("周一", "吴二")));
    assertEquals(201, paperTeam.status(), paperTeam.text());
    assertEquals(1, reg.entries(single, null).size());
    assertEquals(1, reg.entries(team, null).size());
  }

  @Test
  void theRuleFollowsTheEventsDatesAsItsOrganisersSetThem() {
    long event = RegistrationRulesApiTest.created(api.post("/api/v1/events", organiser, new JsonObject().put("title", "延期的比赛")
        .put("startsOn", Dates.inDays(-2)).put("endsOn", Dates.inDays(-1))));
    long comp = reg.competition(organiser, event, new JsonObject());
    String p = Api.token(reg.signup("moved@ended.test", "participant", null));
    assertEquals("REGISTRATION_CLOSED", reg.register(p, comp, new JsonObject()).errorCode());
    // Postponed: it runs until tomorrow now, so people may register again.
    Response moved = reg.patch("/api/v1/events/" + event, organiser, new JsonObject().put("endsOn", Dates.inDays(1)));
    assertEquals(200, moved.status(), moved.text());
    assertEquals("live", moved.json().getString("status"));
    Response registered = reg.register(p, comp, new JsonObject());
    assertEquals(201, registered.status(), registered.text());
  }

  @Test
  void nobodyJoinsTheMixerOfAnEventThatIsOver() {
    // Ended two days ago: a mixer night of yesterday would still be open until 06:00 this morning.
    long over = RegistrationRulesApiTest.created(api.post("/api/v1/events", organiser, new JsonObject().put("title", "上上周的交友")
        .put("startsOn", Dates.inDays(-4)).put("endsOn", Dates.inDays(-2))));
    Response created = api.post("/api/v1/events/" + over + "/mixers", organiser, new JsonObject().put("title", "上周的交友会")
        .put("mode", "pairs").put("rounds", 2).put("roundSeconds", 300).put("minAge", 18).put("maxAge", 40));
    assertEquals(201, created.status(), created.text());
    long mixer = created.json().getLong("id");
    assertEquals(Dates.inDays(-4), created.json().getString("date"), "the mixer is dated on its event's first day");
    assertEquals(Dates.inDays(-2), api.get("/api/v1/mixers/" + mixer, null).json().getString("endedOn"),
        "the mixer says it is over, so its page offers no joining");
    String late = Api.token(reg.signup("mixer-late@ended.test", "participant", Dates.aged(25)));
    Response join = api.post("/api/v1/mixers/" + mixer + "/participants", late,
        new JsonObject().put("interests", new JsonArray().add("读书")).encode(), UUID.randomUUID().toString());
    assertEquals(409, join.status(), join.text());
    assertEquals("MIXER_CLOSED", join.errorCode());
    assertEquals(Dates.inDays(-2), join.json().getJsonObject("error").getJsonObject("details").getString("endedOn"));
    assertEquals(0, api.get("/api/v1/mixers/" + mixer, organiser).json().getInteger("joined"), "nobody joined");

    long running = api.createEvent(organiser, "本周交友");
    Response tonight = api.post("/api/v1/events/" + running + "/mixers", organiser, new JsonObject().put("title", "今晚")
        .put("mode", "pairs").put("rounds", 2).put("roundSeconds", 300).put("minAge", 18).put("maxAge", 40));
    assertEquals(201, tonight.status(), tonight.text());
    assertNull(tonight.json().getString("endedOn"), "tonight's mixer is not over");
  }

  @Test
  void anEventEndsAtMidnightOfItsLastDayInTheEventCalendar() {
    LocalDate lastDay = LocalDate.of(2026, 12, 2);
    // 23:59:59 in China on the last day is still the event; a second later it is over (16:00 UTC).
    assertTrue(competition(lastDay, OffsetDateTime.parse("2026-12-02T15:59:59Z")).open());
    RegistrationService.Competition over = competition(lastDay, OffsetDateTime.parse("2026-12-02T16:00:00Z"));
    assertFalse(over.open());
    assertEquals("REGISTRATION_CLOSED", over.refusal().code());
    assertEquals(422, over.refusal().status());
    assertEquals("2026-12-02", over.refusal().toJson().getJsonObject("error").getJsonObject("details").getString("endedOn"));
    assertFalse(competition(lastDay, OffsetDateTime.parse("2026-12-02T23:00:00-08:00")).open(), "whatever the clock's zone");
  }

  private static RegistrationService.Competition competition(LocalDate lastDay, OffsetDateTime now) {
    return new RegistrationService.Competition(1, 1, "跳绳", 10, null, "individual", 1, List.of(), lastDay.minusDays(1),
        lastDay, null, null, now, true, "职工运动会", false, false);
  }

}
