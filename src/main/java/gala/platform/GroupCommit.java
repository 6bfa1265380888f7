package gala.platform;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
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
 * PostgreSQL, which every batch takes first. A set-based batch runs here ({@code runBatch}); a batch
 * of one-by-one writes in {@link OneByOne}. A group's batches may also span several things (a node's
 * registrations, whatever competitions they enter): each request names its target, a batch first
 * takes the locks of all its targets at once ({@link BatchLock}, in one order), and a few batches run
 * at once, on targets no other running one holds.
 */
public final class GroupCommit {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GroupCommit.class);
  public static final int MAX_BATCH = 32;
  static final String CLAIM_ALL = "INSERT INTO idempotency_keys (user_id, key, request_hash) "
      + "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[]) ON CONFLICT (user_id, key) DO NOTHING RETURNING user_id, key";
  private static final String STORED_ALL = "SELECT user_id, key, request_hash, status_code, response FROM idempotency_keys "
      + "WHERE (user_id, key) IN (SELECT * FROM unnest($1::bigint[], $2::text[]))";
  /**
   * The replies of keys this transaction claimed, as an upsert: its conflict check always probes the
   * key's index, whereas an UPDATE joined to unnest() was planned once per pooled connection while
   * the table was tiny and kept scanning all of it (a generic plan lasts until the next ANALYZE).
   */
  static final String REMEMBER_ALL = "INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response) "
      + "SELECT x.uid, x.ikey, x.h, x.s, x.r::jsonb FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[]) "
      + "x(uid, ikey, h, s, r) ON CONFLICT (user_id, key) DO UPDATE SET status_code = EXCLUDED.status_code, "
      + "response = EXCLUDED.response";
  private final Database db;
  private final OneByOne oneByOne;
  private final Map<String, Queue> queues = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong wholeBatchFailures = new java.util.concurrent.atomic.AtomicLong();

  /** {@code connections}: the size of the node's database pool. */
  public GroupCommit(Database db, int connections) {
    this.db = db;
    this.oneByOne = new OneByOne(db);
    this.connections = connections;
  }

  /** How many batches of the spanning {@code group} run at once on this node. */
  public int spanningRunning(String group) {
    return share(group).running();
  }

  /** A spanning group's share of the node: batches running at once, targets per batch. */
  private record Share(int running, int targets) {}

  /** A group of one thing (its requests name no target): one batch at a time. */
  private static final Share ONE_THING = new Share(1, 1);

  private Share share(String group) {
    Share own = shares.get(group);
    if (own == null) {
      throw new IllegalStateException("spanning group " + group + " has no share: call GroupCommit.spanning first");
    }
    return own;
  }

  /**
   * Gives the spanning {@code group} its share of the node, before its first write: {@code running}
   * batches at once (at most half the node's connections, so requests' reads always find one) on up
   * to {@code targets} targets each, none held by another running batch of the group (so they never
   * wait for each other's locks). A batch's statements do not grow with its targets, so few, large
   * batches are cheapest; how few depends on the group (registrations run one at a time, marks two:
   * see RegistrationService.takeShare and ScoringService.takeShare). A group of one thing runs one
   * batch at a time.
   */
  public void spanning(String group, int running, int targets) {
    shares.put(group, new Share(Math.max(1, Math.min(running, connections / 2)), Math.max(1, targets)));
  }

  /** One write of a group: what Idempotency needs, and where its reply goes; {@code batch} for set-based groups. */
  record Item(long userId, String key, String hash, Function<Tx, Future<Reply>> write, Promise<Reply> reply,
      Context context, Batch batch, Request request, BatchLock batchLock) {}

  /** A batch's callers, keys and request fingerprints, as the arrays its claim and stored replies take. */
  record Keys(Long[] users, String[] keys, String[] hashes) {
    static Keys of(List<Item> batch) {
      Keys k = new Keys(new Long[batch.size()], new String[batch.size()], new String[batch.size()]);
      for (int i = 0; i < batch.size(); i++) {
        k.users[i] = batch.get(i).userId();
        k.keys[i] = batch.get(i).key();
        k.hashes[i] = batch.get(i).hash();
      }
      return k;
    }
  }

  /**
   * A request of a set-based group: who sent it, its body, and what it writes to when a batch of the
   * group spans several things (the competition of a registration; null in a group of one thing).
   */
  public record Request(Caller caller, JsonObject body, Long target) {
    public Request(Caller caller, JsonObject body) {
      this(caller, body, null);
    }
  }

  /**
   * The locks a set-based batch takes first, for exactly its requests (every competition they
   * register into, in id order, say); answers what the batch's write is handed as {@code locked}.
   * Taken again for one request in a transaction that already holds it, it must not wait.
   */
  @FunctionalInterface
  public interface BatchLock {
    Future<?> lock(SqlConnection conn, List<Request> requests);
  }

  /**
   * A set-based write: decides and writes a whole batch of a group's requests at once, in the
   * transaction {@code tx} that holds the group's lock ({@code locked} is what the lock answered);
   * one reply per request, in order. A refused request's reply is its 4xx, and it writes nothing.
   */
  @FunctionalInterface
  public interface Batch {
    Future<List<Reply>> write(Tx tx, Object locked, List<Request> requests);
  }

  /**
   * A group's waiting writes; {@code running} counts its transactions open on this node, and
   * {@code busy} holds the targets they write to (a group whose batches span several things).
   */
  private static final class Queue {
    final ArrayDeque<Item> items = new ArrayDeque<>();
    final Set<Long> busy = new HashSet<>();
    int running;
  }

  private final int connections;
  /** Groups with their own share ({@link #spanning}): running batches, targets per batch. */
  private final Map<String, Share> shares = new ConcurrentHashMap<>();

  /**
   * Runs {@code write} once per (caller, key) in the next transaction of {@code group}, which first
   * takes the group's lock with {@code lock} (the same for every write of the group).
   */
  public Future<Reply> submit(String group, Function<SqlConnection, Future<?>> lock, Caller caller, String key, String method,
      String path, JsonObject body, Function<Tx, Future<Reply>> write) {
    Promise<Reply> reply = Promise.promise();
    return enqueue(group, lock, new Item(caller.userId(), key, Idempotency.fingerprint(method, path, body), write, reply,
        Vertx.currentContext(), null, null, null));
  }

  /**
   * Like {@link #submit}, for a set-based group: the next transaction of {@code group} claims the
   * keys of all its writes at once, hands the fresh ones to {@code batch} together, and stores all
   * their replies at once: a few statements per batch instead of a few per write.
   */
  public Future<Reply> submit(String group, Function<SqlConnection, Future<?>> lock, Batch batch, Caller caller, String key,
      String method, String path, JsonObject body) {
    return enqueue(group, lock, new Item(caller.userId(), key, Idempotency.fingerprint(method, path, body), null,
        Promise.promise(), Vertx.currentContext(), batch, new Request(caller, body), (conn, requests) -> lock.apply(conn)));
  }

  /**
   * Like {@link #submit(String, Function, Batch, Caller, String, String, String, JsonObject)}, for a
   * group whose batches span several things ({@code target}: the one this request writes to): the
   * batch's transaction first takes {@code lock} for all its requests at once. Such a group has only
   * set-based writes.
   */
  public Future<Reply> submit(String group, BatchLock lock, Batch batch, Caller caller, String key, String method,
      String path, JsonObject body, Long target) {
    share(group); // a spanning group without a share is a programming error: refused before it queues
    Promise<Reply> reply = Promise.promise();
    return enqueue(group, null, new Item(caller.userId(), key, Idempotency.fingerprint(method, path, body), null, reply,
        Vertx.currentContext(), batch, new Request(caller, body, target), lock));
  }

  /** How many writes of {@code group} wait on this node for the next transaction of the group. */
  public int queued(String group) {
    Queue q = queues.get(group);
    if (q == null) {
      return 0;
    }
    synchronized (q) {
      return q.items.size();
    }
  }

  /**
   * Whether writes wait on this node for a transaction of their group (all of its running ones are
   * busy, or their targets are held): the node is saturated, and work nobody waits for can wait.
   */
  public boolean saturated() {
    return waiting.get() > 0;
  }

  /** Writes queued on this node over all groups (a queue per competition's group adds up over a season: not walked). */
  private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

  /** How many set-based batches failed as a whole on this node (a deadlock, say) and ran again one by one. */
  public long wholeBatchFailures() {
    return wholeBatchFailures.get();
  }

  private Future<Reply> enqueue(String group, Function<SqlConnection, Future<?>> lock, Item item) {
    Queue q = queues.computeIfAbsent(group, g -> new Queue());
    synchronized (q) {
      q.items.add(item);
      waiting.incrementAndGet();
    }
    drain(group, q, lock);
    return item.reply().future();
  }

  private void drain(String group, Queue q, Function<SqlConnection, Future<?>> lock) {
    while (true) {
      List<Item> batch = new ArrayList<>();
      Set<Long> targets = new HashSet<>();
      synchronized (q) {
        if (q.items.isEmpty()) {
          return;
        }
        boolean spanning = target(q.items.peek()) != null;
        Share share = spanning ? share(group) : ONE_THING;
        if (q.running >= share.running()) {
          return;
        }
        // A twin (the same caller's same key) waits for the next batch, where the first one's stored reply
        // answers it; so do writes of the other kind (set-based or one by one) than the first in the queue,
        // and writes to a target a running batch holds (they go, in their order, once it ends) or to
        // a target beyond the batch's share (the next batch, started at once, takes them).
        Set<String> keys = new HashSet<>();
        boolean setBased = q.items.peek().batch() != null;
        for (Iterator<Item> it = q.items.iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
          Item item = it.next();
          Long target = target(item);
          if (target != null && (q.busy.contains(target)
              || (!targets.contains(target) && targets.size() >= share.targets()))) {
            continue;
          }
          if ((item.batch() != null) == setBased && keys.add(item.userId() + "\n" + item.key())) {
            batch.add(item);
            it.remove();
            waiting.decrementAndGet();
            if (target != null) {
              targets.add(target);
            }
          }
        }
        if (batch.isEmpty()) {
          return;
        }
        q.running++;
        q.busy.addAll(targets);
      }
      (batch.get(0).batch() != null ? runBatch(batch) : oneByOne.run(lock, batch)).onComplete(ar -> {
        synchronized (q) {
          q.running--;
          q.busy.removeAll(targets);
        }
        drain(group, q, lock);
      });
    }
  }

  private static Long target(Item item) {
    return item.request() == null ? null : item.request().target();
  }

  /**
   * One transaction for a set-based batch: the lock and the claims of every key (pipelined), the
   * stored replies of keys already answered, the batch's write of the fresh ones, all their replies
   * stored in one statement, one commit. Should the batch fail as a whole (a statement no decision
   * foresaw, say), nothing of it committed: its writes run again one by one, each under its own
   * savepoint ({@link #run}), so a bad one fails alone.
   */
  private Future<Void> runBatch(List<Item> batch) {
    List<Request> all = new ArrayList<>();
    batch.forEach(item -> all.add(item.request()));
    BatchLock batchLock = batch.get(0).batchLock();
    Function<SqlConnection, Future<?>> lock = conn -> batchLock.lock(conn, all);
    List<TopicChange> changes = new ArrayList<>();
    List<Future<Reply>> outcomes = new ArrayList<>();
    batch.forEach(i -> outcomes.add(null));
    Keys batchKeys = Keys.of(batch);
    Long[] users = batchKeys.users();
    String[] keys = batchKeys.keys();
    String[] hashes = batchKeys.hashes();
    List<Future<?>> remembered = new ArrayList<>();
    Future<Void> done = db.pool().getConnection().compose(conn -> {
      Tx tx = new Tx(conn, changes);
      Future<Void> begin = conn.query("BEGIN").execute().mapEmpty();
      Future<?> locked = lock.apply(conn);
      Future<RowSet<Row>> claims = conn.preparedQuery(CLAIM_ALL).execute(Tuple.of(users, keys, hashes));
      Future<Void> work = Future.all(begin, locked, claims).compose(v -> {
        Set<String> claimed = new HashSet<>();
        claims.result().forEach(r -> claimed.add(r.getLong(0) + "\n" + r.getString(1)));
        List<Integer> fresh = new ArrayList<>();
        List<Integer> answered = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
          (claimed.contains(users[i] + "\n" + keys[i]) ? fresh : answered).add(i);
        }
        Future<Void> stored = answered.isEmpty() ? Future.succeededFuture()
            : conn.preparedQuery(STORED_ALL).execute(Tuple.tuple().addValue(users).addValue(keys)).map(rows -> {
              for (Row r : rows) {
                int i = indexOf(users, keys, r.getLong("user_id"), r.getString("key"));
                if (i < 0 || !answered.contains(i)) {
                  continue;
                }
                Reply reply = Idempotency.storedReply(r);
                if (!hashes[i].equals(r.getString("request_hash"))) {
                  outcomes.set(i, Future.failedFuture(ApiError.unprocessable("IDEMPOTENCY_KEY_REUSED",
                      "this Idempotency-Key was used for a different request")));
                } else if (reply != null) {
                  outcomes.set(i, Future.succeededFuture(reply));
                } else {
                  fresh.add(i); // a claim without a reply, left by an older Gala: answered now
                }
              }
              return null;
            });
        return stored.compose(s -> {
          if (fresh.isEmpty()) {
            return Future.succeededFuture();
          }
          fresh.sort(null);
          List<Request> requests = new ArrayList<>();
          fresh.forEach(i -> requests.add(batch.get(i).request()));
          return batch.get(0).batch().write(tx, locked.result(), requests).compose(replies -> {
            Long[] u = new Long[fresh.size()];
            String[] k = new String[fresh.size()];
            String[] h = new String[fresh.size()];
            Integer[] st = new Integer[fresh.size()];
            String[] body = new String[fresh.size()];
            for (int f = 0; f < fresh.size(); f++) {
              int i = fresh.get(f);
              Reply reply = replies.get(f);
              outcomes.set(i, Future.succeededFuture(reply));
              u[f] = users[i];
              k[f] = keys[i];
              h[f] = hashes[i];
              st[f] = reply.status();
              body[f] = reply.body() == null ? null : reply.body().encode();
            }
            // Not waited for: the stored replies travel with the deferred work and COMMIT (one round
            // trip less); should they fail, the transaction is aborted, COMMIT ends it as a rollback,
            // and finish() reports the failure.
            remembered.add(conn.preparedQuery(REMEMBER_ALL).execute(Tuple.of(u, k, h, st, body)).mapEmpty());
            return Future.succeededFuture();
          });
        });
      });
      return finish(conn, tx, work, remembered);
    });
    return done.transform(ar -> {
      if (ar.succeeded()) {
        db.committed(changes);
        for (int i = 0; i < batch.size(); i++) {
          Future<Reply> outcome = outcomes.get(i);
          settle(batch.get(i), outcome != null ? outcome
              : Future.failedFuture(new IllegalStateException("the key was taken, but no reply is stored under it")));
        }
        return Future.succeededFuture();
      }
      wholeBatchFailures.incrementAndGet();
      LOG.warn("a batch of {} writes failed as a whole ({}); running them one by one", batch.size(), ar.cause().toString());
      List<Item> single = new ArrayList<>();
      for (Item item : batch) {
        Batch write = item.batch();
        Request request = item.request();
        single.add(new Item(item.userId(), item.key(), item.hash(),
            tx -> batchLock.lock(tx.conn(), List.of(request)).compose(l -> write.write(tx, l, List.of(request)))
                .map(replies -> replies.get(0)),
            item.reply(), item.context(), null, null, null));
      }
      return oneByOne.runWithSavepoints(lock, single);
    });
  }

  private static int indexOf(Long[] users, String[] keys, long user, String key) {
    for (int i = 0; i < users.length; i++) {
      if (users[i] == user && keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  static void settle(Item item, Future<Reply> outcome) {
    if (item.context() == null) {
      item.reply().handle(outcome);
    } else {
      item.context().runOnContext(v -> item.reply().handle(outcome));
    }
  }


  /** After a batch's work: the transaction's deferred work, then COMMIT; on any failure ROLLBACK; the connection closed either way. */
  static Future<Void> finish(SqlConnection conn, Tx tx, Future<?> work) {
    return finish(conn, tx, work, List.of());
  }

  /**
   * Like {@link #finish(SqlConnection, Tx, Future)}, with statements sent but not yet answered that the
   * commit must include: when one of them failed, PostgreSQL ended the transaction with a rollback.
   */
  static Future<Void> finish(SqlConnection conn, Tx tx, Future<?> work, List<Future<?>> inFlight) {
    return work.compose(v -> tx.runDeferred())
        .compose(v -> conn.query("COMMIT").execute())
        .compose(v -> Future.all(new ArrayList<>(inFlight)))
        .<Void>mapEmpty()
        .recover(e -> conn.query("ROLLBACK").execute().<Void>mapEmpty().otherwiseEmpty()
            .compose(v -> Future.failedFuture(e)))
        .onComplete(ar -> conn.close());
  }
}
