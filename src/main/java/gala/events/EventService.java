package gala.events;

import gala.access.Access;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Dates;
import gala.platform.TopicLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Events, their units (organisations that field participants) and competitions. */
public final class EventService {
  private static final String EVENT_COLUMNS = "id, title, starts_on, ends_on, venue, is_public, "
      + "registration_opens_at, registration_closes_at";
  private static final String COMPETITION_COLUMNS = "id, event_id, name, capacity, format, divisions, unit_quota, "
      + "entry_type, team_size";
  // On reads: whether a round's results are official (then nobody but its organisers enters or leaves it).
  private static final String RESULTS_OFFICIAL = ", EXISTS (SELECT 1 FROM scoreboard_rounds r WHERE "
      + "r.competition_id = competitions.id AND r.status = 'OFFICIAL') AS results_official";
  // The contact account's name, so the console shows who it is (its e-mail stays private).
  private static final String UNIT_COLUMNS = "id, event_id, name, contact, contact_user_id, "
      + "(SELECT display_name FROM users WHERE users.id = contact_user_id) AS contact_name";
  private final Database db;
  private final TopicLog topics;
  private final FormatCheck formatCheck;
  private final EventTopics shown;
  private volatile CompetitionChange onCompetitionChange = (tx, id, shown) -> Future.succeededFuture();

  public EventService(Database db, TopicLog topics, FormatCheck formatCheck) {
    this.db = db;
    this.topics = topics;
    this.formatCheck = formatCheck;
    this.shown = new EventTopics(topics);
  }

