package gala.platform;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a cluster-wide job on one node at a time. The leader holds a PostgreSQL session advisory
 * lock on a dedicated connection; when that node dies its connection drops, the lock is freed, and
 * another node's next attempt takes over. PostgreSQL, not Hazelcast, decides (no split brain).
 */
public final class Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  private final Vertx vertx;
  private final Pool pool;
  private final long lockId;
  private final String name;
  private final Runnable onLead;
  private SqlConnection held;
  private long retryTimer = -1;
  private volatile boolean stopped;

  public Leadership(Vertx vertx, Pool pool, String name, long lockId, Runnable onLead) {
    this.vertx = vertx;
    this.pool = pool;
    this.name = name;
    this.lockId = lockId;
    this.onLead = onLead;
  }

  public boolean isLeader() {
    return held != null;
  }

  public void start() {
    attempt();
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(retryTimer);
    if (held != null) {
      held.close();
      held = null;
    }
  }

  private void attempt() {
    if (stopped) {
      return;
    }
    pool.getConnection().onComplete(ar -> {
      if (ar.failed()) {
        retry();
        return;
      }
      SqlConnection conn = ar.result();
      conn.preparedQuery("SELECT pg_try_advisory_lock($1)").execute(Tuple.of(lockId)).onComplete(res -> {
        if (res.succeeded() && res.result().iterator().next().getBoolean(0) && !stopped) {
          held = conn;
          conn.closeHandler(v -> {
            held = null;
            retry();
          });
          LOG.info("this node now runs {}", name);
          onLead.run();
        } else {
          conn.close();
          retry();
        }
      });
    });
  }

  private void retry() {
    if (!stopped) {
      retryTimer = vertx.setTimer(2000, id -> attempt());
    }
  }
}
