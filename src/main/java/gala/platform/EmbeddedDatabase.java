package gala.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 started from the zonky binaries, for laptops and tests. The data directory
 * is kept, so stopping and starting Gala loses nothing. Blocking: start it before Vert.x serves.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    Path pgData = dataDir.resolve("pg").toAbsolutePath();
    Files.createDirectories(pgData);
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .start();
    LOG.info("embedded PostgreSQL on port {} with data in {}", pg.getPort(), pgData);
    return new EmbeddedDatabase(pg);
  }

  public DbLocation location(String database) {
    return new DbLocation("postgresql://localhost:" + postgres.getPort() + "/" + database, "postgres", "");
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
