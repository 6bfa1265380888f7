package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A refused request says which field broke which rule in stable details a page can translate
 * ({field, in, rule, limit}), never only a sentence with a JSON pointer in it.
 */
class ValidationErrorsApiTest extends ApiTestBase {
  static String organiser;

  @BeforeAll
  static void setUp() {
    organiser = Api.token(api.signup("org@valid.cn", "organiser"));
  }

  @Test
  void aShortPasswordNamesTheFieldTheRuleAndTheLimit() {
    JsonObject d = details(api.post("/api/v1/auth/signup", null,
        new JsonObject().put("email", "a@b.cn").put("password", "short").put("displayName", "A")));
    assertEquals(new JsonObject().put("field", "password").put("in", "body").put("rule", "minLength").put("limit", 8), d);
  }

  @Test
  void aMissingFieldAnUnknownFieldAndAWrongTypeAreNamed() {
    assertEquals(new JsonObject().put("field", "email").put("in", "body").put("rule", "required"),
        details(api.post("/api/v1/auth/login", null, new JsonObject().put("password", "x"))));
    JsonObject unknown = details(api.post("/api/v1/auth/login", null,
        new JsonObject().put("email", "a@b.cn").put("password", "x").put("admin", true)));
    assertEquals("admin", unknown.getString("field"));
    assertEquals("additionalProperties", unknown.getString("rule"));
    JsonObject type = details(api.post("/api/v1/events", organiser, new JsonObject().put("title", 5)
        .put("startsOn", Dates.inDays(0))));
    assertEquals(new JsonObject().put("field", "title").put("in", "body").put("rule", "type").put("expected", "string"), type);
  }

  @Test
  void nestedFieldsAndPathParametersAreNamedWithoutPointers() {
    long event = api.createEvent(organiser, "校验");
    long competition = api.createJudgedCompetition(organiser, event, "项目", 5, 1);
    Response r = api.post("/api/v1/competitions/" + competition + "/entries", organiser,
        new JsonObject().put("teamName", "队").put("members", new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("displayName", "甲").put("birthDate", "yesterday"))).encode(),
        UUID.randomUUID().toString());
    JsonObject d = details(r);
    assertEquals("members[0].birthDate", d.getString("field"));
    assertEquals("format", d.getString("rule"));
    assertFalse(r.json().getJsonObject("error").getString("message").contains("#/"), r.text());

    JsonObject path = details(api.get("/api/v1/events/0", null));
    assertEquals(new JsonObject().put("field", "eventId").put("in", "path").put("rule", "minimum").put("limit", 1), path);
    // An id past the int range is an id nobody has (404); other spellings are refused as the JSON parser reads them.
    assertEquals(404, api.get("/api/v1/events/99999999999", null).status());
    assertEquals("type", details(api.get("/api/v1/events/0" + event, null)).getString("rule"));
    assertEquals("minimum", details(api.get("/api/v1/events/-1", null)).getString("rule"));
  }

  @Test
  void yearZeroIsNoDate() {
    JsonObject d = details(api.post("/api/v1/events", organiser,
        new JsonObject().put("title", "公元前").put("startsOn", "0000-01-01")));
    assertEquals("startsOn", d.getString("field"));
    assertEquals("range", d.getString("rule"));
  }

  private static JsonObject details(Response r) {
    assertEquals(400, r.status(), r.text());
    assertEquals("VALIDATION_FAILED", r.errorCode(), r.text());
    return r.json().getJsonObject("error").getJsonObject("details");
  }
}
