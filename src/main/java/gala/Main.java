package gala;

import gala.platform.Config;
import gala.platform.DbLocation;
import gala.platform.EmbeddedDatabase;
import java.net.BindException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts one Gala node: embedded PostgreSQL unless a database URL is configured. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    Config config;
    try {
      config = Config.from(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("gala: " + e.getMessage());
      System.exit(2);
      return;
    }
    EmbeddedDatabase embedded = null;
    DbLocation db;
    if (config.dbUrl() == null) {
      embedded = EmbeddedDatabase.start(config.dataDir());
      db = embedded.location("postgres");
    } else {
      db = DbLocation.of(config.dbUrl(), config.dbUser(), config.dbPassword());
    }
    // Wait for the start on this thread: when it fails, Vert.x closes its threads and nothing else
    // would keep the JVM alive long enough to report the failure (it used to exit silently with 0).
    Gala gala;
    try {
      gala = Gala.start(config, db).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException | InterruptedException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      String why = reason(cause, config);
      LOG.error("Gala failed to start: {}", why, cause);
      System.err.println("gala: failed to start: " + why);
      closeQuietly(embedded);
      System.exit(1);
      return;
    }
    LOG.info("Gala is up on http://localhost:{}/ (cluster: {}, demo: {})", gala.port(), config.cluster(), config.demo());
    EmbeddedDatabase toClose = embedded;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      gala.stop().await();
      closeQuietly(toClose);
    }));
  }

  /** One line a person can act on: above all, a busy port names the port and the setting to change. */
  static String reason(Throwable e, Config config) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return "port " + config.httpPort() + " on " + config.host() + " is already in use (another Gala or program "
            + "listens there); stop it or choose another port with --http-port=N or GALA_HTTP_PORT";
      }
    }
    return String.valueOf(e.getMessage());
  }

  private static void closeQuietly(EmbeddedDatabase db) {
    if (db != null) {
      try {
        db.close();
      } catch (Exception e) {
        LOG.warn("embedded PostgreSQL did not stop cleanly", e);
      }
    }
  }
}
