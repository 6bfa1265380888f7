package gala.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** getMe with roles, updateMe's set-once facts and the one birth-date rule, and the forgotten-password path. */
class ProfileApiTest {
  static Gala gala;
  static Api api;
  static Reg reg;
  static String admin;

  @BeforeAll
  static void setUp() {
    gala = TestGala.start("--admin-email=root@profile.test", "--admin-password=admin password 1");
    api = new Api(gala.port());
    reg = new Reg(api);
    admin = login("root@profile.test", "admin password 1").json().getString("accessToken");
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(gala);
  }

  static Response login(String email, String password) {
    return api.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", password));
  }

  @Test
  void meShowsTheProfileAndEveryRoleThePersonHas() {
    String org = Api.token(api.signup("org@profile.test", "organiser"));
    long event = api.createEvent(org, "职工运动会");
    long comp = api.createJudgedCompetition(org, event, "跳绳", 10, 1);
    JsonObject judge = api.signup("judge@profile.test", "participant");
    api.assignJudge(org, comp, Api.userId(judge));
    assertEquals(201, reg.register(Api.token(judge), comp, new JsonObject()).status());

    JsonObject me = api.get("/api/v1/me", org).json();
    assertEquals("org@profile.test", me.getString("email"));
    JsonObject roles = me.getJsonObject("roles");
    assertFalse(roles.getBoolean("admin"));
    assertTrue(roles.getBoolean("canCreateEvents"));
    assertEquals(event, roles.getJsonArray("organiserOf").getJsonObject(0).getLong("eventId"));
    assertEquals("职工运动会", roles.getJsonArray("organiserOf").getJsonObject(0).getString("title"));
    assertTrue(roles.getJsonArray("judgeOf").isEmpty());
    assertFalse(roles.getBoolean("hasEntries"));

    JsonObject judgeMe = api.get("/api/v1/me", Api.token(judge)).json();
    JsonObject judgeRoles = judgeMe.getJsonObject("roles");
    assertFalse(judgeRoles.getBoolean("canCreateEvents"));
    assertTrue(judgeRoles.getJsonArray("organiserOf").isEmpty());
    JsonObject seat = judgeRoles.getJsonArray("judgeOf").getJsonObject(0);
    assertEquals(comp, seat.getLong("competitionId"));
    assertEquals("跳绳", seat.getString("name"));
    assertEquals("职工运动会", seat.getString("event"));
    assertTrue(judgeRoles.getBoolean("hasEntries"));
    assertNull(judgeMe.getJsonObject("profile").getString("gender"));

    assertTrue(api.get("/api/v1/me", admin).json().getJsonObject("roles").getBoolean("admin"));
    assertEquals(401, api.get("/api/v1/me", null).status());
  }

  @Test
  void genderAndBirthDateAreSetOnceAndTheOrganisationAnyTime() {
    String token = Api.token(api.signup("once@profile.test", "participant"));
    Response set = reg.patch("/api/v1/me", token, new JsonObject().put("gender", "F").put("birthDate", "1990-05-17")
        .put("organisation", "市自来水公司").put("displayName", "王芳"));
    assertEquals(200, set.status(), set.text());
    JsonObject profile = set.json().getJsonObject("profile");
    assertEquals("F", profile.getString("gender"));
    assertEquals("1990-05-17", profile.getString("birthDate"));
    assertEquals("市自来水公司", profile.getString("organisation"));
    assertEquals("王芳", set.json().getString("displayName"));

    Response again = reg.patch("/api/v1/me", token, new JsonObject().put("gender", "M"));
    assertEquals(409, again.status());
    assertEquals("PROFILE_FIELD_LOCKED", again.errorCode());
    assertEquals("gender", again.json().getJsonObject("error").getJsonObject("details").getString("field"));
    Response birth = reg.patch("/api/v1/me", token, new JsonObject().put("birthDate", "1991-01-01"));
    assertEquals("PROFILE_FIELD_LOCKED", birth.errorCode());
    // The same value again is no change, so it is accepted (a form that sends every field).
    assertEquals(200, reg.patch("/api/v1/me", token, new JsonObject().put("gender", "F").put("birthDate", "1990-05-17")).status());

    Response moved = reg.patch("/api/v1/me", token, new JsonObject().put("organisation", "市供电局"));
    assertEquals("市供电局", moved.json().getJsonObject("profile").getString("organisation"));
    Response cleared = reg.patch("/api/v1/me", token, new JsonObject().putNull("organisation"));
    assertNull(cleared.json().getJsonObject("profile").getString("organisation"));
    JsonObject stored = api.get("/api/v1/me", token).json().getJsonObject("profile");
    assertEquals("F", stored.getString("gender"));
    assertEquals("1990-05-17", stored.getString("birthDate"));
  }

