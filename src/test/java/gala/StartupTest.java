package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.Config;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starting up: a busy port is a clear failure, and a clustered node is not ready before it joined. */
class StartupTest {

  @Test
  void aBusyPortStopsGalaWithAClearMessageAndANonZeroExit() throws Exception {
    DbLocation db = TestDatabase.fresh();
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Path out = Files.createTempFile("gala-start", ".log");
      Process gala = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "gala.Main",
          "--http-port=" + port, "--host=127.0.0.1", "--instances=1", "--db-pool-size=2",
          "--db-url=" + db.uri(), "--db-user=" + db.user(), "--db-password=" + db.password()))
          .redirectErrorStream(true).redirectOutput(out.toFile()).start();
      try {
        boolean exited = gala.waitFor(300, TimeUnit.SECONDS);
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(exited, "Gala exits when its port is taken: " + log);
        assertNotEquals(0, gala.exitValue(), log);
        assertTrue(log.contains("gala: failed to start: port " + port + " on 127.0.0.1 is already in use"), log);
      } finally {
        gala.destroyForcibly();
        new File(out.toString()).delete();
      }
    }
  }

  @Test
  void aClusteredNodeIsNotReadyUntilItHasJoinedAndReportsItsMembers() {
    DbLocation db = TestDatabase.fresh();
    int hzA = TestGala.freeMemberPort();
    int hzB = TestGala.freeMemberPort();
    String members = "--cluster-members=127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
    Gala a = TestGala.start(db, "--cluster", "--cluster-port=" + hzA, members);
    Gala b = null;
    try {
      Api api = new Api(a.port());
      Response alone = api.get("/ready", null);
      assertEquals(503, alone.status(), alone.text());
      assertEquals("JOINING", alone.json().getJsonObject("checks").getString("cluster"), alone.text());
      assertEquals(new JsonObject().put("members", 1).put("expected", 2), alone.json().getJsonObject("cluster"));
      assertTrue(Integer.parseInt(alone.header("Retry-After")) >= 1);

      b = TestGala.start(db, "--cluster", "--cluster-port=" + hzB, members);
      Response joined = awaitReady(api);
      assertEquals("UP", joined.json().getJsonObject("checks").getString("cluster"));
      assertEquals(2, joined.json().getJsonObject("cluster").getInteger("members"));

      TestGala.stop(b);
      b = null;
      Response peerGone = awaitMembers(api, 1);
      assertEquals(200, peerGone.status(), "a node that has joined stays ready when its peer leaves: " + peerGone.text());
    } finally {
      TestGala.stop(b);
      TestGala.stop(a);
    }
  }

  /**
   * A node started with the demo answers /ready 503 (checks.startup STARTING) until the demo's data is
   * there: a load balancer or `docker compose` waiting for it must not send the first visitor to an
   * empty Gala. It used to answer 200 as soon as its HTTP server listened.
   */
  @Test
  void aNodeWithTheDemoIsNotReadyBeforeTheDemosDataIsThere() throws Exception {
    DbLocation db = TestDatabase.fresh();
    int port;
    try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    Config config = Config.from(new String[] {"--http-port=" + port, "--instances=1", "--db-pool-size=8",
        "--host=127.0.0.1", "--demo"}, Map.of());
    CompletableFuture<Gala> starting = Gala.start(config, db).toCompletionStage().toCompletableFuture();
    Api api = new Api(port);
    List<String> whileStarting = new ArrayList<>();
    Gala gala = null;
    try {
      while (!starting.isDone()) {
        try {
          Response r = api.get("/ready", null);
          JsonObject checks = r.json().getJsonObject("checks");
          if ("STARTING".equals(checks.getString("startup"))) {
            assertEquals(503, r.status(), r.text());
            assertTrue(Integer.parseInt(r.header("Retry-After")) >= 1);
          }
          whileStarting.add(r.status() + " " + checks.getString("startup"));
        } catch (RuntimeException notListeningYet) {
          // The HTTP server is not up yet: nothing to ask.
        }
        Thread.sleep(20);
      }
      gala = starting.get(90, TimeUnit.SECONDS);
      // The demo meet loads on whichever node leads the demo, after start-up: ready once it is there.
      Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
      Response ready = api.get("/ready", null);
      while (ready.status() != 200 && Instant.now().isBefore(deadline)) {
        assertEquals("STARTING", ready.json().getJsonObject("checks").getString("startup"), ready.text());
        whileStarting.add(ready.status() + " STARTING");
        Thread.sleep(50);
        ready = api.get("/ready", null);
      }
      assertEquals(200, ready.status(), ready.text());
      assertEquals("UP", ready.json().getJsonObject("checks").getString("startup"));
      assertTrue(whileStarting.contains("503 STARTING"), "the demo's loading was seen as not ready: " + whileStarting);
      assertTrue(api.get("/api/v1/events", null).json().getJsonArray("items").size() > 0, "ready means the demo's events are there");
    } finally {
      TestGala.stop(gala != null ? gala : starting.get(90, TimeUnit.SECONDS));
    }
  }

  private static Response awaitReady(Api api) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Response r = api.get("/ready", null);
    while (r.status() != 200 && Instant.now().isBefore(deadline)) {
      pause();
      r = api.get("/ready", null);
    }
    assertEquals(200, r.status(), r.text());
    return r;
  }

  private static Response awaitMembers(Api api, int members) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    Response r = api.get("/ready", null);
    while (r.json().getJsonObject("cluster").getInteger("members") != members && Instant.now().isBefore(deadline)) {
      pause();
      r = api.get("/ready", null);
    }
    assertEquals(members, r.json().getJsonObject("cluster").getInteger("members"), r.text());
    return r;
  }

  /** Membership changes inside Hazelcast, which /ready reports but does not announce: poll it. */
  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
