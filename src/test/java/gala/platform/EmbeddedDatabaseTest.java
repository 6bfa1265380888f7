package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseTest {
  @Test
  void dataSurvivesAStopAndStartOnTheSameDataDirectory() throws Exception {
    Path dir = Files.createTempDirectory("gala-persist");
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
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
           ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM users WHERE email = 'kept@test'")) {
        rs.next();
        assertEquals(1, rs.getInt(1));
      }
    }
  }
}
