package gala.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 started from the zonky binaries, for laptops and tests. The data directory
 * is kept, so stopping and starting Gala loses nothing. Blocking: start it before Vert.x serves.
 *
 * <p>It runs as a venue's only copy of the results, so it keeps PostgreSQL's own durability
 * (fsync, synchronous commit and full-page writes on: the embedding library's defaults turn the
 * first two off), listens on loopback only, and requires the password generated on first start
 * and kept in {@code <data-dir>/postgres-password} (readable by its owner only; no trust
 * authentication). A data directory made by an older Gala, which had no password, gets one on its
 * next start.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String HBA_PASSWORD = """
      # Written by Gala on every start (see EmbeddedDatabase): loopback only, passwords required.
      local all all scram-sha-256
      host  all all 127.0.0.1/32 scram-sha-256
      host  all all ::1/128 scram-sha-256
      """;
  private static final String HBA_TRUST_ONCE = """
      # Written by Gala for one start only, to give the postgres user of an old data directory a password.
      host  all all 127.0.0.1/32 trust
      host  all all ::1/128 trust
      """;

  private final EmbeddedPostgres postgres;
  private final String password;

  private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
    this.postgres = postgres;
    this.password = password;
  }

  /** System property: load pg_stat_statements (benchmarks print its table with -Dgala.statementStatistics=true). */
  public static final String STATEMENT_STATISTICS = "gala.statementStatistics";

  /** The run command's database: durable, on a free port. */
  public static EmbeddedDatabase start(Path dataDir) throws IOException {
    return start(dataDir, 0, true);
  }

  /**
   * @param port 0 for a free one; a fixed port lets a stopped server come back where clients look
   * @param durable false only for tests, which trade crash safety for speed (fsync and synchronous
   *     commit off); everything a person runs is durable
   */
  public static EmbeddedDatabase start(Path dataDir, int port, boolean durable) throws IOException {
    Path dir = dataDir.toAbsolutePath();
    Path pgData = dir.resolve("pg");
    Files.createDirectories(pgData);
    Path passwordFile = dir.resolve("postgres-password");
    Path hbaFile = dir.resolve("pg_hba.conf");
    boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
    boolean needsPassword = !fresh && !Files.exists(passwordFile);
    String password = password(passwordFile);
    Files.writeString(hbaFile, needsPassword ? HBA_TRUST_ONCE : HBA_PASSWORD, StandardCharsets.UTF_8);

    String sync = durable ? "on" : "off";
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setCleanDataDirectory(false)
        .setServerConfig("listen_addresses", "localhost")
        .setServerConfig("hba_file", hbaFile.toString())
        .setServerConfig("password_encryption", "scram-sha-256")
        .setServerConfig("fsync", sync)
        .setServerConfig("synchronous_commit", sync)
        .setServerConfig("full_page_writes", "on")
        .setConnectConfig("password", password);
    if (Boolean.getBoolean(STATEMENT_STATISTICS)) {
      // Where the database's time goes, statement by statement (also those run inside triggers).
      builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
          .setServerConfig("pg_stat_statements.track", "all")
          // And how often each was planned: a prepared statement on custom plans is planned at every execution.
          .setServerConfig("pg_stat_statements.track_planning", "on");
    }
    if (fresh) {
      // initdb --pwfile: the superuser has its password from the first moment the server runs.
      builder.setLocaleConfig("pwfile", passwordFile.toString());
    }
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres pg = builder.start();
    if (needsPassword) {
      givePassword(pg.getPort(), password, hbaFile);
    }
    LOG.info("embedded PostgreSQL on 127.0.0.1:{} with data in {} ({})", pg.getPort(), pgData,
        durable ? "durable" : "fsync and synchronous_commit off, for tests");
    return new EmbeddedDatabase(pg, password);
  }

  /** The password kept in the data directory, generated (owner-readable only) when there is none. */
  private static String password(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    return password;
  }

  private static void givePassword(int port, String password, Path hbaFile) throws IOException {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
         Statement s = c.createStatement()) {
      // The password is base64url (no quote can occur); ALTER ROLE takes no parameters.
      s.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
      Files.writeString(hbaFile, HBA_PASSWORD, StandardCharsets.UTF_8);
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IOException("cannot set the password of the embedded PostgreSQL", e);
    }
    LOG.info("the embedded PostgreSQL now requires the password kept in the data directory");
  }

  public int port() {
    return postgres.getPort();
  }

  public DbLocation location(String database) {
    return new DbLocation("postgresql://127.0.0.1:" + postgres.getPort() + "/" + database, "postgres", password);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
