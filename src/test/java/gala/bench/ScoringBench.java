package gala.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.Gala;
import gala.platform.DbLocation;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Score submissions through the HTTP API by many simulated judges across many competitions, each
 * stored durably (one transaction with its scoreboard delta) and pushed to the WebSocket clients
 * subscribed to that scoreboard. Half the competitions are scored at saturation (every judge back
 * to back: submissions/s), the other half at half that rate; for both it prints the
 * judge-to-subscriber latency p50/p99 (from just before the judge's request to the delta frame
 * arriving), and the same-run plain INSERT baseline with the ratio. Run: {@code mvn -Pbench test -Dtest=ScoringBench}; sizes via
 * -Dbench.competitions, -Dbench.judges, -Dbench.entries, -Dbench.subscribers, -Dbench.pool;
 * {@code -Dbench.jfr=/tmp/x.jfr} records the timed saturation alone (JFR "profile", every compilation), and
 * /tmp/x.jfr.warm.jfr everything from the warm-up on (which compilations and deoptimisations came when).
 */
class ScoringBench {
  private static final int COMPETITIONS = Integer.getInteger("bench.competitions", 20);
  private static final int JUDGES = Integer.getInteger("bench.judges", 5);
  private static final int ENTRIES = Integer.getInteger("bench.entries", 20);
  private static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 400);
  /** Connections of the node: writes to one competition queue on its lock holding a connection. */
  private static final int POOL = Integer.getInteger("bench.pool", 48);
  /**
   * Entries of each saturated competition: every judge marks each once, so this sets the timed
   * saturation's length (8,000 marks: tens of seconds when it was sized, about 5 s since session 13).
   */
  private static final int SATURATION_ENTRIES = Integer.getInteger("bench.saturationEntries", 8 * ENTRIES);
  /**
   * Warm-up competitions (as many as the saturated ones, with their own subscribers), scored at
   * saturation in rounds before the clock starts, until the JIT has compiled the write and fan-out
   * paths ({@link WarmUp}): a node at a meet runs for hours; a fresh JVM's first seconds measure
   * the compiler. 0 for none.
   */
  private static final int WARM_UP = Integer.getInteger("bench.warmUp", COMPETITIONS / 2);
  /**
   * At most this many warm-up rounds ({@link WarmUp#untilQuiet}): with 8, the JIT's compiler threads
   * still used a third of the JVM's CPU in the timed saturation.
   */
  private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmUpRounds", 16);
  /** Entries each warm-up board's judges mark per warm-up round. */
  private static final int WARM_UP_ENTRIES = Integer.getInteger("bench.warmUpEntries", 2 * ENTRIES);
  /**
   * Boards that start in each warm-up round (their own judges and subscribers, all their entries
   * marked in that round), beside the warm-up boards that go on from round to round: at a meet
   * competitions start all day, so a node has compiled a board's first marks (no board kept, a topic
   * and judge seen for the first time) into the same code as the later ones. With the warm-up boards
   * alone those branches ran once, before anything was compiled, and the timed boards' first marks
   * made the JIT throw away and compile again the whole write path inside the timed part (43
   * deoptimisations, 119 compilations, 1.5 s of compiler CPU in a 4 s saturation). 0 for none.
   */
  private static final int WARM_UP_FRESH = Integer.getInteger("bench.warmUpFresh", 2);

  @Test
  void scoreSubmissionsToSubscribers() throws Exception {
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db, "--instances=2", "--db-pool-size=" + POOL);
    CpuMeter cpu = new CpuMeter(db);
    Vertx clients = Vertx.vertx();
    try {
      Api api = new Api(gala.port());
      Reg reg = new Reg(api);
      String organiser = Api.token(api.signup("bench-org@bench.test", "organiser"));
      long event = api.createEvent(organiser, "Bench meet");
      List<Long> competitions = new ArrayList<>();
      List<Long> warmUps = new ArrayList<>();
      List<Long> fresh = new ArrayList<>(); // WARM_UP_FRESH per warm-up round, in round order
      Map<Long, List<Long>> entries = new ConcurrentHashMap<>();
      Map<Long, List<String>> judges = new ConcurrentHashMap<>();
      Map<Long, List<Long>> judgeIds = new ConcurrentHashMap<>();
      // Entries come in one import (CSV of name and competition, 500 rows to a transaction): one
      // registration at a time made the set-up the longest part of a run.
      StringBuilder csv = new StringBuilder("name,competition\n");
      // Judges sign up by 8 clients at once (sign-ups hash passwords): minutes one by one.
      java.util.concurrent.ExecutorService setup = java.util.concurrent.Executors.newFixedThreadPool(8);
      List<java.util.concurrent.Future<?>> made = new ArrayList<>();
      int freshBoards = WARM_UP > 0 ? WARM_UP_ROUNDS * WARM_UP_FRESH : 0;
      // The warm-up boards are made first, then the timed ones, then those starting in warm-up rounds:
      // ids are numbered in that order, so the warm-up's requests carry competition ids of one and
      // two digits and entry ids of up to four, as the timed ones do. Made timed first, the
      // saturation alone sent one-digit competition ids and entry ids under 1,000, which the node
      // parses (path parameters, bodies) on branches its warm-up never took: the JIT threw that code
      // away and compiled it again inside the timed part (jdk.Deoptimization, 2026-12-04). A node
      // at a meet has long seen ids of every length.
      List<Integer> order = new ArrayList<>();
      for (int c = COMPETITIONS; c < COMPETITIONS + WARM_UP; c++) {
        order.add(c);
      }
      for (int c = 0; c < COMPETITIONS; c++) {
        order.add(c);
      }
      for (int c = COMPETITIONS + WARM_UP; c < COMPETITIONS + WARM_UP + freshBoards; c++) {
        order.add(c);
      }
      for (int c : order) {
        boolean warm = c >= COMPETITIONS;
        boolean starting = c >= COMPETITIONS + WARM_UP;
        // The first half is scored at saturation, with more entries; the warm-up boards have a slice
        // per warm-up round, a board starting in a warm-up round one slice.
        int size = starting ? WARM_UP_ENTRIES : warm ? WARM_UP_ROUNDS * WARM_UP_ENTRIES
            : c < COMPETITIONS / 2 ? SATURATION_ENTRIES : ENTRIES;
        String name = (starting ? "F" : warm ? "W" : "C") + c;
        long id = api.createJudgedCompetition(organiser, event, name, size, JUDGES);
        (starting ? fresh : warm ? warmUps : competitions).add(id);
        for (int e = 0; e < size; e++) {
          csv.append('E').append(c).append('-').append(e).append(',').append(name).append('\n');
        }
        if (starting) {
          continue; // judged by warm-up judges (below): sign-ups are throttled per address
        }
        List<String> js = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        judges.put(id, js);
        judgeIds.put(id, ids);
        for (int j = 0; j < JUDGES; j++) {
          String email = "judge" + c + "-" + j + "@bench.test";
          made.add(setup.submit(() -> {
            JsonObject s = api.signup(email, "participant");
            api.assignJudge(organiser, id, Api.userId(s));
            js.add(Api.token(s));
            ids.add(Api.userId(s));
          }));
        }
      }
      for (java.util.concurrent.Future<?> m : made) {
        m.get(5, TimeUnit.MINUTES);
      }
      setup.shutdown();
      // A board starting in a warm-up round is judged by the judges of a warm-up board, new to this
      // board (the node has not seen them judge it).
      for (int f = 0; f < fresh.size(); f++) {
        long from = warmUps.get(f % warmUps.size());
        for (long judge : judgeIds.get(from)) {
          api.assignJudge(organiser, fresh.get(f), judge);
        }
        judges.put(fresh.get(f), judges.get(from));
      }
      Api.Response imported = reg.importCsv(organiser, event, null, csv.toString().getBytes(StandardCharsets.UTF_8));
      assertEquals(202, imported.status(), imported.text());
      JsonObject job = reg.awaitImport(organiser, imported.json().getLong("id"));
      assertEquals(0, job.getInteger("failed"), job.encode());
      for (long id : judges.keySet()) {
        List<Long> es = new ArrayList<>();
        Baseline.await(gala.database().pool().preparedQuery("SELECT id FROM entries WHERE competition_id = $1 ORDER BY id")
            .execute(io.vertx.sqlclient.Tuple.of(id))).forEach(r -> es.add(r.getLong(0)));
        entries.put(id, es);
      }

      // Subscribers, spread evenly over the scoreboards.
      // The warm-up's subscribers note their deltas as the timed ones do, in a queue of their own
      // (emptied each round): the same client code runs in both.
      ConcurrentLinkedQueue<long[]> arrivals = new ConcurrentLinkedQueue<>(); // {competition, version, nanos}
      ConcurrentLinkedQueue<long[]> warmArrivals = new ConcurrentLinkedQueue<>();
      List<Long> warmBoards = new ArrayList<>(warmUps);
      warmBoards.addAll(fresh);
      int warmSubscribers = warmBoards.size() * (SUBSCRIBERS / COMPETITIONS);
      WebSocketClient wsClient = clients.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(SUBSCRIBERS + warmSubscribers + 10));
      List<Future<WebSocket>> sockets = new ArrayList<>();
      for (int s = 0; s < SUBSCRIBERS + warmSubscribers; s++) {
        boolean warm = s >= SUBSCRIBERS;
        long competition = warm ? warmBoards.get(s % warmBoards.size()) : competitions.get(s % competitions.size());
        ConcurrentLinkedQueue<long[]> sink = warm ? warmArrivals : arrivals;
        Future<WebSocket> f = wsClient.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gala.port()).setURI("/ws"))
            .compose(ws -> {
              io.vertx.core.Promise<WebSocket> snapshot = io.vertx.core.Promise.promise();
              ws.textMessageHandler(text -> {
                long now = System.nanoTime();
                long version = deltaVersion(text);
                if (version >= 0) {
                  sink.add(new long[] {competition, version, now});
                } else if (text.startsWith("{\"type\":\"snapshot\"")) {
                  snapshot.tryComplete(ws);
                }
              });
              ws.writeTextMessage(new JsonObject().put("op", "subscribe").put("topic", "scoreboard:" + competition).encode());
              return snapshot.future();
            });
        sockets.add(f);
      }
      Baseline.await(Future.all(sockets));

      BenchHttp http = new BenchHttp(clients, gala.port(), COMPETITIONS * JUDGES);
      Map<String, ConcurrentLinkedQueue<Long>> started = new ConcurrentHashMap<>(); // "competition:version" -> nanos before each request it carries
      AtomicLong done = new AtomicLong();
      AtomicLong refused = new AtomicLong();
      List<Long> saturated = competitions.subList(0, competitions.size() / 2);
      List<Long> paced = competitions.subList(competitions.size() / 2, competitions.size());

      // Warm-up, not timed: the warm-up boards at saturation, as phase 1 will do, a fresh slice of
      // their entries per round, in rounds until the JIT has settled (gala.bench.WarmUp).
      // A recording's first start makes thousands of compiled methods not entrant at once (the JIT
      // compiles them all again): one with the same settings runs from before the warm-up, so the
      // timed one (the second) finds the code compiled as a recording-free run would.
      String jfrFile = System.getProperty("bench.jfr");
      jdk.jfr.Recording jfrWarm = profile(jfrFile);
      AtomicLong warmDone = new AtomicLong();
      // Each warm-up round's judges come over connections of their own (a new client per round, the
      // last round's closed): tablets connect and reconnect all day, and a node whose warm-up reused
      // its first connections met new ones first when the timed judges opened theirs, so Netty's and
      // Vert.x's code for a connection's first requests trapped and was compiled again in the timed
      // part (jdk.Deoptimization in Http1xServerConnection.responseComplete, VertxConnection.write,
      // the HTTP metrics' responseEnd, 2026-12-04).
      BenchHttp[] roundHttp = {null};
      String warmedUp = WarmUp.untilQuiet("ScoringBench", WARM_UP_ROUNDS, round -> {
        if (roundHttp[0] != null) {
          roundHttp[0].close(); // its round is over: nothing is in flight on it
        }
        BenchHttp warmHttp = roundHttp[0] = new BenchHttp(clients, gala.port(), COMPETITIONS * JUDGES, http);
        warmArrivals.clear();
        List<Future<Void>> marks = new ArrayList<>();
        // Each board's entries to mark this round: a warm-up board's slice (a copy, as the timed judges
        // walk a whole list: a subList would be another class at the same call), a starting board's all.
        Map<Long, List<Long>> walks = new java.util.LinkedHashMap<>();
        for (long w : warmUps) {
          walks.put(w, new ArrayList<>(entries.get(w).subList(round * WARM_UP_ENTRIES, (round + 1) * WARM_UP_ENTRIES)));
        }
        for (long f : fresh.subList(Math.min(fresh.size(), round * WARM_UP_FRESH), Math.min(fresh.size(), (round + 1) * WARM_UP_FRESH))) {
          walks.put(f, entries.get(f));
        }
        for (Map.Entry<Long, List<Long>> walk : walks.entrySet()) {
          long competition = walk.getKey();
          List<Long> slice = walk.getValue();
          for (String token : judges.get(competition)) {
            // Each round a judge opens its assignments first, as the timed judges do below: the node
            // sees the same mix of requests in the warm-up as in the timed part.
            marks.add(assignments(warmHttp, token).compose(status -> judgeLoop(warmHttp, competition, token, slice, 0,
                new Random(competition * 31 + token.hashCode() + round), new ConcurrentHashMap<>(), warmDone, refused)));
          }
        }
        return Future.all(marks);
      });
      if (roundHttp[0] != null) {
        Baseline.await(roundHttp[0].close()); // no idle warm-up connections beside the timed judges'
      }
      List<Future<Void>> loops = new ArrayList<>();
      long warmStored = warmDone.get();
      // Each timed judge's tablet opens its assignments first, as a judge does before scoring: the
      // node verifies a token's signature once and keeps it (gala.auth.SessionTokens), so the timed
      // phases measure marks, not the first sight of 100 tokens (about 1 ms of ES256 each).
      List<Future<Integer>> opened = new ArrayList<>();
      for (long competition : competitions) {
        for (String token : judges.get(competition)) {
          opened.add(assignments(http, token));
        }
      }
      Baseline.await(Future.all(opened));
      opened.forEach(o -> assertEquals(200, o.result(), "a judge's assignments"));

      // The baseline right before the saturation and again after it (Baseline.Bracket), on the same database and node.
      java.util.concurrent.Callable<Baseline.Bracket> baselineAfter = Baseline.bracket(db, 8, 5_000);
      long versionsBefore = scoreboardVersions(gala);
      // Phase 1, saturation: on half the competitions every judge walks its entries back to back.
      Statements.reset(db);
      long t0 = System.nanoTime();
      java.time.Instant saturationFrom = java.time.Instant.now();
      jdk.jfr.Recording jfr = profile(jfrFile);
      cpu.start();
      long compiles0 = WarmUp.compilations();
      for (long competition : saturated) {
        for (String token : judges.get(competition)) {
          loops.add(judgeLoop(http, competition, token, entries.get(competition), 0, new Random(competition * 31 + token.hashCode()),
              started, done, refused));
        }
      }
      Baseline.await(Future.all(loops));
      double seconds = (System.nanoTime() - t0) / 1e9;
      long doneSaturated = done.get();
      String cpuPerMark = cpu.per(doneSaturated, "submission");
      long compiledMeanwhile = WarmUp.compilations() - compiles0;
      if (jfr != null) {
        jfr.stop();
        jfr.dump(java.nio.file.Path.of(jfrFile));
        jfr.close();
        jfrWarm.stop();
        jfrWarm.dump(java.nio.file.Path.of(jfrFile + ".warm.jfr"));
        jfrWarm.close();
      }
      // Wall-clock bounds of the saturated phase, to cut a flight recording (JFR) to it.
      System.out.printf("ScoringBench: saturation ran %s .. %s%n", saturationFrom, java.time.Instant.now());
      String threads = cpu.threads();
      String dbProcesses = cpu.database();
      Statements.print(db, "ScoringBench (saturation)", 25);
      double tps = doneSaturated / seconds;
      Baseline.Bracket baseline = baselineAfter.call();

      // Phase 2, half saturation: the other competitions' marks at half that rate, evenly spaced.
      List<Object[]> queue = new ArrayList<>();
      for (int e = 0; e < ENTRIES; e++) {
        for (long competition : paced) {
          for (String token : judges.get(competition)) {
            queue.add(new Object[] {competition, token, entries.get(competition).get(e)});
          }
        }
      }
      double rate = Math.max(1, tps / 2);
      List<Future<Void>> sends = java.util.Collections.synchronizedList(new ArrayList<>());
      io.vertx.core.Promise<Void> allSent = io.vertx.core.Promise.promise();
      long t1 = System.nanoTime();
      clients.setPeriodic(1, timer -> {
        long due = Math.min(queue.size(), (long) ((System.nanoTime() - t1) / 1e9 * rate) + 1);
        while (sends.size() < due) {
          Object[] q = queue.get(sends.size());
          sends.add(submit(http, (Long) q[0], (String) q[1], (Long) q[2], new Random(sends.size()), started, done, refused));
        }
        if (sends.size() == queue.size()) {
          clients.cancelTimer(timer);
          allSent.complete();
        }
      });
      Baseline.await(allSent.future());
      Baseline.await(Future.all(new ArrayList<>(sends)));
      double pacedSeconds = (System.nanoTime() - t1) / 1e9;
      long expected = (long) saturated.size() * JUDGES * SATURATION_ENTRIES + (long) paced.size() * JUDGES * ENTRIES;

      // Let the last deltas land, then match them to their submissions.
      long deadline = System.currentTimeMillis() + 10_000;
      long perBoard = SUBSCRIBERS / COMPETITIONS;
      // One delta per version since the subscribers' snapshots (a batch of marks makes one version).
      long deltas = (scoreboardVersions(gala) - versionsBefore) * perBoard;
      while (arrivals.size() < deltas && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      java.util.Set<Long> saturatedSet = new java.util.HashSet<>(saturated);
      List<Long> latSaturated = new ArrayList<>();
      List<Long> latPaced = new ArrayList<>();
      for (long[] a : arrivals) {
        // A batch of marks makes one delta: each mark it carries is timed to that delta's arrival.
        for (long start : started.getOrDefault(a[0] + ":" + a[1], new ConcurrentLinkedQueue<>())) {
          (saturatedSet.contains(a[0]) ? latSaturated : latPaced).add(a[2] - start);
        }
      }
      long stored = Baseline.await(gala.database().pool().query("SELECT count(*) FROM scores").execute())
          .iterator().next().getLong(0) - warmStored;
      System.out.printf("ScoringBench: %d competitions x %d judges x %d entries (%d at saturation), %d subscribers, %d database "
          + "connections; warmed up with %d marks on %d other boards first, %d more starting in each round (%s)%n",
          COMPETITIONS, JUDGES, ENTRIES, SATURATION_ENTRIES, SUBSCRIBERS, POOL, warmStored, WARM_UP, fresh.isEmpty() ? 0 : WARM_UP_FRESH, warmedUp);
      System.out.printf("ScoringBench: saturation: %d submissions in %.2f s = %.0f submissions/s; latency %s%n",
          doneSaturated, seconds, tps, latency(latSaturated));
      System.out.printf("ScoringBench: saturation: %s%n", cpuPerMark);
      System.out.printf("ScoringBench: saturation, JVM threads: %s; %d methods compiled%n", threads, compiledMeanwhile);
      System.out.printf("ScoringBench: saturation, PostgreSQL processes: %s%n", dbProcesses);
      System.out.printf("ScoringBench: half saturation (%.0f/s offered): %d submissions in %.2f s; latency %s%n",
          rate, done.get() - doneSaturated, pacedSeconds, latency(latPaced));
      System.out.printf("ScoringBench: %d stored, %d refused, %d deltas received of %d expected (one per scoreboard version per subscriber)%s%n",
          stored, refused.get(), arrivals.size(), deltas, http.losses());
      System.out.printf("ScoringBench: saturation: %s%n", baseline.ratio(tps));
      System.out.printf("ScoringBench: box load at the end: %s%n", JudgeToScreenBench.load());
      assertEquals(expected, done.get(), "every submission was accepted");
      assertEquals(expected, stored, "every submission is stored once");
      assertEquals(deltas, arrivals.size(), "every delta reached every subscriber of its scoreboard");
    } finally {
      clients.close();
      TestGala.stop(gala);
    }
  }

  /**
   * A delta frame's version, read from the frame's head ({"type":"delta","topic":..,"version":N,..}
   * as gala.live.FanOut writes it), else -1. The subscribers share the server's two cores: parsing
   * every frame whole cost the box more than the server's fan-out of it (a ninth of the JVM's time);
   * SpectatorFleet reads frames the same way.
   */
  static long deltaVersion(String text) {
    if (!text.startsWith("{\"type\":\"delta\"")) {
      return -1;
    }
    int at = text.indexOf("\"version\":");
    if (at < 0) {
      return new JsonObject(text).getLong("version");
    }
    long v = 0;
    for (int i = at + 10; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
      v = v * 10 + (text.charAt(i) - '0');
    }
    return v;
  }

  /** A started "profile" recording that also keeps every compilation (not only those over 100 ms); null for no file. */
  private static jdk.jfr.Recording profile(String file) throws Exception {
    if (file == null) {
      return null;
    }
    jdk.jfr.Recording r = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
    r.enable("jdk.Compilation").withThreshold(java.time.Duration.ZERO);
    r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(Integer.getInteger("bench.jfrSampleMillis", 10)));
    r.start();
    return r;
  }

  /**
   * As a bigint: sum() of bigints is numeric, and Tuple.getLong on its BigDecimal right before the
   * saturation made the node's compiled getLong (every id it reads) trap on a class it had not seen.
   */
  private static long scoreboardVersions(Gala gala) throws Exception {
    return Baseline.await(gala.database().pool().query("SELECT coalesce(sum(version), 0)::bigint FROM topics WHERE name LIKE 'scoreboard:%'")
        .execute()).iterator().next().getLong(0);
  }

  private static String latency(List<Long> nanos) {
    long[] lat = nanos.stream().mapToLong(Long::longValue).toArray();
    return String.format("p50 %.1f ms, p99 %.1f ms over %d deltas", Baseline.percentile(lat.clone(), 50) / 1e6,
        Baseline.percentile(lat.clone(), 99) / 1e6, lat.length);
  }

  private static Future<Void> judgeLoop(BenchHttp http, long competition, String token, List<Long> entries, int i, Random random,
      Map<String, ConcurrentLinkedQueue<Long>> started, AtomicLong done, AtomicLong refused) {
    if (i == entries.size()) {
      return Future.succeededFuture();
    }
    return submit(http, competition, token, entries.get(i), random, started, done, refused)
        .compose(v -> judgeLoop(http, competition, token, entries, i + 1, random, started, done, refused));
  }

  /** A judge's tablet opening its assignments: the status. */
  private static Future<Integer> assignments(BenchHttp http, String token) {
    return http.send(client -> client.request(HttpMethod.GET, "/api/v1/me/judging")
        .compose(req -> req.putHeader("Authorization", "Bearer " + token).send())
        .compose(resp -> resp.body().map(b -> resp.statusCode())));
  }

  /** One mark through the HTTP API; remembers when it was sent under the scoreboard version it made. */
  private static Future<Void> submit(BenchHttp http, long competition, String token, long entry, Random random,
      Map<String, ConcurrentLinkedQueue<Long>> started, AtomicLong done, AtomicLong refused) {
    BigDecimal mark = BigDecimal.valueOf(700 + random.nextInt(300), 2);
    String body = new JsonObject().put("entryId", entry).put("value", mark).encode();
    String key = UUID.randomUUID().toString();
    long start = System.nanoTime();
    return http.send(client -> client.request(HttpMethod.POST, "/api/v1/competitions/" + competition + "/scores")
        .compose(req -> req.putHeader("content-type", "application/json").putHeader("Authorization", "Bearer " + token)
            .putHeader("Idempotency-Key", key).send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new BenchHttp.Answer(resp.statusCode(), b))))
        .map(resp -> {
          Buffer b = resp.body();
          if (resp.status() == 201) {
            started.computeIfAbsent(competition + ":" + new JsonObject(b).getLong("scoreboardVersion"),
                k -> new ConcurrentLinkedQueue<>()).add(start);
            done.incrementAndGet();
          } else {
            refused.incrementAndGet();
          }
          return (Void) null;
        });
  }
}
