package gala;

import gala.testing.TempDirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.EmbeddedDatabase;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.TestGala;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
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
    Path dir = TempDirs.create("gala-crash");
    EmbeddedDatabase pg = EmbeddedDatabase.start(dir); // the run command's durable settings
    Gala gala = TestGala.start(pg.location("postgres"));
    Api api = new Api(gala.port());
    String organiser = Api.token(api.signup("org@crash.cn", "organiser"));
    long competition = api.createJudgedCompetition(organiser, api.createEvent(organiser, "断电"), "项目", 100000, 1);

    RegistrationLoad load = new RegistrationLoad(api, organiser, competition, 3);
    load.awaitAcknowledged(40);
    killWithSigkill(dir.resolve("pg"));
    load.stop();
    TestGala.stop(gala);
    closeQuietly(pg);

    EmbeddedDatabase again = EmbeddedDatabase.start(dir);
    Gala restarted = TestGala.start(again.location("postgres"));
    try {
      Api after = new Api(restarted.port());
      Map<Long, String> stored = RegistrationLoad.entries(after, organiser, competition);
      load.assertAcknowledgedStored(stored);
      assertTrue(load.acknowledged.size() >= 40, "the load ran: " + load.acknowledged.size());
      assertEquals(Set.of(), load.unexpected, "only 201, 503 or a lost connection while the database died");
    } finally {
      TestGala.stop(restarted);
      again.close();
    }
  }

  @Test
  void whileTheDatabaseRestartsRequestsAre503AndWritesSucceedRightAfter() throws Exception {
    Path dir = TempDirs.create("gala-restart");
    EmbeddedDatabase pg = EmbeddedDatabase.start(dir);
    int port = pg.port();
    Gala gala = TestGala.start(pg.location("postgres"));
    EmbeddedDatabase again = null;
    try {
      Api api = new Api(gala.port());
      String organiser = Api.token(api.signup("org@restart.cn", "organiser"));
      long competition = api.createJudgedCompetition(organiser, api.createEvent(organiser, "重启"), "项目", 100000, 1);
      RegistrationLoad load = new RegistrationLoad(api, organiser, competition, 3);
      load.awaitAcknowledged(20);

      long stopped = System.nanoTime();
      pg.close(); // a clean stop: PostgreSQL ends every session and refuses new ones
      load.assertUnavailableSince(stopped);

      again = EmbeddedDatabase.start(dir, port, true);
      Instant back = Instant.now();
      Response retried = load.awaitDownKeyWritten();
      Duration toFirstWrite = Duration.between(back, Instant.now());
      assertTrue(toFirstWrite.compareTo(Duration.ofSeconds(15)) < 0, "writes succeed within seconds: " + toFirstWrite);
      int before = load.acknowledged.size();
      load.awaitAcknowledged(before + 10);
      load.stop();

      Map<Long, String> stored = RegistrationLoad.entries(api, organiser, competition);
      assertEquals("停机", stored.get(retried.json().getLong("id")));
      load.assertAcknowledgedStored(stored);
      assertEquals(Set.of(), load.unexpected, "only 201 or 503 while the database restarted");
      assertTrue(load.statuses.contains(503), "the load saw the outage");
    } finally {
      TestGala.stop(gala);
      closeQuietly(again);
      closeQuietly(pg);
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
