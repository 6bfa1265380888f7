package gala.display;

import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.TopicSource;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Set;

/**
 * The organiser's remote control of an event's big screens (controlDisplay), and the public topic
 * {@code display:<eventId>} every display.html of the event follows: run (page through), hold (stay
 * on the page on screen), pin a page (by the key the screens give it, e.g. "medals", "now",
 * "board:42" for one competition's pages or "board:42:0" for one of them) or skip to the next page.
 * The screens compute their pages from the same live data, so a page key means the same page on
 * every screen. Each screen announces itself ({@link Screens}); an action naming a {@code screen}
 * applies to that screen alone ("follow" hands it back to the event-wide control), an action
 * without one to every screen (run, hold and pin also end each screen's own control).
 */
public final class DisplayControl implements TopicSource {
  public static final String KIND = "display";
  private static final Set<String> ACTIONS = Set.of("run", "hold", "pin", "skip", "follow");

  private final TopicLog topics;

  public DisplayControl(TopicLog topics) {
    this.topics = topics;
    topics.register(this);
  }

  public static String topic(long eventId) {
    return KIND + ":" + eventId;
  }

  /** controlDisplay: organisers (and admins) of the event. */
  public Future<Reply> control(Tx tx, Caller caller, long eventId, JsonObject req) {
    return EventAccess.requireOrganiser(tx.conn(), caller, eventId).compose(v -> {
      String action = req.getValue("action") instanceof String s ? s : null;
      if (action == null || !ACTIONS.contains(action)) {
        return Future.failedFuture(ApiError.unprocessable("UNKNOWN_DISPLAY_ACTION", "action is run, hold, pin, skip or follow"));
      }
      String page = req.getValue("page") instanceof String s && !s.isBlank() ? s.trim() : null;
      if ("pin".equals(action) && page == null) {
        return Future.failedFuture(ApiError.unprocessable("DISPLAY_PAGE_REQUIRED", "pin names the page to show"));
      }
      String screen = req.getValue("screen") instanceof String s && !s.isBlank() ? s.trim() : null;
      if ("follow".equals(action) && screen == null) {
        return Future.failedFuture(ApiError.unprocessable("DISPLAY_SCREEN_REQUIRED", "follow names the screen that follows every screen's control again"));
      }
      Future<?> done = screen == null ? everyScreen(tx, caller, eventId, action, page) : oneScreen(tx, caller, eventId, screen, action, page);
      return done.compose(x -> topics.refresh(tx, topic(eventId)))
          .compose(version -> snapshot(tx.conn(), String.valueOf(eventId)).map(s -> Reply.ok(s.put("topicVersion", version))));
    });
  }

  private static Future<?> everyScreen(Tx tx, Caller caller, long eventId, String action, String page) {
    String sql = "skip".equals(action)
        ? "INSERT INTO display_control (event_id, mode, skips, changed_by) VALUES ($1, 'run', 1, $2) "
            + "ON CONFLICT (event_id) DO UPDATE SET skips = display_control.skips + 1, "
            + "mode = CASE WHEN display_control.mode = 'pin' THEN 'run' ELSE display_control.mode END, "
            + "page = CASE WHEN display_control.mode = 'pin' THEN NULL ELSE display_control.page END, "
            + "changed_by = $2, changed_at = now()"
        : "INSERT INTO display_control (event_id, mode, page, changed_by) VALUES ($1, $2, $4, $3) "
            + "ON CONFLICT (event_id) DO UPDATE SET mode = $2, page = $4, changed_by = $3, changed_at = now()";
    Tuple args = "skip".equals(action) ? Tuple.of(eventId, caller.userId())
        : Tuple.of(eventId, action, caller.userId(), "pin".equals(action) ? page : null);
    Future<?> control = tx.conn().preparedQuery(sql).execute(args);
    if ("skip".equals(action)) {
      return control;
    }
    // "Every screen" means every screen: the ones under their own control follow again.
    return control.compose(x -> tx.conn().preparedQuery("UPDATE display_screens SET mode = NULL, page = NULL, changed_by = $2 "
        + "WHERE event_id = $1 AND mode IS NOT NULL").execute(Tuple.of(eventId, caller.userId())));
  }

  private static Future<?> oneScreen(Tx tx, Caller caller, long eventId, String screen, String action, String page) {
    String sql = switch (action) {
      case "skip" -> "UPDATE display_screens SET skips = skips + 1, page = CASE WHEN mode = 'pin' THEN NULL ELSE page END, "
          + "mode = CASE WHEN mode = 'pin' THEN 'run' ELSE mode END, changed_by = $3 WHERE event_id = $1 AND screen_id = $2";
      case "follow" -> "UPDATE display_screens SET mode = NULL, page = NULL, changed_by = $3 WHERE event_id = $1 AND screen_id = $2";
      default -> "UPDATE display_screens SET mode = $4, page = $5, changed_by = $3 WHERE event_id = $1 AND screen_id = $2";
    };
    Tuple args = Tuple.of(eventId, screen, caller.userId());
    if (!"skip".equals(action) && !"follow".equals(action)) {
      args.addValue(action).addValue("pin".equals(action) ? page : null);
    }
    return tx.conn().preparedQuery(sql).execute(args).compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture()
        : Future.failedFuture(new ApiError(404, "DISPLAY_SCREEN_NOT_FOUND", "no screen " + screen + " announced itself at this event")));
  }

  private static JsonObject json(long eventId, Row r) {
    return new JsonObject().put("eventId", eventId).put("mode", r.getString("mode")).put("page", r.getString("page"))
        .put("skips", r.getInteger("skips"));
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The event-wide control and every announced screen (name, its own control, when last seen). */
  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    long eventId = parse(id);
    Future<JsonObject> control = db.preparedQuery("SELECT mode, page, skips FROM display_control WHERE event_id = $1").execute(Tuple.of(eventId))
        .map(rows -> rows.size() == 0 ? new JsonObject().put("eventId", eventId).put("mode", "run").putNull("page").put("skips", 0)
            : json(eventId, rows.iterator().next()));
    Future<JsonArray> screens = Screens.list(db, eventId);
    return Future.all(control, screens).map(v -> control.result().put("screens", screens.result()));
  }

  static long parse(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ApiError.notFound("event " + id);
    }
  }
}
