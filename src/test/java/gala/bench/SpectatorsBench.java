package gala.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 15,000 spectators of one scoreboard on one node (issue 11, point 6), against a bare Vert.x
 * WebSocket server in the same run:
 * <ul>
 * <li>fan-out: one judge's mark reaches every spectator; deliveries/s (spectators / time from the
 *     first to the last spectator having the frame) vs the bare server writing the very same frame
 *     to the same number of sockets (goal: at least 0.8x);</li>
 * <li>heap per idle subscribed WebSocket vs the bare server's per idle socket (goal: at most 1.3x).</li>
 * </ul>
 * The spectators live in child JVMs ({@link SpectatorFleet}): a process may hold 20,000 open files
 * here, so the server's 15,000 sockets and the clients' 15,000 cannot share one. The bare server runs
 * as many verticle instances as Gala has HTTP verticles and is handed each frame over the event bus,
 * as Gala's gateways are.
 * {@code mvn -Pbench test -Dtest=SpectatorsBench [-Dspectators=15000] [-Drounds=10]}
 */
class SpectatorsBench {
  static final int SPECTATORS = Integer.getInteger("spectators", 15_000);
  static final int ROUNDS = Integer.getInteger("rounds", 10);
  static final int WARMUP = 3;
  static final int INSTANCES = Runtime.getRuntime().availableProcessors();
  static final int PROCESSES = Math.max(1, (SPECTATORS + 7_999) / 8_000);

