package gala.platform;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * What a failure that is no deliberate refusal means to the client. The database being away
 * (refused or lost connections, a server shutting down or starting up, a full pool) is 503
 * UNAVAILABLE with Retry-After: nothing was written and a retry will do. A value PostgreSQL cannot
 * hold is the client's 400; a constraint no feature anticipated is a 409; everything else stays
 * our own 500.
 */
public final class Faults {
  /** Seconds a client should wait before retrying a 503. */
  public static final int RETRY_AFTER_SECONDS = 2;

  private Faults() {}

  /** The error for an unexpected failure, or null when it is none of the known kinds (a bug: 500). */
  static ApiError classify(Throwable f) {
    for (Throwable t = f; t != null; t = t.getCause()) {
      if (t instanceof PgException pg && pg.getSqlState() != null) {
        ApiError e = fromSqlState(pg.getSqlState());
        if (e != null) {
          return e;
        }
      }
      if (unreachable(t)) {
        return unavailable();
      }
      if (insideValidator(t)) {
        // The JSON-schema validator itself tripped over the value (e.g. an empty string checked as an email).
        return new ApiError(400, "VALIDATION_FAILED", "the request does not fit the contract",
            new io.vertx.core.json.JsonObject().put("in", "body").put("rule", "format"));
      }
    }
    return null;
  }

  /**
   * Whether {@code f} is a passing failure of the database (unreachable, shutting down, a deadlock or
   * serialization failure, a lock timeout): work done in one transaction may simply be tried again.
   */
  public static boolean passing(Throwable f) {
    ApiError e = classify(f);
    return e != null && e.status() == 503;
  }

  public static ApiError unavailable() {
    return new ApiError(503, "UNAVAILABLE", "the database cannot be reached; retry shortly");
  }

  static ApiError fromSqlState(String state) {
    if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.equals("40001")
        || state.equals("40P01") || state.equals("55P03") || state.equals("25006")) {
      // connection, resources, shutdown/startup, serialization, deadlock, lock timeout, read-only standby
      return unavailable();
    }
    if (state.startsWith("22")) {
      return new ApiError(400, "VALIDATION_FAILED", "a value cannot be stored (" + state + ")",
          new io.vertx.core.json.JsonObject().put("in", "body").put("rule", "value"));
    }
    if (state.startsWith("23")) {
      return new ApiError(409, "CONFLICT", "the change conflicts with data stored meanwhile (" + state + ")");
    }
    return null;
  }

  private static boolean unreachable(Throwable t) {
    if (t instanceof ConnectException || t instanceof ClosedConnectionException || t instanceof ClosedChannelException
        || t instanceof SocketException || t instanceof TimeoutException) {
      return true;
    }
    if (t instanceof IOException && fromDatabaseSocket(t)) {
      // "Broken pipe" or "Connection reset" while writing to a server that is shutting down: the
      // statement never reached it, so nothing was acknowledged and a retry will do.
      return true;
    }
    String m = t.getMessage();
    return t instanceof VertxException && m != null
        && (m.contains("Connection") || m.contains("connection") || m.contains("closed") || m.contains("Timeout"));
  }

  private static boolean fromDatabaseSocket(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      String c = frame.getClassName();
      if (c.startsWith("io.vertx.pgclient.") || c.startsWith("io.vertx.sqlclient.")) {
        return true;
      }
    }
    return false;
  }

  private static boolean insideValidator(Throwable t) {
    if (!(t instanceof RuntimeException) || t instanceof ApiError) {
      return false;
    }
    StackTraceElement[] trace = t.getStackTrace();
    for (int i = 0; i < Math.min(trace.length, 12); i++) {
      String c = trace[i].getClassName();
      if (c.startsWith("io.vertx.json.schema.") || c.startsWith("io.vertx.openapi.validation.")) {
        return true;
      }
    }
    return false;
  }
}
