package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.Api.Response;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registrations sent by a few clients in a loop while the database fails, remembering each
 * acknowledged one; 201 and 503 UNAVAILABLE with Retry-After are the only answers expected.
 */
final class RegistrationLoad {

  final ConcurrentMap<Long, String> acknowledged = new ConcurrentHashMap<>();
  final Set<Integer> statuses = ConcurrentHashMap.newKeySet();
  final Set<String> unexpected = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger counter = new AtomicInteger();
  private final Object changed = new Object();
  /** Per status, when the latest request that got it was sent (System.nanoTime). */
  private final ConcurrentMap<Integer, Long> lastSent = new ConcurrentHashMap<>();

  private final Api api;
  private final String token;
  private final long competition;

  RegistrationLoad(Api api, String token, long competition, int clients) {
    this.api = api;
    this.token = token;
    this.competition = competition;
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

  /**
   * The database went away at {@code stoppedAt} (System.nanoTime): a write gets 503 UNAVAILABLE with
   * Retry-After, /ready reports the database DOWN, and the load meets 503s to requests sent after that.
   */
  void assertUnavailableSince(long stoppedAt) throws InterruptedException {
    Response unavailable = awaitStatus(this::downKeyWrite, 503);
    assertEquals("UNAVAILABLE", unavailable.errorCode(), unavailable.text());
    assertTrue(Integer.parseInt(unavailable.header("Retry-After")) >= 1, unavailable.text());
    Response ready = api.get("/ready", null);
    assertEquals(503, ready.status(), ready.text());
    assertEquals("DOWN", ready.json().getJsonObject("checks").getString("database"));
    awaitStatusSentAfter(503, stoppedAt);
  }

  /** The key whose attempt met the outage is free once the database is back: its retry is the write. */
  Response awaitDownKeyWritten() {
    return awaitStatus(this::downKeyWrite, 201);
  }

  private Response downKeyWrite() {
    return api.post("/api/v1/competitions/" + competition + "/entries", token,
        new JsonObject().put("displayName", "停机").encode(), "down-key");
  }

  /** Every write the load saw acknowledged is stored, under its name. */
  void assertAcknowledgedStored(Map<Long, String> stored) {
    for (Map.Entry<Long, String> acked : acknowledged.entrySet()) {
      assertEquals(acked.getValue(), stored.get(acked.getKey()), "acknowledged entry " + acked.getKey() + " stored");
    }
  }

  static Map<Long, String> entries(Api api, String token, long competition) {
    Response r = api.get("/api/v1/competitions/" + competition + "/entries", token);
    assertEquals(200, r.status(), r.text());
    Map<Long, String> out = new TreeMap<>();
    r.json().getJsonArray("items").forEach(o -> {
      JsonObject e = (JsonObject) o;
      out.put(e.getLong("id"), e.getString("displayName"));
    });
    return out;
  }

  static Response awaitStatus(java.util.function.Supplier<Response> request, int status) {
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
}
