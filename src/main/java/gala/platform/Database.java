package gala.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.flywaydb.core.Flyway;

/** The PostgreSQL pool, migrations, and transactions that publish their topic changes after commit. */
public final class Database {
  private final Pool pool;
  private final Pool accessPool;
  private final TopicBus bus;
  /** Told of every committed topic change on this node, after it is published (the topic log's checkpoints). */
  private final List<java.util.function.Consumer<TopicChange>> committed = new java.util.concurrent.CopyOnWriteArrayList<>();

  public Database(Pool pool, TopicBus bus) {
    this(pool, pool, bus);
  }

  /** With {@code accessPool} for the access checks in front of requests (see {@link #accessPool}). */
  public Database(Pool pool, Pool accessPool, TopicBus bus) {
    this.pool = pool;
    this.accessPool = accessPool;
    this.bus = bus;
  }

  /**
   * Blocking: call before Vert.x serves requests (from main, or executeBlocking). Migrations are
   * numbered by the issue that added them (V11_30 may come after V14_3), so a database that already
   * ran later ones takes an earlier-numbered new one too, instead of refusing to start.
   */
  public static void migrate(DbLocation db) {
    migrate(db, "classpath:db/migration");
  }

  static void migrate(DbLocation db, String location) {
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations(location)
        .outOfOrder(true)
        .load()
        .migrate();
  }

  /** How long a request waits for a connection before it is answered 503 (the default of --db-pool-wait-millis). */
  public static final long POOL_WAIT_MILLIS = 10_000;

  public static Pool pool(Vertx vertx, DbLocation db, int size) {
    return pool(vertx, db, size, POOL_WAIT_MILLIS);
  }

  /**
   * {@code size} connections; a request waits at most {@code waitMillis} for one ({@link BoundedPool}:
   * Gala's bound, since the library's own wait timeout loses connections when it races a hand-over).
   */
  public static Pool pool(Vertx vertx, DbLocation db, int size, long waitMillis) {
    return pool(vertx, db, size, waitMillis, false);
  }

  /** With {@code genericPlans}, its sessions start with plan_cache_mode = force_generic_plan. */
  public static Pool pool(Vertx vertx, DbLocation db, int size, long waitMillis, boolean genericPlans) {
    PgConnectOptions connect = PgConnectOptions.fromUri(db.uri())
        .setUser(db.user())
        .setPassword(db.password())
        .setCachePreparedStatements(true);
    if (genericPlans) {
      connect.addProperty("plan_cache_mode", "force_generic_plan");
    }
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size).setShared(false).setConnectionTimeout(0)) // 0: no library timer
        .connectingTo(connect)
        .using(vertx)
        .build();
    return new BoundedPool(vertx, pool, waitMillis, genericPlans);
  }

  public Pool pool() {
    return pool;
  }

  /**
   * The pool the access checks in front of requests read from: its sessions plan generically from
   * the start, as the access query needs (gala.platform.PlanModes), so each check is one statement,
   * not a SET, the query and a RESET (a registration burst ran 5,500 of each). The main pool when
   * none was given.
   */
  public Pool accessPool() {
    return accessPool;
  }

  /**
   * Runs {@code work} in one transaction. Every topic change appended through {@link TopicLog}
   * inside it is published on the event bus once the commit succeeded, never before.
   */
  public <T> Future<T> inTransaction(Function<Tx, Future<T>> work) {
    List<TopicChange> changes = new ArrayList<>();
    return pool.withTransaction(conn -> {
      Tx tx = new Tx(conn, changes);
      return work.apply(tx).compose(result -> tx.runDeferred().map(result));
    }).onSuccess(v -> committed(changes));
  }

  /** Publishes the changes of a committed transaction, then tells this node's listeners. */
  void committed(List<TopicChange> changes) {
    changes.forEach(c -> {
      bus.publish(c);
      committed.forEach(l -> l.accept(c));
    });
  }

  /** Calls {@code listener} with each topic change this node commits, after it was published. */
  public void onCommitted(java.util.function.Consumer<TopicChange> listener) {
    committed.add(listener);
  }

  public Future<Void> close() {
    return accessPool == pool ? pool.close() : Future.join(pool.close(), accessPool.close()).mapEmpty();
  }
}
