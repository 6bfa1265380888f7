package gala.bench;

import io.vertx.core.Future;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.IntFunction;

/**
 * Warm-up before a benchmark's clock starts, until the JIT has settled: a node serving a season has
 * compiled its hot paths long ago, while a short burst on a fresh JVM measures the compiler (C2 was
 * busy through a whole 10 s registration burst after 2,800 warm-up registrations). Rounds run until
 * one of them spends under a tenth of its time compiling.
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
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
    double share = Double.NaN;
    int rounds = 0;
    while (rounds < MAX_ROUNDS) {
      long compiled0 = measurable ? jit.getTotalCompilationTime() : 0;
      long t0 = System.nanoTime();
      Baseline.await(round.apply(rounds));
      rounds++;
      double millis = (System.nanoTime() - t0) / 1e6;
      if (!measurable) {
        break;
      }
      share = (jit.getTotalCompilationTime() - compiled0) / millis;
      if (share < SETTLED) {
        break;
      }
    }
    String said = String.format("%s warm-up: %d round(s); the JIT compiled for %.0f%% of the last one's time", bench, rounds,
        share * 100);
    System.out.println(said);
    return said;
  }
}