  @Test
  void fifteenThousandSpectatorsOfOneScoreboard() throws Exception {
    System.out.printf("%nSpectatorsBench: %d spectators in %d client processes; this JVM: %s%n", SPECTATORS, PROCESSES,
        openFilesLimit());
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db, "--instances=" + INSTANCES);
    Vertx probeVertx = Vertx.vertx();
    Vertx bareVertx = Vertx.vertx();
    try {
      Api api = new Api(gala.port());
      String organiser = Api.token(api.signup("org@spectators.bench", "organiser"));
      long event = api.createEvent(organiser, "Spectators");
      long competition = api.createJudgedCompetition(organiser, event, "Final", 100, 1);
      List<Long> athletes = new ArrayList<>();
      for (int i = 0; i < ROUNDS + WARMUP; i++) {
        athletes.add(api.registerAthlete(organiser, competition, "Athlete " + i, null));
      }
      JsonObject judgeSession = api.signup("judge@spectators.bench", "participant");
      api.assignJudge(organiser, competition, Api.userId(judgeSession));
      String judge = Api.token(judgeSession);
      String topic = "scoreboard:" + competition;

      // A probe socket in this JVM keeps each delta frame, so the bare server can send the very same bytes.
      Map<Long, String> frames = new ConcurrentHashMap<>();
      WebSocket probe = await(probeVertx.createWebSocketClient().connect(new WebSocketConnectOptions()
          .setHost("127.0.0.1").setPort(gala.port()).setURI("/ws")));
      Promise<Long> snapshot = Promise.promise();
      probe.textMessageHandler(text -> {
        JsonObject m = new JsonObject(text);
        if ("snapshot".equals(m.getString("type"))) {
          snapshot.tryComplete(m.getLong("version"));
        } else if ("delta".equals(m.getString("type"))) {
          frames.put(m.getLong("version"), text);
        }
      });
      probe.writeTextMessage(new JsonObject().put("op", "subscribe").put("topic", topic).encode());
      long version = await(snapshot.future());

      // ---- Gala ----
      long galaHeap0 = usedHeap();
      List<SpectatorFleet.Child> fleet = SpectatorFleet.spawn(gala.port(), SPECTATORS, PROCESSES, true, List.of(topic));
      long galaHeap1 = usedHeap();
      double galaPerSocket = (galaHeap1 - galaHeap0) / (double) SPECTATORS;
      List<double[]> galaRounds = new ArrayList<>();
      String galaLoad = load();
      Profile galaProfile = Profile.start("gala");
      for (int r = 0; r < ROUNDS + WARMUP; r++) {
        long t0 = System.nanoTime();
        Api.Response score = api.submitScore(judge, competition, athletes.get(r), String.format(java.util.Locale.ROOT,
            "%.2f", 5 + r * 0.1), UUID.randomUUID().toString());
        assertEquals(201, score.status(), score.text());
        version++;
        long[] got = SpectatorFleet.await(fleet, topic, version, 120_000);
        assertEquals(SPECTATORS, got[0], "every spectator gets the mark of round " + r);
        if (r >= WARMUP) {
          galaRounds.add(new double[] {(got[2] - got[1]) / 1e6, (got[2] - t0) / 1e6});
        }
      }
      galaProfile.stop();
      for (SpectatorFleet.Child c : fleet) {
        c.close();
      }
      double galaSpread = median(galaRounds, 0);
      double galaRate = SPECTATORS / (galaSpread / 1e3);
      System.out.printf("SpectatorsBench gala: one mark to %d spectators of one scoreboard, %d HTTP verticles: first to last "
          + "spectator p50 %.1f ms (%.0f deliveries/s); mark submitted to last spectator p50 %.1f ms, max %.1f ms; "
          + "heap per idle subscribed socket %.1f KiB%n", SPECTATORS, INSTANCES, galaSpread, galaRate, median(galaRounds, 1),
          max(galaRounds, 1), galaPerSocket / 1024);
      // The very bytes of the last delta frame (read back from the topic's log, encoded as the gateway does).
      JsonObject delta = (JsonObject) await(gala.database().pool().preparedQuery("SELECT delta FROM topic_log WHERE topic = $1 "
          + "ORDER BY version DESC LIMIT 1").execute(io.vertx.sqlclient.Tuple.of(topic))).iterator().next().getValue(0);
      String frame = frames.getOrDefault(version, new JsonObject().put("type", "delta").put("topic", topic)
          .put("version", version).put("data", delta).encode());

      // ---- the bare server: sockets in a list per instance, the frame over the event bus ----
      long bareHeap0 = usedHeap();
      int barePort = TestGala.freePort();
      await(bareVertx.deployVerticle(() -> new BareBroadcast(barePort, topic), new DeploymentOptions().setInstances(INSTANCES)));
      List<SpectatorFleet.Child> bareFleet = SpectatorFleet.spawn(barePort, SPECTATORS, PROCESSES, false, List.of(topic));
      long bareHeap1 = usedHeap();
      double barePerSocket = (bareHeap1 - bareHeap0) / (double) SPECTATORS;
      List<double[]> bareRounds = new ArrayList<>();
      String bareLoad = load();
      Profile bareProfile = Profile.start("bare");
      for (int r = 0; r < ROUNDS + WARMUP; r++) {
        long v = 1_000_000 + r;
        String text = frame.replaceFirst("\"version\":\\d+,", "\"version\":" + v + ",");
        long t0 = System.nanoTime();
        bareVertx.eventBus().publish(BareBroadcast.ADDRESS, text);
        long[] got = SpectatorFleet.await(bareFleet, topic, v, 120_000);
        assertEquals(SPECTATORS, got[0], "every bare client gets round " + r);
        if (r >= WARMUP) {
          bareRounds.add(new double[] {(got[2] - got[1]) / 1e6, (got[2] - t0) / 1e6});
        }
      }
      bareProfile.stop();
      for (SpectatorFleet.Child c : bareFleet) {
        c.close();
      }

      double bareSpread = median(bareRounds, 0);
      double bareRate = SPECTATORS / (bareSpread / 1e3);
      System.out.printf("SpectatorsBench: one mark to %d spectators of one scoreboard (frame %d bytes), %d HTTP verticles%n",
          SPECTATORS, frame.length(), INSTANCES);
      System.out.printf("  gala: first to last spectator p50 %.1f ms (%.0f deliveries/s); mark submitted to last spectator "
          + "p50 %.1f ms, max %.1f ms%n", galaSpread, galaRate, median(galaRounds, 1), max(galaRounds, 1));
      System.out.printf("  bare Vert.x broadcast (same run, same frame): first to last p50 %.1f ms (%.0f deliveries/s); "
          + "publish to last p50 %.1f ms%n", bareSpread, bareRate, median(bareRounds, 1));
      System.out.printf("  box load (1/5/15 min) when each half began: gala %s, bare %s%n", galaLoad, bareLoad);
      System.out.printf("  fan-out ratio gala/bare deliveries/s: %.2fx (goal >= 0.8x)%n", galaRate / bareRate);
      System.out.printf("  heap per idle subscribed WebSocket: gala %.1f KiB, bare %.1f KiB: %.2fx (goal <= 1.3x)%n",
          galaPerSocket / 1024, barePerSocket / 1024, galaPerSocket / barePerSocket);
      probe.close();
    } finally {
      await(probeVertx.close());
      await(bareVertx.close());
      TestGala.stop(gala);
    }
  }

  /** The bare broadcast server: keeps its sockets, writes each published frame to every one, as it is. */
  static final class BareBroadcast extends VerticleBase {
    static final String ADDRESS = "bare.broadcast";
    final int port;
    final String topic;
    final List<ServerWebSocket> sockets = new ArrayList<>();

    BareBroadcast(int port, String topic) {
      this.port = port;
      this.topic = topic;
    }

    @Override
    public Future<?> start() {
      vertx.eventBus().<String>consumer(ADDRESS, m -> {
        String text = m.body();
        for (ServerWebSocket s : sockets) {
          s.writeTextMessage(text);
        }
      });
      Future<HttpServer> server = vertx.createHttpServer().webSocketHandler(ws -> {
        ws.closeHandler(v -> sockets.remove(ws));
        // Like Gala's gateway, the first frame answers the client's subscribe (see SpectatorFleet).
        boolean[] subscribed = {false};
        ws.textMessageHandler(text -> {
          if (!subscribed[0]) {
            subscribed[0] = true;
            sockets.add(ws);
            ws.writeTextMessage("{\"type\":\"snapshot\",\"topic\":\"" + topic + "\",\"version\":0}");
          }
        });
      }).listen(port, "127.0.0.1");
      return server;
    }
  }

  /**
   * With {@code -Dbench.jfr=DIR}, a JFR recording (CPU samples every 1 ms, allocations) of one half
   * of the benchmark, written to DIR/spectators-NAME.jfr, so the two halves can be compared per frame.
   */
  record Profile(jdk.jfr.Recording recording, Path file) {
    static Profile start(String name) {
      String dir = System.getProperty("bench.jfr");
      if (dir == null || dir.isBlank()) {
        return new Profile(null, null);
      }
      jdk.jfr.Recording r = new jdk.jfr.Recording();
      r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1));
      r.enable("jdk.ObjectAllocationSample");
      r.enable("jdk.GarbageCollection");
      r.start();
      return new Profile(r, Path.of(dir, "spectators-" + name + ".jfr"));
    }

    void stop() throws java.io.IOException {
      if (recording != null) {
        recording.stop();
        Files.createDirectories(file.getParent());
        recording.dump(file);
        recording.close();
        System.out.println("SpectatorsBench: profile written to " + file);
      }
    }
  }

  /** Heap in use after a full collection (several, until it settles). */
  static long usedHeap() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  static String openFilesLimit() {
    try {
      return Files.readAllLines(Path.of("/proc/self/limits")).stream().filter(l -> l.startsWith("Max open files"))
          .map(l -> l.replaceAll("\\s+", " ").trim()).findFirst().orElse("open files limit unknown");
    } catch (Exception e) {
      return "open files limit unknown";
    }
  }

  static double median(List<double[]> rounds, int i) {
    double[] v = rounds.stream().mapToDouble(r -> r[i]).sorted().toArray();
    return v.length == 0 ? Double.NaN : v[v.length / 2];
  }

  static double max(List<double[]> rounds, int i) {
    return rounds.stream().mapToDouble(r -> r[i]).max().orElse(Double.NaN);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }
}
