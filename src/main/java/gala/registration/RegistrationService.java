package gala.registration;

import gala.events.EventAccess;
import gala.events.EventService;
import gala.events.rules.Division;
import gala.notices.UserNotices;
import gala.platform.ApiError;
import gala.platform.BirthDates;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import gala.registration.rules.Person;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Entries into competitions. Every change to a competition's entries first locks the competition
 * row, so capacity, unit quotas, duplicate checks and waitlist positions are decided one at a time
 * per competition, across every node sharing the database. Confirmed while capacity lasts, then
 * waitlisted at a gap-free position; a withdrawal promotes the head of the waitlist in the same
 * transaction.
 */
public final class RegistrationService {
  /**
   * Registrations' share of the node's group commit: one batch at a time, over as many competitions
   * as its requests name (up to GroupCommit.MAX_BATCH). Two at once made smaller batches that waited
   * for each other on the unit contacts' {@code user:} topics, which registrations in every
   * competition share; a batch's statements do not grow with its size (measurements: README,
   * "Session 16's changes").
   */
  public static void takeShare(gala.platform.GroupCommit groups) {
    groups.spanning(Registering.GROUP, Integer.getInteger("gala.registrations.spanningRunning", 1),
        Integer.getInteger("gala.registrations.spanningTargets", gala.platform.GroupCommit.MAX_BATCH));
  }
  static final String ENTRY_COLUMNS = "e.id, e.competition_id, e.user_id, e.owner_id, e.unit_id, u.name AS unit_name, "
      + "e.display_name, e.status, e.waitlist_position, e.division, e.checked_in_at, e.promoted_at, e.bib, e.checkin_code, "
      + "(SELECT json_agg(m.display_name ORDER BY m.id) FROM entry_members m WHERE m.entry_id = e.id) AS members";
  static final String ENTRY_FROM = " FROM entries e LEFT JOIN units u ON u.id = e.unit_id ";
  private final Database db;
  private final TopicLog topics;
  private final Secret secret;
  private final Registering registering;
  private final Waitlists waitlists;

  public RegistrationService(Database db, TopicLog topics) {
    this.db = db;
    this.topics = topics;
    this.secret = new Secret(db.pool());
    this.registering = new Registering(topics);
    this.waitlists = new Waitlists(this);
    topics.register(new EntryListSource());
    topics.register(new ImportSource());
    UserNotices.in(topics).part("entries", MyEntries::compute);
  }

  Database db() {
    return db;
  }

  TopicLog topics() {
    return topics;
  }

  /** The secret of the old signed check-in codes (G<id>-<signature>), still honoured at the door. */
  Future<byte[]> secret() {
    return secret.get();
  }

  /** The competition as locked for a change of its entries. */
  record Competition(long id, long eventId, String name, int capacity, Integer unitQuota, String entryType, int teamSize,
      List<Division> divisions, LocalDate firstDay, LocalDate lastDay, OffsetDateTime opens, OffsetDateTime closes,
      OffsetDateTime now, boolean isPublic, String eventTitle, boolean official, boolean diveSheet) {
    boolean team() {
      return "team".equals(entryType);
    }

    /**
     * Whether people other than its organisers may register now: the event not over, the window open,
     * no round's results official yet (official results are the record).
     */
    boolean open() {
      return !official && !ended() && (opens == null || !now.isBefore(opens)) && (closes == null || now.isBefore(closes));
    }

    /** The event's last day is past, by the calendar events are dated in (organisers may still correct the record). */
    boolean ended() {
      return now.atZoneSameInstant(EventService.ZONE).toLocalDate().isAfter(lastDay);
    }

    /** Why registering is refused while not {@link #open()}: 422 REGISTRATION_CLOSED with details for the sentence. */
    ApiError refusal() {
      JsonObject details = new JsonObject().put("opensAt", str(opens)).put("closesAt", str(closes));
      if (official) {
        return new ApiError(422, "REGISTRATION_CLOSED", "this competition's results are official",
            details.put("resultsOfficial", true));
      }
      if (ended()) {
        return new ApiError(422, "REGISTRATION_CLOSED", "the event ended on " + lastDay,
            details.put("endedOn", lastDay.toString()));
      }
      return new ApiError(422, "REGISTRATION_CLOSED", opens != null && now.isBefore(opens)
          ? "registration opens at " + opens : "registration has closed", details);
    }
  }

  /**
   * Registers one entry inside {@code tx} (a batch of one, see {@link Registering}), for writers
   * that drive registration in code (the demo); a refusal fails the future with its ApiError.
   */
  public Future<Reply> register(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return Registering.lock(tx.conn(), competitionId)
        .compose(c -> registering.register(tx, c, competitionId,
            List.of(new gala.platform.GroupCommit.Request(caller, req))))
        .compose(replies -> {
          Reply r = replies.get(0);
          if (r.status() < 400) {
            return Future.succeededFuture(r);
          }
          JsonObject e = r.body().getJsonObject("error");
          return Future.failedFuture(new ApiError(r.status(), e.getString("code"), e.getString("message"), e.getJsonObject("details")));
        });
  }

