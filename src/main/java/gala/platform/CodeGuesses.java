package gala.platform;

import gala.platform.Throttle.Limit;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Slows guessing of short invitation codes (judge codes, unit join codes): per client address, only
 * the attempts refused for a wrong code count, so a venue full of people typing correct codes behind
 * one address is never stopped. The attempt past the limit is 429 TOO_MANY_REQUESTS with Retry-After,
 * exactly like sign-in. Counted per node (see {@link Throttle}).
 */
public final class CodeGuesses {
  private final Throttle perAddress;
  private final Predicate<String> wrong;

  /** {@code wrong}: the error codes that mean "this code is not right" (a guess that missed). */
  public CodeGuesses(Limit limit, Predicate<String> wrong) {
    this.perAddress = new Throttle(limit);
    this.wrong = wrong;
  }

  public Limit limit() {
    return perAddress.limit();
  }

  public <T> Future<T> attempt(String address, Supplier<Future<T>> attempt) {
    long wait = perAddress.acquire(address);
    if (wait > 0) {
      return Future.failedFuture(refusal(wait, "address"));
    }
    Future<T> f;
    try {
      f = attempt.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.onComplete(ar -> {
      ApiError e = ar.succeeded() ? null : Http.apiError(ar.cause());
      if (e == null || !wrong.test(e.code())) {
        perAddress.forgive(address);
      }
    });
  }

  /** The client's address as this node sees it (behind a reverse proxy, the proxy's). */
  public static String address(RoutingContext rc) {
    SocketAddress a = rc.request().remoteAddress();
    return a == null || a.host() == null ? "unknown" : a.host();
  }

  public static ApiError refusal(long seconds, String per) {
    return new ApiError(429, "TOO_MANY_REQUESTS", "too many attempts; try again in " + seconds + " s",
        new JsonObject().put("retryAfter", seconds).put("per", per));
  }
}
