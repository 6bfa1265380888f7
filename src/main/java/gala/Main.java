package gala;

import gala.platform.Config;
import gala.platform.DbLocation;
import gala.platform.EmbeddedDatabase;
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
    EmbeddedDatabase toClose = embedded;
    Gala.start(config, db)
        .onSuccess(gala -> {
          LOG.info("Gala is up on http://localhost:{}/ (cluster: {}, demo: {})", gala.port(), config.cluster(), config.demo());
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gala.stop().await();
            closeQuietly(toClose);
          }));
        })
        .onFailure(e -> {
          LOG.error("Gala failed to start", e);
          closeQuietly(toClose);
          System.exit(1);
        });
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
