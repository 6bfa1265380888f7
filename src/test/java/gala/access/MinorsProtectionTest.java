package gala.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Minors are protected by what the server knows: a mixer takes age and gender from the account
 * (a birth date given once fills the profile, and is never changed to enter a mixer), consent under
 * 14 is recorded, and adults and minors never share a table.
 */
class MinorsProtectionTest extends ApiTestBase {
  // Ages counted from today (the event starts today), so a 16-year-old stays 16 whenever the test runs.
  static final String ADULT = Dates.aged(36);
  static final String MINOR_16 = Dates.aged(16);
  static final String CHILD_13 = Dates.aged(13);
  static String organiser;
  static long event;

  @BeforeAll
  static void setUp() {
    organiser = Api.token(api.signup("org@minors.test", "organiser"));
    event = api.createEvent(organiser, "青年交友节");
  }

  @Test
  void anAdultCannotEnterAMinorsMixerByClaimingAChildsBirthDate() {
    long minorsOnly = mixer(12, 17);
    String adult = account("adult@minors.test", ADULT);
    Response claimed = join(adult, minorsOnly, new JsonObject().put("birthDate", MINOR_16));
    assertEquals(409, claimed.status(), claimed.text());
    assertEquals("PROFILE_FIELD_LOCKED", claimed.errorCode());
    Response own = join(adult, minorsOnly, new JsonObject());
    assertEquals(422, own.status(), own.text());
    assertEquals("AGE_OUTSIDE_BAND", own.errorCode());
    Response edit = api.patch("/api/v1/me", adult, new JsonObject().put("birthDate", MINOR_16));
    assertEquals(409, edit.status(), edit.text());
    assertEquals(0L, count("SELECT count(*) FROM mixer_profiles WHERE mixer_id = " + minorsOnly));
    assertEquals(ADULT, me(adult).getString("birthDate"));
  }

  @Test
  void aBirthDateGivenOnJoiningBecomesTheAccountsAndCannotBeChangedForAnotherMixer() {
    String teen = Api.token(api.signup("teen@minors.test", "participant"));
    Response joined = join(teen, mixer(12, 40), new JsonObject().put("birthDate", MINOR_16).put("gender", "female"));
    assertEquals(201, joined.status(), joined.text());
    assertEquals(true, joined.json().getBoolean("minor"));
    JsonObject profile = me(teen);
    assertEquals(MINOR_16, profile.getString("birthDate"));
    assertEquals("F", profile.getString("gender"));
    Response older = join(teen, mixer(18, 40), new JsonObject().put("birthDate", ADULT));
    assertEquals(409, older.status(), older.text());
    assertEquals("PROFILE_FIELD_LOCKED", older.errorCode());
    Response otherGender = join(teen, mixer(12, 40), new JsonObject().put("gender", "male"));
    assertEquals(409, otherGender.status(), otherGender.text());
  }

  @Test
  void joiningWithoutAnyBirthDateAsksForItOnce() {
    String nobody = Api.token(api.signup("nobody@minors.test", "participant"));
    long mixer = mixer(12, 40);
    Response r = join(nobody, mixer, new JsonObject());
    assertEquals(422, r.status(), r.text());
    assertEquals("MIXER_BIRTH_DATE_REQUIRED", r.errorCode());
    assertEquals(0L, count("SELECT count(*) FROM mixer_profiles WHERE mixer_id = " + mixer));
    assertEquals(null, me(nobody).getString("birthDate"), "a refused join fills nothing");
  }

  @Test
  void underFourteenJoinsOnlyWithAGuardiansConsentWhichIsRecorded() {
    String child = account("child@minors.test", CHILD_13);
    long mixer = mixer(12, 15);
    Response without = join(child, mixer, new JsonObject());
    assertEquals(422, without.status(), without.text());
    assertEquals("GUARDIAN_CONSENT_REQUIRED", without.errorCode());
    Response with = join(child, mixer, new JsonObject().put("guardianName", "王妈妈").put("guardianConsent", true));
    assertEquals(201, with.status(), with.text());
    assertEquals(1L, count("SELECT count(*) FROM mixer_profiles WHERE mixer_id = " + mixer
        + " AND guardian_name = '王妈妈' AND guardian_consent_at IS NOT NULL AND contact IS NULL"));
  }

  @Test
  void adultsAndMinorsAreNeverSeatedTogether() {
    long mixer = mixer(12, 40);
    for (int i = 0; i < 6; i++) {
      String birth = i % 2 == 0 ? ADULT : MINOR_16;
      String token = account("seat" + i + "@minors.test", birth);
      assertEquals(201, join(token, mixer, new JsonObject()).status());
      Response in = api.post("/api/v1/mixers/" + mixer + "/checkins", token, "{}", UUID.randomUUID().toString());
      assertEquals(200, in.status(), in.text());
    }
    Response round = api.post("/api/v1/mixers/" + mixer + "/rounds", organiser, "{}", UUID.randomUUID().toString());
    assertTrue(round.status() < 300, round.text());
    assertTrue(count("SELECT count(*) FROM mixer_seats WHERE mixer_id = " + mixer) >= 4, "people were seated");
    assertEquals(0L, count("SELECT count(*) FROM (SELECT s.round, s.table_no FROM mixer_seats s "
        + "JOIN mixer_profiles p ON p.mixer_id = s.mixer_id AND p.user_id = s.user_id WHERE s.mixer_id = " + mixer
        + " GROUP BY s.round, s.table_no HAVING bool_or(p.age < 18) AND bool_or(p.age >= 18)) mixed"),
        "an adult and a minor share a table");
  }

  private static long mixer(int minAge, int maxAge) {
    Response r = api.post("/api/v1/events/" + event + "/mixers", organiser, new JsonObject().put("title", "交友会")
        .put("mode", "pairs").put("rounds", 3).put("roundSeconds", 600).put("minAge", minAge).put("maxAge", maxAge)
        .put("capacity", 50));
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }

  private static String account(String email, String birthDate) {
    String token = Api.token(api.signup(email, "participant"));
    Response r = api.patch("/api/v1/me", token, new JsonObject().put("birthDate", birthDate));
    assertEquals(200, r.status(), r.text());
    return token;
  }

  private static Response join(String token, long mixer, JsonObject extra) {
    JsonObject body = new JsonObject().put("interests", new JsonArray().add("读书")).mergeIn(extra);
    return api.post("/api/v1/mixers/" + mixer + "/participants", token, body.encode(), UUID.randomUUID().toString());
  }

  private static JsonObject me(String token) {
    Response r = api.get("/api/v1/me", token);
    assertEquals(200, r.status(), r.text());
    return r.json().getJsonObject("profile");
  }

  private static long count(String sql) {
    try {
      RowSet<Row> rows = gala.database().pool().query(sql).execute().toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      return rows.iterator().next().getLong(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