  /** registerEntry, set-based: see {@link Registering}. */
  Registering registering() {
    return registering;
  }

  /** Whether the athletes of competition {@code c} hand in a dive sheet: a judged format with a difficulty per attempt. */
  static final String DIVE_SHEET = "(c.format->>'type' = 'judged' AND coalesce(jsonb_typeof(c.format->'difficulty'), 'null') <> 'null')";

  private static final String LOCK = "SELECT c.id, c.event_id, c.name, c.capacity, c.unit_quota, c.entry_type, c.team_size, "
      + "c.divisions, ev.starts_on, ev.ends_on, ev.registration_opens_at, ev.registration_closes_at, ev.is_public, "
      + "now() AS now, ev.title, EXISTS (SELECT 1 FROM scoreboard_rounds r WHERE r.competition_id = c.id "
      + "AND r.status = 'OFFICIAL') AS official, " + DIVE_SHEET + " AS dive_sheet FROM competitions c JOIN events ev ON ev.id = c.event_id ";

  static Future<Competition> lock(SqlClient conn, long competitionId) {
    return conn.preparedQuery(LOCK + "WHERE c.id = $1 FOR NO KEY UPDATE OF c")
        .execute(Tuple.of(competitionId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("competition " + competitionId))
            : Future.succeededFuture(competition(rows.iterator().next())));
  }

  /**
   * Locks the competitions {@code ids} in one statement, in id order (rows are locked as the sorted
   * result is produced: the order every writer of entries locks competitions in); the ones that exist.
   * On a generic plan (gala.platform.PlanModes): PostgreSQL kept custom plans for its array of ids
   * and planned it at every batch (358 plans, 130 ms of its CPU in RegistrationBench's burst) for the
   * same key lookups.
   */
  static Future<java.util.Map<Long, Competition>> lockAll(SqlClient conn, java.util.Collection<Long> ids) {
    Tuple args = Tuple.tuple().addValue(ids.toArray(new Long[0]));
    return gala.platform.PlanModes.onGenericPlan(conn, c -> c.preparedQuery(LOCK + "WHERE c.id = ANY($1) ORDER BY c.id "
            + "FOR NO KEY UPDATE OF c").execute(args))
        .map(rows -> {
          java.util.Map<Long, Competition> out = new java.util.TreeMap<>();
          rows.forEach(r -> out.put(r.getLong("id"), competition(r)));
          return out;
        });
  }

  private static Competition competition(Row r) {
    return new Competition(r.getLong("id"), r.getLong("event_id"), r.getString("name"),
        r.getInteger("capacity"), r.getInteger("unit_quota"), r.getString("entry_type"), r.getInteger("team_size"),
        Division.parseAll(((JsonArray) r.getValue("divisions")).getList()), r.getLocalDate("starts_on"),
        r.getLocalDate("ends_on"), r.getOffsetDateTime("registration_opens_at"), r.getOffsetDateTime("registration_closes_at"),
        r.getOffsetDateTime("now"), r.getBoolean("is_public"), r.getString("title"), r.getBoolean("official"),
        r.getBoolean("dive_sheet"));
  }

  /** Entries that joined ({@code added}) or left ({@code removed}) the competition's confirmed field: the scoreboard's delta. */
  Future<Long> joined(Tx tx, long competitionId, List<Long> added, List<Long> removed) {
    return topics.changed(tx, "scoreboard:" + competitionId,
        new JsonObject().put("added", new JsonArray(new ArrayList<>(added))).put("removed", new JsonArray(new ArrayList<>(removed))));
  }

  /** The entry list's delta (see {@link EntryListSource#delta}), appended in {@code tx}. */
  Future<Long> listChanged(Tx tx, long competitionId, List<Long> changed, List<Long> removed, boolean reorder) {
    return EntryListSource.delta(tx.conn(), competitionId, changed, removed, reorder)
        .compose(delta -> topics.append(tx, EntryListSource.topic(competitionId), delta));
  }

  /** What a transaction changed of one person's own entries, gathered for their user: topic's delta. */
  private static final class OwnChange {
    final Set<Long> changed = new LinkedHashSet<>();
    final Set<Long> created = new LinkedHashSet<>();
  }

  private OwnChange own(Tx tx, long userId) {
    String topic = UserNotices.topic(userId);
    // Deferred to the end of the transaction, in topic order: people's topics are locked last, in one order.
    return tx.defer(topic, OwnChange::new,
        c -> MyEntries.delta(tx.conn(), userId, c.changed, c.created).compose(d -> topics.append(tx, topic, d)));
  }

  /** Entry {@code entryId} of {@code userId} changed (or was {@code created}) in {@code tx}: their topic gets its row. */
  void ownEntryChanged(Tx tx, long userId, long entryId, boolean created) {
    OwnChange c = own(tx, userId);
    c.changed.add(entryId);
    if (created) {
      c.created.add(entryId);
    }
  }

  static String personKey(Long unitId, Person p) {
    return gala.registration.rules.Admission.personKey(unitId, p);
  }

  // ---- withdraw, leave the waitlist, promotion, reorder: see Waitlists ----