  @Test
  void birthDatesInTheFutureOrMoreThan120YearsAgoAreRefusedEverywhere() {
    String token = Api.token(api.signup("dates@profile.test", "participant"));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    for (String bad : new String[] {today.plusDays(3).toString(), today.minusYears(121).toString(), "0000-06-01", "1800-01-01"}) {
      Response r = reg.patch("/api/v1/me", token, new JsonObject().put("birthDate", bad));
      assertTrue(r.status() == 422 || r.status() == 400, bad + " -> " + r);
      if (r.status() == 422) {
        assertEquals("INVALID_BIRTH_DATE", r.errorCode(), bad);
        assertEquals("birthDate", r.json().getJsonObject("error").getJsonObject("details").getString("field"));
      }
    }
    assertEquals("INVALID_BIRTH_DATE", reg.patch("/api/v1/me", token,
        new JsonObject().put("birthDate", today.plusDays(3).toString())).errorCode());
    assertNull(api.get("/api/v1/me", token).json().getJsonObject("profile").getString("birthDate"), "nothing was stored");
    Response signup = api.post("/api/v1/auth/signup", null, new JsonObject().put("email", "old@profile.test")
        .put("password", "correct horse 9").put("displayName", "太老").put("birthDate", "1880-01-01"));
    assertEquals(422, signup.status(), signup.text());
    assertEquals("INVALID_BIRTH_DATE", signup.errorCode());
    assertEquals(401, login("old@profile.test", "correct horse 9").status(), "no account was made");
    assertEquals(200, reg.patch("/api/v1/me", token, new JsonObject().put("birthDate", today.minusYears(119).toString())).status());
  }

  @Test
  void anAdminIssuesAResetCodeAndThePersonSetsANewPasswordEndingEverySession() {
    JsonObject session = api.signup("forgot@profile.test", "participant");
    String oldRefresh = session.getString("refreshToken");
    String otherRefresh = login("forgot@profile.test", "correct horse 9").json().getString("refreshToken");

    Response byParticipant = api.post("/api/v1/admin/password-resets", Api.token(session),
        new JsonObject().put("email", "forgot@profile.test"));
    assertEquals(403, byParticipant.status());
    assertEquals("UNKNOWN_USER", api.post("/api/v1/admin/password-resets", admin,
        new JsonObject().put("email", "nobody@profile.test")).errorCode());

    Response issued = api.post("/api/v1/admin/password-resets", admin, new JsonObject().put("email", "FORGOT@profile.test"));
    assertEquals(201, issued.status(), issued.text());
    String code = issued.json().getString("code");
    assertEquals(10, code.length());
    assertNotNull(issued.json().getString("expiresAt"));
    assertFalse(issued.json().getBoolean("passwordSet"));

    Response wrong = api.post("/api/v1/auth/password-reset", null, new JsonObject().put("email", "forgot@profile.test")
        .put("code", "ABCDEFGHJK").put("newPassword", "a brand new one"));
    assertEquals(422, wrong.status());
    assertEquals("INVALID_RESET_CODE", wrong.errorCode());
    Response otherAccount = api.post("/api/v1/auth/password-reset", null, new JsonObject().put("email", "root@profile.test")
        .put("code", code).put("newPassword", "a brand new one"));
    assertEquals("INVALID_RESET_CODE", otherAccount.errorCode());

    // Typed the way people type it: lower case, with a dash.
    String typed = code.substring(0, 5).toLowerCase() + "-" + code.substring(5);
    Response done = api.post("/api/v1/auth/password-reset", null, new JsonObject().put("email", "forgot@profile.test")
        .put("code", typed).put("newPassword", "a brand new one"));
    assertEquals(200, done.status(), done.text());
    assertNotNull(done.json().getString("accessToken"));
    assertEquals(401, login("forgot@profile.test", "correct horse 9").status());
    assertEquals(200, login("forgot@profile.test", "a brand new one").status());
    for (String refresh : new String[] {oldRefresh, otherRefresh}) {
      assertEquals(401, api.post("/api/v1/auth/refresh", null, new JsonObject().put("refreshToken", refresh)).status(),
          "every earlier session ended");
    }
    assertEquals(200, api.post("/api/v1/auth/refresh", null,
        new JsonObject().put("refreshToken", done.json().getString("refreshToken"))).status());
    Response reused = api.post("/api/v1/auth/password-reset", null, new JsonObject().put("email", "forgot@profile.test")
        .put("code", code).put("newPassword", "yet another one"));
    assertEquals("INVALID_RESET_CODE", reused.errorCode(), "a code works once");
  }

  @Test
  void anAdminMaySetAPasswordAndAPersonChangesTheirOwn() {
    JsonObject session = api.signup("direct@profile.test", "participant");
    Response set = api.post("/api/v1/admin/password-resets", admin, new JsonObject().put("email", "direct@profile.test")
        .put("newPassword", "set by the admin"));
    assertEquals(201, set.status(), set.text());
    assertTrue(set.json().getBoolean("passwordSet"));
    assertNull(set.json().getString("code"));
    assertEquals(1, set.json().getInteger("sessionsEnded"));
    assertEquals(401, api.post("/api/v1/auth/refresh", null,
        new JsonObject().put("refreshToken", session.getString("refreshToken"))).status());
    String token = login("direct@profile.test", "set by the admin").json().getString("accessToken");

    Response wrong = api.post("/api/v1/me/password", token, new JsonObject().put("currentPassword", "not it")
        .put("newPassword", "mine again now"));
    assertEquals(422, wrong.status());
    assertEquals("WRONG_PASSWORD", wrong.errorCode());
    Response changed = api.post("/api/v1/me/password", token, new JsonObject().put("currentPassword", "set by the admin")
        .put("newPassword", "mine again now"));
    assertEquals(200, changed.status(), changed.text());
    assertEquals(200, login("direct@profile.test", "mine again now").status());
    assertEquals(401, login("direct@profile.test", "set by the admin").status());
  }
}
