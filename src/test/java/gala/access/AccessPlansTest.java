package gala.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.Caller;
import gala.platform.Database;
import gala.testing.Api;
import gala.testing.ApiTestBase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The guard's relations query runs on a generic plan (Access): PostgreSQL planned it afresh at many
 * of its executions, 2,683 ms of planning in one ScoringBench saturation. Proven on the only
 * connection of a one-connection pool (pg_prepared_statements counts its custom and generic plans),
 * which goes back to the pool with the session's plan mode as it was.
 */
class AccessPlansTest extends ApiTestBase {
  @Test
  void theRelationsQueryIsPlannedOnceAndTheConnectionComesBackAsItWas() throws Exception {
    // On the main pool the mode is set around the query and back: the session stays on "auto".
    assertPlannedGenerically("plans", false, "auto");
  }

  /** The access pool (Database.accessPool) starts its sessions on generic plans: no SET around each check. */
  @Test
  void theAccessPoolPlansTheRelationsQueryGenericallyWithoutSettingTheMode() throws Exception {
    assertPlannedGenerically("access-pool", true, "force_generic_plan");
    // The running Gala's guard reads from a pool of its own.
    assertTrue(gala.database().accessPool() != gala.database().pool(), "the guard's own pool");
  }

  /** Twelve checks on a one-connection pool: no custom plan of the relations query, and the session's mode after them. */
  private void assertPlannedGenerically(String name, boolean genericPool, String modeAfter) throws Exception {
    String organiser = Api.token(api.signup("org@" + name + ".test", "organiser"));
    long event = api.createEvent(organiser, "职工运动会");
    long competition = api.createJudgedCompetition(organiser, event, "跳水", 10, 3);
    long userId = Api.userId(api.signup("judge@" + name + ".test", "participant"));
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, db, 1, Database.POOL_WAIT_MILLIS, genericPool);
    try {
      Caller caller = new Caller(userId, "participant");
      // More executions than PostgreSQL's five custom plans before it chooses.
      for (int i = 0; i < 12; i++) {
        Standing s = await(Access.competition(pool, caller, competition));
        assertEquals(Long.valueOf(competition), s.competitionId());
      }
      Row plans = await(pool.query("SELECT coalesce(sum(custom_plans), -1), coalesce(sum(generic_plans), -1) "
          + "FROM pg_prepared_statements WHERE statement LIKE '%AS results_hidden%'").execute()).iterator().next();
      assertEquals(0, plans.getLong(0), "custom plans of the relations query");
      assertTrue(plans.getLong(1) >= 1, "generic plans of the relations query: " + plans.getLong(1));
      String mode = await(pool.query("SHOW plan_cache_mode").execute()).iterator().next().getString(0);
      assertEquals(modeAfter, mode, "the connection's plan mode after the queries");
    } finally {
      await(pool.close());
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
