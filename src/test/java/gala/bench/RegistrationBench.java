package gala.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.Gala;
import gala.platform.DbLocation;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.Dates;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The registration burst of a city sports meet: 5,500 athletes from 94 units into 14 competitions
 * (more athletes than places, so the waitlists fill too), sent through the HTTP API by the units'
 * contacts with many concurrent clients. Prints throughput, p50/p99 latency, the overbooked count
 * (must be 0), and the same-run baseline of plain single-row INSERT transactions.
 * Run: {@code mvn -Pbench test -Dtest=RegistrationBench}; with {@code -Dbench.jfr=/tmp/x.jfr} a JFR
 * recording ("profile" settings) of the timed burst (the events after the time it prints), to see
 * where a registration's CPU goes; src/test/scripts/jfr_split.py FILE splits its samples.
 */
class RegistrationBench {
  static final int ATHLETES = 5500;
  static final int UNITS = 94;
  static final int COMPETITIONS = 14;
  static final int CAPACITY = 350; // 4,900 places for 5,500 athletes: about 600 waitlisted
  static final int UNIT_QUOTA = 10; // each unit enters 8 or 9 athletes per competition
  static final int WARM_UP = Integer.getInteger("bench.warmUp", 2800); // registrations (then as many reads) per warm-up round
  static final int CLIENTS = Integer.getInteger("bench.clients", 64);
  static final int POOL = Integer.getInteger("bench.pool", 16); // connections per node, and the baseline's clients