  /** Called in the transaction that edits a competition (the registration feature promotes from the waitlist). */
  public void onCompetitionChange(CompetitionChange hook) {
    this.onCompetitionChange = hook;
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
    OffsetDateTime opens = instant(req, "registrationOpensAt");
    OffsetDateTime closes = instant(req, "registrationClosesAt");
    checkWindow(opens, closes);
    return db.inTransaction(tx -> tx.conn()
        .preparedQuery("INSERT INTO events (title, starts_on, ends_on, venue, is_public, created_by, "
            + "registration_opens_at, registration_closes_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + EVENT_COLUMNS)
        .execute(Tuple.from(java.util.Arrays.asList(req.getString("title").trim(), starts, ends, req.getString("venue"),
            req.getBoolean("public", true), caller.userId(), opens, closes)))
        .compose(rows -> {
          JsonObject event = eventJson(rows.iterator().next());
          return tx.conn().preparedQuery("INSERT INTO event_organisers (event_id, user_id) VALUES ($1, $2)")
              .execute(Tuple.of(event.getLong("id"), caller.userId()))
              .map(event);
        }));
  }

  /** The calendar events are dated in: a meet in China is live on its dates in China. */
  public static final ZoneOffset ZONE = ZoneOffset.ofHours(8);

  /**
   * Public events, plus the private ones the caller belongs to (organises, judges in, is entered in or
   * is a unit's contact of; all, for admins: the rule of gala.access); {@code when}
   * (upcoming, live, past, current = upcoming and live) narrows them by date. Current ones come
   * soonest first, otherwise newest first.
   */
  public Future<JsonArray> listEvents(Caller caller, String when) {
    long uid = caller == null ? -1 : caller.userId();
    boolean admin = caller != null && caller.isAdmin();
    LocalDate today = LocalDate.now(ZONE);
    String range = when == null ? "" : switch (when) {
      case "upcoming" -> "AND starts_on > $3 ";
      case "live" -> "AND starts_on <= $3 AND ends_on >= $3 ";
      case "past" -> "AND ends_on < $3 ";
      case "current" -> "AND ends_on >= $3 ";
      default -> throw ApiError.badRequest("VALIDATION_FAILED", "when must be upcoming, live, past or current");
    };
    String order = "upcoming".equals(when) || "current".equals(when) || "live".equals(when)
        ? "starts_on, id" : "starts_on DESC, id DESC";
    return db.pool().preparedQuery("SELECT " + EVENT_COLUMNS + " FROM events e WHERE "
            + Access.visibleEventSql("e.id", "e.is_public", "$1", "$2") + " "
            + "AND $3::date IS NOT NULL " + range + "ORDER BY " + order)
        .execute(Tuple.of(uid, admin, today))
        .map(rows -> toArray(rows, EventService::eventJson));
  }

  public Future<JsonObject> getEvent(long id) {
    return db.pool().preparedQuery("SELECT " + EVENT_COLUMNS + " FROM events WHERE id = $1").execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("event " + id))
            : Future.succeededFuture(eventJson(rows.iterator().next())));
  }

  /** Edits an event; fields left out stay as they are, a null window bound removes it. */
  public Future<JsonObject> updateEvent(Caller caller, long id, JsonObject req) {
    return db.inTransaction(tx -> EventAccess.requireOrganiser(tx.conn(), caller, id)
        .compose(v -> tx.conn().preparedQuery("SELECT " + EVENT_COLUMNS + " FROM events WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(id)))
        .compose(rows -> {
          JsonObject cur = eventJson(rows.iterator().next());
          String title = req.containsKey("title") ? req.getString("title").trim() : cur.getString("title");
          LocalDate starts = req.containsKey("startsOn") ? date(req, "startsOn") : LocalDate.parse(cur.getString("startsOn"));
          LocalDate ends = req.containsKey("endsOn") ? date(req, "endsOn") : LocalDate.parse(cur.getString("endsOn"));
          if (ends.isBefore(starts)) {
            throw ApiError.unprocessable("INVALID_DATES", "endsOn is before startsOn");
          }
          OffsetDateTime opens = req.containsKey("registrationOpensAt") ? instant(req, "registrationOpensAt")
              : parseInstant(cur.getString("registrationOpensAt"));
          OffsetDateTime closes = req.containsKey("registrationClosesAt") ? instant(req, "registrationClosesAt")
              : parseInstant(cur.getString("registrationClosesAt"));
          checkWindow(opens, closes);
          return tx.conn().preparedQuery("UPDATE events SET title = $2, starts_on = $3, ends_on = $4, venue = $5, "
                  + "is_public = $6, registration_opens_at = $7, registration_closes_at = $8 WHERE id = $1 RETURNING "
                  + EVENT_COLUMNS)
              .execute(Tuple.from(java.util.Arrays.asList(id, title, starts, ends,
                  req.containsKey("venue") ? req.getString("venue") : cur.getString("venue"),
                  req.getBoolean("public", cur.getBoolean("public")), opens, closes)))
              .compose(updated -> !title.equals(cur.getString("title")) || !starts.toString().equals(cur.getString("startsOn"))
                  ? shown.eventShownChanged(tx, id).map(updated) : Future.succeededFuture(updated));
        })
        .map(rows -> eventJson(rows.iterator().next())));
  }

  public Future<JsonObject> createUnit(Caller caller, long eventId, JsonObject req) {
    return db.inTransaction(tx -> EventAccess.requireOrganiser(tx.conn(), caller, eventId)
        .compose(v -> contactUser(tx.conn(), req.getString("contactEmail")))
        .compose(contactUser -> tx.conn().preparedQuery("INSERT INTO units (event_id, name, contact, contact_user_id) "
                + "VALUES ($1, $2, $3, $4) RETURNING " + UNIT_COLUMNS)
            .execute(Tuple.of(eventId, req.getString("name").trim(), req.getString("contact"), contactUser)))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiError.conflict("UNIT_EXISTS", "this event already has a unit with that name") : e))
        .map(rows -> unitJson(rows.iterator().next())));
  }

  public Future<JsonArray> listUnits(long eventId) {
    return getEvent(eventId).compose(e -> db.pool()
        .preparedQuery("SELECT " + UNIT_COLUMNS + " FROM units WHERE event_id = $1 ORDER BY id")
        .execute(Tuple.of(eventId))
        .map(rows -> toArray(rows, EventService::unitJson)));
  }

  /** Edits a unit's name or contact (contactEmail names the account that may register its teams). */
  public Future<JsonObject> updateUnit(Caller caller, long unitId, JsonObject req) {
    return db.inTransaction(tx -> tx.conn().preparedQuery("SELECT " + UNIT_COLUMNS + " FROM units WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(unitId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("unit " + unitId));
          }
          JsonObject cur = unitJson(rows.iterator().next());
          return EventAccess.requireOrganiser(tx.conn(), caller, cur.getLong("eventId"))
              .compose(v -> req.containsKey("contactEmail") ? contactUser(tx.conn(), req.getString("contactEmail"))
                  : Future.succeededFuture(cur.getLong("contactUserId")))
              .compose(contactUser -> tx.conn().preparedQuery("UPDATE units SET name = $2, contact = $3, contact_user_id = $4 "
                      + "WHERE id = $1 RETURNING " + UNIT_COLUMNS)
                  .execute(Tuple.of(unitId, req.containsKey("name") ? req.getString("name").trim() : cur.getString("name"),
                      req.containsKey("contact") ? req.getString("contact") : cur.getString("contact"), contactUser)))
              .compose(updated -> req.containsKey("name") && !req.getString("name").trim().equals(cur.getString("name"))
                  ? shown.unitRenamed(tx, cur.getLong("eventId"), unitId).map(updated) : Future.succeededFuture(updated));
        })
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiError.conflict("UNIT_EXISTS", "this event already has a unit with that name") : e))
        .map(rows -> unitJson(rows.iterator().next())));
  }

  private static Future<Long> contactUser(io.vertx.sqlclient.SqlClient conn, String email) {
    if (email == null) {
      return Future.succeededFuture(null);
    }
    return conn.preparedQuery("SELECT id FROM users WHERE lower(email) = lower($1)").execute(Tuple.of(email.trim()))
        .compose(rows -> rows.size() == 1 ? Future.succeededFuture(rows.iterator().next().getLong(0))
            : Future.failedFuture(ApiError.unprocessable("UNKNOWN_USER", "no account with the email " + email)));
  }

  public Future<JsonObject> createCompetition(Caller caller, long eventId, JsonObject req) {
    JsonObject format = req.getJsonObject("format");
    formatCheck.check(format);
    JsonArray divisions = divisions(req.getJsonArray("divisions", new JsonArray()));
    String entryType = req.getString("entryType", "individual");
    int teamSize = teamSize(entryType, req.getInteger("teamSize"));
    return db.inTransaction(tx -> EventAccess.requireOrganiser(tx.conn(), caller, eventId)
        .compose(v -> tx.conn().preparedQuery("INSERT INTO competitions (event_id, name, capacity, format, divisions, "
                + "unit_quota, entry_type, team_size) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING " + COMPETITION_COLUMNS)
            .execute(Tuple.from(java.util.Arrays.asList(eventId, req.getString("name").trim(), req.getInteger("capacity"),
                format, divisions, req.getInteger("unitQuota"), entryType, teamSize))))
        .compose(rows -> {
          JsonObject competition = competitionJson(rows.iterator().next());
          // The scoreboard topic exists from the start, so spectators can follow an empty board.
          return topics.refresh(tx, "scoreboard:" + competition.getLong("id")).map(competition);
        }));
  }

  /**
   * Edits a competition. Capacity may not drop below the entries already confirmed; when it grows,
   * the waitlist moves up in the same transaction. Entry type and team size are fixed once anyone
   * has registered.
   */
  public Future<JsonObject> updateCompetition(Caller caller, long id, JsonObject req) {
    if (req.containsKey("format")) {
      formatCheck.check(req.getJsonObject("format"));
    }
    JsonArray newDivisions = req.containsKey("divisions") ? divisions(req.getJsonArray("divisions")) : null;
    // What the edit changes: the scoreboard shows the name, format and divisions (recomputed then: the
    // format decides every line); people's own entry lists show the name and divisions. Capacity and
    // quota show on neither, so a capacity change costs what it promotes, whatever the list's length.
    boolean[] board = new boolean[1];
    boolean[] shown = new boolean[1];
    return db.inTransaction(tx -> EventAccess.requireCompetitionOrganiser(tx.conn(), caller, id)
        .compose(v -> tx.conn().preparedQuery("SELECT " + COMPETITION_COLUMNS + ", "
                // The kept count (competition_entry_counts), not a count of the list.
                + "coalesce((SELECT k.confirmed FROM competition_entry_counts k WHERE k.competition_id = c.id), 0) AS taken, "
                + "EXISTS (SELECT 1 FROM entries e WHERE e.competition_id = c.id) AS ever "
                + "FROM competitions c WHERE id = $1 FOR NO KEY UPDATE")
            .execute(Tuple.of(id)))
        .compose(rows -> {
          Row r = rows.iterator().next();
          JsonObject cur = competitionJson(r);
          int capacity = req.getInteger("capacity", cur.getInteger("capacity"));
          if (capacity < r.getInteger("taken")) {
            throw new ApiError(409, "CAPACITY_BELOW_CONFIRMED", "capacity " + capacity + " is below the "
                + r.getInteger("taken") + " entries already confirmed", new JsonObject().put("confirmed", r.getInteger("taken")));
          }
          String entryType = req.getString("entryType", cur.getString("entryType"));
          Integer askedSize = req.containsKey("teamSize") ? req.getInteger("teamSize")
              : entryType.equals(cur.getString("entryType")) ? cur.getInteger("teamSize") : null;
          int teamSize = teamSize(entryType, askedSize);
          if (r.getBoolean("ever") && (!entryType.equals(cur.getString("entryType")) || teamSize != cur.getInteger("teamSize"))) {
            throw ApiError.conflict("ENTRIES_EXIST", "entry type and team size cannot change once entries exist");
          }
          Integer quota = req.containsKey("unitQuota") ? req.getInteger("unitQuota") : cur.getInteger("unitQuota");
          String name = req.containsKey("name") ? req.getString("name").trim() : cur.getString("name");
          JsonObject format = req.containsKey("format") ? req.getJsonObject("format") : cur.getJsonObject("format");
          JsonArray divisions = newDivisions != null ? newDivisions : cur.getJsonArray("divisions");
          shown[0] = !name.equals(cur.getString("name")) || !divisions.equals(cur.getJsonArray("divisions"));
          board[0] = shown[0] || !format.equals(cur.getJsonObject("format")) || !entryType.equals(cur.getString("entryType"))
              || teamSize != cur.getInteger("teamSize");
          return tx.conn().preparedQuery("UPDATE competitions SET name = $2, capacity = $3, format = $4, divisions = $5, "
                  + "unit_quota = $6, entry_type = $7, team_size = $8 WHERE id = $1 RETURNING " + COMPETITION_COLUMNS)
              .execute(Tuple.from(java.util.Arrays.asList(id, name, capacity, format, divisions, quota, entryType, teamSize)));
        })
        // One lock order for a competition's writes: its row (held), the scoreboard's results lock and
        // topic, the entry list's topic, then people's own topics.
        .compose(rows -> (board[0] ? topics.refresh(tx, "scoreboard:" + id) : Future.succeededFuture())
            .compose(v -> onCompetitionChange.changed(tx, id, shown[0]))
            .map(v -> competitionJson(rows.iterator().next()))));
  }

  private static JsonArray divisions(JsonArray raw) {
    try {
      gala.events.rules.Division.parseAll(raw.getList());
    } catch (IllegalArgumentException e) {
      throw ApiError.unprocessable("INVALID_DIVISIONS", e.getMessage());
    }
    return raw;
  }

  private static int teamSize(String entryType, Integer teamSize) {
    if ("individual".equals(entryType)) {
      if (teamSize != null && teamSize != 1) {
        throw ApiError.unprocessable("INVALID_TEAM_SIZE", "individual competitions have a team size of 1");
      }
      return 1;
    }
    if (teamSize == null || teamSize < 2) {
      throw ApiError.unprocessable("INVALID_TEAM_SIZE", "team competitions need a teamSize of at least 2");
    }
    return teamSize;
  }

  /** The competitions of an event the caller has already been allowed to see (see the route). */
  public Future<JsonArray> listCompetitions(long eventId) {
    return db.pool()
        .preparedQuery("SELECT " + COMPETITION_COLUMNS + RESULTS_OFFICIAL + " FROM competitions WHERE event_id = $1 ORDER BY id")
        .execute(Tuple.of(eventId))
        .map(rows -> toArray(rows, EventService::competitionJson));
  }

  public Future<JsonObject> getCompetition(long id) {
    return db.pool().preparedQuery("SELECT " + COMPETITION_COLUMNS + RESULTS_OFFICIAL + " FROM competitions WHERE id = $1")
        .execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("competition " + id))
            : Future.succeededFuture(competitionJson(rows.iterator().next())));
  }

  private static LocalDate date(JsonObject req, String field) {
    LocalDate d = Dates.date(req.getString(field), field);
    if (d == null) {
      throw ApiError.invalid(field, "required", field + " is required");
    }
    return d;
  }

  private static OffsetDateTime instant(JsonObject req, String field) {
    String v = req.getString(field);
    if (v == null) {
      return null;
    }
    return Dates.dateTime(v, field);
  }

  private static OffsetDateTime parseInstant(String v) {
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void checkWindow(OffsetDateTime opens, OffsetDateTime closes) {
    if (opens != null && closes != null && !closes.isAfter(opens)) {
      throw ApiError.unprocessable("INVALID_DATES", "registration must close after it opens");
    }
  }

  private static JsonArray toArray(RowSet<Row> rows, java.util.function.Function<Row, JsonObject> f) {
    JsonArray out = new JsonArray();
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }

  static JsonObject eventJson(Row r) {
    LocalDate starts = r.getLocalDate("starts_on");
    LocalDate ends = r.getLocalDate("ends_on");
    return new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title"))
        .put("startsOn", starts.toString()).put("endsOn", ends.toString()).put("status", status(starts, ends, LocalDate.now(ZONE)))
        .put("venue", r.getString("venue")).put("public", r.getBoolean("is_public"))
        .put("registrationOpensAt", text(r.getOffsetDateTime("registration_opens_at")))
        .put("registrationClosesAt", text(r.getOffsetDateTime("registration_closes_at")));
  }

  /** upcoming before the first day, live from the first to the last day, past after it. */
  public static String status(LocalDate starts, LocalDate ends, LocalDate today) {
    return today.isBefore(starts) ? "upcoming" : today.isAfter(ends) ? "past" : "live";
  }

  private static String text(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }

  static JsonObject unitJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("eventId", r.getLong("event_id"))
        .put("name", r.getString("name")).put("contact", r.getString("contact"))
        .put("contactUserId", r.getLong("contact_user_id")).put("contactName", r.getString("contact_name"));
  }

  static JsonObject competitionJson(Row r) {
    JsonObject json = new JsonObject().put("id", r.getLong("id")).put("eventId", r.getLong("event_id"))
        .put("name", r.getString("name")).put("capacity", r.getInteger("capacity"))
        .put("format", (JsonObject) r.getValue("format"))
        .put("divisions", (JsonArray) r.getValue("divisions")).put("unitQuota", r.getInteger("unit_quota"))
        .put("entryType", r.getString("entry_type")).put("teamSize", r.getInteger("team_size"));
    return r.getColumnIndex("results_official") < 0 ? json : json.put("resultsOfficial", r.getBoolean("results_official"));
  }
}
