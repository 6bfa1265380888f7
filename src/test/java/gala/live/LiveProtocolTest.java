package gala.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.LiveClient;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DESIGN.md section 7 over a real WebSocket: snapshot, gap-free deltas, resume, and the handshake rules. */
@ExtendWith(VertxExtension.class)
class LiveProtocolTest {
  static DbLocation db;
  static Gala gala;
  static Api api;
  static String organiser;
  static String judge;
  static long event;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.fresh();
    gala = TestGala.start(db);
    api = new Api(gala.port());
    organiser = Api.token(api.signup("org@live.test", "organiser"));
    JsonObject j = api.signup("judge@live.test", "participant");
    judge = Api.token(j);
    event = api.createEvent(organiser, "直播测试");
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(gala);
  }

  /** A one-judge competition with the judge assigned and {@code n} athletes; returns [competition, entry...]. */
  static long[] competition(int athletes) {
    long c = api.createJudgedCompetition(organiser, event, "c" + UUID.randomUUID(), 50, 1);
    api.assignJudge(organiser, c, Api.userId(api.post("/api/v1/auth/login", null,
        new JsonObject().put("email", "judge@live.test").put("password", "correct horse 9")).json()));
    long[] ids = new long[athletes + 1];
    ids[0] = c;
    for (int i = 1; i <= athletes; i++) {
      ids[i] = api.registerAthlete(organiser, c, "athlete " + i, null);
    }
    return ids;
  }

  static void score(long competition, long entry, String value) {
    assertEquals(201, api.submitScore(judge, competition, entry, value, UUID.randomUUID().toString()).status());
  }

  @Test
  void snapshotThenOneGapFreeDeltaPerCommittedScore(Vertx vertx) {
    long[] c = competition(3);
    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      live.subscribe("scoreboard:" + c[0], null);
      JsonObject snapshot = live.next();
      assertEquals("snapshot", snapshot.getString("type"));
      assertEquals("scoreboard:" + c[0], snapshot.getString("topic"));
      long version = snapshot.getLong("version");
      JsonObject data = snapshot.getJsonObject("data");

      score(c[0], c[1], "7.0");
      score(c[0], c[2], "8.0");
      score(c[0], c[3], "7.5");
      for (int i = 1; i <= 3; i++) {
        JsonObject delta = live.next();
        assertEquals("delta", delta.getString("type"));
        assertEquals(version + i, delta.getLong("version"), "versions are consecutive");
        data = JsonDiff.apply(data, delta.getJsonObject("data"));
      }
      JsonObject truth = api.scoreboard(c[0]);
      assertEquals(truth.getLong("version"), version + 3);
      assertEquals(truth.getJsonObject("data"), data, "deltas applied to the snapshot give the database snapshot");
      assertEquals(c[2], Api.rows(truth).getJsonObject(0).getLong("id"));
      assertNull(live.poll(300), "nothing is sent twice");
    }
  }

  @Test
  void resumeWithSinceReplaysExactlyTheMissedDeltas(Vertx vertx) {
    long[] c = competition(3);
    long since = api.scoreboard(c[0]).getLong("version");
    JsonObject atSince = api.scoreboard(c[0]).getJsonObject("data");
    score(c[0], c[1], "6.0");
    score(c[0], c[2], "9.0");
    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      live.subscribe("scoreboard:" + c[0], since);
      JsonObject first = live.next();
      JsonObject second = live.next();
      assertEquals("delta", first.getString("type"));
      assertEquals(since + 1, first.getLong("version"));
      assertEquals(since + 2, second.getLong("version"));
      JsonObject data = JsonDiff.apply(JsonDiff.apply(atSince, first.getJsonObject("data")), second.getJsonObject("data"));
      assertEquals(api.scoreboard(c[0]).getJsonObject("data"), data);
      assertNull(live.poll(300));

      score(c[0], c[3], "8.0");
      JsonObject live3 = live.next();
      assertEquals(since + 3, live3.getLong("version"), "live deltas continue after the replay");
    }
  }

  @Test
  void aSnapshotWhenTheLogNoLongerReachesBack(Vertx vertx) throws Exception {
    long[] c = competition(2);
    long since = api.scoreboard(c[0]).getLong("version");
    score(c[0], c[1], "6.0");
    score(c[0], c[2], "7.0");
    try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      // What a checkpoint and retention trimming do to old entries of a busy topic: the snapshot is
      // rewritten at the newest version, and the log below it goes.
      JsonObject now = api.scoreboard(c[0]);
      try (var update = conn.prepareStatement("UPDATE topic_checkpoints SET version = ?, snapshot = ?::jsonb WHERE topic = ?")) {
        update.setLong(1, now.getLong("version"));
        update.setString(2, now.getJsonObject("data").encode());
        update.setString(3, "scoreboard:" + c[0]);
        assertEquals(1, update.executeUpdate());
      }
      conn.createStatement().execute("DELETE FROM topic_log WHERE topic = 'scoreboard:" + c[0] + "' AND version <= " + (since + 1));
    }
    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      live.subscribe("scoreboard:" + c[0], since);
      JsonObject frame = live.next();
      assertEquals("snapshot", frame.getString("type"));
      assertEquals(since + 2, frame.getLong("version"));
      assertEquals(api.scoreboard(c[0]).getJsonObject("data"), frame.getJsonObject("data"));

      live.subscribe("scoreboard:" + c[0], since + 1000);
      assertEquals("snapshot", live.next().getString("type"), "a version from the future gets a snapshot too");
    }
  }

  @Test
  void badFramesAndUnknownTopicsGetErrorsAndTheSocketStaysUsable(Vertx vertx) {
    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      live.socket().writeTextMessage("{not json");
      assertEquals("BAD_FRAME", live.next().getString("code"));
      live.send(new JsonObject().put("op", "dance"));
      assertEquals("UNKNOWN_OP", live.next().getString("code"));
      live.subscribe("weather:1", null);
      assertEquals("UNKNOWN_TOPIC", live.next().getString("code"));
      live.send(new JsonObject().put("op", "subscribe").put("topic", "scoreboard:1").put("since", "yesterday"));
      assertEquals("BAD_SINCE", live.next().getString("code"));
      live.send(new JsonObject().put("op", "auth").put("token", "forged"));
      assertEquals("UNAUTHENTICATED", live.next().getString("code"));
      live.subscribe("scoreboard:999999", null);
      assertEquals("NOT_FOUND", live.next().getString("code"));
      live.send(new JsonObject().put("op", "ping"));
      assertEquals("pong", live.next().getString("type"));
    }
  }

  @Test
  void framesOver64KibCloseTheSocket(Vertx vertx) throws Exception {
    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      live.send(new JsonObject().put("op", "ping").put("pad", "x".repeat(70 * 1024)));
      for (int i = 0; i < 100 && !live.isClosed(); i++) {
        Thread.sleep(50);
      }
      assertTrue(live.isClosed(), "the server closed the socket");
    }
    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      live.send(new JsonObject().put("op", "ping").put("pad", "x".repeat(60 * 1024)));
      assertEquals("pong", live.next().getString("type"), "a frame under the limit is fine");
    }
  }

  @Test
  void foreignOriginsAreRefusedAtTheHandshake(Vertx vertx, VertxTestContext ctx) {
    vertx.createWebSocketClient().connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gala.port())
            .setURI("/ws").addHeader("Origin", "http://evil.example"))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertTrue(e instanceof UpgradeRejectedException, e.toString());
          assertEquals(403, ((UpgradeRejectedException) e).getStatus());
          ctx.completeNow();
        })));
  }

  @Test
  void theSameOriginIsAcceptedAndCompressionIsNotNegotiated(Vertx vertx, VertxTestContext ctx) {
    String origin = "http://127.0.0.1:" + gala.port();
    vertx.createWebSocketClient(new WebSocketClientOptions().setTryUsePerMessageCompression(true)
            .setTryUsePerFrameCompression(true))
        .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(gala.port()).setURI("/ws")
            .addHeader("Origin", origin))
        .onComplete(ctx.succeeding(ws -> ctx.verify(() -> {
          assertFalse(ws.headers().contains("sec-websocket-extensions"),
              "permessage-deflate stays off: " + ws.headers().get("sec-websocket-extensions"));
          ctx.completeNow();
        })));
  }
}
