package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node remembers that a judge may mark a competition (gala.access.KnownJudges), so their next mark
 * skips the access query. An organiser takes the judge off the panel on the OTHER node: the judge's
 * next mark on the first node is refused and stores nothing (the mark reads the panel under the
 * results lock, whatever the guard remembered), and the first node forgets its answer when the
 * removal's notice arrives over the event bus, well before the answers' time-out.
 */
class JudgeRemovedOnAnotherNodeTest {

  @Test
  void aJudgeRemovedOnOneNodeIsRefusedOnTheOther() throws Exception {
    DbLocation db = TestDatabase.fresh();
    List<Gala> nodes = TestGala.startClustered(db);
    Gala nodeA = nodes.get(0);
    Gala nodeB = nodes.get(1);
    try {
      Api apiA = new Api(nodeA.port());
      Api apiB = new Api(nodeB.port());
      Fixture onA = new Fixture(apiA, "other-node");
      long c = onA.competition("Other node", Fixture.judged(3, "mean"));
      long e1 = onA.entry(c, "One", null);
      long e2 = onA.entry(c, "Two", null);
      JsonObject judge = apiA.signup("judge-" + UUID.randomUUID() + "@other-node.test", "participant");
      Api.Response assigned = apiA.post("/api/v1/competitions/" + c + "/judges", onA.organiser,
          new JsonObject().put("userId", Api.userId(judge)));
      assertEquals(201, assigned.status(), assigned.text());
      String token = Api.token(judge);

      Fixture onB = new Fixture(apiB, "other-node-b");
      onB.mark(token, c, e1, "8");
      assertTrue(nodeB.knownJudges().holds(c), "node B did not remember the judge's yes");

      Api.Response removed = apiA.delete("/api/v1/competitions/" + c + "/judges/" + Api.userId(judge), onA.organiser);
      assertEquals(204, removed.status(), removed.text());
      assertFalse(nodeA.knownJudges().holds(c), "node A still remembers a judge it removed");

      Fixture.expect(403, "NOT_ASSIGNED_JUDGE", onB.submit(token, c, new JsonObject().put("entryId", e2).put("value", 7)));
      long stored = nodeB.database().pool().preparedQuery("SELECT count(*) FROM scores WHERE competition_id = $1 AND entry_id = $2")
          .execute(Tuple.of(c, e2)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
          .iterator().next().getLong(0);
      assertEquals(0, stored, "a removed judge's mark was stored");

      // The notice, not the time-out: node B forgets within a few seconds (the answers live 10 s).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (nodeB.knownJudges().holds(c) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertFalse(nodeB.knownJudges().holds(c), "node B did not hear of the removal on node A");
      Fixture.expect(403, "NOT_ASSIGNED_JUDGE", onB.submit(token, c, new JsonObject().put("entryId", e2).put("value", 7)));
    } finally {
      TestGala.stop(nodeB);
      TestGala.stop(nodeA);
    }
  }
}
