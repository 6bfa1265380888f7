package gala.platform;

import gala.testing.TempDirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A Gala that ran yesterday's migrations starts on today's: migrations are numbered by issue, so a
 * new one (V11_30) can sort before one the database already has (V14_3).
 */
class MigrationUpgradeTest {
  @Test
  void aDatabaseWithLaterMigrationsTakesEarlierNumberedNewOnes() throws Exception {
    Path all = Path.of(MigrationUpgradeTest.class.getClassLoader().getResource("db/migration").toURI());
    List<Path> files;
    try (Stream<Path> listed = Files.list(all)) {
      files = listed.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList();
    }
    // Yesterday's set: everything but the newest issue-11 migrations (added after V14_3 existed).
    Path yesterday = TempDirs.create("gala-migrations");
    List<String> held = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.matches("V11_(2\\d|3\\d)__.*")) {
        held.add(name);
      } else {
        Files.copy(f, yesterday.resolve(name));
      }
    }
    assertTrue(held.size() >= 2, "the newer issue-11 migrations are there to hold back: " + held);

    DbLocation db = TestDatabase.fresh();
    Database.migrate(db, "filesystem:" + yesterday);
    assertEquals(0, count(db, "SELECT count(*) FROM flyway_schema_history WHERE version LIKE '11.3_' OR version LIKE '11.2_'"));

    Database.migrate(db);
    assertEquals(held.size(), count(db, "SELECT count(*) FROM flyway_schema_history WHERE success AND "
        + "(version LIKE '11.3_' OR version LIKE '11.2_')"), "every held-back migration ran: " + held);
    assertEquals(files.size(), count(db, "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"));
  }

  private static long count(DbLocation db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
