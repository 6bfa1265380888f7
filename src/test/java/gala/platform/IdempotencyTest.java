package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Idempotency-Key is claimed inside the write's own transaction: what a retry, a twin sent at
 * the same time and a claim whose transaction never committed (a crashed node) each get, against
 * a real PostgreSQL.
 */
class IdempotencyTest {
  static Gala gala;
  static Idempotency idempotency;
  static DbLocation db;
  static final Caller CALLER = new Caller(424242, "participant");

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.fresh();
    gala = TestGala.start(db);
    idempotency = new Idempotency(gala.database());
    await(gala.database().pool().query("CREATE TABLE idem_probe (id BIGSERIAL PRIMARY KEY, note TEXT)").execute());
  }

  @AfterAll
  static void stop() {
    TestGala.stop(gala);
  }

  @Test
  void aRetryGetsTheFirstReplyAndWritesNothingTwice() throws Exception {
    String key = UUID.randomUUID().toString();
    Reply first = await(write(key, "retry", new JsonObject().put("a", 1)));
    Reply again = await(write(key, "retry", new JsonObject().put("a", 1)));
    assertEquals(first, again);
    assertEquals(1, probes("retry"));
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefused() throws Exception {
    String key = UUID.randomUUID().toString();
    await(write(key, "reused", new JsonObject().put("a", 1)));
    ApiError e = failure(write(key, "reused", new JsonObject().put("a", 2)));
    assertEquals("IDEMPOTENCY_KEY_REUSED", e.code());
    assertEquals(1, probes("reused"));
  }

  /**
   * The fingerprint pads the request's text to whole 64-byte blocks: requests whose texts end just
   * before, on and after a block's edge (where the padding begins) still have fingerprints of their own.
   */
  @Test
  void fingerprintsTellApartRequestsAroundABlocksEdge() {
    Set<String> seen = new HashSet<>();
    for (int n = 1; n <= 140; n++) {
      JsonObject body = new JsonObject().put("v", "x".repeat(n));
      String print = Idempotency.fingerprint("POST", "/p", body);
      assertEquals(print, Idempotency.fingerprint("POST", "/p", body.copy()), "the same request, the same fingerprint");
      assertTrue(seen.add(print), "a body of " + n + " characters shares its fingerprint");
      assertTrue(seen.add(Idempotency.fingerprint("POST", "/q", body)), "another path, another fingerprint");
    }
  }

  @Test
  void twinsSentTogetherGetOneWriteAndTheSameReply() throws Exception {
    String key = UUID.randomUUID().toString();
    List<Future<Reply>> twins = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      twins.add(write(key, "twins", new JsonObject()));
    }
    await(Future.all(twins));
    Set<Reply> replies = new HashSet<>();
    twins.forEach(f -> replies.add(f.result()));
    assertEquals(1, replies.size(), "every twin got the first reply: " + replies);
    assertEquals(1, probes("twins"));
  }

  @Test
  void aRefusalAfterAWriteUndoesTheWriteAndIsTheAnswerToEveryRetry() throws Exception {
    String key = UUID.randomUUID().toString();
    AtomicInteger runs = new AtomicInteger();
    Future<Reply> first = idempotency.once(CALLER, key, "POST", "/refused", new JsonObject(), tx -> {
      runs.incrementAndGet();
      return tx.conn().preparedQuery("INSERT INTO idem_probe (note) VALUES ('refused')").execute()
          .compose(v -> Future.failedFuture(ApiError.conflict("SOLD_OUT", "no places left")));
    });
    Reply refusal = await(first);
    assertEquals(409, refusal.status());
    assertEquals("SOLD_OUT", refusal.body().getJsonObject("error").getString("code"));
    assertEquals(0, probes("refused"), "the refused write left nothing behind");
    Reply retry = await(idempotency.once(CALLER, key, "POST", "/refused", new JsonObject(), tx -> {
      runs.incrementAndGet();
      return Future.succeededFuture(Reply.created(new JsonObject()));
    }));
    assertEquals(refusal, retry, "a retry gets the first refusal");
    assertEquals(1, runs.get());
  }

  @Test
  void aRefusalMadeOfAConstraintViolationIsStoredToo() throws Exception {
    await(gala.database().pool().query("CREATE TABLE IF NOT EXISTS idem_unique (name TEXT PRIMARY KEY)").execute());
    await(gala.database().pool().query("INSERT INTO idem_unique VALUES ('taken')").execute());
    String key = UUID.randomUUID().toString();
    Reply refusal = await(idempotency.once(CALLER, key, "POST", "/unique", new JsonObject(), tx ->
        tx.conn().preparedQuery("INSERT INTO idem_probe (note) VALUES ('unique')").execute()
            .compose(v -> tx.conn().query("INSERT INTO idem_unique VALUES ('taken')").execute())
            .<Reply>map(v -> Reply.created(new JsonObject()))
            .recover(e -> Future.failedFuture(ApiError.conflict("TAKEN", "that name is taken")))));
    assertEquals(409, refusal.status());
    assertEquals(0, probes("unique"));
    Reply retry = await(write(key, "unique", new JsonObject()));
    assertEquals(refusal, retry);
  }

  @Test
  void ourOwnFailureLeavesTheKeyFreeForTheRetry() throws Exception {
    String key = UUID.randomUUID().toString();
    Future<Reply> broken = idempotency.once(CALLER, key, "POST", "/broken", new JsonObject(), tx ->
        tx.conn().preparedQuery("INSERT INTO idem_probe (note) VALUES ('broken')").execute()
            .compose(v -> tx.conn().query("SELECT 1/0").execute())
            .map(v -> Reply.created(new JsonObject())));
    assertFalse(failureOf(broken) instanceof ApiError, "a database error is not a refusal");
    assertEquals(0, probes("broken"));
    assertEquals(201, await(write(key, "broken", new JsonObject())).status(), "the retry does the write");
    assertEquals(1, probes("broken"));
  }

  /**
   * A node claimed the key and died before committing (here: a connection holding the claim in an
   * open transaction). The retry waits for that transaction instead of answering "in flight"; once
   * PostgreSQL rolls it back (the dead node's connection closes), the retry does the write.
   */
  @Test
  void aKeyWhoseTransactionNeverCommittedIsFreeAgain() throws Exception {
    String key = UUID.randomUUID().toString();
    String hash = Idempotency.fingerprint("POST", "/crash", new JsonObject());
    Connection dying = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    dying.setAutoCommit(false);
    try (PreparedStatement claim = dying.prepareStatement(
        "INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES (?, ?, ?)")) {
      claim.setLong(1, CALLER.userId());
      claim.setString(2, key);
      claim.setString(3, hash);
      claim.executeUpdate();
    }
    CompletableFuture<Reply> retry = write(key, "crash", new JsonObject()).toCompletionStage().toCompletableFuture();
    try {
      retry.get(1500, TimeUnit.MILLISECONDS);
      throw new AssertionError("the retry answered while the first claim was still open: " + retry.join());
    } catch (TimeoutException expected) {
      // waiting on the open claim, as it must
    }
    dying.close(); // the node is gone: its transaction never commits
    assertEquals(201, retry.get(30, TimeUnit.SECONDS).status());
    assertEquals(1, probes("crash"));
  }

  @Test
  void aTwinWaitsForTheFirstAndGetsItsReply() throws Exception {
    String key = UUID.randomUUID().toString();
    String hash = Idempotency.fingerprint("POST", "/slow", new JsonObject());
    Connection first = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    first.setAutoCommit(false);
    try (PreparedStatement claim = first.prepareStatement(
        "INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response) VALUES (?, ?, ?, 201, '{\"first\":true}')")) {
      claim.setLong(1, CALLER.userId());
      claim.setString(2, key);
      claim.setString(3, hash);
      claim.executeUpdate();
    }
    CompletableFuture<Reply> twin = write(key, "slow", new JsonObject()).toCompletionStage().toCompletableFuture();
    Thread.sleep(500);
    assertFalse(twin.isDone(), "the twin waits for the first");
    first.commit();
    first.close();
    Reply reply = twin.get(30, TimeUnit.SECONDS);
    assertEquals(201, reply.status());
    assertTrue(reply.body().getBoolean("first"), "the first's reply: " + reply);
    assertEquals(0, probes("slow"), "the twin wrote nothing");
  }

  /**
   * Grouped writes queued behind a slow one share the next transaction. A batch usually runs without
   * a savepoint per write; a refusal in it sends the batch round again with savepoints: the refusal is
   * stored as that write's answer, its neighbours commit once, and retries of every key get the
   * stored answers without running anything.
   */
  @Test
  void aRefusalInAGroupedBatchIsStoredWhileItsNeighboursCommitOnce() throws Exception {
    Idempotency.Group group = new Idempotency.Group("probe-group", conn -> conn.query("SELECT 1").execute());
    for (boolean withRefusal : new boolean[] {false, true}) {
      String ok = "g-ok-" + withRefusal;
      String refused = "g-refused-" + withRefusal;
      AtomicInteger runs = new AtomicInteger();
      Future<Reply> slow = idempotency.grouped(group, CALLER, UUID.randomUUID().toString(), "POST", "/slow", new JsonObject(),
          tx -> tx.conn().query("SELECT pg_sleep(0.4)").execute().map(v -> Reply.created(new JsonObject())));
      String[] keys = {UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString()};
      List<Future<Reply>> queued = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        boolean refuses = withRefusal && i == 1;
        queued.add(idempotency.grouped(group, CALLER, keys[i], "POST", "/" + ok, new JsonObject().put("i", i), tx -> {
          runs.incrementAndGet();
          return tx.conn().preparedQuery("INSERT INTO idem_probe (note) VALUES ($1)").execute(Tuple.of(refuses ? refused : ok))
              .compose(v -> tx.conn().query("SELECT txid_current()").execute())
              .compose(rows -> refuses ? Future.failedFuture(ApiError.conflict("SOLD_OUT", "no places left"))
                  : Future.succeededFuture(Reply.created(new JsonObject().put("tx", rows.iterator().next().getLong(0)))));
        }));
      }
      await(slow);
      await(Future.join(queued));
      assertEquals(201, queued.get(0).result().status());
      assertEquals(withRefusal ? 409 : 201, queued.get(1).result().status());
      assertEquals(201, queued.get(2).result().status());
      assertEquals(queued.get(0).result().body().getLong("tx"), queued.get(2).result().body().getLong("tx"),
          "the queued writes shared one transaction");
      assertEquals(withRefusal ? 2 : 3, probes(ok), "each admitted write once");
      assertEquals(0, probes(refused), "the refused write left nothing behind");
      int ran = runs.get();
      for (int i = 0; i < 3; i++) {
        Reply first = queued.get(i).result();
        Reply retry = await(idempotency.grouped(group, CALLER, keys[i], "POST", "/" + ok, new JsonObject().put("i", i), tx -> {
          runs.incrementAndGet();
          return Future.succeededFuture(Reply.created(new JsonObject()));
        }));
        assertEquals(first, retry, "a retry gets the stored answer");
      }
      assertEquals(ran, runs.get(), "no retry ran its write");
    }
  }

  private static Future<Reply> write(String key, String note, JsonObject body) {
    return idempotency.once(CALLER, key, "POST", "/" + note, body, tx ->
        tx.conn().preparedQuery("INSERT INTO idem_probe (note) VALUES ($1) RETURNING id").execute(Tuple.of(note))
            .map(rows -> Reply.created(new JsonObject().put("id", rows.iterator().next().getLong(0)))));
  }

  private static long probes(String note) throws Exception {
    return await(gala.database().pool().preparedQuery("SELECT count(*) FROM idem_probe WHERE note = $1")
        .execute(Tuple.of(note)).map(rows -> rows.iterator().next().getLong(0)));
  }

  private static ApiError failure(Future<?> f) throws Exception {
    Throwable t = failureOf(f);
    if (t instanceof ApiError e) {
      return e;
    }
    throw new AssertionError("expected a refusal, got " + t);
  }

  private static Throwable failureOf(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
