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

  public static void stop(Gala gala) {
    if (gala != null) {
      try {
        gala.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("Gala did not stop", e);
      }
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
