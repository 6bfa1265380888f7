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
  private java.util.Map<Long, Long> dbByProcess0 = java.util.Map.of();
  /** Each PostgreSQL process's command line by pid as last seen ("postmaster" for it), classified only when printed. */
  private final java.util.Map<Long, String> titles = new java.util.HashMap<>();
  private java.util.Map<Long, Long> threads0 = java.util.Map.of();
  private long compiling0;
  private java.util.Map<String, Long> vm0 = java.util.Map.of("jit", 0L, "gc", 0L);

  CpuMeter(DbLocation db) {
    Matcher m = Pattern.compile(":(\\d+)/").matcher(db.jdbcUrl());
    this.port = m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /**
   * Reads the counters the timed part is measured against. What runs here shares the node's JVM
   * and its compiled code: no regular expressions, streams or JSON (see {@link #databaseTicks}).
   */
  void start() {
    jvm0 = jvmNanos();
    dbByProcess0 = databaseTicks();
    db0 = sum(dbByProcess0) * (1_000_000_000L / TICKS_PER_SECOND);
    threads0 = threadNanos();
    compiling0 = compilingMillis();
    vm0 = vmThreadMillis();
  }

  /**
   * CPU of the JVM's own threads from /proc/self/task ("jit": the C1/C2 compiler threads, "gc": the
   * collector's), in ms: ThreadMXBean does not list them, and the JIT's compilation time is elapsed
   * time, which on a saturated machine is mostly waiting for a core.
   */
  static java.util.Map<String, Long> vmThreadMillis() {
    long jit = 0;
    long gc = 0;
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          if (comm.contains("CompilerThre")) {
            jit += ticks;
          } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            gc += ticks;
          }
        } catch (Exception gone) {
          // the thread ended while we looked
        }
      }
    } catch (Exception noProc) {
      // not Linux: both read as 0
    }
    return java.util.Map.of("jit", jit * (1000 / TICKS_PER_SECOND), "gc", gc * (1000 / TICKS_PER_SECOND));
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
    // The busiest thread of each group: a group near one core's worth may be one thread at its limit.
    java.util.Map<String, Long> busiest = new java.util.HashMap<>();
    long sum = 0;
    for (java.util.Map.Entry<Long, Long> e : threadNanos().entrySet()) {
      long used = e.getValue() - threads0.getOrDefault(e.getKey(), 0L);
      java.lang.management.ThreadInfo info = mx.getThreadInfo(e.getKey());
      String group = info == null ? "ended" : info.getThreadName().replaceAll("\\d+", "N");
      byGroup.merge(group, used, Long::sum);
      busiest.merge(group, used, Math::max);
      sum += used;
    }
    StringBuilder out = new StringBuilder();
    byGroup.entrySet().stream().filter(e -> e.getValue() > 50_000_000L).sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> out.append(String.format("%s %.0f ms (the busiest one %.0f ms); ", e.getKey(), e.getValue() / 1e6,
            busiest.get(e.getKey()) / 1e6)));
    out.append(String.format("JIT, GC and other VM threads %.0f ms", (jvmNanos() - jvm0 - sum) / 1e6));
    java.util.Map<String, Long> vm = vmThreadMillis();
    out.append(String.format(" (JIT compiler threads %d ms, GC threads %d ms", vm.get("jit") - vm0.get("jit"), vm.get("gc") - vm0.get("gc")));
    long compiling = compilingMillis();
    if (compiling >= 0) {
      // Elapsed time in compilations (a compiler thread waiting for a core counts), not CPU.
      out.append(String.format("; compilations took %d ms of elapsed time", compiling - compiling0));
    }
    out.append(')');
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
    return sum(databaseTicks()) * (1_000_000_000L / TICKS_PER_SECOND);
  }

  private static long sum(java.util.Map<Long, Long> ticks) {
    long n = 0;
    for (long t : ticks.values()) {
      n += t;
    }
    return n;
  }

  /**
   * PostgreSQL's CPU since {@link #start} by process (titles with their variable parts dropped:
   * "backend", "walwriter", "checkpointer", "autovacuum worker", ...; "exited" is what processes
   * that ended in between used, as the postmaster collected it), in ms.
   */
  String database() {
    java.util.Map<Long, Long> now = databaseTicks();
    java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
    now.forEach((pid, v) -> byKind.merge(pid == 0 ? "exited" : kind(titles.get(pid)), v - dbByProcess0.getOrDefault(pid, 0L), Long::sum));
    // A process that ended in between: its whole life is in the postmaster's "exited" now, so its
    // time before the start comes off there.
    dbByProcess0.forEach((k, v) -> {
      if (!now.containsKey(k)) {
        byKind.merge("exited", -v, Long::sum);
      }
    });
    StringBuilder out = new StringBuilder();
    byKind.entrySet().stream().filter(e -> e.getValue() != 0).sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> out.append(String.format("%s%s %d ms", out.length() == 0 ? "" : "; ", e.getKey(),
            e.getValue() * (1000 / TICKS_PER_SECOND))));
    return out.toString();
  }

  private static String kind(String cmdline) {
    if ("postmaster".equals(cmdline)) {
      return cmdline;
    }
    String title = cmdline;
    if (title.startsWith("postgres: ")) {
      title = title.substring("postgres: ".length());
    }
    if (title.matches(".*\\d+\\.\\d+\\.\\d+\\.\\d+\\(\\d+\\).*") || title.contains("[local]")) {
      return "backends";
    }
    return title.replaceAll("\\d+", "N").trim();
  }

  /**
   * Ticks by pid of the postmaster of {@code port} and its children, plus pid 0: children reaped
   * ("exited"); their command lines go to {@link #titles}. Called at the timed part's start, so it
   * classifies nothing (kind's regular expressions made the node's compiled regex code, which routes
   * every request, meet other patterns there).
   */
  private java.util.Map<Long, Long> databaseTicks() {
    java.util.Map<Long, Long> out = new java.util.HashMap<>();
    try {
      List<Long> postmasters = new ArrayList<>();
      List<String[]> stats = new ArrayList<>();
      try (var procs = Files.list(Path.of("/proc"))) {
        for (Path p : (Iterable<Path>) procs::iterator) {
          String name = p.getFileName().toString();
          if (!digits(name)) {
            continue;
          }
          try {
            String cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ').trim();
            String stat = Files.readString(p.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            stats.add(new String[] {name, f[1], f[11], f[12], f[13], f[14], cmd}); // pid, ppid, utime, stime, cutime, cstime
            if (cmd.contains("postgres") && cmd.contains("-p " + port + " ")) {
              postmasters.add(Long.parseLong(name));
            }
          } catch (Exception gone) {
            // the process ended while we looked
          }
        }
      }
      for (String[] s : stats) {
        long pid = Long.parseLong(s[0]);
        if (postmasters.contains(pid)) {
          out.put(pid, Long.parseLong(s[2]) + Long.parseLong(s[3]));
          titles.put(pid, "postmaster");
          out.merge(0L, Long.parseLong(s[4]) + Long.parseLong(s[5]), Long::sum);
        } else if (postmasters.contains(Long.parseLong(s[1]))) {
          // Keyed by pid: a backend's title changes with what it does (idle, INSERT, ...), not its kind.
          out.put(pid, Long.parseLong(s[2]) + Long.parseLong(s[3]));
          titles.put(pid, s[6]);
        }
      }
    } catch (Exception e) {
      // no /proc: the database's share reads as 0
    }
    return out;
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }
}
