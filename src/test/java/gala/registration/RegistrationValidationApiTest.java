package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The refusal names the rule that failed, birth dates follow one rule, namesakes are told apart, facts come from the profile. */
class RegistrationValidationApiTest extends ApiTestBase {
  static Reg reg;
  static String organiser;
  static long event;
  static long unitA;
  static long unitB;
  static final JsonArray AGE_GROUPS = new JsonArray()
      .add(new JsonObject().put("code", "M18").put("name", "男子18-35岁组").put("gender", "M").put("minAge", 18).put("maxAge", 35))
      .add(new JsonObject().put("code", "F18").put("name", "女子18-35岁组").put("gender", "F").put("minAge", 18).put("maxAge", 35));

  @BeforeAll
  static void setUp() {
    reg = new Reg(api);
    organiser = Api.token(reg.signup("org@valid.test", "organiser", null));
    event = api.createEvent(organiser, "青年运动会"); // starts today: ages below are counted from today
    unitA = api.createUnit(organiser, event, "市交通局");
    unitB = api.createUnit(organiser, event, "市供电局");
  }

  static JsonObject details(Response r) {
    return r.json().getJsonObject("error").getJsonObject("details");
  }

  @Test
  void aManOf56IsRefusedForHisAgeWithTheFactsAndTheDivisionsShowTheirLimits() {
    long comp = reg.competition(organiser, event, new JsonObject().put("divisions", AGE_GROUPS));
    Response byName = reg.register(organiser, comp, new JsonObject().put("displayName", "张伟").put("gender", "M")
        .put("birthDate", Dates.aged(56)));
    assertEquals(422, byName.status(), byName.text());
    assertEquals("NOT_ELIGIBLE_AGE", byName.errorCode());
    JsonObject d = details(byName);
    assertEquals("age", d.getString("rule"));
    assertEquals(56, d.getInteger("age"));
    assertEquals(18, d.getInteger("minAge"));
    assertEquals(35, d.getInteger("maxAge"));
    assertEquals("男子18-35岁组", d.getString("division"));
    assertEquals("张伟", d.getString("name"));

    // The same man registering himself: his facts come from his profile.
    String man = Api.token(reg.signup("zhang@valid.test", "participant", Dates.aged(56)));
    assertEquals(200, reg.patch("/api/v1/me", man, new JsonObject().put("gender", "M")).status());
    Response self = reg.register(man, comp, new JsonObject());
    assertEquals("NOT_ELIGIBLE_AGE", self.errorCode(), self.text());
    assertEquals(56, details(self).getInteger("age"));
    Response asWoman = reg.register(man, comp, new JsonObject().put("gender", "F"));
    assertEquals(409, asWoman.status(), "a request cannot change the profile's gender");
    assertEquals("PROFILE_FIELD_LOCKED", asWoman.errorCode());
    Response women = reg.register(organiser, comp, new JsonObject().put("displayName", "张伟").put("gender", "M")
        .put("birthDate", Dates.aged(30)).put("division", "F18"));
    assertEquals("NOT_ELIGIBLE_GENDER", women.errorCode());
    assertEquals("gender", details(women).getString("rule"));
    assertEquals("F", details(women).getString("divisionGender"));

    JsonObject division = api.get("/api/v1/competitions/" + comp, null).json().getJsonArray("divisions").getJsonObject(0);
    assertEquals(18, division.getInteger("minAge"));
    assertEquals(35, division.getInteger("maxAge"));
    assertEquals("M", division.getString("gender"));
  }

  @Test
  void selfRegistrationFillsAnEmptyProfileOnceAndOnlyWhenItSucceeds() {
    long comp = reg.competition(organiser, event, new JsonObject().put("divisions", AGE_GROUPS));
    String woman = Api.token(reg.signup("li@valid.test", "participant", null));
    Response tooYoung = reg.register(woman, comp, new JsonObject().put("gender", "F").put("birthDate", Dates.aged(11)));
    assertEquals("NOT_ELIGIBLE_AGE", tooYoung.errorCode());
    assertEquals(null, api.get("/api/v1/me", woman).json().getJsonObject("profile").getString("birthDate"),
        "a refused registration fills nothing");
    String born = Dates.aged(31);
    Response ok = reg.register(woman, comp, new JsonObject().put("gender", "F").put("birthDate", born));
    assertEquals(201, ok.status(), ok.text());
    assertEquals("F18", ok.json().getString("division"));
    JsonObject mine = api.get("/api/v1/me/entries", woman).json().getJsonArray("items").getJsonObject(0);
    assertEquals(AGE_GROUPS.getJsonObject(1).getString("name"), mine.getString("divisionName"), "her page names the division");
    JsonObject profile = api.get("/api/v1/me", woman).json().getJsonObject("profile");
    assertEquals("F", profile.getString("gender"));
    assertEquals(born, profile.getString("birthDate"));
  }

