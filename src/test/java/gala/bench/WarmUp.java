package gala.bench;

import io.vertx.core.Future;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntFunction;

/**
 * Warm-up before a benchmark's clock starts, until the JIT has settled: a node serving a season has
 * compiled its hot paths long ago, while a short burst on a fresh JVM measures the compiler (C2 was
 * busy through a whole 10 s registration burst after 2,800 warm-up registrations). Rounds run until
 * the JIT's compiler threads used under a tenth of a round's wall time in CPU. (Not the JIT's own
 * compilation time: that is elapsed time, and on a saturated 2-core machine a compiler thread
 * mostly waits for a core; it read 70-90% of a round long after the CPU spent compiling had fallen.)
 */
final class WarmUp {
  static final int MAX_ROUNDS = Integer.getInteger("bench.warmUpRounds", 8);
  static final double SETTLED = 0.10;
  /**
   * Rounds run even when the JIT settled earlier ({@code -Dbench.warmUpMinRounds=N}): two runs to compare
   * then start from the same data (RegistrationBench's contacts' own topics have the same length, so
   * their checkpoints fall due at the same point of the burst in both).
   */
  static final int MIN_ROUNDS = Integer.getInteger("bench.warmUpMinRounds", 0);

  private WarmUp() {}

  /**
   * Runs {@code round} (given the round number, from 0) until the JIT compiled for under
   * {@link #SETTLED} of a round's wall time, or {@link #MAX_ROUNDS} rounds; prints and returns how it went.
   */
  static String untilSettled(String bench, IntFunction<Future<?>> round) throws Exception {
    return untilSettled(bench, MAX_ROUNDS, round);
  }

  /**
   * Compilations under which a round of {@link #untilQuiet} counts as quiet: a long tail of library
   * methods (Netty, Vert.x, Jackson: 1,700 distinct ones after two minutes of ScoringBench) keeps
   * crossing the JIT's thresholds, and on a loaded 2-core box the compiler threads get too little
   * CPU to clear their queue while the round runs, so the CPU share alone reads "settled" early.
   */
  static final int QUIET = Integer.getInteger("bench.warmUpQuiet", 100);

  /**
   * Like {@link #untilSettled(String, IntFunction)}, at most {@code maxRounds} rounds, each followed by
   * an idle pause until the JIT's queue is drained (no compilation for half a second, at most 20 s):
   * a node that runs all morning has such pauses, and its compiler is not starved by the load it
   * serves. Settled once a round's load made fewer than {@link #QUIET} compilations and its compiler
   * threads used under {@link #SETTLED} of it; every round and pause is printed.
   */
  static String untilQuiet(String bench, int maxRounds, IntFunction<Future<?>> round) throws Exception {
    long t0 = System.nanoTime();
    long drainedTotal = 0;
    int rounds = 0;
    String last = "";
    double lastMillis = 0;
    while (rounds < maxRounds) {
      long cpu0 = CpuMeter.vmThreadMillis().get("jit");
      long compiles0 = compilations();
      long r0 = System.nanoTime();
      Baseline.await(round.apply(rounds));
      rounds++;
      double millis = (System.nanoTime() - r0) / 1e6;
      double share = (CpuMeter.vmThreadMillis().get("jit") - cpu0) / millis;
      long compiled = compilations() - compiles0;
      long d0 = System.nanoTime();
      long drained = drain();
      drainedTotal += drained;
      // A round that took three times as long as the one before waited on something (a request the
      // bench's client lost, gala.bench.BenchHttp): the JIT's share of it says nothing, so it is not quiet.
      boolean stalled = lastMillis > 0 && millis > 3 * lastMillis;
      lastMillis = millis;
      last = String.format("%.1f s, JIT compiler threads' CPU %.0f%% of it, %d compilations (then %d more in a %.1f s pause)%s",
          millis / 1e3, share * 100, compiled, drained, (System.nanoTime() - d0) / 1e9, stalled ? "; stalled, not taken as quiet" : "");
      System.out.printf("%s warm-up round %d: %s%n", bench, rounds, last);
      if ((compiled < 0 || (compiled < QUIET && share < SETTLED && !stalled)) && rounds >= MIN_ROUNDS) {
        break;
      }
    }
    String said = String.format("%s warm-up: %d round(s) of at most %d in %.0f s (pauses included, %d compilations in them); "
        + "the last: %s", bench, rounds, maxRounds, (System.nanoTime() - t0) / 1e9, drainedTotal, last);
    System.out.println(said);
    return said;
  }

  /** Waits, idle, until the JIT compiled nothing for half a second (at most 20 s); how many it compiled meanwhile. */
  private static long drain() throws InterruptedException {
    long start = compilations();
    long seen = start;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      Thread.sleep(500);
      long now = compilations();
      if (now == seen) {
        break;
      }
      seen = now;
    }
    return seen - start;
  }

  /** {@link #untilSettled(String, IntFunction)} with at most {@code maxRounds} rounds. */
  static String untilSettled(String bench, int maxRounds, IntFunction<Future<?>> round) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean measurable = CpuMeter.vmThreadMillis().get("jit") > 0;
    double share = Double.NaN;
    double elapsedShare = Double.NaN;
    long compiled = -1;
    int rounds = 0;
    while (rounds < maxRounds) {
      long cpu0 = CpuMeter.vmThreadMillis().get("jit");
      long compiled0 = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
      long compiles0 = compilations();
      long t0 = System.nanoTime();
      Baseline.await(round.apply(rounds));
      rounds++;
      double millis = (System.nanoTime() - t0) / 1e6;
      if (!measurable) {
        break;
      }
      share = (CpuMeter.vmThreadMillis().get("jit") - cpu0) / millis;
      elapsedShare = jit != null && jit.isCompilationTimeMonitoringSupported() ? (jit.getTotalCompilationTime() - compiled0) / millis
          : Double.NaN;
      compiled = compilations() - compiles0;
      System.out.printf("%s warm-up round %d: %.1f s, JIT compiler threads' CPU %.0f%% of it, %d compilations%n", bench, rounds,
          millis / 1e3, share * 100, compiled);
      if (share < SETTLED && rounds >= MIN_ROUNDS) {
        break;
      }
    }
    String said = String.format("%s warm-up: %d round(s) of at most %d; in the last one the JIT's compiler threads used %.0f%% "
        + "of its wall time in CPU (compilations' elapsed time %.0f%%, %d compilations)", bench, rounds, maxRounds, share * 100,
        elapsedShare * 100, compiled);
    System.out.println(said);
    return said;
  }

  /**
   * Methods HotSpot compiled since the JVM started (every tier), -1 when it does not say: how busy the
   * JIT still is, whatever share of a loaded machine its threads get (internal MBean, opened to
   * tests by the surefire argLine).
   */
  static long compilations() {
    try {
      java.lang.reflect.Method helper = Class.forName("sun.management.ManagementFactoryHelper").getMethod("getHotspotCompilationMBean");
      helper.setAccessible(true);
      Object bean = helper.invoke(null);
      java.lang.reflect.Method count = Class.forName("sun.management.HotspotCompilationMBean").getMethod("getTotalCompileCount");
      count.setAccessible(true);
      return ((Number) count.invoke(bean)).longValue();
    } catch (ReflectiveOperationException | RuntimeException notHotSpot) {
      return -1;
    }
  }
}
