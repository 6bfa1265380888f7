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

  private WarmUp() {}

  /**
   * Runs {@code round} (given the round number, from 0) until the JIT compiled for under
   * {@link #SETTLED} of a round's wall time, or {@link #MAX_ROUNDS} rounds; prints and returns how it went.
   */
  static String untilSettled(String bench, IntFunction<Future<?>> round) throws Exception {
    return untilSettled(bench, MAX_ROUNDS, round);
  }

  /** {@link #untilSettled(String, IntFunction)} with at most {@code maxRounds} rounds. */
  static String untilSettled(String bench, int maxRounds, IntFunction<Future<?>> round) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean measurable = CpuMeter.vmThreadMillis().get("jit") > 0;
    double share = Double.NaN;
    double elapsedShare = Double.NaN;
    int rounds = 0;
    while (rounds < maxRounds) {
      long cpu0 = CpuMeter.vmThreadMillis().get("jit");
      long compiled0 = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
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
      System.out.printf("%s warm-up round %d: %.1f s, JIT compiler threads' CPU %.0f%% of it%n", bench, rounds, millis / 1e3,
          share * 100);
      if (share < SETTLED) {
        break;
      }
    }
    String said = String.format("%s warm-up: %d round(s); in the last one the JIT's compiler threads used %.0f%% of its "
        + "wall time in CPU (compilations' elapsed time %.0f%%)", bench, rounds, share * 100, elapsedShare * 100);
    System.out.println(said);
    return said;
  }
}
