package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gala's pool under waits that run out, against the real PostgreSQL: every wait for a connection is
 * answered (a connection or Faults' 503 kind), nothing the pool reports goes unhandled, and the pool
 * still hands out all its connections afterwards. vertx-sql-client 5.0.10's own wait timeout
 * (PoolOptions.connectionTimeout) raced a hand-over: a waiter served by another event loop before its
 * timer was set got the timer anyway, whose firing failed the already completed promise
 * (SqlConnectionPool.java:309, "Promise already completed"), thrown inside the pool's task chain, so
 * the tasks queued behind it (other waiters' connections) were dropped: connections lost for good.
 */
class PoolWaitTest {
  static Vertx vertx;
  static DbLocation location;
  static final List<Throwable> unhandled = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() {
    location = TestDatabase.fresh();
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    vertx.exceptionHandler(unhandled::add);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /**
   * The race made to happen: on event loop A a wait runs out; inside its answer (still inside the
   * pool's task chain) A asks for a connection again, which must queue; before A gets on, event loop
   * B hands its connection back, which goes to that new waiter at once. Its wait has been answered,
   * so nothing may fire for it later, and the pool serves both connections afterwards.
   */
  @Test
  void aWaitRunningOutWhileAConnectionIsHandedOverLeavesNothingBehind() throws Exception {
    long wait = 300;
    Pool pool = Database.pool(vertx, location, 2, wait);
    unhandled.clear();
    try {
      ContextInternal a = ((VertxInternal) vertx).createEventLoopContext();
      ContextInternal b = ((VertxInternal) vertx).createEventLoopContext();
      assertTrue(a.nettyEventLoop() != b.nettyEventLoop(), "two event loops");
      SqlConnection onB = on(b, pool::getConnection);
      SqlConnection onA = on(a, pool::getConnection);
      CompletableFuture<SqlConnection> handedOver = new CompletableFuture<>();
      CompletableFuture<Throwable> ranOut = new CompletableFuture<>();
      a.runOnContext(v -> pool.getConnection().onComplete(ar -> {
        if (ar.succeeded()) {
          ranOut.completeExceptionally(new AssertionError("the pool had no connection to give"));
          ar.result().close();
          return;
        }
        ranOut.complete(ar.cause());
        // Still inside the answer of the wait that ran out: queue again, then let B hand over.
        pool.getConnection().onComplete(second -> {
          if (second.succeeded()) {
            handedOver.complete(second.result());
          } else if (Faults.passing(second.cause())) {
            handedOver.complete(null); // A was held longer than the wait: answered 503, also right
          } else {
            handedOver.completeExceptionally(second.cause());
          }
        });
        b.runOnContext(x -> onB.close());
        sleep(1000); // A stays inside the pool's task chain while B hands its connection over
      }));
      Throwable cause = ranOut.get(10, TimeUnit.SECONDS);
      assertTrue(Faults.passing(cause), "a wait that runs out is the 503 kind: " + cause);
      SqlConnection second = handedOver.get(10, TimeUnit.SECONDS);
      if (second != null) {
        await(second.close());
      }
      await(onA.close());
      Thread.sleep(3 * wait); // any timer the hand-over left behind fires now
      assertEquals(List.of(), List.copyOf(unhandled), "nothing the pool did went unhandled");
      assertServesAll(pool, 2);
    } finally {
      await(pool.close());
    }
  }

  /**
   * Four event loops take and give back connections of a pool of two as fast as they can, with
   * waits far shorter than a turn takes: every wait is answered, a connection or the 503 kind; none
   * is lost, and nothing goes unhandled.
   */
  @Test
  void shortWaitsUnderContentionLoseNoConnection() throws Exception {
    Pool pool = Database.pool(vertx, location, 2, 3);
    unhandled.clear();
    try {
      int loops = 4;
      int rounds = 1500;
      AtomicInteger served = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      List<Throwable> other = Collections.synchronizedList(new ArrayList<>());
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int l = 0; l < loops; l++) {
        ContextInternal ctx = ((VertxInternal) vertx).createEventLoopContext();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        done.add(finished);
        for (int lane = 0; lane < 3; lane++) {
          ctx.runOnContext(v -> turn(pool, rounds, served, refused, other, finished));
        }
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      assertEquals(List.of(), List.copyOf(other), "every failure is a wait that ran out");
      assertTrue(served.get() > 0 && refused.get() > 0, "both happened: " + served + " served, " + refused + " refused");
      Thread.sleep(200);
      assertEquals(List.of(), List.copyOf(unhandled), "nothing the pool did went unhandled");
      assertServesAll(pool, 2);
    } finally {
      await(pool.close());
    }
  }

  /** Statements on the pool itself (each takes a connection through the bounded wait) answer as the library's do. */
  @Test
  void statementsOnThePoolAnswerAsBefore() {
    Pool pool = Database.pool(vertx, location, 2, 5_000);
    try {
      assertEquals(1, await(pool.query("SELECT 1").execute()).iterator().next().getInteger(0));
      assertEquals(7, await(pool.preparedQuery("SELECT $1::int").execute(io.vertx.sqlclient.Tuple.of(7))).iterator().next().getInteger(0));
      assertEquals(3, await(pool.preparedQuery("SELECT $1::int").mapping(r -> r.getInteger(0))
          .execute(io.vertx.sqlclient.Tuple.of(3))).iterator().next());
      assertEquals(List.of(4, 5), await(pool.preparedQuery("SELECT generate_series($1::int, $2::int)")
          .collecting(java.util.stream.Collectors.mapping((io.vertx.sqlclient.Row r) -> r.getInteger(0), java.util.stream.Collectors.toList()))
          .execute(io.vertx.sqlclient.Tuple.of(4, 5))).value());
      await(pool.query("CREATE TABLE IF NOT EXISTS pool_wait_batch (x int)").execute());
      await(pool.preparedQuery("INSERT INTO pool_wait_batch VALUES ($1)")
          .executeBatch(List.of(io.vertx.sqlclient.Tuple.of(1), io.vertx.sqlclient.Tuple.of(2))));
      assertEquals(3L, await(pool.query("SELECT sum(x) FROM pool_wait_batch").execute()).iterator().next().getLong(0));
      assertServesAll(pool, 2);
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      await(pool.close());
    }
  }

  /** One lane: a connection, a statement on it, back; {@code rounds} times. */
  private static void turn(Pool pool, int rounds, AtomicInteger served, AtomicInteger refused, List<Throwable> other,
      CompletableFuture<Void> finished) {
    if (served.get() + refused.get() >= rounds * 12) {
      finished.complete(null);
      return;
    }
    pool.getConnection()
        .compose(c -> c.query("SELECT 1").execute().eventually(c::close))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            served.incrementAndGet();
          } else if (Faults.passing(ar.cause())) {
            refused.incrementAndGet();
          } else {
            other.add(ar.cause());
          }
          turn(pool, rounds, served, refused, other, finished);
        });
  }

  /**
   * Holds {@code size} connections at once: the pool lost none. Tried again while a try runs out of
   * its (short) wait: a hand-over between event loops may take longer than it; a lost connection never comes.
   */
  static void assertServesAll(Pool pool, int size) throws Exception {
    Throwable last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        holdAll(pool, size);
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        if (!Faults.passing(e.getCause())) {
          throw e;
        }
        last = e.getCause();
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the pool never handed out " + size + " connections at once", last);
  }

  private static void holdAll(Pool pool, int size) throws Exception {
    List<Future<SqlConnection>> held = new ArrayList<>();
    ContextInternal ctx = ((VertxInternal) vertx).createEventLoopContext();
    CompletableFuture<Void> all = new CompletableFuture<>();
    ctx.runOnContext(v -> {
      for (int i = 0; i < size; i++) {
        held.add(pool.getConnection());
      }
      Future.join(held).onComplete(ar -> {
        held.forEach(f -> {
          if (f.succeeded()) {
            f.result().close();
          }
        });
        if (ar.succeeded()) {
          all.complete(null);
        } else {
          all.completeExceptionally(ar.cause());
        }
      });
    });
    all.get(15, TimeUnit.SECONDS);
  }

  private static <T> T on(ContextInternal ctx, Supplier<Future<T>> work) throws Exception {
    Promise<T> p = Promise.promise();
    ctx.runOnContext(v -> work.get().onComplete(p));
    return p.future().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
