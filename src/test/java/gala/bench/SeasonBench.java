package gala.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A season of data (issue 11): 1,000 events, 15,000 competitions, 500,000 entries and 2,000,000
 * judges' marks, generated in PostgreSQL with generate_series, then the reads a spectator and a
 * participant make, one at a time against one node: listEvents, listCompetitions, getScoreboard (a
 * competition's first read, which builds its live topic, and a later one), listMyEntries and a live
 * subscribe (until its snapshot is in). Goal: p99 <= 50 ms each. The same-run baseline is a primary
 * key lookup of one entry through the same PostgreSQL.
 * {@code mvn -Pbench test -Dtest=SeasonBench [-Dsamples=200]}
 */
class SeasonBench {
  static final int EVENTS = 1_000;
  static final int PER_EVENT = 15;
  static final int COMPETITIONS = EVENTS * PER_EVENT;
  static final int ENTRIES = 500_000;
  static final int JUDGES = 4; // marks per entry: 2,000,000 scores
  static final int FANS = 20;
  static final int SAMPLES = Integer.getInteger("samples", 200);

  @Test
  void aSeasonReadsAsFastAsOneMeet() throws Exception {
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db);
    Vertx vertx = Vertx.vertx();
    try {
      Api api = new Api(gala.port());
      long organiser = Api.userId(api.signup("org@season.bench", "organiser"));
      List<Long> judges = new ArrayList<>();
      for (int j = 0; j < JUDGES; j++) {
        judges.add(Api.userId(api.signup("judge" + j + "@season.bench", "participant")));
      }
      List<String> fans = new ArrayList<>();
      List<Long> fanIds = new ArrayList<>();
      for (int f = 0; f < FANS; f++) {
        JsonObject s = api.signup("fan" + f + "@season.bench", "participant");
        fans.add(Api.token(s));
        fanIds.add(Api.userId(s));
      }
      Pool pool = gala.database().pool();
      long t0 = System.nanoTime();
      generate(pool, organiser, judges, fanIds);
      double loadSeconds = (System.nanoTime() - t0) / 1e9;
      long scores = one(pool, "SELECT count(*) FROM scores");
      long entries = one(pool, "SELECT count(*) FROM entries");
      assertEquals((long) ENTRIES * JUDGES, scores);
      assertEquals(ENTRIES, entries);

      // Spectators read anonymously, so they sample the public events (one in ten is private: 404 to them).
      List<Long> publicEvents = ids(pool, "SELECT id FROM events WHERE title LIKE 'Season %' AND is_public ORDER BY id");
      List<Long> publicComps = ids(pool, "SELECT c.id FROM competitions c JOIN events e ON e.id = c.event_id "
          + "WHERE e.title LIKE 'Season %' AND e.is_public ORDER BY c.id");
      Random random = new Random(11);
      List<Long> events = new ArrayList<>();
      List<Long> comps = new ArrayList<>();
      for (int i = 0; i < SAMPLES; i++) {
        events.add(publicEvents.get(random.nextInt(publicEvents.size())));
        comps.add(publicComps.get(random.nextInt(publicComps.size())));
      }

      long[] listEvents = time(SAMPLES, i -> ok(api.get("/api/v1/events", null)));
      long[] listCompetitions = time(SAMPLES, i -> ok(api.get("/api/v1/events/" + events.get(i) + "/competitions", null)));
      long[] boardFirst = time(SAMPLES, i -> ok(api.get("/api/v1/competitions/" + comps.get(i) + "/scoreboard", null)));
      long[] boardAgain = time(SAMPLES, i -> ok(api.get("/api/v1/competitions/" + comps.get(i) + "/scoreboard", null)));
      long[] myEntries = time(SAMPLES, i -> ok(api.get("/api/v1/me/entries", fans.get(i % FANS))));
      long[] subscribe = subscribeTimes(vertx, gala.port(), comps);
      // A season's competitions that nobody opened yet: their first subscribe builds the topic.
      List<Long> cold = new ArrayList<>();
      for (int i = 0; i < SAMPLES; i++) {
        cold.add(publicComps.get(random.nextInt(publicComps.size())));
      }
      long[] subscribeCold = subscribeTimes(vertx, gala.port(), cold);
      long[] baseline = pkLookups(pool, SAMPLES);

      System.out.printf("%nSeasonBench: %d events, %d competitions, %d entries, %d scores generated in %.0f s; "
          + "%d sequential reads each against one node%n", EVENTS, COMPETITIONS, entries, scores, loadSeconds, SAMPLES);
      print("listEvents (all visible events)", listEvents);
      print("listCompetitions (one event)", listCompetitions);
      print("getScoreboard (first read: builds the topic)", boardFirst);
      print("getScoreboard (again)", boardAgain);
      print("listMyEntries (25 entries over the season)", myEntries);
      print("subscribe to a scoreboard read before, until its snapshot", subscribe);
      print("subscribe to a scoreboard nobody opened yet", subscribeCold);
      print("same-run baseline: one entry by primary key, straight to PostgreSQL", baseline);
      System.out.println("  goal: p99 <= 50 ms for every read above");
    } finally {
      await(vertx.close());
      TestGala.stop(gala);
    }
  }

  /** The season, in a few set-based statements (what COPY would load, made up in the database). */
  static void generate(Pool pool, long organiser, List<Long> judges, List<Long> fans) throws Exception {
    exec(pool, "INSERT INTO events (title, starts_on, ends_on, is_public, created_by) "
        // A season around today (half past, half to come), whenever the bench runs.
        + "SELECT 'Season ' || g, current_date - 180 + (g % 360), current_date - 180 + (g % 360) + (g % 3), g % 10 <> 0, $1 "
        + "FROM generate_series(1, " + EVENTS + ") g", Tuple.of(organiser));
    exec(pool, "INSERT INTO event_organisers (event_id, user_id) SELECT id, $1 FROM events WHERE title LIKE 'Season %'",
        Tuple.of(organiser));
    exec(pool, "INSERT INTO units (event_id, name) SELECT e.id, 'Unit ' || u FROM events e, generate_series(1, 10) u "
        + "WHERE e.title LIKE 'Season %' ORDER BY e.id, u", Tuple.tuple());
    exec(pool, "INSERT INTO competitions (event_id, name, capacity, format) "
        + "SELECT e.id, 'Discipline ' || c, 100, '{\"type\":\"judged\",\"aggregate\":\"mean\",\"judges\":" + JUDGES
        + ",\"min\":0,\"max\":10,\"decimals\":2}'::jsonb FROM events e, generate_series(1, " + PER_EVENT + ") c "
        + "WHERE e.title LIKE 'Season %' ORDER BY e.id, c", Tuple.tuple());
    exec(pool, "INSERT INTO competition_judges (competition_id, user_id, assigned_by) "
        + "SELECT c.id, j, $1 FROM competitions c, unnest($2::bigint[]) j", Tuple.of(organiser, (Object) judges.toArray(Long[]::new)));
    // Entries spread evenly over the competitions, each in one of its event's units; checkin codes made up
    // here (unique) instead of the per-row default, which looks each one up.
    exec(pool, "WITH c AS (SELECT id, event_id, row_number() OVER (ORDER BY id) - 1 AS k FROM competitions), "
        + "n AS (SELECT count(*) AS total FROM c), "
        + "u AS (SELECT id, event_id, row_number() OVER (PARTITION BY event_id ORDER BY id) - 1 AS j FROM units) "
        + "INSERT INTO entries (competition_id, unit_id, display_name, status, created_by, checkin_code) "
        + "SELECT c.id, u.id, 'Athlete ' || g, 'CONFIRMED', $1, 'S' || g "
        + "FROM generate_series(0, " + (ENTRIES - 1) + ") g CROSS JOIN n JOIN c ON c.k = g % n.total JOIN u ON u.event_id = c.event_id AND u.j = g % 10",
        Tuple.of(organiser));
    // Each fan holds 25 entries across the season.
    exec(pool, "WITH f AS (SELECT fan, row_number() OVER () - 1 AS i FROM unnest($1::bigint[]) fan), "
        + "pick AS (SELECT e.id, f.fan FROM f, LATERAL (SELECT id FROM entries WHERE id % 20000 = f.i * 997 % 20000 "
        + "ORDER BY id LIMIT 25) e) UPDATE entries SET user_id = pick.fan, owner_id = pick.fan FROM pick WHERE entries.id = pick.id",
        Tuple.of(fans.toArray(Long[]::new)));
    exec(pool, "INSERT INTO scores (competition_id, entry_id, judge_id, value, entered_by) "
        + "SELECT e.competition_id, e.id, j, round((random() * 10)::numeric, 2), j FROM entries e, unnest($1::bigint[]) j "
        + "WHERE e.display_name LIKE 'Athlete %'", Tuple.of(judges.toArray(Long[]::new)));
    exec(pool, "ANALYZE", Tuple.tuple());
  }

  interface Call {
    void run(int i) throws Exception;
  }

  static long[] time(int n, Call call) throws Exception {
    call.run(0); // the first of each kind warms the code path
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      call.run(i);
      out[i] = System.nanoTime() - t;
    }
    return out;
  }

  static void ok(Api.Response r) {
    assertEquals(200, r.status(), r.text());
  }

  /** From the subscribe frame to its snapshot frame, over sockets of 40 subscriptions each (the frame rate cap). */
  static long[] subscribeTimes(Vertx vertx, int port, List<Long> competitions) throws Exception {
    long[] out = new long[competitions.size()];
    WebSocket ws = null;
    AtomicReference<Promise<Void>> waiting = new AtomicReference<>();
    for (int i = 0; i < competitions.size(); i++) {
      if (i % 40 == 0) {
        if (ws != null) {
          ws.close();
        }
        ws = await(vertx.createWebSocketClient().connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
            .setURI("/ws")));
        ws.textMessageHandler(text -> {
          Promise<Void> p = waiting.get();
          if (p != null && (text.startsWith("{\"type\":\"snapshot\"") || text.startsWith("{\"type\":\"error\""))) {
            assertTrue(text.startsWith("{\"type\":\"snapshot\""), text);
            p.tryComplete();
          }
        });
      }
      String topic = "scoreboard:" + competitions.get(i);
      Promise<Void> p = Promise.promise();
      waiting.set(p);
      long t = System.nanoTime();
      ws.writeTextMessage("{\"op\":\"subscribe\",\"topic\":\"" + topic + "\"}");
      await(p.future());
      out[i] = System.nanoTime() - t;
      waiting.set(null);
      ws.writeTextMessage("{\"op\":\"unsubscribe\",\"topic\":\"" + topic + "\"}");
    }
    if (ws != null) {
      ws.close();
    }
    return out;
  }

  static long[] pkLookups(Pool pool, int n) throws Exception {
    Random random = new Random(5);
    long min = one(pool, "SELECT min(id) FROM entries");
    return time(n, i -> await(pool.preparedQuery("SELECT * FROM entries WHERE id = $1")
        .execute(Tuple.of(min + random.nextInt(ENTRIES)))));
  }

  static void print(String what, long[] nanos) {
    System.out.printf("  %-62s p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", what,
        Baseline.percentile(nanos.clone(), 50) / 1e6, Baseline.percentile(nanos.clone(), 99) / 1e6,
        Baseline.percentile(nanos.clone(), 100) / 1e6);
  }

  static void exec(Pool pool, String sql, Tuple args) throws Exception {
    await(pool.preparedQuery(sql).execute(args));
  }

  static long one(Pool pool, String sql) throws Exception {
    return await(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  static List<Long> ids(Pool pool, String sql) throws Exception {
    List<Long> out = new ArrayList<>();
    await(pool.query(sql).execute()).forEach(r -> out.add(r.getLong(0)));
    return out;
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.MINUTES);
  }
}
