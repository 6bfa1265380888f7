package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.Gala;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node keeps the board its last batch of marks left (KeptBoards) and starts the next batch from
 * it. Every other write of the board must make that copy stale: marks and corrections through the
 * other node, a correction on the same node, a judge assigned after it, a record set before the mark
 * that beats it. After each step the scoreboard as stored (checkpoint plus deltas) must equal the
 * board recomputed from the database: a mark checked or rendered against a stale copy would differ.
 */
class KeptBoardsTest {
  static Gala nodeA;
  static Gala nodeB;

  @BeforeAll
  static void startTwoNodes() {
    List<Gala> nodes = TestGala.startClustered(TestDatabase.fresh());
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
  }

  @AfterAll
  static void stop() {
    TestGala.stop(nodeB);
    TestGala.stop(nodeA);
  }

  @Test
  void everyOtherWriteOfTheBoardMakesTheKeptCopyStale() throws Exception {
    Fixture a = new Fixture(new Api(nodeA.port()), "kept");
    Api b = new Api(nodeB.port());
    long c = a.competition("Kept", Fixture.judged(3, "mean"));
    long e1 = a.entry(c, "One", null);
    long e2 = a.entry(c, "Two", null);
    long e3 = a.entry(c, "Three", null);
    String j1 = a.judge(c, false);
    String j2 = a.judge(c, false);

    JsonObject first = a.mark(j1, c, e1, "7.5");
    assertStoredBoardIsTheDatabase(c, "a first mark on node A");
    a.mark(j1, c, e2, "8");
    assertStoredBoardIsTheDatabase(c, "a second mark on node A (from the kept board)");

    Api.Response onB = b.post("/api/v1/competitions/" + c + "/scores", j2,
        new JsonObject().put("entryId", e1).put("value", 9).encode(), Fixture.key());
    assertEquals(201, onB.status(), onB.text());
    a.mark(j2, c, e2, "6.5");
    assertStoredBoardIsTheDatabase(c, "a mark on node A after one on node B");

    Api.Response corrected = a.correct(a.organiser, c, first.getLong("id"),
        new JsonObject().put("value", 5).put("reason", "misread"));
    assertEquals(201, corrected.status(), corrected.text());
    a.mark(j1, c, e3, "7");
    assertStoredBoardIsTheDatabase(c, "a mark after a correction");

    String j3 = a.judge(c, false);
    a.mark(j3, c, e1, "8.5");
    assertStoredBoardIsTheDatabase(c, "a mark by a judge assigned after the board was kept");

    Api.Response record = a.api.post("/api/v1/competitions/" + c + "/records", a.organiser,
        new JsonObject().put("kind", "meet").put("value", 7).put("holder", "Earlier").put("setAt", "2024").encode(), Fixture.key());
    assertEquals(201, record.status(), record.text());
    a.mark(j2, c, e3, "9.5");
    a.mark(j3, c, e3, "9.5");
    assertStoredBoardIsTheDatabase(c, "marks that beat a record set after the board was kept");
    assertEquals(3, Fixture.row(a.board(c), e3).getInteger("marks"), a.board(c).encodePrettily());
  }

  private static void assertStoredBoardIsTheDatabase(long competition, String after) throws Exception {
    String topic = ScoringService.scoreboardTopic(competition);
    JsonObject stored = nodeA.topics().snapshot(topic).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).data();
    JsonObject fresh = new ScoreboardSource().snapshot(nodeA.database().pool(), Long.toString(competition))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(fresh, stored, "after " + after + ": checkpoint plus deltas = the board recomputed from the database");
  }
}
