package gala.registration;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.SetOnce;
import gala.registration.rules.Admission;
import gala.registration.rules.Person;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who a registerEntry request enters and on whose behalf: the caller themself; or, with
 * {@code displayName}, an athlete without an account (organisers, or a unit's contact for the unit's
 * members); or, in a team competition, a team of {@code members} of a unit (its contact, or
 * organisers). First from the request alone ({@link #draft}), then against what the server holds
 * ({@link #resolve}): units, profiles, memberships, who organises. Facts about a person come from
 * the server, never from the request that wants to use them.
 */
final class Applicants {
  private Applicants() {}

  enum Kind { TEAM, NAMED, SELF }

  /** A request as read, before any fact is looked up. */
  record Draft(Caller caller, Kind kind, Long unitId, String division, List<Person> people, String teamName,
      boolean anotherPerson, LocalDate givenBirth, String givenGender) {}

  /** Reads a request; a request that cannot be right whatever the server holds is refused here. */
  static Draft draft(Caller caller, boolean team, int teamSize, JsonObject req) {
    Long unitId = req.getLong("unitId");
    String division = req.getString("division");
    JsonArray members = req.getJsonArray("members");
    boolean another = req.getBoolean("anotherPerson", false);
    if (team) {
      if (unitId == null) {
        throw ApiError.unprocessable("UNIT_REQUIRED", "a team registers for its unit: give unitId");
      }
      if (members == null || members.size() != teamSize) {
        throw new ApiError(422, "WRONG_TEAM_SIZE", "a team of this competition has exactly " + teamSize + " members",
            new JsonObject().put("teamSize", teamSize));
      }
      List<Person> people = new ArrayList<>();
      Set<String> names = new LinkedHashSet<>();
      for (int i = 0; i < members.size(); i++) {
        JsonObject m = members.getJsonObject(i);
        Person p = new Person(m.getString("displayName").trim(),
            RegistrationService.date(m.getString("birthDate"), "members[" + i + "].birthDate"), m.getString("gender"));
        if (!names.add(p.name().toLowerCase(Locale.ROOT) + "|" + p.birthDate())) {
          throw ApiError.unprocessable("DUPLICATE_MEMBER", p.name() + " appears twice in the team");
        }
        people.add(p);
      }
      return new Draft(caller, Kind.TEAM, unitId, division, people, req.getString("teamName"), another, null, null);
    }
    if (members != null) {
      throw ApiError.unprocessable("NOT_A_TEAM_COMPETITION", "this competition takes individual entries");
    }
    String athlete = req.getString("displayName");
    if (athlete != null) {
      Person p = new Person(athlete.trim(), RegistrationService.date(req.getString("birthDate"), "birthDate"),
          req.getString("gender"));
      return new Draft(caller, Kind.NAMED, unitId, division, List.of(p), null, another, null, null);
    }
    return new Draft(caller, Kind.SELF, unitId, division, List.of(),
        null, false, RegistrationService.date(req.getString("birthDate"), "birthDate"), req.getString("gender"));
  }

  /** A unit of the competition's event, as the server holds it. */
  record Unit(long id, String name, Long contactUserId) {}

  /** A person's profile, as the server holds it. */
  record Profile(String displayName, LocalDate birthDate, String gender) {}

  /** What the server holds that drafts are resolved against. */
  record Facts(Set<Long> organisers, Map<Long, Unit> units, Map<Long, Profile> profiles, Map<Long, List<Long>> ownUnits) {
    boolean organises(Caller caller) {
      return caller.isAdmin() || organisers.contains(caller.userId());
    }
  }

  /**
   * A resolved applicant: what {@link Admission} decides on, the entry's name, its owner (whose own
   * topic lists it) and the profile values a self-registration fills in when admitted.
   */
  record Resolved(Draft draft, Admission.Applicant applicant, String displayName, Long ownerId, LocalDate fillBirth,
      String fillGender) {
    boolean fills() {
      return fillBirth != null || fillGender != null;
    }
  }

  /** Resolves a draft against the facts; throws the refusal. */
  static Resolved resolve(Draft d, Facts facts) {
    Caller caller = d.caller();
    boolean organiser = facts.organises(caller);
    switch (d.kind()) {
      case TEAM -> {
        Unit unit = unit(facts, d.unitId());
        if (!organiser && !Long.valueOf(caller.userId()).equals(unit.contactUserId())) {
          throw new ApiError(403, "NOT_UNIT_CONTACT", "only the unit's contact or an organiser registers its teams");
        }
        String name = (d.teamName() != null ? d.teamName() : unit.name() + "代表队").trim();
        return new Resolved(d, new Admission.Applicant(null, d.unitId(), d.people(), d.division(), d.anotherPerson()), name,
            caller.userId(), null, null);
      }
      case NAMED -> {
        Unit unit = d.unitId() == null ? null : unit(facts, d.unitId());
        // A unit's contact enters the unit's own members by name, and owns those entries.
        boolean contact = unit != null && Long.valueOf(caller.userId()).equals(unit.contactUserId());
        if (!organiser && !contact) {
          throw ApiError.forbidden("only the event's organisers, or a unit's contact for the unit's members, register athletes by name");
        }
        return new Resolved(d, new Admission.Applicant(null, d.unitId(), d.people(), d.division(), d.anotherPerson()),
            d.people().get(0).name(), organiser ? null : caller.userId(), null, null);
      }
      default -> {
        // Registering yourself: gender and birth date are the profile's. Given here while the profile
        // has none, they fill it (only when admitted, so a refused registration fills nothing); another
        // value than the profile's is refused, as on the profile page.
        Profile held = facts.profiles().get(caller.userId());
        if (held == null) {
          throw ApiError.unauthenticated("this account no longer exists");
        }
        SetOnce.check("birthDate", held.birthDate(), d.givenBirth());
        SetOnce.check("gender", held.gender(), d.givenGender());
        Person p = new Person(held.displayName(), held.birthDate() != null ? held.birthDate() : d.givenBirth(),
            held.gender() != null ? held.gender() : d.givenGender());
        Long unit = ownUnit(facts, caller.userId(), d.unitId());
        return new Resolved(d, new Admission.Applicant(caller.userId(), unit, List.of(p), d.division(), false),
            p.name(), caller.userId(), held.birthDate() == null ? d.givenBirth() : null,
            held.gender() == null ? d.givenGender() : null);
      }
    }
  }

  /**
   * The unit a person registers for when entering themself: a fact the server holds (their
   * membership, or the unit they are the contact of), never just a unit named in the request.
   * {@code requested} only chooses among their own units; none requested: their one unit, or none.
   */
  private static Long ownUnit(Facts facts, long userId, Long requested) {
    List<Long> own = facts.ownUnits().getOrDefault(userId, List.of());
    if (requested == null) {
      if (own.size() <= 1) {
        return own.isEmpty() ? null : own.get(0);
      }
      throw new ApiError(422, "UNIT_CHOICE_REQUIRED", "you belong to " + own.size()
          + " units of this event: choose the one you register for",
          new JsonObject().put("units", new JsonArray(new ArrayList<>(own))));
    }
    if (own.contains(requested)) {
      return requested;
    }
    Unit u = unit(facts, requested);
    throw new ApiError(403, "NOT_UNIT_MEMBER", "you are not a member of " + u.name()
        + ": join it with the code its contact gives you", new JsonObject().put("unitId", requested).put("unit", u.name()));
  }

  private static Unit unit(Facts facts, long unitId) {
    Unit u = facts.units().get(unitId);
    if (u == null) {
      throw ApiError.unprocessable("UNKNOWN_UNIT", "unit " + unitId + " is not a unit of this event");
    }
    return u;
  }
}
