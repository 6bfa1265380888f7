package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.Dates;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bursts of registrations larger than the capacity (and than a unit's quota) fired at two
 * clustered nodes sharing one database: never one entry too many, waitlist gap-free.
 */
class BurstAcrossNodesTest {
  static Gala nodeA;
  static Gala nodeB;
  static Reg a;
  static Reg b;
  static String organiser;
  static long event;

  @BeforeAll
  static void startTwoNodes() {
    DbLocation db = TestDatabase.fresh();
    List<Gala> nodes = TestGala.startClustered(db);
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
    a = new Reg(new Api(nodeA.port()));
    b = new Reg(new Api(nodeB.port()));
    organiser = Api.token(a.signup("org@burst.test", "organiser", null));
    event = RegistrationRulesApiTest.created(a.api().post("/api/v1/events", organiser,
        new JsonObject().put("title", "抢报").put("startsOn", Dates.inDays(0)).put("endsOn", Dates.inDays(1))));
  }

  @AfterAll
  static void stop() {
    TestGala.stop(nodeB);
    TestGala.stop(nodeA);
  }

  @Test
  void aBurstOverTwoNodesConfirmsExactlyCapacityAndWaitlistsTheRestGapFree() throws Exception {
    int capacity = 7;
    int people = 30;
    long comp = a.competition(organiser, event, new JsonObject().put("capacity", capacity));
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      tokens.add(Api.token((i % 2 == 0 ? a : b).signup("p" + i + "@burst.test", "participant", null)));
    }
    List<Response> answers = fire(people, i -> (i % 2 == 0 ? a : b).register(tokens.get(i), comp, new JsonObject()));
    answers.forEach(r -> assertEquals(201, r.status(), r.text()));
    assertEquals(capacity, answers.stream().filter(r -> "CONFIRMED".equals(r.json().getString("status"))).count());
    JsonArray waitlist = b.entries(comp, "status=WAITLISTED");
    assertEquals(IntStream.rangeClosed(1, people - capacity).boxed().toList(), WaitlistAndCheckinApiTest.positions(waitlist));
    assertEquals(capacity, a.entries(comp, "status=CONFIRMED").size());
    assertEquals(capacity, a.api().scoreboard(comp).getJsonObject("data").getJsonArray("rows").size());
  }

  @Test
  void aBurstFromOneUnitOverTwoNodesStopsExactlyAtTheQuota() throws Exception {
    int quota = 3;
    int tries = 16;
    long unit = RegistrationRulesApiTest.created(a.api().post("/api/v1/events/" + event + "/units", organiser,
        new JsonObject().put("name", "市税务局")));
    long comp = a.competition(organiser, event, new JsonObject().put("capacity", 100).put("unitQuota", quota));
    List<Response> answers = fire(tries, i -> (i % 2 == 0 ? a : b).register(organiser, comp,
        new JsonObject().put("displayName", "选手" + i).put("unitId", unit)));
    assertEquals(quota, answers.stream().filter(r -> r.status() == 201).count());
    answers.stream().filter(r -> r.status() != 201).forEach(r -> assertEquals("UNIT_QUOTA_REACHED", r.errorCode(), r.text()));
    assertEquals(quota, b.entries(comp, "unitId=" + unit).size());
  }

  @Test
  void aRetriedBurstWithTheSameKeysWritesNothingTwice() throws Exception {
    long comp = a.competition(organiser, event, new JsonObject().put("capacity", 50));
    List<String> keys = IntStream.range(0, 12).mapToObj(i -> UUID.randomUUID().toString()).toList();
    Callable<List<Response>> round = () -> fire(24, i -> (i % 2 == 0 ? a : b).api().post(
        "/api/v1/competitions/" + comp + "/entries", organiser,
        new JsonObject().put("displayName", "重试" + (i % 12)).encode(), keys.get(i % 12)));
    List<Response> answers = round.call();
    answers.addAll(round.call());
    // A twin waits for the first request under its key (on either node) and gets its reply.
    java.util.Map<Integer, Long> entryOfKey = new java.util.HashMap<>();
    for (int i = 0; i < answers.size(); i++) {
      Response r = answers.get(i);
      assertEquals(201, r.status(), "a retry gets the first answer: " + r.text());
      Long before = entryOfKey.putIfAbsent(i % 12, r.json().getLong("id"));
      if (before != null) {
        assertEquals(before, r.json().getLong("id"), "one entry per key");
      }
    }
    assertEquals(12, a.entries(comp, null).size());
  }

  interface Call {
    Response call(int i);
  }

  static List<Response> fire(int n, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit(() -> call.call(k)));
      }
      List<Response> out = new ArrayList<>();
      for (Future<Response> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }
}
