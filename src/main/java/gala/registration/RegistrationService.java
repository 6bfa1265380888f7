package gala.registration;

import gala.events.EventAccess;
import gala.events.UnitMembers;
import gala.events.rules.Division;
import gala.notices.UserNotices;
import gala.platform.ApiError;
import gala.platform.BirthDates;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.SetOnce;
import gala.platform.TopicLog;
import gala.platform.Tx;
import gala.registration.rules.CheckinCodes;
import gala.registration.rules.Eligibility;
import gala.registration.rules.Person;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Entries into competitions. Every change to a competition's entries first locks the competition
 * row, so capacity, unit quotas, duplicate checks and waitlist positions are decided one at a time
 * per competition, across every node sharing the database. Confirmed while capacity lasts, then
 * waitlisted at a gap-free position; a withdrawal promotes the head of the waitlist in the same
 * transaction.
 */
public final class RegistrationService {
  static final String ENTRY_COLUMNS = "e.id, e.competition_id, e.user_id, e.owner_id, e.unit_id, u.name AS unit_name, "
      + "e.display_name, e.status, e.waitlist_position, e.division, e.checked_in_at, e.promoted_at, e.bib, e.checkin_code, "
      + "(SELECT json_agg(m.display_name ORDER BY m.id) FROM entry_members m WHERE m.entry_id = e.id) AS members";
  static final String ENTRY_FROM = " FROM entries e LEFT JOIN units u ON u.id = e.unit_id ";
  private final Database db;
  private final TopicLog topics;
  private final Secret secret;
  private final Waitlists waitlists;

  public RegistrationService(Database db, TopicLog topics) {
    this.db = db;
    this.topics = topics;
    this.secret = new Secret(db.pool());
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
      List<Division> divisions, LocalDate firstDay, OffsetDateTime opens, OffsetDateTime closes, OffsetDateTime now,
      boolean isPublic) {
    boolean team() {
      return "team".equals(entryType);
    }

    boolean open() {
      return (opens == null || !now.isBefore(opens)) && (closes == null || now.isBefore(closes));
    }
  }

