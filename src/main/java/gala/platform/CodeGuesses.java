package gala.platform;

import gala.platform.Throttle.Limit;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Slows guessing of short invitation codes (judge codes, unit join codes): per client address, only
 * the attempts refused for a wrong code count, so a venue full of people typing correct codes behind
 * one address is never stopped. The attempt past the limit is 429 TOO_MANY_REQUESTS with Retry-After,
 * exactly like sign-in. Counted in PostgreSQL, so the limit holds across every node (see
 * {@link SharedThrottle}).
 */
public final class CodeGuesses {
  private final SharedThrottle perAddress;
  private final Predicate<String> wrong;

  /** {@code wrong}: the error codes that mean "this code is not right" (a guess that missed). */
  public CodeGuesses(Pool pool, Limit limit, Predicate<String> wrong) {
    this.perAddress = new SharedThrottle(pool, limit);
    this.wrong = wrong;
  }

  public Limit limit() {
    return perAddress.limit();
  }

  public <T> Future<T> attempt(String address, Supplier<Future<T>> attempt) {
    return perAddress.acquire(address).compose(counted -> {
      if (counted.refused()) {
        return Future.failedFuture(SharedThrottle.refusal(counted.waitSeconds(), "address"));
      }
      // The count is settled before the answer, so the next guess (on any node) sees it.
      return SharedThrottle.settle(attempt, ar -> {
        ApiError e = ar.succeeded() ? null : Http.apiError(ar.cause());
        return e == null || !wrong.test(e.code()) ? perAddress.forgive(counted) : Future.succeededFuture();
      });
    });
  }

  /** The client's address as this node sees it (behind a reverse proxy, the proxy's). */
  public static String address(RoutingContext rc) {
    SocketAddress a = rc.request().remoteAddress();
    return a == null || a.host() == null ? "unknown" : a.host();
  }
}