  @Test
  void burst() throws Exception {
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db, "--instances=2", "--db-pool-size=" + POOL);
    try {
      Api api = new Api(gala.port());
      Reg reg = new Reg(api);
      String organiser = Api.token(reg.signup("org@bench.test", "organiser", null));
      long event = api.post("/api/v1/events", organiser, new JsonObject().put("title", "2026年市职工运动会")
          .put("startsOn", Dates.inDays(0)).put("endsOn", Dates.inDays(1))).json().getLong("id");
      List<Long> competitions = new ArrayList<>();
      for (int c = 0; c < COMPETITIONS; c++) {
        competitions.add(reg.competition(organiser, event, new JsonObject().put("name", "项目" + (c + 1))
            .put("capacity", CAPACITY).put("unitQuota", UNIT_QUOTA)));
      }
      // Each unit's contact signs up (passwords are Argon2id: done in parallel, before the clock starts).
      List<Long> units = new ArrayList<>();
      List<String> contacts = new ArrayList<>();
      ExecutorService setup = Executors.newFixedThreadPool(4);
      List<java.util.concurrent.Future<String>> signups = new ArrayList<>();
      for (int u = 0; u < UNITS; u++) {
        int k = u;
        signups.add(setup.submit(() -> Api.token(reg.signup("unit" + k + "@bench.test", "participant", null))));
      }
      for (int u = 0; u < UNITS; u++) {
        contacts.add(signups.get(u).get());
        units.add(api.post("/api/v1/events/" + event + "/units", organiser, new JsonObject().put("name", "单位" + u)
            .put("contactEmail", "unit" + u + "@bench.test")).json().getLong("id"));
      }
      setup.shutdown();

      // The units' contacts' phones: CLIENTS connections, each sending its next registration when the
      // last is answered (a Vert.x client, so the load generator does not spend the shared CPU on threads).
      Vertx phones = Vertx.vertx();
      BenchHttp http = new BenchHttp(phones, gala.port(), CLIENTS);
      long[] latencies = new long[ATHLETES];
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
      // A server that has run for a while: the JIT has compiled the registration path (on a cold JVM
      // the compiler ran through the whole burst). Each round fills new competitions the way the burst
      // fills its own (the last eighth waitlisted), so the same branches are compiled; the reads come first, so a round ends as the burst begins.
      // JFR's start retransforms classes, which sends the JIT recompiling for seconds: a first
      // recording from before the warm-up takes that out of the burst's.
      String jfrFile = System.getProperty("bench.jfr");
      jdk.jfr.Recording jfrWarmUp = null;
      if (jfrFile != null) {
        jfrWarmUp = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        jfrWarmUp.setToDisk(false);
        jfrWarmUp.start();
      }
      // Up to 16 rounds: after 8 the compiler threads still used 40% of a round, and in the burst
      // half the JVM's CPU (2.5-3.5 s of 5-7 s); after 15 rounds they were under a tenth (1.1 s).
      // Each round is followed by an idle pause that lets the JIT drain its queue (WarmUp.untilQuiet):
      // without, the compiler threads still took 1.0-2.1 s of the burst's 2.6-4.1 s of JVM CPU
      // (2026-12-03, 44-127 compilations in the last round, which read "settled" by CPU share alone).
      WarmUp.untilQuiet("RegistrationBench", Integer.getInteger("bench.warmUpRounds", 16), round -> {
        List<Long> warmUps = new ArrayList<>();
        for (int c = 0; c < COMPETITIONS; c++) {
          warmUps.add(reg.competition(organiser, event, new JsonObject().put("name", "热身" + round + "-" + c)
              .put("capacity", WARM_UP * 7 / 8 / COMPETITIONS)
              .put("unitQuota", UNIT_QUOTA)));
        }
        // Noted as the burst notes its registrations (into sinks of the round's own): the client's
        // code the burst runs is compiled too (parsing the answers: 0.5 s of the burst's JIT before).
        // The reads first: a round ends as the burst begins, with registrations.
        return Baseline.closedLoops(CLIENTS, WARM_UP, k -> HttpCeilingBench.read(http, event, contacts.get(k % UNITS)))
            .compose(v -> Baseline.closedLoops(CLIENTS, WARM_UP, registrations(http, warmUps, "热身" + round + "-", units, contacts,
                new long[WARM_UP], new ConcurrentHashMap<>(), new ConcurrentHashMap<>())));
      });
      // The baseline right before the burst and again after it (Baseline.Bracket).
      java.util.concurrent.Callable<Baseline.Bracket> baselineAfter = Baseline.bracket(db, POOL, 5_000);
      Statements.reset(db);
      jdk.jfr.Recording jfr = null;
      if (jfrFile != null) {
        jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        jfr.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
        jfr.enable("jdk.Compilation").withThreshold(Duration.ZERO);
        jfr.start();
        // The file also holds the warm-up recording's last chunk: the burst's events are those after this.
        System.out.println("RegistrationBench: JFR records the burst from " + java.time.Instant.now() + " into " + jfrFile);
        jfrWarmUp.stop();
        jfrWarmUp.close();
      }
      CpuMeter cpu = new CpuMeter(db);
      cpu.start();
      long start = System.nanoTime();
      // Clicks arrive mixed over competitions and units, as when registration opens for everyone.
      Baseline.await(Baseline.closedLoops(CLIENTS, ATHLETES,
          registrations(http, competitions, "运动员", units, contacts, latencies, statuses, outcomes)));
      double seconds = (System.nanoTime() - start) / 1e9;
      String cpuPer = cpu.per(ATHLETES, "registration");
      if (jfr != null) {
        jfr.stop();
        jfr.dump(java.nio.file.Path.of(jfrFile));
        jfr.close();
      }
      System.out.println("RegistrationBench JVM threads during the burst: " + cpu.threads());
      Statements.print(db, "RegistrationBench", 25);
      // Checkpoints that fell due while the node was saturated wait for it (TopicLog): their work
      // comes after the burst, and is counted here, not left to the next measurement.
      int deferred = gala.topics().deferredCheckpoints();
      String cpuDeferred = "none";
      if (deferred > 0) {
        cpu.start();
        long d0 = System.nanoTime();
        for (int i = 0; i < 1200 && gala.topics().deferredCheckpoints() > 0; i++) {
          Thread.sleep(50);
        }
        cpuDeferred = String.format("%d, written in %.1f s after it, %s", deferred, (System.nanoTime() - d0) / 1e9,
            cpu.per(ATHLETES, "registration of the burst"));
      }
      // What the same clients get from the HTTP API when a request does next to nothing: a signed-in
      // read of the event (token, access check, one row). No registration can be faster than this.
      cpu.start();
      long c0 = System.nanoTime();
      Baseline.await(Baseline.closedLoops(CLIENTS, ATHLETES, k -> HttpCeilingBench.read(http, event, contacts.get(k % UNITS))));
      double ceiling = ATHLETES / ((System.nanoTime() - c0) / 1e9);
      String cpuCeiling = cpu.per(ATHLETES, "read");
      phones.close();

      long overbooked;
      long quotaExceeded;
      long waitlistGaps;
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
        overbooked = count(s, "SELECT coalesce(sum(greatest(n - capacity, 0)), 0) FROM (SELECT c.capacity, count(e.id) AS n "
            + "FROM competitions c LEFT JOIN entries e ON e.competition_id = c.id AND e.status IN ('CONFIRMED', 'CHECKED_IN') "
            + "GROUP BY c.id) x");
        // Each competition against its own quota (the warm-up competitions have a larger one).
        quotaExceeded = count(s, "SELECT coalesce(sum(greatest(x.n - c.unit_quota, 0)), 0) FROM (SELECT competition_id, "
            + "count(*) AS n FROM entries WHERE status <> 'WITHDRAWN' AND unit_id IS NOT NULL GROUP BY competition_id, unit_id) x "
            + "JOIN competitions c ON c.id = x.competition_id");
        waitlistGaps = count(s, "SELECT count(*) FROM (SELECT competition_id, max(waitlist_position) AS top, count(*) AS n, "
            + "count(DISTINCT waitlist_position) AS d FROM entries WHERE status = 'WAITLISTED' GROUP BY competition_id) x "
            + "WHERE top <> n OR d <> n");
      }
      double tps = ATHLETES / seconds;
      Baseline.Bracket baseline = baselineAfter.call();
      System.out.printf("%nRegistrationBench: %d athletes, %d units, %d competitions (capacity %d, unit quota %d), %d clients%n",
          ATHLETES, UNITS, COMPETITIONS, CAPACITY, UNIT_QUOTA, CLIENTS);
      System.out.printf("  responses: %s  outcomes: %s%n", statuses, outcomes);
      System.out.printf("  throughput: %.0f registrations/s (%.1f s)%n", tps, seconds);
      System.out.printf("  latency: p50 %.1f ms, p99 %.1f ms%n", Baseline.percentile(latencies.clone(), 50) / 1e6,
          Baseline.percentile(latencies.clone(), 99) / 1e6);
      System.out.printf("  %s%n", cpuPer);
      System.out.printf("  checkpoints deferred past the burst: %s%n", cpuDeferred);
      System.out.printf("  overbooked entries: %d, unit quota exceeded: %d, competitions with waitlist gaps: %d%n",
          overbooked, quotaExceeded, waitlistGaps);
      System.out.printf("  %s%n", baseline.ratio(tps));
      System.out.printf("  HTTP ceiling (same clients, same run): %.0f signed-in reads of the event/s = %.2f of the baseline; "
          + "registrations are %.2f of it (%s)%s%n%n", ceiling, ceiling / baseline.mean(), tps / ceiling, cpuCeiling,
          http.losses());
      assertEquals(0, overbooked, "overbooked");
      assertEquals(0, quotaExceeded, "unit quota exceeded");
      assertEquals(0, waitlistGaps, "waitlist gaps");
      assertEquals(ATHLETES, statuses.getOrDefault(201, new AtomicInteger()).get(), "every athlete got an answer: " + statuses);
    } finally {
      TestGala.stop(gala);
    }
  }

  /**
   * The k-th registration of a round: athlete k, into competition k mod their number, from unit k mod
   * 94, its latency, status and outcome noted; the warm-up and the burst run this same code.
   */
  private static java.util.function.IntFunction<Future<?>> registrations(BenchHttp http, List<Long> competitions, String names,
      List<Long> units, List<String> contacts, long[] latencies, Map<Integer, AtomicInteger> statuses,
      Map<String, AtomicInteger> outcomes) {
    return k -> {
      int unit = k % UNITS;
      long t0 = System.nanoTime();
      return register(http, competitions.get(k % competitions.size()), names + k, units.get(unit), contacts.get(unit))
          .map(r -> {
            io.vertx.core.buffer.Buffer b = r.body();
            latencies[k] = System.nanoTime() - t0;
            statuses.computeIfAbsent(r.status(), x -> new AtomicInteger()).incrementAndGet();
            JsonObject json = new JsonObject(b);
            String outcome = r.status() == 201 ? json.getString("status") : json.getJsonObject("error").getString("code");
            outcomes.computeIfAbsent(outcome, x -> new AtomicInteger()).incrementAndGet();
            return (Void) null;
          });
    };
  }

  /** A registration, sent again with its key if the bench's client loses it ({@link BenchHttp}); its status and body. */
  private static Future<BenchHttp.Answer> register(BenchHttp http, long competition, String name, long unit, String token) {
    String body = new JsonObject().put("displayName", name).put("unitId", unit).encode();
    String key = UUID.randomUUID().toString();
    return http.send(client -> client.request(HttpMethod.POST, "/api/v1/competitions/" + competition + "/entries")
        .compose(req -> req.putHeader("content-type", "application/json").putHeader("Authorization", "Bearer " + token)
            .putHeader("Idempotency-Key", key).send(body))
        .compose(r -> r.body().map(b -> new BenchHttp.Answer(r.statusCode(), b))));
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
