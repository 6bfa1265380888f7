package gala.display;

import gala.platform.ApiError;
import gala.platform.Database;
import gala.platform.SharedThrottle;
import gala.platform.Throttle;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.regex.Pattern;

/**
 * The big screens of an event (announceScreen): each display.html gives itself an id (kept in the
 * browser) and a name, and says so when it opens and once a minute after, so the organiser's
 * console (display-console.html) lists them, with when each was last seen, and controls each.
 * Screens are anonymous, like their spectators; the announce is a PUT keyed by the screen's id, so
 * a retry is harmless. The announce is the one write open to anyone who may see the event, so it
 * is kept harmless: it touches only this list, an event keeps its {@value #KEPT} most recently seen
 * screens, and one address may add at most {@value #NEW_PER_ADDRESS} new screens in ten minutes
 * (429 after; a screen already listed is never refused), so a prankster cannot push the hall's
 * screens out of the console.
 */
public final class Screens {
  static final int KEPT = 30;
  static final int NEW_PER_ADDRESS = 10;
  private final Throttle newScreens = new Throttle(new Throttle.Limit("screens", NEW_PER_ADDRESS, java.time.Duration.ofMinutes(10)));
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{5,63}");

  private final Database db;
  private final TopicLog topics;

  public Screens(Database db, TopicLog topics) {
    this.db = db;
    this.topics = topics;
  }

  public Future<JsonObject> announce(long eventId, String screenId, JsonObject req, String address) {
    if (screenId == null || !ID.matcher(screenId).matches()) {
      return Future.failedFuture(new ApiError(400, "VALIDATION_FAILED", "a screen id is 6 to 64 letters, digits, - or _, starting with a letter",
          new JsonObject().put("field", "screenId").put("in", "path").put("rule", "pattern")));
    }
    String name = req.getValue("name") instanceof String s ? s.strip() : "";
    if (name.isEmpty() || name.codePointCount(0, name.length()) > 40) {
      return Future.failedFuture(ApiError.invalid("name", "length", "a screen's name is 1 to 40 characters"));
    }
    return db.pool().preparedQuery("SELECT 1 FROM display_screens WHERE event_id = $1 AND screen_id = $2")
        .execute(Tuple.of(eventId, screenId))
        .compose(known -> {
          long wait = known.size() == 0 ? newScreens.acquire(address) : 0;
          return wait > 0 ? Future.failedFuture(SharedThrottle.refusal(wait, "address")) : upsert(eventId, screenId, name);
        });
  }

  private Future<JsonObject> upsert(long eventId, String screenId, String name) {
    return db.inTransaction(tx -> tx.conn().preparedQuery("INSERT INTO display_screens (event_id, screen_id, name) VALUES ($1, $2, $3) "
            + "ON CONFLICT (event_id, screen_id) DO UPDATE SET name = $3, seen_at = now()")
        .execute(Tuple.of(eventId, screenId, name))
        .compose(v -> tx.conn().preparedQuery("DELETE FROM display_screens WHERE event_id = $1 AND screen_id NOT IN "
            + "(SELECT screen_id FROM display_screens WHERE event_id = $1 ORDER BY seen_at DESC, screen_id LIMIT " + KEPT + ")")
            .execute(Tuple.of(eventId)))
        .compose(v -> topics.refresh(tx, DisplayControl.topic(eventId)))
        .map(version -> new JsonObject().put("eventId", eventId).put("screenId", screenId).put("name", name).put("topicVersion", version)));
  }

  /**
   * An organiser takes a screen off the console (forgetScreen): a hall PC that cleared its storage
   * came back as a new one, a laptop that showed the board once. A screen still open comes back by
   * itself at its next announce, within a minute.
   */
  public Future<Reply> forget(Tx tx, long eventId, String screenId) {
    return tx.conn().preparedQuery("DELETE FROM display_screens WHERE event_id = $1 AND screen_id = $2")
        .execute(Tuple.of(eventId, screenId))
        .compose(rows -> rows.rowCount() == 1 ? topics.refresh(tx, DisplayControl.topic(eventId))
            : Future.failedFuture(new ApiError(404, "DISPLAY_SCREEN_NOT_FOUND", "no screen " + screenId + " is listed at this event")))
        .map(version -> Reply.ok(new JsonObject().put("eventId", eventId).put("screenId", screenId).put("topicVersion", version)));
  }

  /** The event's screens, longest known first (a stable order for the console). */
  static Future<JsonArray> list(SqlClient db, long eventId) {
    return db.preparedQuery("SELECT screen_id, name, mode, page, skips, seen_at FROM display_screens WHERE event_id = $1 "
            + "ORDER BY name, screen_id")
        .execute(Tuple.of(eventId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getString("screen_id")).put("name", r.getString("name"))
              .put("mode", r.getString("mode")).put("page", r.getString("page")).put("skips", r.getInteger("skips"))
              .put("seenAt", r.getOffsetDateTime("seen_at").toString())));
          return out;
        });
  }
}
