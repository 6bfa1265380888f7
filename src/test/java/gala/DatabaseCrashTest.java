package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.EmbeddedDatabase;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The database of the run command under registrations: killed with SIGKILL (a power cut) or stopped
 * and started again (a restart). Every write Gala acknowledged is there afterwards; while the
 * database is away requests answer 503 UNAVAILABLE with Retry-After, never 500; once it is back,
 * writes succeed again at once, also a retry of a key whose first attempt died with the database.
 */
class DatabaseCrashTest {

  @Test
  void aPostgresKilledMidLoadKeepsEveryAcknowledgedWrite() throws Exception {
    Path dir = Files.createTempDirectory("gala-crash");
    EmbeddedDatabase pg = EmbeddedDatabase.start(dir); // the run command's durable settings
    Gala gala = TestGala.start(pg.location("postgres"));
    Api api = new Api(gala.port());
    String organiser = Api.token(api.signup("org@crash.cn", "organiser"));
    long competition = api.createJudgedCompetition(organiser, api.createEvent(organiser, "断电"), "项目", 100000, 1);

    Load load = new Load(api, organiser, competition, 3);
    load.awaitAcknowledged(40);
    killWithSigkill(dir.resolve("pg"));
    load.stop();
    TestGala.stop(gala);
    closeQuietly(pg);

    EmbeddedDatabase again = EmbeddedDatabase.start(dir);
    Gala restarted = TestGala.start(again.location("postgres"));
    try {
      Api after = new Api(restarted.port());
      Map<Long, String> stored = entries(after, organiser, competition);
      for (Map.Entry<Long, String> acked : load.acknowledged.entrySet()) {
        assertEquals(acked.getValue(), stored.get(acked.getKey()), "acknowledged entry " + acked.getKey() + " survived");
      }
      assertTrue(load.acknowledged.size() >= 40, "the load ran: " + load.acknowledged.size());
      assertEquals(Set.of(), load.unexpected, "only 201, 503 or a lost connection while the database died");
    } finally {
      TestGala.stop(restarted);
      again.close();
    }
  }

  @Test
  void whileTheDatabaseRestartsRequestsAre503AndWritesSucceedRightAfter() throws Exception {
    Path dir = Files.createTempDirectory("gala-restart");
    EmbeddedDatabase pg = EmbeddedDatabase.start(dir);
    int port = pg.port();
    Gala gala = TestGala.start(pg.location("postgres"));
    EmbeddedDatabase again = null;
    try {
      Api api = new Api(gala.port());
      String organiser = Api.token(api.signup("org@restart.cn", "organiser"));
      long competition = api.createJudgedCompetition(organiser, api.createEvent(organiser, "重启"), "项目", 100000, 1);
      Load load = new Load(api, organiser, competition, 3);
      load.awaitAcknowledged(20);

      long stopped = System.nanoTime();
      pg.close(); // a clean stop: PostgreSQL ends every session and refuses new ones
      Response unavailable = awaitStatus(() -> api.post("/api/v1/competitions/" + competition + "/entries", organiser,
          new JsonObject().put("displayName", "停机").encode(), "down-key"), 503);
      assertEquals("UNAVAILABLE", unavailable.errorCode(), unavailable.text());
      assertTrue(Integer.parseInt(unavailable.header("Retry-After")) >= 1, unavailable.text());
      Response ready = api.get("/ready", null);
      assertEquals(503, ready.status(), ready.text());
      assertEquals("DOWN", ready.json().getJsonObject("checks").getString("database"));
      load.awaitStatusSentAfter(503, stopped);

      again = EmbeddedDatabase.start(dir, port, true);
      Instant back = Instant.now();
      // The key whose first attempt died with the database is free: its retry is the write.
      Response retried = awaitStatus(() -> api.post("/api/v1/competitions/" + competition + "/entries", organiser,
          new JsonObject().put("displayName", "停机").encode(), "down-key"), 201);
      Duration toFirstWrite = Duration.between(back, Instant.now());
      assertTrue(toFirstWrite.compareTo(Duration.ofSeconds(15)) < 0, "writes succeed within seconds: " + toFirstWrite);
      int before = load.acknowledged.size();
      load.awaitAcknowledged(before + 10);
      load.stop();

      Map<Long, String> stored = entries(api, organiser, competition);
      assertEquals("停机", stored.get(retried.json().getLong("id")));
      for (Map.Entry<Long, String> acked : load.acknowledged.entrySet()) {
        assertEquals(acked.getValue(), stored.get(acked.getKey()), "acknowledged entry " + acked.getKey());
      }
      assertEquals(Set.of(), load.unexpected, "only 201 or 503 while the database restarted");
      assertTrue(load.statuses.contains(503), "the load saw the outage");
    } finally {
      TestGala.stop(gala);
      closeQuietly(again);
      closeQuietly(pg);
    }
  }

