package gala.testing;

import gala.platform.DbLocation;
import gala.platform.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL per test run (embedded, or the server named by GALA_TEST_DB_URL), and a clean
 * database per test class created on it.
 */
public final class TestDatabase {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedDatabase embedded;

  private TestDatabase() {}

  /** A new, empty database; Gala's start migrates it. */
  public static synchronized DbLocation fresh() {
    try {
      DbLocation admin = server();
      String name = "gala_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
      try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
           Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      String base = admin.uri().substring(0, admin.uri().lastIndexOf('/') + 1);
      return new DbLocation(base + name, admin.user(), admin.password());
    } catch (Exception e) {
      throw new IllegalStateException("cannot create a test database", e);
    }
  }

  private static DbLocation server() throws Exception {
    String external = System.getenv("GALA_TEST_DB_URL");
    if (external != null && !external.isBlank()) {
      return DbLocation.of(external, System.getenv().getOrDefault("GALA_TEST_DB_USER", "postgres"),
          System.getenv().getOrDefault("GALA_TEST_DB_PASSWORD", ""));
    }
    if (embedded == null) {
      Path dir = Files.createTempDirectory("gala-test-pg");
      // Tests run thousands of short transactions: fsync and synchronous commit are off here for
      // speed. Benchmarks (-Pbench sets gala.test.durable) measure Gala and their baselines under the
      // durable settings Gala runs with; EmbeddedDatabaseTest checks those settings and crash safety.
      embedded = EmbeddedDatabase.start(dir, 0, Boolean.getBoolean("gala.test.durable"));
      EmbeddedDatabase db = embedded;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          db.close();
        } catch (Exception ignored) {
          // the JVM is exiting anyway
        }
        // Stopped first, then deleted: left behind, a run's data directory stays on disk for good.
        TempDirs.delete(dir);
      }));
    }
    return embedded.location("postgres");
  }
}
