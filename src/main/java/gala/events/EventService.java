package gala.events;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.TopicLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Events, their units (organisations that field participants) and competitions. */
public final class EventService {
  private static final String EVENT_COLUMNS = "id, title, starts_on, ends_on, venue, is_public";
  private static final String COMPETITION_COLUMNS = "id, event_id, name, capacity, format";
  private final Database db;
  private final TopicLog topics;
  private final FormatCheck formatCheck;

  public EventService(Database db, TopicLog topics, FormatCheck formatCheck) {
    this.db = db;
    this.topics = topics;
    this.formatCheck = formatCheck;
  }

  public Future<JsonObject> createEvent(Caller caller, JsonObject req) {
    if (!caller.isAdmin() && !"organiser".equals(caller.role())) {
      return Future.failedFuture(ApiError.forbidden("only organisers create events"));
    }
    LocalDate starts = date(req, "startsOn");
    LocalDate ends = req.containsKey("endsOn") ? date(req, "endsOn") : starts;
    if (ends.isBefore(starts)) {
      return Future.failedFuture(ApiError.unprocessable("INVALID_DATES", "endsOn is before startsOn"));
    }
    return db.inTransaction(tx -> tx.conn()
        .preparedQuery("INSERT INTO events (title, starts_on, ends_on, venue, is_public, created_by) "
            + "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + EVENT_COLUMNS)
        .execute(Tuple.of(req.getString("title").trim(), starts, ends, req.getString("venue"),
            req.getBoolean("public", true), caller.userId()))
        .compose(rows -> {
          JsonObject event = eventJson(rows.iterator().next());
          return tx.conn().preparedQuery("INSERT INTO event_organisers (event_id, user_id) VALUES ($1, $2)")
              .execute(Tuple.of(event.getLong("id"), caller.userId()))
              .map(event);
        }));
  }

  /** Public events, plus the private ones the caller organises. */
  public Future<JsonArray> listEvents(Caller caller) {
    long uid = caller == null ? -1 : caller.userId();
    boolean admin = caller != null && caller.isAdmin();
    return db.pool().preparedQuery("SELECT " + EVENT_COLUMNS + " FROM events e WHERE is_public OR $2 "
            + "OR EXISTS (SELECT 1 FROM event_organisers o WHERE o.event_id = e.id AND o.user_id = $1) "
            + "ORDER BY starts_on DESC, id DESC")
        .execute(Tuple.of(uid, admin))
        .map(rows -> toArray(rows, EventService::eventJson));
  }

  public Future<JsonObject> getEvent(long id) {
    return db.pool().preparedQuery("SELECT " + EVENT_COLUMNS + " FROM events WHERE id = $1").execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("event " + id))
            : Future.succeededFuture(eventJson(rows.iterator().next())));
  }

  public Future<JsonObject> createUnit(Caller caller, long eventId, JsonObject req) {
    return db.inTransaction(tx -> EventAccess.requireOrganiser(tx.conn(), caller, eventId)
        .compose(v -> tx.conn().preparedQuery("INSERT INTO units (event_id, name, contact) VALUES ($1, $2, $3) "
                + "RETURNING id, event_id, name, contact")
            .execute(Tuple.of(eventId, req.getString("name").trim(), req.getString("contact"))))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiError.conflict("UNIT_EXISTS", "this event already has a unit with that name") : e))
        .map(rows -> unitJson(rows.iterator().next())));
  }

  public Future<JsonArray> listUnits(long eventId) {
    return getEvent(eventId).compose(e -> db.pool()
        .preparedQuery("SELECT id, event_id, name, contact FROM units WHERE event_id = $1 ORDER BY id")
        .execute(Tuple.of(eventId))
        .map(rows -> toArray(rows, EventService::unitJson)));
  }

  public Future<JsonObject> createCompetition(Caller caller, long eventId, JsonObject req) {
    JsonObject format = req.getJsonObject("format");
    formatCheck.check(format);
    return db.inTransaction(tx -> EventAccess.requireOrganiser(tx.conn(), caller, eventId)
        .compose(v -> tx.conn().preparedQuery("INSERT INTO competitions (event_id, name, capacity, format) "
                + "VALUES ($1, $2, $3, $4) RETURNING " + COMPETITION_COLUMNS)
            .execute(Tuple.of(eventId, req.getString("name").trim(), req.getInteger("capacity"), format)))
        .compose(rows -> {
          JsonObject competition = competitionJson(rows.iterator().next());
          // The scoreboard topic exists from the start, so spectators can follow an empty board.
          return topics.refresh(tx, "scoreboard:" + competition.getLong("id")).map(competition);
        }));
  }

  public Future<JsonArray> listCompetitions(long eventId) {
    return getEvent(eventId).compose(e -> db.pool()
        .preparedQuery("SELECT " + COMPETITION_COLUMNS + " FROM competitions WHERE event_id = $1 ORDER BY id")
        .execute(Tuple.of(eventId))
        .map(rows -> toArray(rows, EventService::competitionJson)));
  }

  public Future<JsonObject> getCompetition(long id) {
    return db.pool().preparedQuery("SELECT " + COMPETITION_COLUMNS + " FROM competitions WHERE id = $1")
        .execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("competition " + id))
            : Future.succeededFuture(competitionJson(rows.iterator().next())));
  }

  private static LocalDate date(JsonObject req, String field) {
    try {
      return LocalDate.parse(req.getString(field));
    } catch (DateTimeParseException | NullPointerException e) {
      throw ApiError.badRequest("VALIDATION_FAILED", field + " must be a date like 2026-05-17");
    }
  }

  private static JsonArray toArray(RowSet<Row> rows, java.util.function.Function<Row, JsonObject> f) {
    JsonArray out = new JsonArray();
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }

  static JsonObject eventJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title"))
        .put("startsOn", r.getLocalDate("starts_on").toString()).put("endsOn", r.getLocalDate("ends_on").toString())
        .put("venue", r.getString("venue")).put("public", r.getBoolean("is_public"));
  }

  static JsonObject unitJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("eventId", r.getLong("event_id"))
        .put("name", r.getString("name")).put("contact", r.getString("contact"));
  }

  static JsonObject competitionJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("eventId", r.getLong("event_id"))
        .put("name", r.getString("name")).put("capacity", r.getInteger("capacity"))
        .put("format", (JsonObject) r.getValue("format"));
  }
}
