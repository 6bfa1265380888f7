package gala.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.Gala;
import gala.platform.DbLocation;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Judge to screen at half saturation (issue 11): 10,000 spectators over 50 scoreboards (200 each,
 * in child JVMs, see {@link SpectatorFleet}), one judge per competition. First the judges go flat
 * out in warm-up rounds until the JIT has settled ({@link WarmUp}), then for a few seconds more: that
 * rate is saturation (with the spectators attached). Then each judge
 * marks at a fixed pace, half of it in all, and every spectator's arrival of every delta is timed
 * from when the mark was due to be sent (so a slow answer does not hide its own delay). Goal: p99 <=
 * 100 ms and every delta delivered to every spectator. The two halves are printed apart too: the
 * write (sent to acknowledged, the judge's wait) and the delivery (acknowledged to on each screen;
 * negative when the screen got the delta before the judge's tablet got its answer). Same-run
 * baseline: plain single-row INSERT transactions/s on the same PostgreSQL.
 * {@code mvn -Pbench test -Dtest=JudgeToScreenBench [-Dspectators=10000] [-Dseconds=20]}
 */
class JudgeToScreenBench {
  static final int SPECTATORS = Integer.getInteger("spectators", 10_000);
  static final int BOARDS = 50;
  static final int SATURATION_SECONDS = 8;
  static final int SECONDS = Integer.getInteger("seconds", 20);
  /** Enough for the warm-up rounds, the saturation and the paced phase: each judge marks each athlete once. */
  static final int ATHLETES_PER_BOARD = 250;
  /** Length of one warm-up round, judges flat out on the same boards (spectators attached). */
  static final int WARM_UP_ROUND_SECONDS = 3;
  static final int PROCESSES = Math.max(1, (SPECTATORS + 7_999) / 8_000);

  @Test
  void judgeToScreenAtHalfSaturation() throws Exception {
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db, "--instances=" + Runtime.getRuntime().availableProcessors());
    List<SpectatorFleet.Child> fleet = List.of();
    try {
      Api api = new Api(gala.port());
      Reg reg = new Reg(api);
      String organiser = Api.token(api.signup("org@screen.bench", "organiser"));
      long event = api.createEvent(organiser, "Judge to screen");
      JsonObject judgeSession = api.signup("judge@screen.bench", "participant");
      String judge = Api.token(judgeSession);
      List<Long> competitions = new ArrayList<>();
      StringBuilder csv = new StringBuilder("name,competition\n");
      for (int b = 0; b < BOARDS; b++) {
        long c = api.createJudgedCompetition(organiser, event, "Board " + b, ATHLETES_PER_BOARD, 1);
        api.assignJudge(organiser, c, Api.userId(judgeSession));
        competitions.add(c);
        for (int a = 0; a < ATHLETES_PER_BOARD; a++) {
          csv.append("Athlete ").append(b).append('-').append(a).append(",Board ").append(b).append('\n');
        }
      }
      Api.Response started = reg.importCsv(organiser, event, null, csv.toString().getBytes(StandardCharsets.UTF_8));
      assertEquals(202, started.status(), started.text());
      assertEquals(BOARDS * ATHLETES_PER_BOARD, reg.awaitImport(organiser, started.json().getLong("id")).getInteger("imported"));
      Map<Long, List<Long>> athletes = new HashMap<>();
      for (long c : competitions) {
        List<Long> ids = new ArrayList<>();
        Api.rows(api.scoreboard(c)).forEach(o -> ids.add(((JsonObject) o).getLong("id")));
        athletes.put(c, ids);
      }
      List<String> topics = competitions.stream().map(c -> "scoreboard:" + c).toList();
      fleet = SpectatorFleet.spawn(gala.port(), SPECTATORS, PROCESSES, true, topics);

      Map<Long, AtomicInteger> next = new ConcurrentHashMap<>();
      competitions.forEach(c -> next.put(c, new AtomicInteger()));
      // Warm-up: judges flat out in rounds until the JIT has settled (WarmUp), so the saturation that
      // sets the paced phase's rate measures a node that has run a while, not the compiler.
      AtomicInteger warmMarks = new AtomicInteger();
      String warmedUp = WarmUp.untilSettled("JudgeToScreenBench", round -> {
        long roundEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_ROUND_SECONDS);
        try {
          runJudges(competitions, c -> {
            while (System.nanoTime() < roundEnd) {
              mark(api, judge, c, athletes.get(c).get(next.get(c).getAndIncrement()));
              warmMarks.incrementAndGet();
            }
          });
        } catch (Exception e) {
          return io.vertx.core.Future.failedFuture(e);
        }
        return io.vertx.core.Future.succeededFuture();
      });

      // Saturation: every judge flat out.
      AtomicInteger done = new AtomicInteger();
      long satEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(SATURATION_SECONDS);
      long satStart = System.nanoTime();
      runJudges(competitions, c -> {
        while (System.nanoTime() < satEnd) {
          mark(api, judge, c, athletes.get(c).get(next.get(c).getAndIncrement()));
          done.incrementAndGet();
        }
      });
      double saturation = done.get() / ((System.nanoTime() - satStart) / 1e9);

      // Half saturation: each judge at a fixed pace; versions follow the marks one by one.
      Map<String, Long> base = versions(gala, topics);
      SpectatorFleet.reset(fleet);
      double perBoard = saturation / 2 / BOARDS;
      long interval = (long) (1e9 / perBoard);
      Map<String, Long> due = new ConcurrentHashMap<>(); // "topic version" -> when its mark was due
      Map<String, Long> acked = new ConcurrentHashMap<>(); // "topic version" -> when its reply arrived
      List<Long> writes = java.util.Collections.synchronizedList(new ArrayList<>()); // sent -> acknowledged
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
      long end = start + TimeUnit.SECONDS.toNanos(SECONDS);
      runJudges(competitions, c -> {
        String topic = "scoreboard:" + c;
        long at = start + (long) (Math.random() * interval);
        while (at < end) {
          long wait = at - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          long sent = System.nanoTime();
          long version = mark(api, judge, c, athletes.get(c).get(next.get(c).getAndIncrement()));
          long ack = System.nanoTime();
          writes.add(ack - sent);
          // One judge per board, one mark at a time: its reply names the version its delta made.
          due.put(topic + " " + version, at);
          acked.put(topic + " " + version, ack);
          at += interval;
        }
      });
      // Every delta to every spectator, or the report says what is missing.
      for (String topic : topics) {
        long last = versions(gala, List.of(topic)).get(topic);
        SpectatorFleet.await(fleet, topic, last, 30_000);
      }
      Map<String, long[]> arrivals = SpectatorFleet.report(fleet);
      Map<String, Long> current = versions(gala, topics);
      long expected = 0;
      long delivered = 0;
      List<Long> latencies = new ArrayList<>();
      List<Long> deliveries = new ArrayList<>();
      for (Map.Entry<String, Long> d : due.entrySet()) {
        expected += SPECTATORS / BOARDS;
        long[] got = arrivals.getOrDefault(d.getKey(), new long[0]);
        delivered += got.length;
        long ack = acked.get(d.getKey());
        for (long t : got) {
          latencies.add(t - d.getValue());
          deliveries.add(t - ack);
        }
      }
      long extraVersions = 0;
      for (String topic : topics) {
        extraVersions += current.get(topic) - base.get(topic);
      }
      long[] l = latencies.stream().mapToLong(Long::longValue).toArray();
      double tps = Baseline.insertTps(db, 8, 3000);
      System.out.printf("%nJudgeToScreenBench: %d spectators over %d scoreboards (%d each), %d HTTP verticles%n",
          SPECTATORS, BOARDS, SPECTATORS / BOARDS, Runtime.getRuntime().availableProcessors());
      System.out.printf("  warmed up with %d marks on the same boards (%s)%n", warmMarks.get(), warmedUp);
      System.out.printf("  saturation (judges flat out, spectators attached): %.0f marks/s; same-run baseline %.0f "
          + "single-row INSERT tx/s (8 connections)%n", saturation, tps);
      System.out.printf("  half saturation: %.0f marks/s for %d s = %d marks (%d topic versions)%n", saturation / 2, SECONDS,
          due.size(), extraVersions);
      System.out.printf("  judge to screen: p50 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 <= 100 ms); delivered %d of %d "
          + "(%s)%n", Baseline.percentile(l.clone(), 50) / 1e6, Baseline.percentile(l.clone(), 99) / 1e6,
          Baseline.percentile(l.clone(), 100) / 1e6, delivered, expected,
          delivered == expected ? "every delta to every spectator" : (expected - delivered) + " MISSING");
      long[] w = writes.stream().mapToLong(Long::longValue).toArray();
      long[] d = deliveries.stream().mapToLong(Long::longValue).toArray();
      System.out.printf("  write (sent -> acknowledged): p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d marks%n",
          Baseline.percentile(w.clone(), 50) / 1e6, Baseline.percentile(w.clone(), 99) / 1e6,
          Baseline.percentile(w.clone(), 100) / 1e6, w.length);
      System.out.printf("  delivery (acknowledged -> on each screen): p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d deliveries%n",
          Baseline.percentile(d.clone(), 50) / 1e6, Baseline.percentile(d.clone(), 99) / 1e6,
          Baseline.percentile(d.clone(), 100) / 1e6, d.length);
      System.out.printf("  box load at the end: %s%n", load());
    } finally {
      for (SpectatorFleet.Child c : fleet) {
        c.close();
      }
      TestGala.stop(gala);
    }
  }

  interface Judge {
    void run(long competition) throws Exception;
  }

  static void runJudges(List<Long> competitions, Judge judge) throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (long c : competitions) {
      Thread t = new Thread(() -> {
        try {
          judge.run(c);
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("a judge failed", failures.get(0));
    }
  }

  /** One mark; the scoreboard version its delta made. */
  static long mark(Api api, String judge, long competition, long entry) {
    Api.Response r = api.submitScore(judge, competition, entry, String.format(java.util.Locale.ROOT, "%.2f",
        Math.random() * 10), UUID.randomUUID().toString());
    if (r.status() != 201) {
      throw new AssertionError("submitScore " + r);
    }
    return r.json().getLong("scoreboardVersion");
  }

  /** The machine's load averages (shared box: figures only mean something beside it). */
  static String load() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  static Map<String, Long> versions(Gala gala, List<String> topics) throws Exception {
    Map<String, Long> out = new HashMap<>();
    for (Row r : gala.database().pool().preparedQuery("SELECT name, version FROM topics WHERE name = ANY($1)")
        .execute(Tuple.of(topics.toArray(String[]::new))).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }
}
