package gala.judges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.platform.ShortCodes;
import gala.platform.print.QrCode;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Judge codes end to end: create, preview, redeem (signed in, signing up, signing in), every refusal, QR, judges list. */
class JudgeCodesApiTest {
  static DbLocation db;
  static Gala gala;
  static Api api;
  static Reg reg;
  static String org;
  static long event;
  static long comp;
  static long entry;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.fresh();
    gala = TestGala.start(db);
    api = new Api(gala.port());
    reg = new Reg(api);
    org = Api.token(api.signup("org@judgecode.test", "organiser"));
    event = api.createEvent(org, "演讲比赛");
    comp = api.createJudgedCompetition(org, event, "演讲", 10, 1);
    entry = api.registerAthlete(org, comp, "李雷", null);
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(gala);
  }

  static Response create(JsonObject body) {
    return api.post("/api/v1/competitions/" + comp + "/judge-codes", org, body);
  }

  static Response redeem(String token, JsonObject body) {
    return api.post("/api/v1/judge-codes/redeem", token, body);
  }

  static List<Long> judgeIds() {
    List<Long> out = new ArrayList<>();
    api.get("/api/v1/competitions/" + comp + "/judges", org).json().getJsonArray("items")
        .forEach(o -> out.add(((JsonObject) o).getLong("userId")));
    return out;
  }

  @Test
  void aSingleUseCodeMakesANewAccountAJudgeInOneCallAndThenRefusesEveryoneElse() {
    Response created = create(new JsonObject().put("judgeName", "张裁判"));
    assertEquals(201, created.status(), created.text());
    JsonObject code = created.json();
    String typed = code.getString("code");
    assertTrue(ShortCodes.wellFormed(typed, 8), typed);
    assertEquals("active", code.getString("status"));
    assertEquals(1, code.getInteger("maxUses"));
    assertEquals("/judge-join.html?code=" + typed, code.getString("url"));

    String sloppy = typed.substring(0, 4).toLowerCase() + " - " + typed.substring(4).toLowerCase();
    Response preview = api.post("/api/v1/judge-codes/preview", null, new JsonObject().put("code", sloppy));
    assertEquals(200, preview.status(), preview.text());
    assertEquals("演讲", preview.json().getString("competition"));
    assertEquals("演讲比赛", preview.json().getString("event"));
    assertEquals("张裁判", preview.json().getString("judgeName"));

    Response anonymous = redeem(null, new JsonObject().put("code", typed));
    assertEquals(401, anonymous.status());
    assertEquals("SIGN_IN_REQUIRED", anonymous.errorCode());

    Response joined = redeem(null, new JsonObject().put("code", sloppy).put("eventId", event).put("signup",
        new JsonObject().put("email", "zhang@judgecode.test").put("password", "judge password").put("displayName", "张裁判")));
    assertEquals(201, joined.status(), joined.text());
    JsonObject result = joined.json();
    assertEquals(comp, result.getJsonObject("assignment").getLong("competitionId"));
    assertFalse(result.getJsonObject("assignment").getBoolean("head"));
    assertFalse(result.getBoolean("alreadyAssigned"));
    String judge = result.getJsonObject("session").getString("accessToken");
    assertEquals(201, api.submitScore(judge, comp, entry, "8.5", UUID.randomUUID().toString()).status(), "the new judge scores");
    assertEquals(comp, api.get("/api/v1/me/judging", judge).json().getJsonArray("items").getJsonObject(0).getLong("competitionId"));

    // Used up: another signed-in person is refused and assigned nowhere.
    String late = Api.token(api.signup("late@judgecode.test", "participant"));
    Response usedUp = redeem(late, new JsonObject().put("code", typed));
    assertEquals(422, usedUp.status());
    assertEquals("JUDGE_CODE_USED_UP", usedUp.errorCode());
    assertEquals(1, judgeIds().size());
    // The judge redeeming again spends nothing and stays a judge.
    Response again = redeem(judge, new JsonObject().put("code", typed));
    assertEquals("JUDGE_CODE_USED_UP", again.errorCode(), "a used-up code stays used up, for everyone");

    JsonObject listed = api.get("/api/v1/competitions/" + comp + "/judge-codes", org).json().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(o -> o.getString("code").equals(typed)).findFirst().orElseThrow();
    assertEquals("used_up", listed.getString("status"));
    assertEquals("张裁判", listed.getJsonArray("redeemedBy").getJsonObject(0).getString("displayName"));
    JsonObject seat = api.get("/api/v1/competitions/" + comp + "/judges", org).json().getJsonArray("items").getJsonObject(0);
    assertEquals(listed.getLong("id"), seat.getLong("viaCodeId"));
  }

  @Test
  void aLimitedHeadJudgeCodeTakesTwoJudgesAndSignedInOrSigningInPeopleRedeemIt() {
    JsonObject code = create(new JsonObject().put("head", true).put("maxUses", 2).put("validHours", 5)).json();
    String typed = code.getString("code");
    JsonObject first = api.signup("head1@judgecode.test", "participant");
    Response a = redeem(Api.token(first), new JsonObject().put("code", typed).put("competitionId", comp));
    assertEquals(200, a.status(), a.text());
    assertTrue(a.json().getJsonObject("assignment").getBoolean("head"));
    assertFalse(a.json().containsKey("session"), "a signed-in redeemer keeps their session");
    Response twice = redeem(Api.token(first), new JsonObject().put("code", typed));
    assertEquals(200, twice.status());
    assertTrue(twice.json().getBoolean("alreadyAssigned"));

    api.signup("head2@judgecode.test", "participant");
    Response wrongPassword = redeem(null, new JsonObject().put("code", typed)
        .put("login", new JsonObject().put("email", "head2@judgecode.test").put("password", "not it")));
    assertEquals("INVALID_CREDENTIALS", wrongPassword.errorCode());
    Response b = redeem(null, new JsonObject().put("code", typed)
        .put("login", new JsonObject().put("email", "head2@judgecode.test").put("password", "correct horse 9")));
    assertEquals(200, b.status(), b.text());
    assertNotNull(b.json().getJsonObject("session").getString("accessToken"));
    assertEquals("JUDGE_CODE_USED_UP", redeem(Api.token(api.signup("head3@judgecode.test", "participant")),
        new JsonObject().put("code", typed)).errorCode());
    JsonArray judges = api.get("/api/v1/competitions/" + comp + "/judges", org).json().getJsonArray("items");
    assertTrue(judges.stream().map(o -> (JsonObject) o).filter(j -> j.getString("email").startsWith("head"))
        .allMatch(j -> j.getBoolean("head")));
    assertEquals(2, judges.stream().map(o -> (JsonObject) o).filter(j -> j.getString("email").startsWith("head")).count());
  }

  @Test
  void revokedExpiredUnknownAndOtherEventCodesAreRefusedWithTheirOwnCodesAndAssignNobody() throws Exception {
    String person = Api.token(api.signup("refused@judgecode.test", "participant"));
    int judgesBefore = judgeIds().size();

    JsonObject revoked = create(new JsonObject()).json();
    Response revoke = new Reg(api).delete("/api/v1/judge-codes/" + revoked.getLong("id"), org);
    assertEquals(200, revoke.status(), revoke.text());
    assertEquals("revoked", revoke.json().getString("status"));
    assertEquals("JUDGE_CODE_REVOKED", redeem(person, new JsonObject().put("code", revoked.getString("code"))).errorCode());
    // Refused before any account is made.
    Response signup = redeem(null, new JsonObject().put("code", revoked.getString("code")).put("signup",
        new JsonObject().put("email", "ghost@judgecode.test").put("password", "ghost password").put("displayName", "鬼")));
    assertEquals("JUDGE_CODE_REVOKED", signup.errorCode());
    assertEquals(401, api.post("/api/v1/auth/login", null,
        new JsonObject().put("email", "ghost@judgecode.test").put("password", "ghost password")).status());

    JsonObject expired = create(new JsonObject()).json();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.createStatement().executeUpdate("UPDATE judge_codes SET expires_at = now() - interval '1 minute' WHERE id = "
          + expired.getLong("id"));
    }
    Response late = redeem(person, new JsonObject().put("code", expired.getString("code")));
    assertEquals(422, late.status());
    assertEquals("JUDGE_CODE_EXPIRED", late.errorCode());
    assertEquals("JUDGE_CODE_EXPIRED", api.post("/api/v1/judge-codes/preview", null,
        new JsonObject().put("code", expired.getString("code"))).errorCode());

    for (String unknown : new String[] {"ZZZZZZZZ", "O0O0I1L1", "short", "23456789AB"}) {
      assertEquals("JUDGE_CODE_UNKNOWN", redeem(person, new JsonObject().put("code", unknown)).errorCode(), unknown);
    }

    long otherEvent = api.createEvent(org, "另一场");
    long otherComp = api.createJudgedCompetition(org, otherEvent, "书法", 10, 1);
    JsonObject good = create(new JsonObject()).json();
    Response elsewhere = redeem(person, new JsonObject().put("code", good.getString("code")).put("eventId", otherEvent));
    assertEquals(422, elsewhere.status());
    assertEquals("JUDGE_CODE_OTHER_EVENT", elsewhere.errorCode());
    JsonObject details = elsewhere.json().getJsonObject("error").getJsonObject("details");
    assertEquals("演讲", details.getString("competition"));
    assertEquals(event, details.getLong("eventId"));
    assertEquals("JUDGE_CODE_OTHER_EVENT", redeem(person, new JsonObject().put("code", good.getString("code"))
        .put("competitionId", otherComp)).errorCode());

    assertEquals(judgesBefore, judgeIds().size(), "no refusal assigned anyone");
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rs = c.createStatement().executeQuery("SELECT uses FROM judge_codes WHERE id = " + good.getLong("id"))) {
      rs.next();
      assertEquals(0, rs.getInt(1), "no use spent");
    }
    assertEquals(200, redeem(person, new JsonObject().put("code", good.getString("code")).put("eventId", event)).status());
  }

  @Test
  void organisersAloneMakeListRevokeAndPrintCodesAndTakeJudgesOff() throws Exception {
    String stranger = Api.token(api.signup("stranger@judgecode.test", "organiser"));
    assertEquals(403, api.post("/api/v1/competitions/" + comp + "/judge-codes", stranger, new JsonObject()).status());
    assertEquals(403, api.get("/api/v1/competitions/" + comp + "/judge-codes", stranger).status());
    assertEquals(403, api.get("/api/v1/competitions/" + comp + "/judges", stranger).status());
    assertEquals(401, api.post("/api/v1/competitions/" + comp + "/judge-codes", null, new JsonObject()).status());
    assertEquals("EXPIRY_IN_PAST", create(new JsonObject().put("expiresAt", "2020-01-01T00:00:00+08:00")).errorCode());
    assertEquals("EXPIRY_TOO_FAR", create(new JsonObject().put("expiresAt", "2999-01-01T00:00:00+08:00")).errorCode());
    assertEquals("BAD_TIME", create(new JsonObject().put("expiresAt", "tomorrow")).errorCode());
    assertEquals(400, create(new JsonObject().put("maxUses", 0)).status());

    JsonObject code = create(new JsonObject()).json();
    assertEquals(403, new Reg(api).delete("/api/v1/judge-codes/" + code.getLong("id"), stranger).status());
    assertEquals(403, api.get("/api/v1/judge-codes/" + code.getLong("id") + "/qr", stranger).status());
    byte[] png = reg.bytes("/api/v1/judge-codes/" + code.getLong("id") + "/qr", org);
    String scanned = QrCode.decode(ImageIO.read(new ByteArrayInputStream(png)));
    assertEquals(api.base() + "/judge-join.html?code=" + code.getString("code"), scanned);

    JsonObject judge = api.signup("removed@judgecode.test", "participant");
    assertEquals(200, redeem(Api.token(judge), new JsonObject().put("code", code.getString("code"))).status());
    assertTrue(judgeIds().contains(Api.userId(judge)));
    String path = "/api/v1/competitions/" + comp + "/judges/" + Api.userId(judge);
    assertEquals(403, new Reg(api).delete(path, stranger).status());
    assertEquals(204, new Reg(api).delete(path, org).status());
    assertFalse(judgeIds().contains(Api.userId(judge)));
    assertEquals("NOT_A_JUDGE", new Reg(api).delete(path, org).errorCode());
    assertEquals(403, api.submitScore(Api.token(judge), comp, entry, "7", UUID.randomUUID().toString()).status(),
        "a removed judge no longer scores");
  }

  @Test
  void theDatabaseDrawsCodesFromTheSameUnambiguousAlphabet() throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rs = c.createStatement().executeQuery("SELECT string_agg(short_code(50), '') FROM generate_series(1, 200)")) {
      rs.next();
      String symbols = rs.getString(1);
      assertEquals(10_000, symbols.length());
      for (char ch : ShortCodes.ALPHABET.toCharArray()) {
        assertTrue(symbols.indexOf(ch) >= 0, "every symbol is drawn: " + ch);
      }
      assertTrue(ShortCodes.wellFormed(symbols, symbols.length()), "no symbol outside the alphabet");
    }
  }
}
