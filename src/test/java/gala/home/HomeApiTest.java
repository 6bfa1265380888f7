package gala.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.ApiTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The home page's one call: events by status, private ones only to their organisers, my entries and seats. */
class HomeApiTest extends ApiTestBase {
  static Reg reg;

  @BeforeAll
  static void setUp() {
    reg = new Reg(api);
  }

  private static long event(String token, String title, LocalDate starts, LocalDate ends, boolean isPublic) {
    return api.post("/api/v1/events", token, new JsonObject().put("title", title).put("startsOn", starts.toString())
        .put("endsOn", ends.toString()).put("public", isPublic)).json().getLong("id");
  }

  @Test
  void theHomePageShowsLiveAndUpcomingEventsAndWhatThePersonDoesInThem() {
    LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
    String org = Api.token(api.signup("org@home.test", "organiser"));
    long past = event(org, "去年的运动会", today.minusDays(30), today.minusDays(29), true);
    long live = event(org, "今天的运动会", today.minusDays(1), today.plusDays(1), true);
    long upcoming = event(org, "下月的联谊", today.plusDays(30), today.plusDays(30), true);
    long hidden = event(org, "内部测试", today.plusDays(2), today.plusDays(2), false);
    long comp = api.createJudgedCompetition(org, live, "拔河", 10, 1);
    long judged = api.createJudgedCompetition(org, live, "演讲", 10, 1);
    JsonObject person = api.signup("athlete@home.test", "participant");
    assertEquals(201, reg.register(Api.token(person), comp, new JsonObject()).status());
    api.assignJudge(org, judged, Api.userId(person));

    JsonObject anonymous = api.get("/api/v1/home", null).json();
    assertEquals(List.of(live, upcoming), ids(anonymous.getJsonArray("events")), "soonest first; private and past left out");
    assertEquals(List.of("live", "upcoming"), statuses(anonymous.getJsonArray("events")));
    assertEquals(List.of(past), ids(anonymous.getJsonArray("recent")));
    assertEquals("past", anonymous.getJsonArray("recent").getJsonObject(0).getString("status"));
    assertNull(anonymous.getValue("me"));
    assertTrue(anonymous.getJsonArray("myEntries").isEmpty());

    JsonObject mine = api.get("/api/v1/home", Api.token(person)).json();
    assertEquals(List.of(live, upcoming), ids(mine.getJsonArray("events")));
    JsonObject entry = mine.getJsonArray("myEntries").getJsonObject(0);
    assertEquals(comp, entry.getLong("competitionId"));
    assertEquals("拔河", entry.getString("competition"));
    assertEquals(judged, mine.getJsonArray("judging").getJsonObject(0).getLong("competitionId"));
    assertEquals("athlete@home.test", mine.getJsonObject("me").getString("email"));

    JsonObject organiser = api.get("/api/v1/home", org).json();
    assertEquals(List.of(live, hidden, upcoming), ids(organiser.getJsonArray("events")), "an organiser sees their private event");
    assertTrue(organiser.getJsonArray("judging").isEmpty());
    assertFalse(organiser.getJsonObject("me").getJsonObject("roles").getJsonArray("organiserOf").isEmpty());

    assertEquals(List.of(upcoming), ids(api.get("/api/v1/events?when=upcoming", null).json().getJsonArray("items")));
    assertEquals(List.of(live), ids(api.get("/api/v1/events?when=live", null).json().getJsonArray("items")));
    assertEquals(List.of(past), ids(api.get("/api/v1/events?when=past", null).json().getJsonArray("items")));
    assertEquals(400, api.get("/api/v1/events?when=someday", null).status());
  }

  private static List<Long> ids(JsonArray events) {
    List<Long> out = new ArrayList<>();
    events.forEach(o -> out.add(((JsonObject) o).getLong("id")));
    return out;
  }

  private static List<String> statuses(JsonArray events) {
    List<String> out = new ArrayList<>();
    events.forEach(o -> out.add(((JsonObject) o).getString("status")));
    return out;
  }
}
