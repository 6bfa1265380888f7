package gala.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

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

  /** From here on in the transaction, generic plans. */
  public static Future<?> generic(SqlClient conn) {
    return conn.query(GENERIC).execute();
  }

  /**
   * Generic plans for the rest of this connection's session, for one statement run outside a
   * transaction: pipeline {@link #resetSession} right behind it, so the connection goes back to the
   * pool as it came (gala.access.Access).
   */
  public static Future<?> genericSession(SqlClient conn) {
    return conn.query("SET plan_cache_mode = force_generic_plan").execute();
  }

  /** Undoes {@link #genericSession}. */
  public static Future<?> resetSession(SqlClient conn) {
    return conn.query("RESET plan_cache_mode").execute();
  }

  /** Undoes {@link #generic}. */
  public static Future<?> asBefore(SqlClient conn) {
    return conn.query(AS_BEFORE).execute();
  }
}
