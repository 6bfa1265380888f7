package gala.testing;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A PostgreSQL server that a test runs as its own process and stops and starts with {@code pg_ctl},
 * as an operator would run the external database Gala is configured with (not Gala's embedded one).
 *
 * <p>The binaries are those in {@code GALA_TEST_PG_BIN} (e.g. {@code /usr/lib/postgresql/15/bin}) when
 * set; otherwise the zonky PostgreSQL 17 binaries, unpacked here and started by this class (a fresh
 * Debian CI machine has no other PostgreSQL). Either way the server runs under its own data
 * directory, with password authentication, a non-superuser role and a database owned by it.
 */
public final class ExternalPostgres implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private final String password;

  private ExternalPostgres(Path bin, Path dir, int port, String password) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.password = password;
  }

  /** initdb, start, and a role {@code gala} owning a database {@code gala}. */
  public static ExternalPostgres start() throws Exception {
    Path bin = binaries();
    Path dir = Files.createTempDirectory("gala-ext-pg");
    String password = "pw" + Long.toHexString(System.nanoTime());
    Path pwfile = dir.resolve("superuser-password");
    Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
    ExternalPostgres pg = new ExternalPostgres(bin, dir, TestGala.freePort(), password);
    pg.run("initdb", "-D", pg.data().toString(), "-U", "postgres", "--pwfile=" + pwfile, "-A", "scram-sha-256",
        "-E", "UTF-8", "--no-locale");
    pg.startServer();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port + "/postgres", "postgres",
        password); Statement s = c.createStatement()) {
      s.execute("CREATE ROLE gala LOGIN PASSWORD '" + password + "'");
      s.execute("CREATE DATABASE gala OWNER gala");
    }
    return pg;
  }

  /** The settings an operator gives Gala for this server (flags of {@code gala.platform.Config}). */
  public List<String> galaFlags() {
    return List.of("--db-url=postgresql://127.0.0.1:" + port + "/gala", "--db-user=gala", "--db-password=" + password);
  }

  public String version() throws Exception {
    return run("postgres", "--version").trim();
  }

  /** {@code pg_ctl start}: the same port and data directory as before. */
  public void startServer() throws Exception {
    run("pg_ctl", "-D", data().toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir, "start");
  }

  /** {@code pg_ctl stop -m fast}: what a service restart does; every session is ended. */
  public void stopServer() throws Exception {
    run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop");
  }

  @Override
  public void close() throws Exception {
    if (Files.exists(data().resolve("postmaster.pid"))) {
      run("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "-t", "60", "stop");
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  private String run(String program, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U")); // PostgreSQL refuses to run as root; zonky does the same
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, program, ".out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(command + " did not finish");
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
      throw new IllegalStateException(command + " failed (" + p.exitValue() + "): " + text + "\n" + log);
    }
    return text;
  }

  private static synchronized Path binaries() throws IOException {
    String given = System.getenv("GALA_TEST_PG_BIN");
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    Path home = Path.of(System.getProperty("java.io.tmpdir"), "gala-external-pg-17");
    if (!Files.exists(home)) {
      // Unpacked beside it and renamed in one step, so a second test JVM never sees half the files.
      Path part = Files.createTempDirectory(home.getParent(), "gala-external-pg-17-part");
      unpack(part);
      try {
        Files.move(part, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException another) {
        if (!Files.exists(home)) {
          throw another;
        }
      }
    }
    return home.resolve("bin");
  }

  private static void unpack(Path home) throws IOException {
    try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64");
         TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        Path to = home.resolve(e.getName()).normalize();
        if (!to.startsWith(home)) {
          throw new IOException("entry outside the target: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(to.getParent());
          Files.deleteIfExists(to);
          Files.createSymbolicLink(to, Path.of(e.getLinkName()));
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
          Set<PosixFilePermission> mode = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
          if ((e.getMode() & 0100) != 0) {
            mode.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE));
          }
          Files.setPosixFilePermissions(to, mode);
        }
      }
    }
  }
}