  /** Withdrawals, promotions from the waitlist and its reorders. */
  public Waitlists waitlists() {
    return waitlists;
  }

  /** For the events feature: a competition's capacity, rules or name changed (see {@link Waitlists#competitionChanged}). */
  public Future<Void> competitionChanged(Tx tx, long competitionId, boolean shown) {
    return waitlists.competitionChanged(tx, competitionId, shown);
  }

  // ---- reading ----

  /**
   * Entries, confirmed first, then the waitlist in order; optional filters. {@code q} finds the door's
   * person by part of a name or unit, a bib number or a check-in code. Check-in codes only for the
   * event's organisers.
   */
  public Future<JsonArray> listEntries(Caller caller, long competitionId, JsonObject filter) {
    String status = filter.getString("status");
    Long unitId = filter.getLong("unitId");
    String division = filter.getString("division");
    String q = filter.getString("q");
    String query = q == null || q.isBlank() ? null : q.trim();
    String code = query == null ? null : gala.platform.ShortCodes.normalise(query);
    Integer bib = query != null && query.matches("\\d{1,6}") ? Integer.valueOf(query) : null;
    return EventAccess.eventOf(db.pool(), competitionId)
        .compose(eventId -> caller == null ? Future.succeededFuture(false) : isOrganiser(db.pool(), caller, eventId))
        .compose(organiser -> db.pool()
        .preparedQuery("SELECT " + ENTRY_COLUMNS + ENTRY_FROM + "WHERE e.competition_id = $1 "
            + "AND ($2::text IS NULL OR e.status = $2) AND ($3::bigint IS NULL OR e.unit_id = $3) "
            + "AND ($4::text IS NULL OR e.division = $4) "
            + "AND ($5::text IS NULL OR strpos(lower(e.display_name), lower($5)) > 0 OR strpos(lower(u.name), lower($5)) > 0 "
            + "  OR e.bib = $6 OR ($7 AND e.checkin_code = $8)) "
            + "ORDER BY e.status = 'WITHDRAWN', e.status = 'WAITLISTED', e.waitlist_position, e.id")
        .execute(Tuple.from(Arrays.asList(competitionId, status, unitId, division, query, bib, organiser, code)))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(entryJson(r, organiser)));
          return out;
        }));
  }

  /** The caller's own entries (self, or teams they registered as a unit contact). */
  public Future<JsonArray> listMyEntries(Caller caller) {
    return MyEntries.compute(db.pool(), caller.userId()).map(o -> (JsonArray) o);
  }

  public Future<JsonObject> getEntry(long entryId) {
    return entry(db.pool(), entryId, false);
  }

  /** One entry; {@code withCode} for its owner and organisers only. */
  static Future<JsonObject> entry(SqlClient conn, long entryId, boolean withCode) {
    return conn.preparedQuery("SELECT " + ENTRY_COLUMNS + ENTRY_FROM + "WHERE e.id = $1")
        .execute(Tuple.of(entryId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("entry " + entryId))
            : Future.succeededFuture(entryJson(rows.iterator().next(), withCode)));
  }

  /** Confirmed and checked-in entries have a usable check-in code. */
  static boolean hasCode(String status) {
    return "CONFIRMED".equals(status) || "CHECKED_IN".equals(status);
  }

  /** An entry as the API shows it; the check-in code only when {@code withCode} and the entry may be checked in. */
  static JsonObject entryJson(Row r, boolean withCode) {
    JsonObject e = entryJson(r);
    if (withCode && hasCode(e.getString("status"))) {
      e.put("checkinCode", r.getString("checkin_code"));
    }
    return e;
  }

  private static JsonObject entryJson(Row r) {
    Object members = r.getValue("members");
    return new JsonObject().put("id", r.getLong("id")).put("competitionId", r.getLong("competition_id"))
        .put("userId", r.getLong("user_id")).put("ownerId", r.getLong("owner_id"))
        .put("unitId", r.getLong("unit_id")).put("unit", r.getString("unit_name"))
        .put("displayName", r.getString("display_name")).put("status", r.getString("status"))
        .put("waitlistPosition", r.getInteger("waitlist_position")).put("division", r.getString("division"))
        .put("checkedInAt", str(r.getOffsetDateTime("checked_in_at")))
        .put("promotedAt", str(r.getOffsetDateTime("promoted_at"))).put("bib", r.getInteger("bib"))
        .put("members", members instanceof JsonArray a ? a : new JsonArray());
  }

  // ---- helpers ----

  /** Whether the caller organises the event: gala.access decides. */
  static Future<Boolean> isOrganiser(SqlClient conn, Caller caller, long eventId) {
    return gala.access.Access.organises(conn, caller, eventId);
  }

  static Future<Long> competitionOf(SqlClient conn, long entryId) {
    return conn.preparedQuery("SELECT competition_id FROM entries WHERE id = $1").execute(Tuple.of(entryId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("entry " + entryId))
            : Future.succeededFuture(rows.iterator().next().getLong(0)));
  }

  /** A birth date from the request, under the one rule (gala.platform.BirthDates). */
  static LocalDate date(String s, String field) {
    return BirthDates.parse(s, field);
  }

  static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
