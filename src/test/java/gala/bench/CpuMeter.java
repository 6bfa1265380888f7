package gala.bench;

import gala.platform.DbLocation;
import gala.platform.Database;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM (Gala and the bench's clients) and by the PostgreSQL server (its
 * postmaster's child processes, read from /proc) between two points of a benchmark. On a shared,
 * noisy box a same-run throughput ratio swings with the neighbours' load; CPU seconds per write
 * swing much less, so a change's cost shows in them even when the ratio hides it. Linux only:
 * elsewhere the PostgreSQL side reads as unknown.
 */
final class CpuMeter {
  private static final long TICKS = 100; // USER_HZ on Linux
  private final long postmaster;
  private long jvmFrom;
  private long pgFrom;

  private CpuMeter(long postmaster) {
    this.postmaster = postmaster;
  }

  /** Finds the PostgreSQL server of {@code db} (the parent of one of its backends). */
  static CpuMeter of(DbLocation db) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = Database.pool(vertx, db, 1);
      long backend = Baseline.await(pool.query("SELECT pg_backend_pid()").execute()).iterator().next().getInteger(0);
      long postmaster = parent(backend); // while the backend still lives
      Baseline.await(pool.close());
      if (postmaster <= 0) {
        System.err.println("CpuMeter: PostgreSQL backend " + backend + " has no readable parent in /proc");
      }
      return new CpuMeter(postmaster);
    } finally {
      Baseline.await(vertx.close());
    }
  }

  void start() {
    jvmFrom = jvmNanos();
    pgFrom = postgresNanos();
  }

  /** "JVM x ms, PostgreSQL y ms of CPU per {@code unit}" since {@link #start}, over {@code count} of them. */
  String per(long count, String unit) {
    double jvm = (jvmNanos() - jvmFrom) / 1e6 / count;
    long pg = postgresNanos();
    String pgText = pg < 0 || pgFrom < 0 ? "unknown" : String.format("%.2f ms", (pg - pgFrom) / 1e6 / count);
    return String.format("CPU per %s: JVM %.2f ms, PostgreSQL %s", unit, jvm, pgText);
  }

  private static long jvmNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** utime + stime of the postmaster's children (the backends, WAL writer, checkpointer...), or -1. */
  private long postgresNanos() {
    if (postmaster <= 0) {
      return -1;
    }
    long ticks = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] f = stat(Long.parseLong(name));
        if (f != null && Long.parseLong(f[1]) == postmaster) {
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } else if (f != null && Long.parseLong(name) == postmaster) {
          // its own time and its children's that ended (closed connections)
          ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
      }
    } catch (Exception e) {
      System.err.println("CpuMeter: cannot read PostgreSQL's CPU time: " + e);
      return -1;
    }
    return ticks * (1_000_000_000L / TICKS);
  }

  private static long parent(long pid) {
    String[] f = stat(pid);
    return f == null ? -1 : Long.parseLong(f[1]);
  }

  /** /proc/pid/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime, [13] cutime, [14] cstime; null when gone. */
  private static String[] stat(long pid) {
    try {
      String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return s.substring(s.lastIndexOf(')') + 2).split(" ");
    } catch (Exception e) {
      return null;
    }
  }
}
