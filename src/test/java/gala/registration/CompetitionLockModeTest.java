package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.LockWaits;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writers of entries lock their competition's row against each other, and must not lock it against
 * the results' writers: a judge assigned or a mark stored holds the competition's results lock and
 * then inserts a row that references the competition (its foreign key takes a key-share lock on
 * the competition's row), while a registration holds the competition's row and then takes the
 * results lock for the scoreboard's delta. With FOR UPDATE on the row the two waited for each
 * other: PostgreSQL aborted one (a judge assignment answered 503 beside a running import, the
 * import failed). FOR NO KEY UPDATE serialises the entry writers all the same and lets key shares through.
 */
class CompetitionLockModeTest {
  static DbLocation db;
  static Gala gala;
  static Api api;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.fresh();
    gala = TestGala.start(db);
    api = new Api(gala.port());
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(gala);
  }

  @Test
  void aRegistrationWaitingForTheResultsLockDoesNotBlockTheResultsWriterHoldingIt() throws Exception {
    JsonObject organiserSession = api.signup("org-" + UUID.randomUUID() + "@lock.test", "organiser");
    String organiser = Api.token(organiserSession);
    long event = api.createEvent(organiser, "锁的顺序");
    long competition = api.createJudgedCompetition(organiser, event, "演讲", 20, 1);
    long judge = Api.userId(api.signup("judge-" + UUID.randomUUID() + "@lock.test", "participant"));
    long failedBefore = gala.idempotency().groups().wholeBatchFailures();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection results = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Connection watch = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      // The results writer (as ScoringService.lock takes it), first.
      results.setAutoCommit(false);
      results.createStatement().executeQuery("SELECT pg_advisory_xact_lock(hashtextextended('gala.scoring:" + competition
          + "', 0))").close();
      // A registration: it locks the competition, writes the entry, then waits for the results lock (the board's delta).
      Future<Long> registered = pool.submit(() -> api.registerAthlete(organiser, competition, "王芳", null));
      boolean waiting = false;
      for (int i = 0; i < 400 && !waiting && !registered.isDone(); i++) {
        waiting = LockWaits.onAdvisory(watch) > 0;
        if (!waiting) {
          Thread.sleep(25);
        }
      }
      assertTrue(waiting, "the registration waits for the results lock");
      // The results writer goes on: a judge's row references the competition (a key-share lock on its row).
      results.createStatement().execute("SET lock_timeout = '5s'");
      results.createStatement().executeUpdate("INSERT INTO competition_judges (competition_id, user_id, assigned_by) VALUES ("
          + competition + ", " + judge + ", " + Api.userId(organiserSession) + ")");
      assertFalse(registered.isDone(), "the registration still waits for the results lock");
      results.commit();
      long entry = registered.get(30, TimeUnit.SECONDS);
      assertTrue(entry > 0);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(failedBefore, gala.idempotency().groups().wholeBatchFailures(),
        "no registration batch was aborted (by a deadlock) and run again");
  }
}
