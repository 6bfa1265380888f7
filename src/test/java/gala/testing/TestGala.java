package gala.testing;

import gala.Gala;
import gala.platform.Config;
import gala.platform.DbLocation;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts real Gala nodes on free ports against a test database. */
public final class TestGala {
  private TestGala() {}

  /** One node with a fresh database; extra flags like "--demo" may be added. */
  public static Gala start(String... flags) {
    return start(TestDatabase.fresh(), flags);
  }

  public static Gala start(DbLocation db, String... flags) {
    List<String> args = new ArrayList<>(List.of("--http-port=" + freePort(), "--instances=1", "--db-pool-size=8",
        "--host=127.0.0.1"));
    args.addAll(List.of(flags));
    Config config = Config.from(args.toArray(String[]::new), Map.of());
    try {
      return Gala.start(config, db).toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Gala did not start", e);
    }
  }

  /**
   * Two clustered nodes on one database, A then B, each listing both Hazelcast members (on free
   * ports); extra flags go to both. If B does not start, A is stopped.
   */
  public static List<Gala> startClustered(DbLocation db, String... flags) {
    int hzA = freeMemberPort();
    int hzB = freeMemberPort();
    String members = "--cluster-members=127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
    Gala a = start(db, clusterFlags(hzA, members, flags));
    try {
      return List.of(a, start(db, clusterFlags(hzB, members, flags)));
    } catch (RuntimeException e) {
      stop(a);
      throw e;
    }
  }

  private static String[] clusterFlags(int hazelcastPort, String members, String... flags) {
    List<String> all = new ArrayList<>(List.of("--cluster", "--cluster-port=" + hazelcastPort, members));
    all.addAll(List.of(flags));
    return all.toArray(String[]::new);
  }

  public static void stop(Gala gala) {
    if (gala != null) {
      try {
        gala.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("Gala did not stop", e);
      }
    }
  }

  /**
   * A free port for a Hazelcast member, below Linux's ephemeral range (32768-60999), which no
   * outgoing connection takes as its source port. With a port from that range, node A's connect to
   * B's port before B listened could land on itself (a TCP self-connect: A then holds B's port and
   * B cannot bind; NodeDeathTest failed so on 2026-12-03, "Target is this node!").
   */
  public static int freeMemberPort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12_000);
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        return port;
      } catch (IOException taken) {
        // another one
      }
    }
    throw new IllegalStateException("no free port below the ephemeral range");
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
