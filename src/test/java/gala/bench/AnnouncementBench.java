package gala.bench;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * One announcement broadcast to many WebSocket clients of one event: the time from the organiser's
 * POST until each client (and the last one) has it, and in the same run the same fan-out through a
 * bare Vert.x WebSocket broadcast server (no JSON, no database, no topics) sending the very frame the
 * Gala clients got, with the ratio.
 * {@code mvn -Pbench test -Dtest=AnnouncementBench [-Dclients=4000] [-Drounds=10]}
 */
class AnnouncementBench {
  static final int CLIENTS = Integer.getInteger("clients", 4000);
  static final int ROUNDS = Integer.getInteger("rounds", 10);
  static final int WARMUP = 2;

  /** Per round: the nanoTime each client received the round's marker. */
  static final class Fleet {
    final long[][] arrivals = new long[ROUNDS + WARMUP][CLIENTS];
    volatile int round = -1;
    volatile String marker = "";
    volatile CountDownLatch latch = new CountDownLatch(0);
    final Set<WebSocket> sockets = ConcurrentHashMap.newKeySet();

    /** One frame as a client received it, so the bare server can send the very same bytes. */
    volatile String sample;
    volatile String sampleMarker;

    void onText(int client, String text) {
      int r = round;
      if (r >= 0 && arrivals[r][client] == 0 && text.contains(marker)) {
        arrivals[r][client] = System.nanoTime();
        if (client == 0) {
          sample = text;
          sampleMarker = marker;
        }
        latch.countDown();
      }
    }
  }

  @Test
  void fanOut() throws Exception {
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db);
    Vertx clients = Vertx.vertx();
    Vertx bareVertx = Vertx.vertx();
    try {
      Api api = new Api(gala.port());
      String organiser = Api.token(api.signup("org@bench.test", "organiser"));
      long event = api.createEvent(organiser, "Bench");
      String topic = "announcements:" + event;

      Fleet galaFleet = new Fleet();
      connect(clients, gala.port(), galaFleet, ws -> ws.writeTextMessage(
          new JsonObject().put("op", "subscribe").put("topic", topic).encode()), "\"snapshot\"");

      // The bare server: keeps sockets in a list, writes the posted frame to each, as it is.
      List<ServerWebSocket> bareSockets = new ArrayList<>();
      HttpServer bare = await(bareVertx.createHttpServer()
          .webSocketHandler(ws -> {
            bareSockets.add(ws);
            ws.closeHandler(v -> bareSockets.remove(ws));
            ws.writeTextMessage("{\"type\":\"snapshot\"}");
          })
          .requestHandler(req -> req.body().onSuccess(body -> {
            String frame = body.toString();
            for (ServerWebSocket s : bareSockets) {
              s.writeTextMessage(frame);
            }
            req.response().setStatusCode(201).end();
          }))
          .listen(0, "127.0.0.1"));
      Fleet bareFleet = new Fleet();
      connect(clients, bare.actualPort(), bareFleet, ws -> { }, "\"snapshot\"");
      HttpClient http = HttpClient.newHttpClient();

      Run galaRun = new Run("gala", galaFleet, marker -> {
        Api.Response r = api.post("/api/v1/events/" + event + "/announcements", organiser,
            new JsonObject().put("text", "Bench " + marker).put("audience", "event").encode(), UUID.randomUUID().toString());
        if (r.status() != 201) {
          throw new AssertionError(r.toString());
        }
      });
      Run bareRun = new Run("bare", bareFleet, marker -> {
        try {
          // The very frame a Gala client got last (same size, same shape), with this round's marker.
          String frame = galaFleet.sample.replace(galaFleet.sampleMarker, marker);
          http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bare.actualPort() + "/broadcast"))
              .POST(HttpRequest.BodyPublishers.ofString(frame)).build(),
              HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      // Rounds alternate between the two servers, so load from other processes hits both alike.
      for (int r = 0; r < ROUNDS + WARMUP; r++) {
        galaRun.round(r);
        bareRun.round(r);
      }
      long[] galaLast = galaRun.report();
      long[] bareLast = bareRun.report();
      closeAll(galaFleet);
      closeAll(bareFleet);

      double tps = Baseline.insertTps(db, 8, 3000);
      double galaP50 = Baseline.percentile(galaLast.clone(), 50);
      double bareP50 = Baseline.percentile(bareLast.clone(), 50);
      System.out.printf("%nAnnouncementBench: %d clients, %d rounds%n", CLIENTS, ROUNDS);
      System.out.printf("  same-run baseline: %.0f single-row INSERT tx/s (8 connections)%n", tps);
      System.out.printf("  time until the last client had it (p50 of rounds): gala %.1f ms, bare %.1f ms; "
          + "gala fans out at %.2fx the bare server's speed (bare time / gala time; goal 0.8)%n",
          galaP50 / 1e6, bareP50 / 1e6, bareP50 / galaP50);
    } finally {
      await(clients.close());
      await(bareVertx.close());
      TestGala.stop(gala);
    }
  }

