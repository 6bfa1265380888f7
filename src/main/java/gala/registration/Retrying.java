package gala.registration;

import gala.platform.Faults;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work in one transaction (an import's batch) tried again after a passing database
 * failure ({@link Faults#passing}: a deadlock, a serialization failure, a dropped connection), a
 * few times, before it fails for good.
 */
final class Retrying {
  private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);
  /** Pauses before the 2nd, 3rd and 4th try, in milliseconds. */
  static final long[] PAUSES = {250, 1000, 3000};

  private Retrying() {}

  /**
   * {@code work} once more after a passing failure, up to {@link #PAUSES} times. A connection lost at
   * the commit leaves it unknown whether the work was stored: {@code stored} says (a batch: the job's
   * progress, written in its transaction), so stored work is never done twice.
   */
  static Future<Void> tried(Vertx vertx, String what, Supplier<Future<Void>> work, Supplier<Future<Boolean>> stored) {
    return tried(vertx, what, 1, work, stored);
  }

  private static Future<Void> tried(Vertx vertx, String what, int attempt, Supplier<Future<Void>> work,
      Supplier<Future<Boolean>> stored) {
    return work.get().recover(e -> {
      if (attempt > PAUSES.length || !Faults.passing(e)) {
        return Future.failedFuture(e);
      }
      LOG.warn("{}: try {} failed ({}), trying again", what, attempt, e.toString());
      return vertx.timer(PAUSES[attempt - 1]).compose(t -> stored.get())
          .compose(done -> done ? Future.succeededFuture() : tried(vertx, what, attempt + 1, work, stored));
    });
  }
}
