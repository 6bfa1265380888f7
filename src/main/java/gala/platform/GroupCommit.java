package gala.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Group commit: the idempotent writes of one group (one competition's entries, one competition's
 * scores) that arrive while a transaction of that group is running on this node queue up, and the
 * next transaction carries all of them (up to {@link #MAX_BATCH}): one lock wait, one commit, one
 * fsync for the lot, as the CSV import does for its rows. Each write still gets its own reply and
 * its own Idempotency-Key claim and stored reply, and runs under its own savepoint, so a refusal or a
 * failing statement of one undoes only that one. Replies are sent after the commit, never before:
 * a node that dies mid-batch has acknowledged nothing of it, and clients retry their keys elsewhere.
 * Nodes do not share queues; two nodes' batches of one group are serialised by the group's lock in
 * PostgreSQL, which every batch takes first.
 */
public final class GroupCommit {
  static final int MAX_BATCH = 32;
  private final Database db;
  private final Map<String, Queue> queues = new ConcurrentHashMap<>();

  public GroupCommit(Database db) {
    this.db = db;
  }

  /** One write of a group: what Idempotency needs, and where its reply goes. */
  private record Item(long userId, String key, String hash, Function<Tx, Future<Reply>> write, Promise<Reply> reply,
      Context context) {}

  /** A group's waiting writes; {@code running} while a transaction of the group is open on this node. */
  private static final class Queue {
    final ArrayDeque<Item> items = new ArrayDeque<>();
    boolean running;
  }

  /**
   * Runs {@code write} once per (caller, key) in the next transaction of {@code group}, which first
   * takes the group's lock with {@code lock} (the same for every write of the group).
   */
  public Future<Reply> submit(String group, Function<SqlConnection, Future<?>> lock, Caller caller, String key, String method,
      String path, JsonObject body, Function<Tx, Future<Reply>> write) {
    Promise<Reply> reply = Promise.promise();
    Item item = new Item(caller.userId(), key, Idempotency.fingerprint(method, path, body), write, reply,
        Vertx.currentContext());
    Queue q = queues.computeIfAbsent(group, g -> new Queue());
    synchronized (q) {
      q.items.add(item);
    }
    drain(group, q, lock);
    return reply.future();
  }

  private void drain(String group, Queue q, Function<SqlConnection, Future<?>> lock) {
    List<Item> batch = new ArrayList<>();
    synchronized (q) {
      if (q.running || q.items.isEmpty()) {
        return;
      }
      q.running = true;
      while (!q.items.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(q.items.poll());
      }
    }
    run(lock, batch).onComplete(ar -> {
      synchronized (q) {
        q.running = false;
      }
      drain(group, q, lock);
    });
  }

  /** One transaction for the batch; settles every item's reply after it ended. */
  private Future<Void> run(Function<SqlConnection, Future<?>> lock, List<Item> batch) {
    List<TopicChange> changes = new ArrayList<>();
    List<Future<Reply>> outcomes = new ArrayList<>();
    Future<Void> done = db.pool().getConnection().compose(conn -> {
      Tx tx = new Tx(conn, changes);
      // Pipelined: the lock travels with BEGIN.
      Future<?> begun = conn.query("BEGIN").execute();
      Future<?> locked = lock.apply(conn);
      Future<Void> work = Future.all(begun, locked).mapEmpty();
      for (Item item : batch) {
        // An item's own failure is its outcome; only a transaction that cannot go on fails the batch.
        work = work.compose(v -> one(tx, item).map(outcome -> {
          outcomes.add(outcome);
          return null;
        }));
      }
      return work.compose(v -> tx.runDeferred())
          .compose(v -> conn.query("COMMIT").execute())
          .<Void>mapEmpty()
          .recover(e -> conn.query("ROLLBACK").execute().<Void>mapEmpty().otherwiseEmpty()
              .compose(v -> Future.failedFuture(e)))
          .onComplete(ar -> conn.close());
    });
    return done.transform(ar -> {
      if (ar.succeeded()) {
        db.committed(changes);
      }
      for (int i = 0; i < batch.size(); i++) {
        Future<Reply> outcome = i < outcomes.size() ? outcomes.get(i) : null;
        settle(batch.get(i), ar.failed() && (outcome == null || outcome.succeeded()) ? Future.failedFuture(ar.cause()) : outcome);
      }
      return Future.succeededFuture();
    });
  }

  private static void settle(Item item, Future<Reply> outcome) {
    if (item.context() == null) {
      item.reply().handle(outcome);
    } else {
      item.context().runOnContext(v -> item.reply().handle(outcome));
    }
  }

  /**
   * One write under its own savepoint: claim its key (or find the stored reply), run it, store its
   * reply. A refusal (an {@link ApiError}) is stored as its reply like any answer; any other failure
   * undoes the write and its claim (its key stays free) and is this item's outcome alone. Fails only
   * when the transaction itself cannot go on (the savepoint could not be restored).
   */
  private Future<Future<Reply>> one(Tx tx, Item item) {
    SqlConnection conn = tx.conn();
    int published = tx.mark();
    // Pipelined: the savepoints and the claim travel together.
    Future<Void> savepoint = conn.query("SAVEPOINT item").execute().mapEmpty();
    Future<Boolean> claimed = conn.preparedQuery(Idempotency.CLAIM).execute(Tuple.of(item.userId(), item.key(), item.hash()))
        .map(rows -> rows.rowCount() == 1);
    Future<Void> writePoint = conn.query("SAVEPOINT write").execute().mapEmpty();
    return Future.all(savepoint, claimed, writePoint)
        .compose(v -> claimed.result() ? attempt(tx, item, published) : stored(tx, item, published))
        .map(Future::succeededFuture)
        .recover(e -> {
          tx.undoSince(published);
          return conn.query("ROLLBACK TO SAVEPOINT item").execute()
              .compose(v -> conn.query("RELEASE SAVEPOINT item").execute())
              .map(v -> Future.<Reply>failedFuture(e));
        });
  }

  private Future<Reply> stored(Tx tx, Item item, int published) {
    return tx.conn().preparedQuery(Idempotency.STORED).execute(Tuple.of(item.userId(), item.key())).compose(rows -> {
      Row r = rows.iterator().next();
      if (!item.hash().equals(r.getString("request_hash"))) {
        return Future.failedFuture(ApiError.unprocessable("IDEMPOTENCY_KEY_REUSED",
            "this Idempotency-Key was used for a different request"));
      }
      Reply reply = Idempotency.storedReply(r);
      return reply != null ? release(tx.conn()).map(reply) : attempt(tx, item, published);
    });
  }

  /** Runs the write after the savepoint "write"; a refusal rolls back to it and is stored as the reply. */
  private Future<Reply> attempt(Tx tx, Item item, int published) {
    SqlConnection conn = tx.conn();
    Future<Reply> done;
    try {
      done = item.write().apply(tx);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.recover(failure -> {
      ApiError refusal = Http.apiError(failure);
      if (refusal == null) {
        return Future.failedFuture(failure);
      }
      tx.undoSince(published);
      Reply refused = Reply.of(refusal);
      return conn.query("ROLLBACK TO SAVEPOINT write").execute().map(refused);
    }).compose(reply -> {
      // Pipelined: the stored reply and the savepoint's release (which fails too if the store did).
      Future<?> remembered = conn.preparedQuery(Idempotency.REMEMBER)
          .execute(Tuple.of(item.userId(), item.key(), reply.status(), reply.body()));
      return Future.all(remembered, release(conn)).map(reply);
    });
  }

  private static Future<Void> release(SqlConnection conn) {
    return conn.query("RELEASE SAVEPOINT item").execute().mapEmpty();
  }
}