  /** Registrations sent by a few clients in a loop, remembering each acknowledged one. */
  static final class Load {
    final ConcurrentMap<Long, String> acknowledged = new ConcurrentHashMap<>();
    final Set<Integer> statuses = ConcurrentHashMap.newKeySet();
    final Set<String> unexpected = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final Object changed = new Object();
    /** Per status, when the latest request that got it was sent (System.nanoTime). */
    private final ConcurrentMap<Integer, Long> lastSent = new ConcurrentHashMap<>();

    Load(Api api, String token, long competition, int clients) {
      for (int i = 0; i < clients; i++) {
        Thread t = new Thread(() -> {
          while (running.get()) {
            String name = "选手" + counter.incrementAndGet();
            long sentAt = System.nanoTime();
            int status;
            try {
              Response r = api.send("POST", "/api/v1/competitions/" + competition + "/entries", token, "application/json",
                  new JsonObject().put("displayName", name).encode().getBytes(StandardCharsets.UTF_8),
                  UUID.randomUUID().toString());
              status = r.status();
              if (status == 201) {
                acknowledged.put(r.json().getLong("id"), name);
              } else if (status != 503) {
                unexpected.add(status + " " + r.text());
              } else if (!"UNAVAILABLE".equals(r.errorCode()) || r.header("Retry-After") == null) {
                unexpected.add("503 without UNAVAILABLE and Retry-After: " + r.text() + " " + r.headers());
              }
            } catch (IllegalStateException lost) {
              status = -1; // the connection died with the server: not acknowledged, nothing to check
            } catch (Throwable wrong) {
              // e.g. the contract check refusing an undeclared 500: record it and keep loading, so the
              // test reports it instead of waiting for statuses from a client that died.
              status = -2;
              unexpected.add(String.valueOf(wrong));
            }
            statuses.add(status);
            lastSent.merge(status, sentAt, Math::max);
            synchronized (changed) {
              changed.notifyAll();
            }
          }
        }, "load-" + i);
        t.setDaemon(true);
        t.start();
        threads.add(t);
      }
    }

    void awaitAcknowledged(int count) throws InterruptedException {
      await(() -> acknowledged.size() >= count, "at least " + count + " acknowledged writes");
    }

    /** Waits for a response with this status to a request sent after {@code nanoTime}. */
    void awaitStatusSentAfter(int status, long nanoTime) throws InterruptedException {
      await(() -> lastSent.getOrDefault(status, Long.MIN_VALUE) - nanoTime > 0,
          "a response with status " + status + " to a request sent after that moment");
    }

    private void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      synchronized (changed) {
        while (!done.getAsBoolean()) {
          if (!unexpected.isEmpty()) {
            throw new AssertionError("while waiting for " + what + " the load saw " + unexpected);
          }
          if (Instant.now().isAfter(deadline)) {
            throw new AssertionError("timed out waiting for " + what + "; statuses " + statuses);
          }
          changed.wait(1000);
        }
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(90_000);
      }
    }
  }

  /** SIGKILL for the postmaster and every backend at once, as a power cut would. */
  static void killWithSigkill(Path pgData) throws Exception {
    long pid = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    List<ProcessHandle> all = new ArrayList<>();
    all.add(postmaster);
    postmaster.descendants().forEach(all::add);
    all.forEach(ProcessHandle::destroyForcibly); // destroyForcibly is SIGKILL on Linux
    CountDownLatch dead = new CountDownLatch(all.size());
    all.forEach(p -> p.onExit().thenRun(dead::countDown));
    assertTrue(dead.await(30, java.util.concurrent.TimeUnit.SECONDS), "postgres processes died");
  }

  private static Map<Long, String> entries(Api api, String token, long competition) {
    Response r = api.get("/api/v1/competitions/" + competition + "/entries", token);
    assertEquals(200, r.status(), r.text());
    Map<Long, String> out = new TreeMap<>();
    r.json().getJsonArray("items").forEach(o -> {
      JsonObject e = (JsonObject) o;
      out.put(e.getLong("id"), e.getString("displayName"));
    });
    return out;
  }

  private static Response awaitStatus(java.util.function.Supplier<Response> request, int status) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Set<String> seen = new HashSet<>();
    while (true) {
      try {
        Response r = request.get();
        if (r.status() == status) {
          return r;
        }
        seen.add(r.status() + " " + r.text());
      } catch (IllegalStateException lost) {
        seen.add("connection lost");
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no " + status + " within 60 s; saw " + seen);
      }
      pause(); // nothing announces that the database is back: ask again shortly
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(EmbeddedDatabase db) {
    if (db != null) {
      try {
        db.close();
      } catch (Exception ignored) {
        // a killed or already stopped server has nothing left to stop
      }
    }
  }
}
