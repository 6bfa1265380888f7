package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void defaultsStartAloneOnPort8080WithEmbeddedPostgres() {
    Config c = Config.defaults();
    assertEquals(8080, c.httpPort());
    assertNull(c.dbUrl());
    assertFalse(c.cluster());
    assertFalse(c.demo());
  }

  @Test
  void flagsWinOverEnvironmentVariables() {
    Config c = Config.from(new String[] {"--http-port=9000", "--demo", "--cluster-members=10.0.0.1:5701, 10.0.0.2:5701"},
        Map.of("GALA_HTTP_PORT", "7000", "GALA_DB_URL", "postgresql://db:5432/gala", "GALA_CLUSTER", "true"));
    assertEquals(9000, c.httpPort());
    assertTrue(c.demo());
    assertTrue(c.cluster());
    assertEquals("postgresql://db:5432/gala", c.dbUrl());
    assertEquals(List.of("10.0.0.1:5701", "10.0.0.2:5701"), c.clusterMembers());
  }

  @Test
  void unknownFlagsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Config.from(new String[] {"--htp-port=1"}, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> Config.from(new String[] {"demo"}, Map.of()));
  }

  @Test
  void databaseUrlsInEveryUsualForm() {
    assertEquals("postgresql://h:5432/g", DbLocation.of("jdbc:postgresql://h:5432/g", "u", "p").uri());
    assertEquals("postgresql://h:5432/g", DbLocation.of("postgres://h:5432/g", "u", "p").uri());
    assertEquals("jdbc:postgresql://h:5432/g", DbLocation.of("postgresql://h:5432/g", "u", "p").jdbcUrl());
    assertThrows(IllegalArgumentException.class, () -> DbLocation.of("mysql://h/g", "u", "p"));
  }
}
