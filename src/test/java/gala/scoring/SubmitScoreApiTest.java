package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The thin path through real HTTP: organiser, judges, a trimmed-mean panel and the scoreboard. */
class SubmitScoreApiTest extends ApiTestBase {
  static String organiser;
  static String[] judges = new String[3];
  static long competition;
  static long otherCompetition;
  static long alice;
  static long bob;
  static long otherEntry;

  @BeforeAll
  static void setUp() {
    organiser = Api.token(api.signup("org@score.test", "organiser"));
    long event = api.createEvent(organiser, "校运会");
    long unit = api.createUnit(organiser, event, "市教育局");
    competition = api.createJudgedCompetition(organiser, event, "演讲", 10, 3);
    otherCompetition = api.createJudgedCompetition(organiser, event, "朗诵", 10, 3);
    alice = api.registerAthlete(organiser, competition, "Alice", unit);
    bob = api.registerAthlete(organiser, competition, "Bob", unit);
    otherEntry = api.registerAthlete(organiser, otherCompetition, "Carol", null);
    for (int i = 0; i < judges.length; i++) {
      JsonObject s = api.signup("judge" + i + "@score.test", "participant");
      judges[i] = Api.token(s);
      api.assignJudge(organiser, competition, Api.userId(s));
    }
  }

  @Test
  void trimmedMeanPanelRanksWithSharedPlacesAndShowsWaitingEntries() {
    JsonObject before = api.scoreboard(competition);
    score(0, alice, "9.35");
    score(1, alice, "9.10");
    JsonObject waiting = row(api.scoreboard(competition), alice);
    assertEquals(2, waiting.getInteger("marks"));
    assertEquals(false, waiting.getBoolean("complete"));
    assertNull(waiting.getValue("rank"));

    score(2, alice, "9.80"); // drop 9.80 and 9.10 -> 9.35
    score(0, bob, "9.35");
    score(1, bob, "9.35");
    score(2, bob, "9.35");
    JsonObject board = api.scoreboard(competition);
    assertEquals("9.35", row(board, alice).getString("result"));
    assertEquals("9.35", row(board, bob).getString("result"));
    assertEquals(1, row(board, alice).getInteger("rank"));
    assertEquals(1, row(board, bob).getInteger("rank"), "equal results share the place");
    assertEquals(before.getLong("version") + 6, board.getLong("version"), "one version per committed score");
  }

  @Test
  void retryWithTheSameKeyReturnsTheFirstResponseAndStoresNothingTwice() {
    long entry = api.registerAthlete(organiser, competition, "Dora", null);
    String key = UUID.randomUUID().toString();
    Response first = api.submitScore(judges[0], competition, entry, "7.5", key);
    Response retry = api.submitScore(judges[0], competition, entry, "7.5", key);
    assertEquals(201, first.status());
    assertEquals(201, retry.status());
    assertEquals(first.json(), retry.json());
    assertEquals(1, row(api.scoreboard(competition), entry).getInteger("marks"));

    Response otherBody = api.submitScore(judges[0], competition, entry, "8.5", key);
    assertEquals(422, otherBody.status());
    assertEquals("IDEMPOTENCY_KEY_REUSED", otherBody.errorCode());

    Response secondMark = api.submitScore(judges[0], competition, entry, "8.5", UUID.randomUUID().toString());
    assertEquals(409, secondMark.status());
    assertEquals("ALREADY_SCORED", secondMark.errorCode());
    assertEquals(1, row(api.scoreboard(competition), entry).getInteger("marks"));
  }

  @Test
  void aJudgeSeesTheirAssignmentsAndWhichEntriesTheyAlreadyMarked() {
    long entry = api.registerAthlete(organiser, competition, "Fay", null);
    score(2, entry, "5.5");
    JsonArray items = api.get("/api/v1/me/judging", judges[2]).json().getJsonArray("items");
    assertEquals(1, items.size());
    JsonObject mine = items.getJsonObject(0);
    assertEquals(competition, mine.getLong("competitionId"));
    assertEquals(true, mine.getJsonArray("scoredEntryIds").stream().anyMatch(id -> ((Number) id).longValue() == entry),
        mine.encode());
    assertEquals(0, api.get("/api/v1/me/judging", organiser).json().getJsonArray("items").size());
  }

  @Test
  void keysAreScopedToTheCaller() {
    long entry = api.registerAthlete(organiser, competition, "Eve", null);
    String key = UUID.randomUUID().toString();
    assertEquals(201, api.submitScore(judges[0], competition, entry, "6.0", key).status());
    Response sameKeyOtherJudge = api.submitScore(judges[1], competition, entry, "6.5", key);
    assertEquals(201, sameKeyOtherJudge.status());
    assertEquals(2, row(api.scoreboard(competition), entry).getInteger("marks"));
  }

