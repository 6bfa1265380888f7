package gala.registration;

import gala.events.UnitMembers;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.SetOnce;
import gala.platform.Tx;
import gala.registration.RegistrationService.Competition;
import gala.registration.rules.Eligibility;
import gala.registration.rules.Person;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Registering an entry (registerEntry): who is being entered and on whose behalf, whether they may
 * be (window, eligibility, unit quota, no double entry), confirmed or waitlisted, and the deltas of
 * the topics the new entry touches. Runs with the competition row locked (see
 * {@link RegistrationService#lock}).
 */
final class Registering {
  private final RegistrationService registrations;

  Registering(RegistrationService registrations) {
    this.registrations = registrations;
  }

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
    Future<Competition> locked = RegistrationService.lock(conn, competitionId);
    Future<Boolean> organises = gala.access.Access.organisesEventOf(conn, caller, competitionId);
    return Future.all(locked, organises)
        .compose(v -> {
          Competition c = locked.result();
          boolean organiser = organises.result();
          // Who may register here at all (a private event: its members only) was decided by gala.access.
          if (!organiser && !c.open()) {
            return Future.failedFuture(c.refusal());
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
    Future<?> board = a.confirmed() ? registrations.joined(tx, a.competitionId(), List.of(a.entryId()), List.of()) : Future.succeededFuture();
    Future<?> list = registrations.listChanged(tx, a.competitionId(), List.of(a.entryId()), List.of(),
        a.confirmed() && a.waitlistedCount() > 0);
    Future<JsonObject> entry = RegistrationService.entry(tx.conn(), a.entryId(), true);
    if (a.ownerId() != null) {
      registrations.ownEntryChanged(tx, a.ownerId(), a.entryId(), true);
    }
    return Future.all(board, list, entry).map(v -> entry.result());
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
        Person p = new Person(m.getString("displayName").trim(), RegistrationService.date(m.getString("birthDate"), "members[" + i + "].birthDate"),
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
      Person p = new Person(athlete.trim(), RegistrationService.date(req.getString("birthDate"), "birthDate"), req.getString("gender"));
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
    LocalDate givenBirth = RegistrationService.date(req.getString("birthDate"), "birthDate");
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

  private static Future<JsonObject> unit(SqlClient conn, long eventId, long unitId) {
    return conn.preparedQuery("SELECT id, name, contact_user_id FROM units WHERE id = $1 AND event_id = $2")
        .execute(Tuple.of(unitId, eventId))
        .compose(r -> r.size() == 1 ? Future.succeededFuture(new JsonObject().put("id", unitId)
                .put("name", r.iterator().next().getString("name"))
                .put("contact_user_id", r.iterator().next().getLong("contact_user_id")))
            : Future.failedFuture(ApiError.unprocessable("UNKNOWN_UNIT", "unit " + unitId + " is not a unit of this event")));
  }
}
