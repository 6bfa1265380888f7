package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.platform.DbLocation;
import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.LiveClient;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two clustered nodes (Hazelcast over TCP on loopback) sharing one database. */
@ExtendWith(VertxExtension.class)
class ClusterTest {
  static Gala nodeA;
  static Gala nodeB;

  @BeforeAll
  static void startTwoNodes() {
    DbLocation db = TestDatabase.fresh();
    List<Gala> nodes = TestGala.startClustered(db);
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
  }

  @AfterAll
  static void stop() {
    TestGala.stop(nodeB);
    TestGala.stop(nodeA);
  }

  @Test
  void bothNodesReportTheClusterReady() {
    for (Gala node : new Gala[] {nodeA, nodeB}) {
      JsonObject ready = new Api(node.port()).get("/ready", null).json();
      assertEquals("UP", ready.getString("status"));
      assertEquals("UP", ready.getJsonObject("checks").getString("cluster"));
    }
  }

  @Test
  void scoresSubmittedOnOneNodeReachSubscribersOfTheOtherInVersionOrder(Vertx vertx) {
    Api a = new Api(nodeA.port());
    Api b = new Api(nodeB.port());
    String organiser = Api.token(a.signup("org@cluster.test", "organiser"));
    JsonObject judgeSession = b.signup("judge@cluster.test", "participant"); // accounts are shared: one database
    String judge = Api.token(judgeSession);
    long event = a.createEvent(organiser, "集群");
    long competition = a.createJudgedCompetition(organiser, event, "跳绳", 20, 1);
    a.assignJudge(organiser, competition, Api.userId(judgeSession));
    long[] entries = new long[6];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = a.registerAthlete(organiser, competition, "选手" + i, null);
    }

    try (LiveClient onB = LiveClient.connect(vertx, nodeB.port())) {
      onB.subscribe("scoreboard:" + competition, null);
      JsonObject snapshot = onB.next();
      assertEquals("snapshot", snapshot.getString("type"));
      long version = snapshot.getLong("version");
      JsonObject data = snapshot.getJsonObject("data");

      // Tokens from node A are valid on node B: the signing keys are shared through the database.
      for (int i = 0; i < entries.length; i++) {
        Api via = i % 3 == 2 ? b : a;
        assertEquals(201, via.submitScore(judge, competition, entries[i], String.valueOf(5 + i * 0.5),
            UUID.randomUUID().toString()).status());
      }
      for (int i = 1; i <= entries.length; i++) {
        JsonObject delta = onB.next();
        assertEquals("delta", delta.getString("type"));
        assertEquals(version + i, delta.getLong("version"), "deltas arrive in version order with no gap");
        data = JsonDiff.apply(data, delta.getJsonObject("data"));
      }
      assertEquals(b.scoreboard(competition).getJsonObject("data"), data);
      assertEquals(entries[5], Api.rows(b.scoreboard(competition)).getJsonObject(0).getLong("id"));
    }
  }
}