  @Test
  void refusalsAreJsonErrorsAndWriteNothing() {
    long version = api.scoreboard(competition).getLong("version");
    JsonObject stranger = api.signup("stranger@score.test", "participant");

    expect(403, "NOT_ASSIGNED_JUDGE", api.submitScore(Api.token(stranger), competition, alice, "5", key()));
    expect(409, "ENTRY_NOT_IN_COMPETITION", api.submitScore(judges[0], competition, otherEntry, "5", key()));
    expect(404, "NOT_FOUND", api.submitScore(judges[0], competition, 999999, "5", key()));
    expect(422, "MARK_OUT_OF_RANGE", api.submitScore(judges[0], competition, alice, "10.5", key()));
    expect(422, "MARK_OUT_OF_RANGE", api.submitScore(judges[0], competition, alice, "-1", key()));
    expect(400, "VALIDATION_FAILED", api.submitScore(judges[0], competition, alice, "\"9.5\"", key()));
    expect(422, "VALUE_REQUIRED", api.post("/api/v1/competitions/" + competition + "/scores", judges[0],
        "{\"entryId\":" + alice + "}", key()));
    expect(400, "IDEMPOTENCY_KEY_REQUIRED", api.post("/api/v1/competitions/" + competition + "/scores", judges[0],
        "{\"entryId\":" + alice + ",\"value\":5}", null));
    expect(400, "MALFORMED_JSON", api.post("/api/v1/competitions/" + competition + "/scores", judges[0],
        "{\"entryId\":", key()));
    expect(401, "UNAUTHENTICATED", api.submitScore(null, competition, alice, "5", key()));
    expect(413, "PAYLOAD_TOO_LARGE", api.post("/api/v1/competitions/" + competition + "/scores", judges[0],
        "{\"entryId\":1,\"pad\":\"" + "x".repeat(300_000) + "\"}", key()));

    assertEquals(version, api.scoreboard(competition).getLong("version"), "no refused request changed the scoreboard");
  }

  @Test
  void onlyTheEventsOrganisersAssignJudgesAndCreateCompetitions() {
    JsonObject otherOrganiser = api.signup("other-org@score.test", "organiser");
    expect(403, "FORBIDDEN", api.post("/api/v1/competitions/" + competition + "/judges", Api.token(otherOrganiser),
        new JsonObject().put("userId", Api.userId(otherOrganiser))));
    long event = api.createEvent(organiser, "another");
    expect(403, "FORBIDDEN", api.post("/api/v1/events/" + event + "/units", Api.token(otherOrganiser),
        new JsonObject().put("name", "x")));
    expect(403, "FORBIDDEN", api.post("/api/v1/events", judges[0],
        new JsonObject().put("title", "mine").put("startsOn", Dates.inDays(0)).put("endsOn", Dates.inDays(1))));
  }

  @Test
  void invalidFormatsAndUnknownRoutesAreRefused() {
    long event = api.createEvent(organiser, "formats");
    JsonObject badTrim = new JsonObject().put("type", "judged").put("aggregate", "trimmed_mean").put("judges", 3).put("trim", 2);
    expect(422, "INVALID_FORMAT", api.post("/api/v1/events/" + event + "/competitions", organiser,
        new JsonObject().put("name", "x").put("capacity", 5).put("format", badTrim)));
    expect(400, "VALIDATION_FAILED", api.post("/api/v1/events/" + event + "/competitions", organiser,
        new JsonObject().put("name", "x").put("capacity", "five").put("format", badTrim)));
    expect(404, "NOT_FOUND", api.get("/api/v1/nothing-here", null));
    expect(404, "NOT_FOUND", api.get("/api/v1/competitions/424242/scoreboard", null));
    expect(400, "VALIDATION_FAILED", api.get("/api/v1/competitions/abc/scoreboard", null));
    assertEquals(0, new JsonArray(api.get("/api/v1/events/" + event + "/competitions", null).json()
        .getJsonArray("items").encode()).size());
  }

  private static void score(int judge, long entry, String value) {
    Response r = api.submitScore(judges[judge], competition, entry, value, key());
    assertEquals(201, r.status(), r.text());
  }

  static void expect(int status, String code, Response r) {
    assertEquals(status, r.status(), r.text());
    assertEquals(code, r.errorCode(), r.text());
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private static JsonObject row(JsonObject board, long entryId) {
    for (Object o : Api.rows(board)) {
      JsonObject r = (JsonObject) o;
      if (r.getLong("id") == entryId) {
        return r;
      }
    }
    throw new AssertionError("no row for entry " + entryId + " in " + board.encodePrettily());
  }
}
