package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Failures that are no deliberate refusal still answer with a code: 503 when the database is away. */
class FaultsTest {
  @Test
  void theDatabaseBeingAwayIsUnavailable() {
    assertEquals("UNAVAILABLE", code(new ConnectException("Connection refused")));
    assertEquals("UNAVAILABLE", code(ClosedConnectionException.INSTANCE));
    assertEquals("UNAVAILABLE", code(new VertxException("wrapped", new ConnectException("refused"))));
    for (String state : new String[] {"57P01", "57P03", "08006", "53300", "40001", "40P01"}) {
      assertEquals("UNAVAILABLE", code(pg(state)), state);
    }
    assertEquals(503, Http.toApiError(500, pg("57P01")).status());
  }

  @Test
  void aBrokenPipeToTheDatabaseIsUnavailableButOtherIoFailuresAreOurs() {
    // What the pg client raised when it wrote to a PostgreSQL that was shutting down (DatabaseCrashTest).
    java.io.IOException pipe = new java.io.IOException("Broken pipe");
    pipe.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("sun.nio.ch.FileDispatcherImpl", "write0", null, -2),
        new StackTraceElement("io.netty.channel.AbstractChannelHandlerContext", "flush", null, 756),
        new StackTraceElement("io.vertx.pgclient.impl.codec.PgEncoder", "flush", null, 535)});
    assertEquals("UNAVAILABLE", code(pipe));
    java.io.IOException file = new java.io.IOException("No such file");
    file.setStackTrace(new StackTraceElement[] {new StackTraceElement("gala.pdf.Book", "font", null, 1)});
    assertNull(code(file));
  }

  @Test
  void valuesPostgresCannotHoldAreTheClientsAndSurpriseConstraintsConflicts() {
    ApiError nul = Http.toApiError(500, pg("22021"));
    assertEquals(400, nul.status());
    assertEquals("VALIDATION_FAILED", nul.code());
    ApiError unique = Http.toApiError(500, pg("23505"));
    assertEquals(409, unique.status());
    assertEquals("CONFLICT", unique.code());
  }

  @Test
  void ourOwnBugsStayInternal() {
    assertNull(Faults.classify(new IllegalStateException("a bug")));
    assertEquals(500, Http.toApiError(500, new NullPointerException()).status());
    assertEquals(500, Http.toApiError(500, pg("42P01")).status()); // undefined table: our mistake
  }

  private static String code(Throwable t) {
    ApiError e = Faults.classify(t);
    return e == null ? null : e.code();
  }

  private static PgException pg(String state) {
    return new PgException("boom", "ERROR", state, null);
  }
}