  @Test
  void birthDatesInTheFutureOrOver120YearsAgoAreRefusedInRegistrationAndImport() {
    long comp = reg.competition(organiser, event, new JsonObject());
    String future = LocalDate.now().plusYears(1).toString();
    Response named = reg.register(organiser, comp, new JsonObject().put("displayName", "未来人").put("birthDate", future));
    assertEquals(422, named.status());
    assertEquals("INVALID_BIRTH_DATE", named.errorCode());
    String person = Api.token(reg.signup("old@valid.test", "participant", null));
    assertEquals("INVALID_BIRTH_DATE", reg.register(person, comp, new JsonObject().put("birthDate", "1890-01-01")).errorCode());
    assertEquals("INVALID_BIRTH_DATE", reg.register(organiser, comp, new JsonObject().put("displayName", "零年")
        .put("birthDate", "0000-01-01")).errorCode());
    assertEquals(0, reg.entries(comp, null).size());

    String csv = "姓名,性别,出生日期,项目\n老人,男,1880-01-01," + comp + "\n正常,女,1990-01-01," + comp + "\n";
    Response started = reg.importCsv(organiser, event, unitA, csv.getBytes(StandardCharsets.UTF_8));
    JsonObject job = reg.awaitImport(organiser, started.json().getLong("id"));
    assertEquals(1, job.getInteger("imported"), job.encode());
    JsonObject error = job.getJsonArray("errors").getJsonObject(0);
    assertEquals(2, error.getInteger("line"));
    assertEquals("INVALID_BIRTH_DATE", error.getString("code"));
  }

  @Test
  void twoAthletesCalledWangFangAreToldApartByBirthDateUnitOrTheOrganisersWord() {
    long comp = reg.competition(organiser, event, new JsonObject().put("capacity", 20));
    JsonObject wang = new JsonObject().put("displayName", "王芳").put("unitId", unitA);
    assertEquals(201, reg.register(organiser, comp, wang.copy()).status());
    Response unsure = reg.register(organiser, comp, wang.copy());
    assertEquals(409, unsure.status());
    assertEquals("POSSIBLE_DUPLICATE", unsure.errorCode(), "same name and unit, no birth dates: cannot tell");
    assertEquals("王芳", details(unsure).getString("name"));
    Response another = reg.register(organiser, comp, wang.copy().put("anotherPerson", true));
    assertEquals(201, another.status(), another.text());
    assertEquals(201, reg.register(organiser, comp, wang.copy().put("unitId", unitB)).status(), "another unit, another person");
    assertEquals("POSSIBLE_DUPLICATE", reg.register(organiser, comp, wang.copy().put("birthDate", "1990-05-17")).errorCode(),
        "a birth date cannot tell her from the namesakes entered without one");
    assertEquals(3, reg.entries(comp, null).size());

    long comp2 = reg.competition(organiser, event, new JsonObject().put("capacity", 20));
    JsonObject born = new JsonObject().put("displayName", "王芳").put("unitId", unitA).put("birthDate", "1990-05-17");
    assertEquals(201, reg.register(organiser, comp2, born.copy()).status());
    assertEquals(201, reg.register(organiser, comp2, born.copy().put("birthDate", "1985-03-03")).status(),
        "a different birth date is a different person");
    Response twice = reg.register(organiser, comp2, born.copy());
    assertEquals(409, twice.status());
    assertEquals("ALREADY_REGISTERED", twice.errorCode(), "the same name, unit and birth date is the same person");
    assertEquals("ALREADY_REGISTERED", reg.register(organiser, comp2, born.copy().put("anotherPerson", true)).errorCode(),
        "and saying otherwise does not make her two");
    assertEquals(2, reg.entries(comp2, null).size());
    assertTrue(reg.entries(comp2, null).stream().map(o -> (JsonObject) o).allMatch(e -> e.getInteger("bib") != null));
  }
}
