package gala.platform;

import gala.testing.TempDirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {
  @Test
  void dataSurvivesAStopAndStartOnTheSameDataDirectory() throws Exception {
    Path dir = TempDirs.create("gala-persist");
    try (EmbeddedDatabase first = EmbeddedDatabase.start(dir)) {
      DbLocation db = first.location("postgres");
      Database.migrate(db);
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        c.createStatement().execute("INSERT INTO users (email, display_name, password_hash, role) "
            + "VALUES ('kept@test', 'Kept', 'x', 'participant')");
      }
    }
    try (EmbeddedDatabase second = EmbeddedDatabase.start(dir)) {
      DbLocation db = second.location("postgres");
      Database.migrate(db); // a restart migrates again: nothing to do, nothing lost
      assertEquals("1", value(db, "SELECT count(*) FROM users WHERE email = 'kept@test'"));
    }
  }

  @Test
  void theRunCommandsDatabaseIsDurableListensOnLoopbackAndNeedsItsPassword() throws Exception {
    Path dir = TempDirs.create("gala-durable");
    try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir)) {
      DbLocation db = pg.location("postgres");
      assertEquals("on", value(db, "SHOW fsync"));
      assertEquals("on", value(db, "SHOW synchronous_commit"));
      assertEquals("on", value(db, "SHOW full_page_writes"));
      assertEquals("localhost", value(db, "SHOW listen_addresses"));
      assertTrue(db.password().length() >= 20, "a generated password");
      assertEquals(db.password(), Files.readString(dir.resolve("postgres-password")).trim());
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("postgres-password"))));
      assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), "postgres", ""), "no password, no entry");
      assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), "postgres", "guess"), "a wrong one neither");
    }
  }

  @Test
  void aDataDirectoryOfAnOlderGalaWithoutPasswordGetsOneAndKeepsItsData() throws Exception {
    Path dir = TempDirs.create("gala-legacy");
    try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false)
        .start(); Connection c = old.getPostgresDatabase().getConnection()) {
      c.createStatement().execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)");
    }
    try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir)) {
      DbLocation db = pg.location("postgres");
      assertEquals("7", value(db, "SELECT x FROM kept"));
      assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), "postgres", ""));
    }
    try (EmbeddedDatabase pg = EmbeddedDatabase.start(dir)) {
      assertEquals("7", value(pg.location("postgres"), "SELECT x FROM kept"));
    }
  }

  @Test
  void testsMayTurnDurabilityOffForSpeed() throws Exception {
    try (EmbeddedDatabase pg = EmbeddedDatabase.start(TempDirs.create("gala-fast"), 0, false)) {
      assertEquals("off", value(pg.location("postgres"), "SHOW fsync"));
    }
  }

  private static String value(DbLocation db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
