package gala.platform;

import gala.platform.Throttle.Limit;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link Throttle} whose attempts are counted in PostgreSQL (table {@code throttle_hits}), so
 * every node of a cluster sees the same count: guesses spread over N nodes meet the limit once,
 * not N times. One statement per attempt (counting the window and adding the attempt if there is
 * room); concurrent attempts on different nodes may overshoot the limit by a few, which only a
 * throttle may (it slows guessing; nothing exact is counted here).
 */
public final class SharedThrottle {
  /** The newest {@code max} attempts in the window; a new one only if fewer; when the oldest of them leaves it. */
  private static final String ACQUIRE = """
      WITH recent AS (
        SELECT at FROM throttle_hits
        WHERE name = $1 AND key = $2 AND at > clock_timestamp() - make_interval(secs => $3)
        ORDER BY at DESC LIMIT $4
      ), counted AS (
        SELECT count(*) AS n, min(at) AS oldest FROM recent
      ), added AS (
        INSERT INTO throttle_hits (name, key) SELECT $1, $2 FROM counted WHERE n < $4 RETURNING id
      )
      SELECT (SELECT id FROM added) AS id,
             extract(epoch FROM (SELECT oldest FROM counted) + make_interval(secs => $3) - clock_timestamp())::float8 AS wait
      """;

  /** An attempt: counted (its id, to take it back) or refused ({@code waitSeconds} until a slot frees). */
  public record Attempt(long id, long waitSeconds) {
    public boolean refused() {
      return waitSeconds > 0;
    }
  }

  private final Pool pool;
  private final Limit limit;
  private long nextSweep;

  public SharedThrottle(Pool pool, Limit limit) {
    this.pool = pool;
    this.limit = limit;
  }

  public Limit limit() {
    return limit;
  }

  /** Counts an attempt for {@code key}, or refuses it (not counted) when the window is full. */
  public Future<Attempt> acquire(String key) {
    sweep();
    double window = limit.window().toMillis() / 1000.0;
    return pool.preparedQuery(ACQUIRE).execute(Tuple.of(limit.name(), key, window, (long) limit.max())).map(rows -> {
      Row r = rows.iterator().next();
      Long id = r.getLong("id");
      if (id != null) {
        return new Attempt(id, 0);
      }
      Double wait = r.getDouble("wait");
      return new Attempt(0, Math.max(1, (long) Math.ceil(wait == null ? 1 : wait)));
    });
  }

  /** Takes an attempt back (it turned out fine, or was no guess). Best effort: never fails. */
  public Future<Void> forgive(Attempt attempt) {
    if (attempt == null || attempt.id() == 0) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("DELETE FROM throttle_hits WHERE id = $1").execute(Tuple.of(attempt.id()))
        .<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  /** Forgets every attempt of {@code key} (a correct password). Best effort: never fails. */
  public Future<Void> reset(String key) {
    return pool.preparedQuery("DELETE FROM throttle_hits WHERE name = $1 AND key = $2")
        .execute(Tuple.of(limit.name(), key)).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  /** Drops this limit's attempts that left its window, at most once per window per node. */
  private void sweep() {
    long now = System.currentTimeMillis();
    synchronized (this) {
      if (now < nextSweep) {
        return;
      }
      nextSweep = now + limit.window().toMillis();
    }
    pool.preparedQuery("DELETE FROM throttle_hits WHERE name = $1 AND at < clock_timestamp() - make_interval(secs => $2)")
        .execute(Tuple.of(limit.name(), limit.window().toMillis() / 1000.0));
  }

  /**
   * Runs the attempt, then the bookkeeping its outcome calls for, then answers with the attempt's
   * outcome: the next attempt (on any node) sees the counts this one left.
   */
  public static <T> Future<T> settle(Supplier<Future<T>> attempt, Function<AsyncResult<T>, Future<?>> after) {
    Future<T> f;
    try {
      f = attempt.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.transform(ar -> after.apply(ar).transform(v -> ar.succeeded()
        ? Future.succeededFuture(ar.result()) : Future.<T>failedFuture(ar.cause())));
  }

  /** The attempt past a limit: 429 TOO_MANY_REQUESTS, Retry-After {@code seconds}, counted {@code per} account or address. */
  public static ApiError refusal(long seconds, String per) {
    return new ApiError(429, "TOO_MANY_REQUESTS", "too many attempts; try again in " + seconds + " s",
        new JsonObject().put("retryAfter", seconds).put("per", per));
  }
}
