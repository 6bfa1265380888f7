package gala.bench;

import gala.platform.Database;
import gala.platform.DbLocation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline every benchmark prints beside its own figures: plain single-row INSERT
 * transactions into the same PostgreSQL, with {@code clients} concurrent connections, measured in
 * the same run (these machines swing about 2x between runs, so only same-run ratios mean much), by a
 * client in a JVM of its own ({@link BaselineProcess}).
 */
public final class Baseline {
  private Baseline() {}

  /** Unmeasured INSERTs before the timed ones (ms): a new pool's connections and their statements warm up first. */
  static final long WARM_UP_MILLIS = Long.getLong("bench.baselineWarmUpMillis", 2_000);

  /**
   * Transactions per second over {@code millis}, after {@link #WARM_UP_MILLIS} of the same load
   * unmeasured: a short window reads its own warm-up (2026-12-03, a fresh JVM's four successive 3 s
   * windows, each on a new pool: 2,027, 3,950, 5,583, 5,670 tx/s), and a low baseline flatters every
   * ratio taken against it.
   */
  public static double insertTps(DbLocation db, int clients, long millis) throws Exception {
    return Boolean.getBoolean("bench.baselineInProcess") ? measureHere(db, clients, millis, 0)
        : BaselineProcess.shared().insertTps(db, clients, millis);
  }

  /** {@link #insertTps} in this JVM, after {@code extraWarmUpMillis} more of the same load unmeasured (a fresh JVM's first). */
  static double measureHere(DbLocation db, int clients, long millis, long extraWarmUpMillis) throws Exception {
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, db, clients);
    try {
      await(pool.query("CREATE TABLE IF NOT EXISTS bench_baseline (id BIGSERIAL PRIMARY KEY, payload TEXT, "
          + "created_at TIMESTAMPTZ NOT NULL DEFAULT now())").execute());
      inserts(pool, clients, WARM_UP_MILLIS + extraWarmUpMillis);
      return inserts(pool, clients, millis);
    } finally {
      await(pool.close());
      await(vertx.close());
    }
  }

  /** {@code clients} closed loops of single-row INSERT transactions for {@code millis}: their rate. */
  private static double inserts(Pool pool, int clients, long millis) throws Exception {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    List<Future<Void>> loops = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < clients; i++) {
      loops.add(loop(pool, done, end));
    }
    await(Future.all(loops));
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  private static Future<Void> loop(Pool pool, AtomicLong done, long end) {
    io.vertx.core.Promise<Void> finished = io.vertx.core.Promise.promise();
    step(pool, done, end, finished);
    return finished.future();
  }

  /** One transaction, then the next from its callback: a compose chain thousands deep overflows the stack when it completes. */
  private static void step(Pool pool, AtomicLong done, long end, io.vertx.core.Promise<Void> finished) {
    if (System.nanoTime() >= end) {
      finished.complete();
      return;
    }
    pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO bench_baseline (payload) VALUES ($1)")
            .execute(Tuple.of("x")))
        .onComplete(ar -> {
          if (ar.failed()) {
            finished.fail(ar.cause());
          } else {
            done.incrementAndGet();
            step(pool, done, end, finished);
          }
        });
  }

  /**
   * A baseline taken right before and right after a benchmark's timed part, on the same database:
   * its fsync-bound rate swung 1,361-6,907 tx/s within one run of {@code mvn -Pbench test}
   * (2026-12-03), so one reading taken minutes away from the timed part said more about its own
   * moment than about Gala. The ratio is taken against the mean of the two, and both are printed.
   */
  public record Bracket(int clients, double before, double after) {
    public double mean() {
      return (before + after) / 2;
    }

    /** "baseline ... before, ... after ... ratio R (R1 to R2 against each)" for {@code rate}. */
    public String ratio(double rate) {
      return String.format("same-run baseline %.0f single-row INSERT tx/s before the timed part, %.0f after (%d clients); "
          + "ratio %.2f to their mean (%.2f to %.2f against each)", before, after, clients, rate / mean(),
          rate / Math.max(before, after), rate / Math.min(before, after));
    }
  }

  /** {@link #insertTps} now, and again when the returned call is made: the two ends of a {@link Bracket}. */
  public static java.util.concurrent.Callable<Bracket> bracket(DbLocation db, int clients, long millis) throws Exception {
    double before = insertTps(db, clients, millis);
    return () -> new Bracket(clients, before, insertTps(db, clients, millis));
  }

  /**
   * {@code clients} closed loops over the indexes 0..count-1 (loop k takes k, k+clients, ...), each
   * sending its next request when its last one is answered: many concurrent clients without a thread each.
   */
  static Future<Void> closedLoops(int clients, int count, java.util.function.IntFunction<Future<?>> send) {
    java.util.List<Future<Void>> loops = new java.util.ArrayList<>();
    for (int k = 0; k < Math.min(clients, count); k++) {
      loops.add(loop(k, clients, count, send));
    }
    return Future.all(loops).mapEmpty();
  }

  private static Future<Void> loop(int i, int step, int count, java.util.function.IntFunction<Future<?>> send) {
    if (i >= count) {
      return Future.succeededFuture();
    }
    return send.apply(i).compose(v -> loop(i + step, step, count, send));
  }

  /** The p-th percentile (0-100) of the values, which are sorted in place. */
  public static double percentile(long[] values, double p) {
    java.util.Arrays.sort(values);
    if (values.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * values.length) - 1;
    return values[Math.max(0, Math.min(values.length - 1, index))];
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }
}
