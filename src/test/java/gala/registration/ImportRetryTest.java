package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.Dates;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An import batch that loses its database connection (here: its backend is terminated while it waits
 * for a competition's lock held from plain SQL) is tried again; the job fails only when the failure
 * lasts, and then the batches before it stay imported and importing the file again adds only the rest.
 */
class ImportRetryTest {
  static DbLocation db;
  static Gala gala;
  static Reg reg;
  static String organiser;
  static long event;

  @BeforeAll
  static void start() {
    db = TestDatabase.fresh();
    gala = TestGala.start(db);
    reg = new Reg(new Api(gala.port()));
    organiser = Api.token(reg.signup("org@retry.test", "organiser", null));
    event = RegistrationRulesApiTest.created(reg.api().post("/api/v1/events", organiser,
        new JsonObject().put("title", "职工运动会").put("startsOn", Dates.inDays(3)).put("endsOn", Dates.inDays(4))));
  }

  @AfterAll
  static void stop() {
    TestGala.stop(gala);
  }

  @Test
  void aBatchWhoseConnectionDropsTwiceIsTriedAgainAndTheJobFinishes() throws Exception {
    long first = reg.competition(organiser, event, new JsonObject().put("name", "跳绳").put("capacity", 1000));
    long second = reg.competition(organiser, event, new JsonObject().put("name", "拔河").put("capacity", 1000));
    try (Connection holder = connect(); Connection watch = connect()) {
      holder.setAutoCommit(false);
      holder.createStatement().execute("SELECT id FROM competitions WHERE id = " + second + " FOR UPDATE");
      long job = start(file("跳绳", "拔河"));
      kill(watch);
      kill(watch);
      holder.commit();
      JsonObject done = reg.awaitImport(organiser, job);
      assertEquals("DONE", done.getString("status"), done.encode());
      assertEquals(700, done.getInteger("imported"), done.encode());
      assertEquals(0, done.getInteger("failed"), done.encode());
    }
    assertEquals(500, reg.entries(first, null).size());
    assertEquals(200, reg.entries(second, null).size(), "the retried batch imported once");
  }

  @Test
  void aLastingFailureFailsTheJobKeepsTheEarlierBatchesAndAnImportAgainAddsOnlyTheRest() throws Exception {
    long first = reg.competition(organiser, event, new JsonObject().put("name", "象棋").put("capacity", 1000));
    long second = reg.competition(organiser, event, new JsonObject().put("name", "围棋").put("capacity", 1000));
    byte[] csv = file("象棋", "围棋");
    try (Connection holder = connect(); Connection watch = connect()) {
      holder.setAutoCommit(false);
      holder.createStatement().execute("SELECT id FROM competitions WHERE id = " + second + " FOR UPDATE");
      long job = start(csv);
      // Every try of the second batch loses its connection, until the job gives up.
      int kills = 0;
      long deadline = System.currentTimeMillis() + 60_000;
      JsonObject failed = reg.api().get("/api/v1/imports/" + job, organiser).json();
      while ("RUNNING".equals(failed.getString("status")) && System.currentTimeMillis() < deadline) {
        kills += terminateWaiting(watch);
        Thread.sleep(20);
        failed = reg.api().get("/api/v1/imports/" + job, organiser).json();
      }
      assertEquals("FAILED", failed.getString("status"), failed.encode());
      // Each try but the first may also meet a pooled connection the kills left dead (a failure too).
      assertTrue(kills >= 2 && kills <= 1 + Retrying.PAUSES.length, "tried again, at most "
          + Retrying.PAUSES.length + " times, then failed: " + kills + " connections dropped");
      assertEquals(500, failed.getInteger("imported"), "the first batch stays: " + failed.encode());
      holder.commit();
    }
    assertEquals(500, reg.entries(first, null).size());
    assertEquals(0, reg.entries(second, null).size());
    JsonObject again = reg.awaitImport(organiser, start(csv));
    assertEquals("DONE", again.getString("status"), again.encode());
    assertEquals(200, again.getInteger("imported"), again.encode());
    assertEquals(500, again.getInteger("failed"), "the rows imported before are refused, not doubled");
    assertEquals("ALREADY_REGISTERED", again.getJsonArray("errors").getJsonObject(0).getString("code"));
    assertEquals(500, reg.entries(first, null).size());
    assertEquals(200, reg.entries(second, null).size());
  }

  /** 500 rows (the first batch) into {@code first}, then 200 into {@code second}. */
  private static byte[] file(String first, String second) {
    StringBuilder csv = new StringBuilder("姓名,性别,出生日期,项目\n");
    for (int i = 0; i < 700; i++) {
      csv.append("选手").append(first).append(i).append(",男,1990-01-01,").append(i < Imports.BATCH ? first : second).append("\n");
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static long start(byte[] csv) {
    Api.Response started = reg.importCsv(organiser, event, null, csv);
    assertEquals(202, started.status(), started.text());
    return started.json().getLong("id");
  }

  /** Waits for the import's batch to queue on the held competition lock, then drops its connection. */
  private static void kill(Connection watch) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (terminateWaiting(watch) == 0) {
      assertTrue(System.currentTimeMillis() < deadline, "the import's batch never waited on the lock");
      Thread.sleep(20);
    }
  }

  /** Drops the connection of every session waiting on a competition's lock (the import's batch): how many. */
  private static int terminateWaiting(Connection watch) throws Exception {
    try (ResultSet rs = watch.createStatement().executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        + "WHERE wait_event_type = 'Lock' AND query LIKE '%FOR NO KEY UPDATE OF c%' AND pid <> pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Connection connect() throws Exception {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }
}
