package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.ApiTestBase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Taking a judge off a competition while marks come in. Marks show their judge by seat (J1..Jn in
 * the order of assignment), so a removal moves the seats after it: the scoreboard as followed live
 * (checkpoint plus deltas) must still equal the board recomputed from the database. And a judge
 * removed after the guard let their mark through, but before the mark's transaction read anything,
 * must not get it stored: the removal and the mark are serialised by the results lock.
 */
class JudgeRemovalTest extends ApiTestBase {

  @Test
  void removingAJudgeMovesTheSeatsOnTheLiveBoard() throws Exception {
    Fixture f = new Fixture(api, "removal");
    long c = f.competition("Removal", Fixture.judged(3, "mean"));
    long e1 = f.entry(c, "One", null);
    JsonObject first = judge(f, c);
    JsonObject second = judge(f, c);
    JsonObject third = judge(f, c);
    f.mark(Api.token(first), c, e1, "7");
    f.mark(Api.token(second), c, e1, "8");
    f.mark(Api.token(third), c, e1, "9");
    assertStoredBoardIsTheDatabase(c, "three marks");

    Api.Response removed = api.delete("/api/v1/competitions/" + c + "/judges/" + Api.userId(first), f.organiser);
    assertEquals(204, removed.status(), removed.text());
    assertStoredBoardIsTheDatabase(c, "the first judge's removal");
    JsonObject row = Fixture.row(f.board(c), e1);
    assertEquals("[0,1,2]", row.getJsonArray("attempts").getJsonObject(0).getJsonArray("marks").stream()
        .map(m -> ((JsonObject) m).getInteger("judge").toString()).toList().toString().replace(" ", ""),
        "the removed judge's mark has no seat, the others move up: " + row.encodePrettily());

    Api.Response back = api.post("/api/v1/competitions/" + c + "/judges", f.organiser,
        new JsonObject().put("userId", Api.userId(first)));
    assertEquals(201, back.status(), back.text());
    assertStoredBoardIsTheDatabase(c, "the judge assigned again");
  }

  @Test
  void aRemovalWaitsForTheResultsLock() throws Exception {
    Fixture f = new Fixture(api, "removal-lock");
    long c = f.competition("Removal lock", Fixture.judged(3, "mean"));
    JsonObject judge = judge(f, c);
    SqlConnection holder = await(gala.database().pool().getConnection());
    try {
      await(holder.query("BEGIN").execute());
      await(ScoringService.lockResults(holder, c));
      CompletableFuture<Api.Response> removal = CompletableFuture.supplyAsync(() ->
          api.delete("/api/v1/competitions/" + c + "/judges/" + Api.userId(judge), f.organiser));
      boolean waited = waitersOrDone(removal, 1);
      assertTrue(waited, "the removal went through while another transaction held the competition's results lock: "
          + (removal.isDone() ? removal.get().status() : "?"));
      await(holder.query("COMMIT").execute());
      assertEquals(204, removal.get(30, TimeUnit.SECONDS).status());
    } finally {
      holder.close();
    }
  }

  @Test
  void aJudgeRemovedWhileTheirMarkWaitsGetsNothingStored() throws Exception {
    Fixture f = new Fixture(api, "removal-race");
    long c = f.competition("Removal race", Fixture.judged(3, "mean"));
    long e1 = f.entry(c, "One", null);
    JsonObject judge = judge(f, c);
    // Another transaction holds the results lock and takes the judge off meanwhile, as a removal does;
    // the judge's mark has passed the guard and waits for the lock.
    SqlConnection holder = await(gala.database().pool().getConnection());
    try {
      await(holder.query("BEGIN").execute());
      await(ScoringService.lockResults(holder, c));
      CompletableFuture<Api.Response> mark = CompletableFuture.supplyAsync(() ->
          f.submit(Api.token(judge), c, new JsonObject().put("entryId", e1).put("value", 8)));
      assertTrue(waitersOrDone(mark, 1), "the mark did not wait for the results lock");
      await(holder.preparedQuery("DELETE FROM competition_judges WHERE competition_id = $1 AND user_id = $2")
          .execute(Tuple.of(c, Api.userId(judge))));
      await(holder.query("COMMIT").execute());
      Fixture.expect(403, "NOT_ASSIGNED_JUDGE", mark.get(30, TimeUnit.SECONDS));
    } finally {
      holder.close();
    }
    long stored = await(gala.database().pool().preparedQuery("SELECT count(*) FROM scores WHERE competition_id = $1")
        .execute(Tuple.of(c))).iterator().next().getLong(0);
    assertEquals(0, stored, "a mark of a judge removed before its transaction read the panel was stored");
    assertStoredBoardIsTheDatabase(c, "the refused mark");
  }

  /** A new account assigned as judge; returns its session (token and user id). */
  private static JsonObject judge(Fixture f, long competition) {
    JsonObject s = api.signup("judge-" + UUID.randomUUID() + "@removal.test", "participant");
    Api.Response r = api.post("/api/v1/competitions/" + competition + "/judges", f.organiser,
        new JsonObject().put("userId", Api.userId(s)));
    assertEquals(201, r.status(), r.text());
    return s;
  }

  /**
   * Waits until {@code waiters} transactions wait for an advisory lock (true) or the request is
   * answered without waiting (false).
   */
  private static boolean waitersOrDone(CompletableFuture<?> request, int waiters) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      long waiting = await(gala.database().pool()
          .query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").execute())
          .iterator().next().getLong(0);
      if (waiting >= waiters) {
        return true;
      }
      if (request.isDone()) {
        return false;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("neither waiting for the lock nor answered in 30 s");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void assertStoredBoardIsTheDatabase(long competition, String after) throws Exception {
    String topic = ScoringService.scoreboardTopic(competition);
    JsonObject stored = await(gala.topics().snapshot(topic)).data();
    JsonObject fresh = await(new ScoreboardSource().snapshot(gala.database().pool(), Long.toString(competition)));
    assertEquals(fresh, stored, "after " + after + ": checkpoint plus deltas = the board recomputed from the database");
  }
}
