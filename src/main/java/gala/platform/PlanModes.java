package gala.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.function.Function;

/**
 * Generic plans for a stretch of a transaction's statements. PostgreSQL keeps custom plans for a
 * statement whose array parameters make its generic plan look dearer, and then plans it afresh at
 * every execution, for the same plan each time (registration batches: 0.5 ms of PostgreSQL CPU per
 * registration; a batch of marks' board frames: 1.2 ms per batch). Both pipeline {@link #generic}
 * ahead of such statements and {@link #asBefore} behind them, so the rest of the transaction plans
 * as before; SET LOCAL ends with the transaction in any case.
 */
public final class PlanModes {
  private PlanModes() {}

  static final String GENERIC = "SET LOCAL plan_cache_mode = force_generic_plan";
  static final String AS_BEFORE = "SET LOCAL plan_cache_mode TO DEFAULT";
  /** The same for a pooled connection's session (outside a transaction), and back. */
  static final String SESSION_GENERIC = "SET plan_cache_mode = force_generic_plan";
  static final String SESSION_AS_BEFORE = "RESET plan_cache_mode";

  /** From here on in the transaction, generic plans. */
  public static Future<?> generic(SqlClient conn) {
    return conn.query(GENERIC).execute();
  }

  /**
   * {@code statement} on a generic plan, wherever it runs: from a pool, on one connection whose
   * session plan mode is set before it and reset after it, pipelined (one round trip), so the
   * connection goes back as it came; on a transaction's connection, between {@link #generic} and
   * {@link #asBefore}. Once all three are done, fails with the failure Future.join reports if any failed.
   */
  public static <T> Future<T> onGenericPlan(SqlClient db, Function<SqlClient, Future<T>> statement) {
    if (db instanceof BoundedPool p && p.genericPlans()) {
      return statement.apply(db); // its sessions plan generically already (Database.accessPool)
    }
    if (db instanceof Pool pool) {
      return pool.withConnection(conn -> around(conn, SESSION_GENERIC, statement, SESSION_AS_BEFORE));
    }
    return around(db, GENERIC, statement, AS_BEFORE);
  }

  private static <T> Future<T> around(SqlClient conn, String before, Function<SqlClient, Future<T>> statement, String after) {
    Future<?> set = conn.query(before).execute();
    Future<T> result = statement.apply(conn);
    Future<?> reset = conn.query(after).execute();
    return Future.join(set, result, reset).transform(ar -> ar.succeeded() ? result : Future.failedFuture(ar.cause()));
  }

  /** Undoes {@link #generic}. */
  public static Future<?> asBefore(SqlClient conn) {
    return conn.query(AS_BEFORE).execute();
  }
}