  static Future<Competition> lock(SqlClient conn, long competitionId) {
    return conn.preparedQuery("SELECT c.id, c.event_id, c.name, c.capacity, c.unit_quota, c.entry_type, c.team_size, "
            + "c.divisions, ev.starts_on, ev.registration_opens_at, ev.registration_closes_at, ev.is_public, now() AS now "
            + "FROM competitions c JOIN events ev ON ev.id = c.event_id WHERE c.id = $1 FOR UPDATE OF c")
        .execute(Tuple.of(competitionId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("competition " + competitionId));
          }
          Row r = rows.iterator().next();
          return Future.succeededFuture(new Competition(r.getLong("id"), r.getLong("event_id"), r.getString("name"),
              r.getInteger("capacity"), r.getInteger("unit_quota"), r.getString("entry_type"), r.getInteger("team_size"),
              Division.parseAll(((JsonArray) r.getValue("divisions")).getList()), r.getLocalDate("starts_on"),
              r.getOffsetDateTime("registration_opens_at"), r.getOffsetDateTime("registration_closes_at"),
              r.getOffsetDateTime("now"), r.getBoolean("is_public")));
        });
  }

  // ---- register ----

  /**
   * Registers, inside the idempotent transaction {@code tx}: the caller themself; or, with
   * {@code displayName}, an athlete without an account (organisers); or, in a team competition,
   * a team of {@code members} of a unit (the unit's contact, or organisers).
   */
  public Future<Reply> register(Tx tx, Caller caller, long competitionId, JsonObject req) {
    SqlClient conn = tx.conn();
    // One lock order for every write of a competition's entries: the competition row, then its
    // topics (scoreboard, entries), then people's own topics at the end; so no deadlock retries.
    // The lock and whether the caller organises the event travel together (pipelined).
    Future<Competition> locked = lock(conn, competitionId);
    Future<Boolean> organises = gala.access.Access.organisesEventOf(conn, caller, competitionId);
    return Future.all(locked, organises)
        .compose(v -> {
          Competition c = locked.result();
          boolean organiser = organises.result();
          // Who may register here at all (a private event: its members only) was decided by gala.access.
          if (!organiser && !c.open()) {
            return Future.failedFuture(new ApiError(422, "REGISTRATION_CLOSED", c.opens() != null && c.now().isBefore(c.opens())
                ? "registration opens at " + c.opens() : "registration has closed",
                new JsonObject().put("opensAt", str(c.opens())).put("closesAt", str(c.closes()))));
          }
          return applicant(conn, caller, c, organiser, req)
              .compose(a -> admit(tx, caller, c, a));
        })
        .compose(admitted -> registered(tx, admitted))
        .map(Reply::created);
  }

  /** What {@link #admit} stored, with the competition's counts after it. */
  record Admitted(long competitionId, long entryId, boolean confirmed, long confirmedCount, long waitlistedCount,
      Long ownerId) {}

  /**
   * The topics of a new entry, from the change itself: the scoreboard hears that the entry joined
   * the field (when it did), the entry list gets the new row and the kept counts (the order too
   * when a confirmed row goes before a waitlist), the owner's own topic the new row. Nothing here
   * reads or rewrites the whole list.
   */
  private Future<JsonObject> registered(Tx tx, Admitted a) {
    // Pipelined on the one connection: the scoreboard's and the list's reads, then their appends in
    // that order (nobody else writes this competition's entries meanwhile), and the reply's entry.
    Future<?> board = a.confirmed() ? joined(tx, a.competitionId(), List.of(a.entryId()), List.of()) : Future.succeededFuture();
    Future<?> list = listChanged(tx, a.competitionId(), List.of(a.entryId()), List.of(),
        a.confirmed() && a.waitlistedCount() > 0);
    Future<JsonObject> entry = entry(tx.conn(), a.entryId(), true);
    if (a.ownerId() != null) {
      ownEntryChanged(tx, a.ownerId(), a.entryId(), true);
    }
    return Future.all(board, list, entry).map(v -> entry.result());
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

  /** Who is being entered, and on whose behalf; checked before anything is written. */
  record Applicant(Long userId, Long ownerId, Long unitId, String displayName, List<Person> people, String division,
      boolean anotherPerson) {}

  private Future<Applicant> applicant(SqlClient conn, Caller caller, Competition c, boolean organiser, JsonObject req) {
    Long unitId = req.getLong("unitId");
    String division = req.getString("division");
    JsonArray members = req.getJsonArray("members");
    if (c.team()) {
      if (unitId == null) {
        return Future.failedFuture(ApiError.unprocessable("UNIT_REQUIRED", "a team registers for its unit: give unitId"));
      }
      if (members == null || members.size() != c.teamSize()) {
        return Future.failedFuture(new ApiError(422, "WRONG_TEAM_SIZE", "a team of this competition has exactly "
            + c.teamSize() + " members", new JsonObject().put("teamSize", c.teamSize())));
      }
      List<Person> people = new ArrayList<>();
      Set<String> names = new LinkedHashSet<>();
      for (int i = 0; i < members.size(); i++) {
        JsonObject m = members.getJsonObject(i);
        Person p = new Person(m.getString("displayName").trim(), date(m.getString("birthDate"), "members[" + i + "].birthDate"),
            m.getString("gender"));
        if (!names.add(p.name().toLowerCase(Locale.ROOT) + "|" + p.birthDate())) {
          return Future.failedFuture(ApiError.unprocessable("DUPLICATE_MEMBER", p.name() + " appears twice in the team"));
        }
        people.add(p);
      }
      return unit(conn, c.eventId(), unitId).compose(unit -> {
        if (!organiser && !Long.valueOf(caller.userId()).equals(unit.getLong("contact_user_id"))) {
          return Future.failedFuture(new ApiError(403, "NOT_UNIT_CONTACT", "only the unit's contact or an organiser registers its teams"));
        }
        String name = req.getString("teamName", unit.getString("name") + "代表队").trim();
        return Future.succeededFuture(new Applicant(null, caller.userId(), unitId, name, people, division,
            req.getBoolean("anotherPerson", false)));
      });
    }
    if (members != null) {
      return Future.failedFuture(ApiError.unprocessable("NOT_A_TEAM_COMPETITION", "this competition takes individual entries"));
    }
    String athlete = req.getString("displayName");
    if (athlete != null) {
      Person p = new Person(athlete.trim(), date(req.getString("birthDate"), "birthDate"), req.getString("gender"));
      return (unitId == null ? Future.<JsonObject>succeededFuture(null) : unit(conn, c.eventId(), unitId))
          .compose(u -> {
            // A unit's contact enters the unit's own members by name, and owns those entries.
            boolean contact = u != null && Long.valueOf(caller.userId()).equals(u.getLong("contact_user_id"));
            if (!organiser && !contact) {
              return Future.failedFuture(ApiError.forbidden(
                  "only the event's organisers, or a unit's contact for the unit's members, register athletes by name"));
            }
            return Future.succeededFuture(new Applicant(null, organiser ? null : caller.userId(), unitId, p.name(), List.of(p),
                division, req.getBoolean("anotherPerson", false)));
          });
    }
    // Registering yourself: gender and birth date are the profile's. Given here while the profile has
    // none, they fill it (in this transaction, so a refused registration fills nothing); another value
    // than the profile's is refused, as on the profile page.
    LocalDate givenBirth = date(req.getString("birthDate"), "birthDate");
    String givenGender = req.getString("gender");
    return conn.preparedQuery("SELECT display_name, birth_date, gender FROM users WHERE id = $1").execute(Tuple.of(caller.userId()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.unauthenticated("this account no longer exists"));
          }
          Row r = rows.iterator().next();
          LocalDate heldBirth = r.getLocalDate("birth_date");
          String heldGender = r.getString("gender");
          SetOnce.check("birthDate", heldBirth, givenBirth);
          SetOnce.check("gender", heldGender, givenGender);
          Person p = new Person(r.getString("display_name"), heldBirth != null ? heldBirth : givenBirth,
              heldGender != null ? heldGender : givenGender);
          Future<?> fill = (heldBirth == null && givenBirth != null) || (heldGender == null && givenGender != null)
              ? conn.preparedQuery("UPDATE users SET birth_date = coalesce(birth_date, $2), gender = coalesce(gender, $3) "
                  + "WHERE id = $1").execute(Tuple.of(caller.userId(), givenBirth, givenGender))
              : Future.succeededFuture();
          return fill.compose(v -> ownUnit(conn, c.eventId(), caller.userId(), unitId))
              .map(unit -> new Applicant(caller.userId(), caller.userId(), unit, p.name(), List.of(p), division, false));
        });
  }

  /**
   * The unit a person registers for when entering themself: a fact the server holds (their membership,
   * or the unit they are the contact of), never just a unit named in the request. {@code requested}
   * only chooses among their own units; none requested: their one unit, or none when they have none.
   */
  private static Future<Long> ownUnit(SqlClient conn, long eventId, long userId, Long requested) {
    return UnitMembers.unitsOf(conn, eventId, userId).compose(own -> {
      if (requested == null) {
        if (own.size() <= 1) {
          return Future.succeededFuture(own.isEmpty() ? null : own.get(0));
        }
        return Future.failedFuture(new ApiError(422, "UNIT_CHOICE_REQUIRED",
            "you belong to " + own.size() + " units of this event: choose the one you register for",
            new JsonObject().put("units", new JsonArray(new ArrayList<>(own)))));
      }
      if (own.contains(requested)) {
        return Future.succeededFuture(requested);
      }
      return unit(conn, eventId, requested).compose(u -> Future.failedFuture(new ApiError(403, "NOT_UNIT_MEMBER",
          "you are not a member of " + u.getString("name") + ": join it with the code its contact gives you",
          new JsonObject().put("unitId", requested).put("unit", u.getString("name")))));
    });
  }

  /** Eligibility, unit quota, no double entry, then capacity: confirmed or waitlisted. */
  private Future<Admitted> admit(Tx tx, Caller caller, Competition c, Applicant a) {
    SqlClient conn = tx.conn();
    Eligibility.Verdict verdict = Eligibility.check(c.divisions(), a.division(), a.people(), c.firstDay());
    if (!verdict.ok()) {
      return Future.failedFuture(new ApiError(422, verdict.refusal(), verdict.message(),
          new JsonObject(new java.util.LinkedHashMap<>(verdict.details()))));
    }
    // The kept counts (competition_entry_counts, unit_entry_counts: one row each, kept by a trigger in
    // this transaction) instead of counting the list; the waitlist is gap-free, so its last position
    // is its length.
    return Namesakes.keys(conn, c.id(), a).compose(keys -> conn.preparedQuery("SELECT "
            + "coalesce((SELECT confirmed FROM competition_entry_counts WHERE competition_id = $1), 0) AS taken, "
            + "coalesce((SELECT waitlisted FROM competition_entry_counts WHERE competition_id = $1), 0) AS waitlisted, "
            + "coalesce((SELECT live FROM unit_entry_counts WHERE competition_id = $1 AND unit_id = $2), 0) AS unit_entries, "
            + "(SELECT string_agg(m.display_name, ', ') FROM entry_members m WHERE m.competition_id = $1 AND m.active "
            + "   AND m.person_key = ANY($3)) AS already")
        .execute(Tuple.tuple().addValue(c.id()).addValue(a.unitId() == null ? -1L : a.unitId())
            .addValue(keys.toArray(new String[0])))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (r.getString("already") != null) {
            return Future.failedFuture(new ApiError(409, "ALREADY_REGISTERED", r.getString("already")
                + " is already registered in this competition", new JsonObject().put("names", r.getString("already"))));
          }
          if (c.unitQuota() != null && a.unitId() != null && r.getInteger("unit_entries") >= c.unitQuota()) {
            return Future.failedFuture(new ApiError(422, "UNIT_QUOTA_REACHED", "this unit already has " + c.unitQuota()
                + " entries in this competition", new JsonObject().put("unitQuota", c.unitQuota())));
          }
          long taken = r.getInteger("taken");
          long waitlisted = r.getInteger("waitlisted");
          boolean confirmed = taken < c.capacity();
          Integer position = confirmed ? null : (int) waitlisted + 1;
          return conn.preparedQuery("INSERT INTO entries (competition_id, user_id, owner_id, unit_id, display_name, status, "
                  + "waitlist_position, division, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
              .execute(Tuple.from(Arrays.asList(c.id(), a.userId(), a.ownerId(), a.unitId(), a.displayName(),
                  confirmed ? "CONFIRMED" : "WAITLISTED", position, verdict.division(), caller.userId())))
              .compose(ins -> {
                long entryId = ins.iterator().next().getLong(0);
                List<Tuple> memberRows = new ArrayList<>();
                for (int i = 0; i < a.people().size(); i++) {
                  Person p = a.people().get(i);
                  memberRows.add(Tuple.from(Arrays.asList(entryId, c.id(), a.userId(), p.name(), p.birthDate(), p.gender(),
                      keys.get(i))));
                }
                return conn.preparedQuery("INSERT INTO entry_members (entry_id, competition_id, user_id, display_name, "
                        + "birth_date, gender, person_key) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .executeBatch(memberRows)
                    .map(v -> new Admitted(c.id(), entryId, confirmed, confirmed ? taken + 1 : taken,
                        confirmed ? waitlisted : waitlisted + 1, a.ownerId()));
              });
        })
        .recover(e -> Future.failedFuture(e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
            ? ApiError.conflict("ALREADY_REGISTERED", "already registered in this competition") : e)));
  }

  static String personKey(Long unitId, Person p) {
    return "n:" + (unitId == null ? 0 : unitId) + ":" + p.name().trim().toLowerCase(Locale.ROOT) + ":"
        + (p.birthDate() == null ? "" : p.birthDate().toString());
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

  private static Future<JsonObject> unit(SqlClient conn, long eventId, long unitId) {
    return conn.preparedQuery("SELECT id, name, contact_user_id FROM units WHERE id = $1 AND event_id = $2")
        .execute(Tuple.of(unitId, eventId))
        .compose(r -> r.size() == 1 ? Future.succeededFuture(new JsonObject().put("id", unitId)
                .put("name", r.iterator().next().getString("name"))
                .put("contact_user_id", r.iterator().next().getLong("contact_user_id")))
            : Future.failedFuture(ApiError.unprocessable("UNKNOWN_UNIT", "unit " + unitId + " is not a unit of this event")));
  }

  /** A birth date from the request, under the one rule (gala.platform.BirthDates). */
  static LocalDate date(String s, String field) {
    return BirthDates.parse(s, field);
  }

  static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
