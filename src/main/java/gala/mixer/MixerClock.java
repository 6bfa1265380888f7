package gala.mixer;

import gala.platform.Leadership;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The round clock of every mixer. A round's end is a timestamp in PostgreSQL, so the clock itself
 * holds no state: one node at a time (by advisory lock, {@link Leadership}) looks each second for
 * rounds whose time is up and closes them; if that node dies, another takes the lock and carries on
 * from the same timestamps.
 */
public final class MixerClock {
  private static final Logger LOG = LoggerFactory.getLogger(MixerClock.class);
  private static final long LOCK_ID = 0x6761_6c61_6d69_7872L; // "galamixr"
  static final long TICK_MILLIS = 1000;
  private final Vertx vertx;
  private final MixerService mixers;
  private final Leadership leadership;
  private long timer = -1;
  private boolean busy;

  public MixerClock(Vertx vertx, Pool pool, MixerService mixers) {
    this.vertx = vertx;
    this.mixers = mixers;
    this.leadership = new Leadership(vertx, pool, "the mixer round clock", LOCK_ID, this::lead);
  }

  public void start() {
    leadership.start();
  }

  public void stop() {
    vertx.cancelTimer(timer);
    leadership.stop();
  }

  private void lead() {
    vertx.cancelTimer(timer);
    timer = vertx.setPeriodic(TICK_MILLIS, id -> tick());
  }

  private void tick() {
    if (!leadership.isLeader()) {
      vertx.cancelTimer(timer);
      return;
    }
    if (busy) {
      return;
    }
    busy = true;
    mixers.rounds().closeDue()
        .onFailure(e -> LOG.warn("closing mixer rounds failed; retrying next tick", e))
        .onComplete(ar -> busy = false);
  }
}
