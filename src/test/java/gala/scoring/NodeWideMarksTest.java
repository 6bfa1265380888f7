package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.ApiTestBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A node's concurrent marks share one transaction whatever competitions they score (MarkSet.GROUP,
 * a group commit over competitions): while every batch the node may run at once waits for a
 * competition's results lock (held here from plain SQL), marks for three other competitions queue,
 * and the next transaction stores all of them, each competition's marks as its own set with its own
 * scoreboard delta.
 */
class NodeWideMarksTest extends ApiTestBase {

  @Test
  void marksOfSeveralCompetitionsQueuedTogetherCommitInOneTransaction() throws Exception {
    Fixture f = new Fixture(api, "node-wide");
    int running = gala.idempotency().groups().spanningRunning(MarkSet.GROUP);
    List<Long> held = new ArrayList<>();
    List<String> heldJudges = new ArrayList<>();
    List<Long> heldEntries = new ArrayList<>();
    for (int i = 0; i < running; i++) {
      long c = f.competition("Held " + i, Fixture.judged(1, "mean"));
      held.add(c);
      heldEntries.add(f.entry(c, "H" + i, null));
      heldJudges.add(f.judge(c, false));
    }
    long[] queuedOn = new long[3];
    List<String[]> judges = new ArrayList<>();
    List<long[]> entries = new ArrayList<>();
    for (int i = 0; i < queuedOn.length; i++) {
      queuedOn[i] = f.competition("Queued " + i, Fixture.judged(2, "mean"));
      judges.add(new String[] {f.judge(queuedOn[i], false), f.judge(queuedOn[i], false)});
      entries.add(new long[] {f.entry(queuedOn[i], "Q" + i, null)});
    }
    ExecutorService pool = Executors.newFixedThreadPool(running + 6);
    SqlConnection holder = await(gala.database().pool().getConnection());
    try {
      await(holder.query("BEGIN").execute());
      for (long c : held) {
        await(ScoringService.lockResults(holder, c));
      }
      List<Future<Api.Response>> blocked = new ArrayList<>();
      for (int i = 0; i < running; i++) {
        int k = i;
        blocked.add(pool.submit(() -> f.submit(heldJudges.get(k), held.get(k), new JsonObject().put("entryId", heldEntries.get(k))
            .put("value", 7))));
        int waiting = i + 1;
        assertTrue(waitFor(() -> lockWaiters() == waiting), "batch " + waiting + " waits for its competition's lock");
      }
      List<Future<Api.Response>> queued = new ArrayList<>();
      for (int i = 0; i < queuedOn.length; i++) {
        for (String judge : judges.get(i)) {
          long c = queuedOn[i];
          long e = entries.get(i)[0];
          queued.add(pool.submit(() -> f.submit(judge, c, new JsonObject().put("entryId", e).put("value", 8))));
        }
      }
      assertTrue(waitFor(() -> gala.idempotency().groups().queued(MarkSet.GROUP) == queued.size()),
          "the node's later marks wait for its next batch, whatever competition they score");
      await(holder.query("COMMIT").execute());
      for (Future<Api.Response> b : blocked) {
        assertEquals(201, b.get(30, TimeUnit.SECONDS).status(), b.get().text());
      }
      List<Long> scores = new ArrayList<>();
      for (Future<Api.Response> q : queued) {
        Api.Response r = q.get(30, TimeUnit.SECONDS);
        assertEquals(201, r.status(), r.text());
        scores.add(r.json().getJsonObject("score").getLong("id"));
      }
      Row r = await(gala.database().pool().preparedQuery("SELECT count(DISTINCT xmin::text), count(DISTINCT competition_id) "
          + "FROM scores WHERE id = ANY($1)").execute(Tuple.of(scores.toArray(new Long[0])))).iterator().next();
      assertEquals(1, r.getLong(0), "one transaction for the queued marks");
      assertEquals(3, r.getLong(1), "of three competitions");
    } finally {
      holder.close();
      pool.shutdownNow();
    }
    // Each competition's board, followed live, is the database's.
    for (long c : queuedOn) {
      JsonObject board = f.board(c);
      assertEquals(1, board.getJsonArray("rows").size(), board.encode());
    }
  }

  private static long lockWaiters() {
    try {
      return await(gala.database().pool().query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
          .execute()).iterator().next().getLong(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean waitFor(BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
