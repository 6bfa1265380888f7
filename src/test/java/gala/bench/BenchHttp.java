package gala.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A bench's HTTP client that gets over the Vert.x client losing a request. Runs stalled (session 11
 * in HttpCeilingBench; session 13 in RegistrationBench's ceiling reads and ScoringBench's warm-up)
 * with, by the objects alive then, no request on Gala's server and no connection in the bench's
 * client, whose pool held one waiter that was never served: the pool no longer opened connections.
 * An exchange with no answer within {@link #DEADLINE_SECONDS} is sent again, at most twice, on a
 * fresh client (the old one is left to finish what it still carries); writes are sent again with
 * their Idempotency-Key, so none is stored twice. Each loss is counted, and a bench that had any
 * prints it beside its figures.
 */
final class BenchHttp {
  static final long DEADLINE_SECONDS = 30;
  private final Vertx vertx;
  private final HttpClientOptions options;
  private final PoolOptions pool;
  private volatile HttpClient client;
  private final AtomicInteger lost;

  BenchHttp(Vertx vertx, int port, int connections) {
    this(vertx, port, connections, new AtomicInteger());
  }

  /** A client of its own whose losses count with {@code countingWith}'s (a warm-up round's beside the timed client). */
  BenchHttp(Vertx vertx, int port, int connections, BenchHttp countingWith) {
    this(vertx, port, connections, countingWith.lost);
  }

  private BenchHttp(Vertx vertx, int port, int connections, AtomicInteger lost) {
    this.lost = lost;
    this.vertx = vertx;
    this.options = new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port);
    this.pool = new PoolOptions().setHttp1MaxSize(connections);
    this.client = vertx.createHttpClient(options, pool);
  }

  /** One whole exchange (request, response and body) made by {@code exchange} with the current client. */
  <T> Future<T> send(Function<HttpClient, Future<T>> exchange) {
    return send(exchange, 2);
  }

  private <T> Future<T> send(Function<HttpClient, Future<T>> exchange, int resends) {
    HttpClient used = client;
    return exchange.apply(used).timeout(DEADLINE_SECONDS, TimeUnit.SECONDS).recover(e -> {
      if (!(e instanceof TimeoutException)) {
        return Future.failedFuture(e);
      }
      if (resends == 0) {
        return Future.failedFuture(new IllegalStateException("a request got no answer within " + DEADLINE_SECONDS + " s, three times", e));
      }
      lost.incrementAndGet();
      synchronized (this) {
        if (client == used) {
          client = vertx.createHttpClient(options, pool);
        }
      }
      return send(exchange, resends - 1);
    });
  }

  /** Closes the current client (its connections); a client made after a loss is left to finish. */
  Future<Void> close() {
    return client.close();
  }

  /** "" when no request was lost, else "; requests the bench's HTTP client lost and sent again: N". */
  String losses() {
    return lost.get() == 0 ? "" : "; requests the bench's HTTP client lost and sent again: " + lost.get();
  }

  /** A response's status and body, read whole. */
  record Answer(int status, Buffer body) {}
}
