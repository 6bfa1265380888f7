package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegisterEntryApiTest extends ApiTestBase {
  static String organiser;
  static long event;

  @BeforeAll
  static void setUp() {
    organiser = Api.token(api.signup("org@reg.test", "organiser"));
    event = api.createEvent(organiser, "报名");
  }

  @Test
  void aBurstLargerThanCapacityConfirmsExactlyCapacityAndWaitlistsTheRestInOrder() throws Exception {
    int capacity = 5;
    int people = 16;
    long competition = api.createJudgedCompetition(organiser, event, "拔河", capacity, 1);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      tokens.add(Api.token(api.signup("p" + i + "@reg.test", "participant")));
    }
    ExecutorService pool = Executors.newFixedThreadPool(people);
    List<Future<Response>> results = new ArrayList<>();
    for (String token : tokens) {
      Callable<Response> register = () -> api.post("/api/v1/competitions/" + competition + "/entries", token, "{}",
          UUID.randomUUID().toString());
      results.add(pool.submit(register));
    }
    int confirmed = 0;
    List<Integer> positions = new ArrayList<>();
    for (Future<Response> f : results) {
      Response r = f.get();
      assertEquals(201, r.status(), r.text());
      if (r.json().getString("status").equals("CONFIRMED")) {
        confirmed++;
      } else {
        assertEquals("WAITLISTED", r.json().getString("status"));
        positions.add(r.json().getInteger("waitlistPosition"));
      }
    }
    pool.shutdown();
    assertEquals(capacity, confirmed);
    assertEquals(people - capacity, positions.size());
    assertEquals(java.util.stream.IntStream.rangeClosed(1, people - capacity).boxed().toList(),
        positions.stream().sorted().toList(), "waitlist positions are gap-free");
    assertEquals(capacity, api.scoreboard(competition).getJsonObject("data").getJsonArray("rows").size(),
        "only confirmed entries are on the scoreboard");
  }

  @Test
  void registeringTwiceIsRefusedButARetryWithTheSameKeyIsTheFirstAnswer() {
    long competition = api.createJudgedCompetition(organiser, event, "跳绳", 10, 1);
    String token = Api.token(api.signup("twice@reg.test", "participant"));
    String key = UUID.randomUUID().toString();
    Response first = api.post("/api/v1/competitions/" + competition + "/entries", token, "{}", key);
    Response retry = api.post("/api/v1/competitions/" + competition + "/entries", token, "{}", key);
    assertEquals(201, first.status());
    assertEquals(first.json(), retry.json());
    Response again = api.post("/api/v1/competitions/" + competition + "/entries", token, "{}", UUID.randomUUID().toString());
    assertEquals(409, again.status());
    assertEquals("ALREADY_REGISTERED", again.errorCode());
    assertEquals(1, api.get("/api/v1/competitions/" + competition + "/entries", null).json().getJsonArray("items").size());
  }

  @Test
  void onlyOrganisersRegisterOthersAndUnitsMustBelongToTheEvent() {
    long competition = api.createJudgedCompetition(organiser, event, "象棋", 10, 1);
    String participant = Api.token(api.signup("someone@reg.test", "participant"));
    Response byName = api.post("/api/v1/competitions/" + competition + "/entries", participant,
        new JsonObject().put("displayName", "Ghost").encode(), UUID.randomUUID().toString());
    assertEquals(403, byName.status());
    long otherEvent = api.createEvent(organiser, "other");
    long foreignUnit = api.createUnit(organiser, otherEvent, "外单位");
    Response wrongUnit = api.post("/api/v1/competitions/" + competition + "/entries", organiser,
        new JsonObject().put("displayName", "Ann").put("unitId", foreignUnit).encode(), UUID.randomUUID().toString());
    assertEquals(422, wrongUnit.status());
    assertEquals("UNKNOWN_UNIT", wrongUnit.errorCode());
    assertEquals(0, api.get("/api/v1/competitions/" + competition + "/entries", null).json().getJsonArray("items").size());
  }

  /**
   * A person's own list ({@code user:<id>}) goes by the event's first day, then entry: registering
   * into an earlier event than one already entered puts the new row first, and the stored topic
   * (checkpoint plus every delta) says so, as a fresh read of the person's entries does.
   */
  @Test
  void anEntryInAnEarlierEventGoesFirstInThePersonsOwnList() throws Exception {
    long later = created(api.post("/api/v1/events", organiser, new JsonObject().put("title", "秋季赛")
        .put("startsOn", Dates.inDays(30)).put("endsOn", Dates.inDays(31))));
    long sooner = created(api.post("/api/v1/events", organiser, new JsonObject().put("title", "冬季赛")
        .put("startsOn", Dates.inDays(10)).put("endsOn", Dates.inDays(11))));
    long laterRun = api.createJudgedCompetition(organiser, later, "长跑", 10, 1);
    long soonerRun = api.createJudgedCompetition(organiser, sooner, "短跑", 10, 1);
    long soonerJump = api.createJudgedCompetition(organiser, sooner, "跳远", 10, 1);
    JsonObject person = api.signup("order@reg.test", "participant");
    String token = Api.token(person);
    long userId = person.getJsonObject("user").getLong("id");
    List<Long> ids = new ArrayList<>();
    for (long competition : List.of(laterRun, soonerRun, soonerJump)) {
      Response r = api.post("/api/v1/competitions/" + competition + "/entries", token, "{}", UUID.randomUUID().toString());
      assertEquals(201, r.status(), r.text());
      ids.add(r.json().getLong("id"));
    }
    List<Long> mine = new ArrayList<>();
    api.get("/api/v1/me/entries", token).json().getJsonArray("items").forEach(o -> mine.add(((JsonObject) o).getLong("id")));
    assertEquals(List.of(ids.get(1), ids.get(2), ids.get(0)), mine, "the earlier event's entries first");
    List<Long> followed = new ArrayList<>();
    gala.topics().snapshot("user:" + userId).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).data()
        .getJsonArray("entries").forEach(o -> followed.add(((JsonObject) o).getLong("id")));
    assertEquals(mine, followed, "the person's topic, delta by delta, lists them in the same order");
  }

  private static long created(Response r) {
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }
}
