package gala.bench;

import gala.platform.DbLocation;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time spent by this JVM (Gala and the bench's clients) and by the PostgreSQL server of {@code db}
 * (its postmaster and every backend), read from /proc: how a benchmark's work splits between the two.
 * On a machine without /proc the database's share reads as 0.
 */
final class CpuMeter {
  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
  private final int port;
  private long jvm0;
  private long db0;
  private java.util.Map<Long, Long> threads0 = java.util.Map.of();
  private long compiling0;

  CpuMeter(DbLocation db) {
    Matcher m = Pattern.compile(":(\\d+)/").matcher(db.jdbcUrl());
    this.port = m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  void start() {
    jvm0 = jvmNanos();
    db0 = databaseNanos();
    threads0 = threadNanos();
    compiling0 = compilingMillis();
  }

  /** Time the JIT's compiler threads spent compiling since the JVM started (ms; -1 when the JVM does not say). */
  private static long compilingMillis() {
    java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
  }

  /** The JVM's CPU since {@link #start} by thread group (digits dropped from names), the rest being the JIT and GC. */
  String threads() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> byGroup = new java.util.TreeMap<>();
    long sum = 0;
    for (java.util.Map.Entry<Long, Long> e : threadNanos().entrySet()) {
      long used = e.getValue() - threads0.getOrDefault(e.getKey(), 0L);
      java.lang.management.ThreadInfo info = mx.getThreadInfo(e.getKey());
      String group = info == null ? "ended" : info.getThreadName().replaceAll("\\d+", "N");
      byGroup.merge(group, used, Long::sum);
      sum += used;
    }
    StringBuilder out = new StringBuilder();
    byGroup.entrySet().stream().filter(e -> e.getValue() > 50_000_000L).sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> out.append(String.format("%s %.0f ms; ", e.getKey(), e.getValue() / 1e6)));
    out.append(String.format("JIT, GC and other VM threads %.0f ms", (jvmNanos() - jvm0 - sum) / 1e6));
    long compiling = compilingMillis();
    if (compiling >= 0) {
      // Elapsed time in compilations, not CPU, but on a busy machine close to it: how far from steady state the run was.
      out.append(String.format(" (the JIT compiled for %d ms of it)", compiling - compiling0));
    }
    return out.toString();
  }

  private static java.util.Map<Long, Long> threadNanos() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    java.util.Map<Long, Long> out = new java.util.HashMap<>();
    for (long id : mx.getAllThreadIds()) {
      long t = mx.getThreadCpuTime(id);
      if (t >= 0) {
        out.put(id, t);
      }
    }
    return out;
  }

  /** "JVM x ms, PostgreSQL y ms per {unit}" for {@code count} units of work since {@link #start}. */
  String per(long count, String unit) {
    double jvm = (jvmNanos() - jvm0) / 1e6 / count;
    double db = (databaseNanos() - db0) / 1e6 / count;
    return String.format("CPU per %s: JVM (Gala + bench clients) %.2f ms, PostgreSQL %.2f ms", unit, jvm, db);
  }

  private static long jvmNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private long databaseNanos() {
    try {
      List<Long> postmasters = new ArrayList<>();
      List<String[]> stats = new ArrayList<>();
      try (var procs = Files.list(Path.of("/proc"))) {
        for (Path p : (Iterable<Path>) procs::iterator) {
          String name = p.getFileName().toString();
          if (!name.chars().allMatch(Character::isDigit)) {
            continue;
          }
          try {
            String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
            String stat = Files.readString(p.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            stats.add(new String[] {name, f[1], f[11], f[12]}); // pid, ppid, utime, stime
            if (cmd.contains("postgres") && cmd.contains("-p " + port + " ")) {
              postmasters.add(Long.parseLong(name));
            }
          } catch (Exception gone) {
            // the process ended while we looked
          }
        }
      }
      long ticks = 0;
      for (String[] s : stats) {
        long pid = Long.parseLong(s[0]);
        if (postmasters.contains(pid) || postmasters.contains(Long.parseLong(s[1]))) {
          ticks += Long.parseLong(s[2]) + Long.parseLong(s[3]);
        }
      }
      return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    } catch (Exception e) {
      return 0;
    }
  }
}
