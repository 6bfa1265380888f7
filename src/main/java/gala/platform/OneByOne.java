package gala.platform;

import static gala.platform.GroupCommit.CLAIM_ALL;
import static gala.platform.GroupCommit.REMEMBER_ALL;
import static gala.platform.GroupCommit.finish;
import static gala.platform.GroupCommit.settle;

import gala.platform.GroupCommit.Item;
import gala.platform.GroupCommit.Keys;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The transaction of a group-commit batch whose writes run one by one (marks, check-ins), each
 * with its own Idempotency-Key claim and stored reply (see {@link GroupCommit}).
 */
final class OneByOne {
  private final Database db;

  OneByOne(Database db) {
    this.db = db;
  }

  /**
   * The one-by-one writes of a batch, first without savepoints, as almost every batch ends: BEGIN,
   * the lock and every key's claim travel together, the writes run in order, and their stored
   * replies travel with COMMIT (two round trips less per write than {@link #run}). A key already
   * used, a refusal or any failure rolls the whole attempt back (nothing of it is kept or published)
   * and the batch runs again with a savepoint per write ({@link #runWithSavepoints}), where a refusal is stored as
   * that write's reply and a failure stays its own.
   */
  Future<Void> run(Function<SqlConnection, Future<?>> lock, List<Item> batch) {
    List<TopicChange> changes = new ArrayList<>();
    List<Reply> replies = new ArrayList<>();
    List<Future<?>> remembered = new ArrayList<>();
    Keys batchKeys = Keys.of(batch);
    Long[] users = batchKeys.users();
    String[] keys = batchKeys.keys();
    String[] hashes = batchKeys.hashes();
    Future<Void> done = db.pool().getConnection().compose(conn -> {
      Tx tx = new Tx(conn, changes);
      Future<?> begun = conn.query("BEGIN").execute();
      Future<?> locked = lock.apply(conn);
      Future<RowSet<Row>> claims = conn.preparedQuery(CLAIM_ALL).execute(Tuple.of(users, keys, hashes));
      Future<Void> work = Future.all(begun, locked, claims).compose(v -> claims.result().rowCount() == batch.size()
          ? Future.succeededFuture() : Future.failedFuture(new Unplain("a key was used before")));
      for (Item item : batch) {
        work = work.compose(v -> item.write().apply(tx)).map(reply -> {
          replies.add(reply);
          return null;
        });
      }
      work = work.map(v -> {
        Integer[] status = new Integer[batch.size()];
        String[] body = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
          status[i] = replies.get(i).status();
          body[i] = replies.get(i).body() == null ? null : replies.get(i).body().encode();
        }
        remembered.add(conn.preparedQuery(REMEMBER_ALL).execute(Tuple.of(users, keys, hashes, status, body)));
        return null;
      });
      return finish(conn, tx, work, remembered);
    });
    return done.transform(ar -> {
      if (ar.failed()) {
        return runWithSavepoints(lock, batch);
      }
      db.committed(changes);
      for (int i = 0; i < batch.size(); i++) {
        settle(batch.get(i), Future.succeededFuture(replies.get(i)));
      }
      return Future.succeededFuture();
    });
  }

  /** Why a batch leaves the plain path for the one with savepoints. */
  private static final class Unplain extends RuntimeException {
    Unplain(String why) {
      super(why, null, false, false);
    }
  }

  /** One transaction for the batch, a savepoint per write; settles every item's reply after it ended. */
  Future<Void> runWithSavepoints(Function<SqlConnection, Future<?>> lock, List<Item> batch) {
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
      return finish(conn, tx, work);
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
