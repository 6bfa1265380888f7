package gala.demo;

import gala.announce.AnnouncementService;
import gala.auth.AuthService;
import gala.events.EventService;
import gala.mixer.MixerService;
import gala.platform.Database;
import gala.platform.Leadership;
import gala.registration.RegistrationService;
import gala.scoring.ScoringService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: a sample city workers' sports meet in Chinese that keeps running, and a young
 * workers' mixer night with a round running, driven through the same services a user's requests
 * reach (see {@link DemoMeet}, {@link DemoFeed} and {@link DemoMixer}). One node
 * of a cluster leads (PostgreSQL advisory lock): it loads the data once and runs the simulated
 * judges; if it dies another node takes over.
 */
public final class Demo {
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
  public static final String PASSWORD = "gala-demo-2026";
  private static final long LOCK_ID = 0x6761_6c61_6465_6d6fL;

  private final Vertx vertx;
  private final Database db;
  private final ScoringService scoring;
  private final AnnouncementService announcements;
  private final DemoMeet meet;
  private final DemoMixer mixer;
  private final int feedMillis;
  private final Leadership leadership;
  private long timer = -1;
  private long host = -1;

  public Demo(Vertx vertx, Database db, AuthService auth, EventService events, RegistrationService registrations,
      ScoringService scoring, AnnouncementService announcements, MixerService mixers, int feedMillis) {
    this.vertx = vertx;
    this.db = db;
    this.scoring = scoring;
    this.announcements = announcements;
    DemoAccounts accounts = new DemoAccounts(db, auth);
    this.meet = new DemoMeet(db, accounts, events, registrations, scoring);
    this.mixer = new DemoMixer(db, accounts, events, mixers);
    this.feedMillis = feedMillis;
    this.leadership = new Leadership(vertx, db.pool(), "the demo judge feed", LOCK_ID, this::lead);
  }

  private volatile boolean loaded;

  public Future<Void> start() {
    leadership.start();
    return Future.succeededFuture();
  }

  public void stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(host);
    leadership.stop();
  }

  private void lead() {
    meet.cast()
        .compose(cast -> eventId().compose(id -> id != null ? keepCurrent(id) : load(cast))
            .map(eventId -> new DemoFeed(db, scoring, meet, cast, eventId))
            .onSuccess(feed -> {
              LOG.info("demo ready; sign in as {} or {} / {}", DemoMeet.ORGANISER, DemoMeet.HAND_JUDGE, PASSWORD);
              vertx.cancelTimer(timer); // leadership won again after a lost connection: one feed, not two
              timer = vertx.setPeriodic(200, feedMillis, t -> {
                if (leadership.isLeader()) {
                  feed.tick();
                }
              });
            })
            // Then the mixer night beside the meet, with its simulated host starting rounds (DemoMixer).
            .compose(feed -> mixer.load(cast.organiser()))
            .onSuccess(v -> {
              LOG.info("demo mixer ready; host as {}, a guest's seat as {} / {}", DemoMeet.ORGANISER, DemoMixer.GUEST, PASSWORD);
              vertx.cancelTimer(host);
              host = vertx.setPeriodic(5000, t -> {
                if (leadership.isLeader()) {
                  mixer.tick(cast.organiser()).onFailure(e -> LOG.warn("demo mixer host: {}", e.getMessage()));
                }
              });
            }))
        .onFailure(e -> LOG.error("demo data could not be loaded", e));
  }

  /** A meet loaded days ago still runs today: its dates stretch to cover today and tomorrow. */
  private Future<Long> keepCurrent(long eventId) {
    // Today by the event calendar (EventService.ZONE), not the database session's zone.
    LocalDate today = LocalDate.now(EventService.ZONE);
    return db.pool().preparedQuery("UPDATE events SET starts_on = LEAST(starts_on, $2), "
            + "ends_on = GREATEST(ends_on, $3) WHERE id = $1")
        .execute(Tuple.of(eventId, today, today.plusDays(1))).map(eventId);
  }

  /**
   * Whether the demo meet is loaded (by whichever node leads the demo): its marker row is written last.
   * Kept once true, so /ready asks the database only while the demo is loading.
   */
  public Future<Boolean> loaded() {
    if (loaded) {
      return Future.succeededFuture(true);
    }
    return eventId().map(id -> loaded = id != null);
  }

  private Future<Long> eventId() {
    return db.pool().query("SELECT event_id FROM demo_state WHERE id = 1").execute()
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  /** The meet, its first day and a pinned welcome, then the marker that it is loaded (a restart loads nothing). */
  private Future<Long> load(DemoMeet.Cast cast) {
    return meet.createEvent(cast)
        .compose(eventId -> meet.day(cast, eventId, 1, true).map(eventId))
        .compose(eventId -> db.inTransaction(tx -> announcements.broadcast(tx, cast.organiser(), eventId, new JsonObject()
            .put("text", "欢迎来到2026年市职工运动会！各代表队请于8:30前到北门检录处报到。")
            .put("audience", "event").put("priority", "normal").put("pinned", true))).map(eventId))
        .compose(eventId -> db.pool().preparedQuery("INSERT INTO demo_state (id, event_id) VALUES (1, $1)")
            .execute(Tuple.of(eventId)).map(eventId));
  }
}
