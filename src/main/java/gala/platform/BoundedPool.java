package gala.platform;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collector;

/**
 * Gala's database pool: vertx-sql-client's pool, built without its own wait timeout, and Gala's bound
 * on how long anything waits for a connection. The library's timeout (5.0.10) races a hand-over: a
 * waiter that another event loop serves before its timer is set still gets the timer, whose firing
 * fails the completed promise inside the pool's task chain (SqlConnectionPool.java:309, "Promise
 * already completed"), and the chain's later tasks (other waiters' connections) are dropped, so the
 * pool loses connections for good and every later request waits. Here the wait's timer is Gala's,
 * outside the pool: whichever of connection and timer comes first answers; a connection that comes
 * after the timer went straight back to the pool. A wait that runs out is {@link PoolBusy}, 503 with
 * Retry-After; nothing was sent to the database. Statements on the pool itself take a connection
 * the same way, so their wait is bounded too and a 503 means the statement never ran.
 */
public final class BoundedPool implements Pool {
  private final Vertx vertx;
  private final Pool pool;
  private final long waitMillis;
  private final boolean genericPlans;

  BoundedPool(Vertx vertx, Pool pool, long waitMillis, boolean genericPlans) {
    this.vertx = vertx;
    this.pool = pool;
    this.waitMillis = waitMillis;
    this.genericPlans = genericPlans;
  }

  /** Its connections plan every statement generically from the start (see {@link Database#accessPool}). */
  boolean genericPlans() {
    return genericPlans;
  }

  /** No connection came within the pool's wait: the database is overloaded; a retry will do. */
  public static final class PoolBusy extends TimeoutException {
    PoolBusy(long millis) {
      super("no database connection was free within " + millis + " ms");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // an expected answer under overload: no trace to build
    }
  }

  @Override
  public Future<SqlConnection> getConnection() {
    Promise<SqlConnection> answer = Promise.promise();
    AtomicBoolean answered = new AtomicBoolean();
    long timer = vertx.setTimer(waitMillis, id -> {
      if (answered.compareAndSet(false, true)) {
        answer.fail(new PoolBusy(waitMillis));
      }
    });
    pool.getConnection().onComplete(ar -> {
      if (answered.compareAndSet(false, true)) {
        vertx.cancelTimer(timer);
        answer.handle(ar);
      } else if (ar.succeeded()) {
        ar.result().close(); // its waiter was answered 503 already: back to the pool
      }
    });
    return answer.future();
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return new Bounded<>(this, conn -> conn.query(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return new Bounded<>(this, conn -> conn.preparedQuery(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return new Bounded<>(this, conn -> conn.preparedQuery(sql, options));
  }

  @Override
  public int size() {
    return pool.size();
  }

  @Override
  public Future<Void> close() {
    return pool.close();
  }

  /** A statement on the pool: a connection (bounded wait), the statement, the connection back. */
  @SuppressWarnings("unchecked")
  private record Bounded<T>(BoundedPool pool, Function<SqlConnection, Query<T>> on) implements PreparedQuery<T> {
    @Override
    public Future<T> execute() {
      return pool.getConnection().compose(conn -> on.apply(conn).execute().andThen(ar -> conn.close()));
    }

    @Override
    public Future<T> execute(Tuple tuple) {
      return pool.getConnection()
          .compose(conn -> ((PreparedQuery<T>) on.apply(conn)).execute(tuple).andThen(ar -> conn.close()));
    }

    @Override
    public Future<T> executeBatch(List<Tuple> batch) {
      return pool.getConnection()
          .compose(conn -> ((PreparedQuery<T>) on.apply(conn)).executeBatch(batch).andThen(ar -> conn.close()));
    }

    @Override
    public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new Bounded<>(pool, conn -> ((Query<RowSet<Row>>) (Query<?>) on.apply(conn)).collecting(collector));
    }

    @Override
    public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new Bounded<>(pool, conn -> ((Query<RowSet<Row>>) (Query<?>) on.apply(conn)).mapping(mapper));
    }
  }
}
