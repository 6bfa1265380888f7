package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node's database pool held busy or its connections killed: a request waiting for a connection
 * is answered 503 UNAVAILABLE with Retry-After once the pool's wait ran out (here 1.5 s), a retry
 * with the same Idempotency-Key afterwards writes exactly once, and the pool serves again.
 */
class PoolFaultsApiTest {
  static final int POOL = 4;
  static DbLocation db;
  static Gala gala;
  static Api api;
  static String organiser;
  static long competition;

  @BeforeAll
  static void start() {
    db = TestDatabase.fresh();
    gala = TestGala.start(db, "--db-pool-size=" + POOL, "--db-pool-wait-millis=1500");
    api = new Api(gala.port());
    organiser = Api.token(api.signup("org@pool.cn", "organiser"));
    competition = api.createJudgedCompetition(organiser, api.createEvent(organiser, "连接池"), "项目", 1000, 1);
  }

  @AfterAll
  static void stop() {
    TestGala.stop(gala);
  }

  @Test
  void aRequestWaitingOnAPoolHeldBusyIs503WithRetryAfterAndItsRetryWritesOnce() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = new JsonObject().put("displayName", "等连接").encode();
    List<SqlConnection> held = holdEveryConnection();
    Response write;
    Response read;
    try {
      write = api.post("/api/v1/competitions/" + competition + "/entries", organiser, body, key);
      read = api.get("/api/v1/competitions/" + competition + "/entries", organiser);
    } finally {
      held.forEach(SqlConnection::close);
    }
    assertUnavailable(write);
    assertUnavailable(read);
    Response retried = api.post("/api/v1/competitions/" + competition + "/entries", organiser, body, key);
    assertEquals(201, retried.status(), retried.text());
    Response again = api.post("/api/v1/competitions/" + competition + "/entries", organiser, body, key);
    assertEquals(retried.json().getLong("id"), again.json().getLong("id"), "the stored reply answers the key");
    assertEquals(1, named("等连接"), "written once");
    for (int i = 0; i < 3 * POOL; i++) {
      Response r = api.get("/api/v1/competitions/" + competition + "/entries", organiser);
      assertEquals(200, r.status(), "the pool serves again: " + r.text());
    }
  }

  /**
   * Registrations queued for one group-commit batch while no connection comes: the batch fails and
   * every one of its writes is answered 503 (none waits on), the group's queue is free again, and
   * each retry with its key writes once.
   */
  @Test
  void aBatchWhoseConnectionNeverComesAnswersEveryWrite503AndFreesItsQueue() throws Exception {
    int writes = 12;
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < writes; i++) {
      keys.add(UUID.randomUUID().toString());
    }
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(writes);
    List<Response> answers = new ArrayList<>();
    List<SqlConnection> held = holdEveryConnection();
    try {
      List<java.util.concurrent.Future<Response>> sent = new ArrayList<>();
      for (int i = 0; i < writes; i++) {
        String body = new JsonObject().put("displayName", "批" + i).encode();
        String key = keys.get(i);
        sent.add(clients.submit(() -> api.post("/api/v1/competitions/" + competition + "/entries", organiser, body, key)));
      }
      for (java.util.concurrent.Future<Response> f : sent) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      held.forEach(SqlConnection::close);
      clients.shutdown();
    }
    answers.forEach(PoolFaultsApiTest::assertUnavailable);
    for (int i = 0; i < writes; i++) {
      Response retried = api.post("/api/v1/competitions/" + competition + "/entries", organiser,
          new JsonObject().put("displayName", "批" + i).encode(), keys.get(i));
      assertEquals(201, retried.status(), retried.text());
      assertEquals(1, named("批" + i), "written once: 批" + i);
    }
  }

  /**
   * Every backend of Gala's pool terminated (pg_terminate_backend, as an administrator or a failover
   * does): a request may meet a pooled connection that is dead (503, nothing written), never a 500;
   * its retry with the same key writes once, and after a few requests every connection is a live one.
   */
  @Test
  void afterItsBackendsAreKilledARetryWithTheSameKeyWritesExactlyOnce() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      warmEveryConnection();
      assertTrue(terminateGalaBackends() >= POOL - 2, "Gala's connections were open");
      String name = "断线" + round;
      String key = UUID.randomUUID().toString();
      String body = new JsonObject().put("displayName", name).encode();
      Response first = api.post("/api/v1/competitions/" + competition + "/entries", organiser, body, key);
      Response answer = first;
      for (int tries = 0; answer.status() == 503 && tries < 2 * POOL + 2; tries++) {
        assertUnavailable(answer);
        answer = api.post("/api/v1/competitions/" + competition + "/entries", organiser, body, key);
      }
      statuses.add(first.status());
      assertEquals(201, answer.status(), answer.text());
      assertEquals(1, named(name), "written once: " + name);
      for (int i = 0; i < 2 * POOL + 2; i++) {
        api.get("/api/v1/competitions/" + competition + "/entries", organiser); // each dead connection is met once
      }
      for (int i = 0; i < 3 * POOL; i++) {
        Response r = api.get("/api/v1/competitions/" + competition + "/entries", organiser);
        assertEquals(200, r.status(), "every connection is live again: " + r.text());
      }
    }
    assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 503), "first answers: " + statuses);
  }

  private static void assertUnavailable(Response r) {
    assertEquals(503, r.status(), r.text());
    assertEquals("UNAVAILABLE", r.errorCode(), r.text());
    assertTrue(r.header("Retry-After") != null, "Retry-After: " + r.headers());
  }

  /**
   * Takes every connection of the node's pool that is free (opened now if it was not; one may be a
   * leader's advisory-lock session, held for good) until a wait runs out, and keeps them.
   */
  private static List<SqlConnection> holdEveryConnection() throws Exception {
    List<SqlConnection> held = new ArrayList<>();
    while (held.size() < POOL) {
      try {
        held.add(gala.database().pool().getConnection().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      } catch (java.util.concurrent.ExecutionException e) {
        assertTrue(e.getCause() instanceof gala.platform.BoundedPool.PoolBusy, "only a wait that ran out: " + e.getCause());
        break;
      }
    }
    assertTrue(held.size() >= POOL - 2, "most connections are free: " + held.size());
    return held;
  }

  /** Makes sure the pool has all its connections open, then gives them back. */
  private static void warmEveryConnection() throws Exception {
    holdEveryConnection().forEach(SqlConnection::close);
  }

  private static int terminateGalaBackends() throws Exception {
    try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
            + "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static int named(String name) {
    JsonArray rows = api.get("/api/v1/competitions/" + competition + "/entries", organiser).json().getJsonArray("items");
    int n = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (name.equals(rows.getJsonObject(i).getString("displayName"))) {
        n++;
      }
    }
    return n;
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }
}