  static void connect(Vertx vertx, int port, Fleet fleet, Consumer<WebSocket> afterOpen, String readyMarker)
      throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(CLIENTS + 10)
        .setConnectTimeout(60_000));
    CountDownLatch ready = new CountDownLatch(CLIENTS);
    int batch = 200;
    for (int start = 0; start < CLIENTS; start += batch) {
      List<Future<WebSocket>> opening = new ArrayList<>();
      for (int i = start; i < Math.min(CLIENTS, start + batch); i++) {
        int index = i;
        opening.add(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
            .onSuccess(ws -> {
              fleet.sockets.add(ws);
              boolean[] isReady = {false};
              ws.textMessageHandler(text -> {
                if (!isReady[0] && text.contains(readyMarker)) {
                  isReady[0] = true;
                  ready.countDown();
                }
                fleet.onText(index, text);
              });
              afterOpen.accept(ws);
            }));
      }
      await(Future.all(opening));
    }
    if (!ready.await(120, TimeUnit.SECONDS)) {
      throw new AssertionError("only " + (CLIENTS - ready.getCount()) + " clients got ready");
    }
  }

  /** One server's rounds: warm-up rounds, then measured ones; keeps per-client and last-client latencies. */
  static final class Run {
    final String name;
    final Fleet fleet;
    final Consumer<String> send;
    final long[] last = new long[ROUNDS];
    final long[] request = new long[ROUNDS];
    final List<Long> perClient = new ArrayList<>();

    Run(String name, Fleet fleet, Consumer<String> send) {
      this.name = name;
      this.fleet = fleet;
      this.send = send;
    }

    void round(int r) throws Exception {
      String marker = "m" + r + "-" + UUID.randomUUID();
      fleet.latch = new CountDownLatch(CLIENTS);
      fleet.marker = marker;
      fleet.round = r;
      long t0 = System.nanoTime();
      send.accept(marker);
      long answered = System.nanoTime() - t0;
      if (!fleet.latch.await(120, TimeUnit.SECONDS)) {
        throw new AssertionError(name + ": " + fleet.latch.getCount() + " clients never got round " + r);
      }
      if (r >= WARMUP) {
        long max = 0;
        for (long arrival : fleet.arrivals[r]) {
          max = Math.max(max, arrival - t0);
          perClient.add(arrival - t0);
        }
        last[r - WARMUP] = max;
        request[r - WARMUP] = answered;
      }
      Thread.sleep(300);
    }

    /** Prints the figures; returns the last-client time of each measured round. */
    long[] report() {
      long[] all = perClient.stream().mapToLong(Long::longValue).toArray();
      System.out.printf("%s: the broadcast request was answered in p50 %.1f ms%n", name,
          Baseline.percentile(request.clone(), 50) / 1e6);
      System.out.printf("%s: per client p50 %.1f ms, p99 %.1f ms, max %.1f ms; last client per round p50 %.1f ms, "
              + "p99 %.1f ms, max %.1f ms%n", name,
          Baseline.percentile(all, 50) / 1e6, Baseline.percentile(all, 99) / 1e6, Baseline.percentile(all, 100) / 1e6,
          Baseline.percentile(last.clone(), 50) / 1e6, Baseline.percentile(last.clone(), 99) / 1e6,
          Baseline.percentile(last.clone(), 100) / 1e6);
      return last;
    }
  }

  static void closeAll(Fleet fleet) {
    fleet.sockets.forEach(WebSocket::close);
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }
}
