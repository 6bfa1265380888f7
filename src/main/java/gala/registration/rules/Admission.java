package gala.registration.rules;

import gala.events.rules.Division;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who of a batch of applicants to one competition gets in, decided in batch order as if they had
 * come one after another: eligibility (division, age, gender), no double entry (accounts by their
 * key, athletes entered by name against their namesakes of the same unit, see {@link SamePerson}),
 * the unit quota, then capacity: confirmed while places last, then waitlisted at the next gap-free
 * position. Each admitted applicant counts for the ones after it; a refused one changes nothing.
 * Starts from what the competition holds (kept counts, the people already entered).
 */
public final class Admission {
  /** A person actively entered in the competition: their person key, and for namesakes their name, birth date and unit. */
  public record Entered(String key, String displayName, LocalDate birthDate, Long unitId, boolean account, long entryId) {
    String name() {
      return displayName.trim().toLowerCase(Locale.ROOT);
    }
  }

  /** An applicant: an account ({@code userId}) or athletes entered by name (a team has several), for a unit or none. */
  public record Applicant(Long userId, Long unitId, List<Person> people, String division, boolean anotherPerson) {}

  /** The competition's rules of admission. */
  public record Rules(int capacity, Integer unitQuota, List<Division> divisions, LocalDate firstDay) {}

  /** What was decided for one applicant. */
  public sealed interface Decision {}

  /** Admitted: confirmed, or waitlisted at {@code position}; the division and the person keys to store. */
  public record Admit(boolean confirmed, Integer position, String division, List<String> keys) implements Decision {}

  /** Refused with an HTTP status, a stable code, a sentence and its details; nothing of it is stored. */
  public record Refuse(int status, String code, String message, Map<String, Object> details) implements Decision {}

  private final Rules rules;
  private int confirmed;
  private int waitlisted;
  private final Map<Long, Integer> unitLive;
  private final List<Entered> entered;
  private final Map<String, Entered> byKey = new HashMap<>();

  /**
   * @param confirmed places taken now; {@code waitlisted} the waitlist's length (it is gap-free)
   * @param unitLive live entries per unit now (only the units of the batch are needed)
   * @param entered the people now entered whose keys or names the batch's applicants could collide with
   */
  public Admission(Rules rules, int confirmed, int waitlisted, Map<Long, Integer> unitLive, List<Entered> entered) {
    this.rules = rules;
    this.confirmed = confirmed;
    this.waitlisted = waitlisted;
    this.unitLive = new HashMap<>(unitLive);
    this.entered = new ArrayList<>(entered);
    entered.forEach(e -> byKey.put(e.key(), e));
  }

  public int confirmed() {
    return confirmed;
  }

  public int waitlisted() {
    return waitlisted;
  }

  /** Decides {@code a}, which becomes entry {@code entryId} when admitted; an admitted applicant counts for the next ones. */
  public Decision decide(Applicant a, long entryId) {
    Eligibility.Verdict verdict = Eligibility.check(rules.divisions(), a.division(), a.people(), rules.firstDay());
    if (!verdict.ok()) {
      return new Refuse(422, verdict.refusal(), verdict.message(), new LinkedHashMap<>(verdict.details()));
    }
    List<String> keys = new ArrayList<>();
    if (a.userId() != null) {
      a.people().forEach(p -> keys.add("u:" + a.userId()));
    } else {
      for (Person p : a.people()) {
        Object outcome = byName(a, p, keys);
        if (outcome instanceof Refuse r) {
          return r;
        }
        keys.add((String) outcome);
      }
    }
    List<String> already = new ArrayList<>();
    for (String key : keys) {
      Entered e = byKey.get(key);
      if (e != null) {
        already.add(e.displayName());
      }
    }
    if (!already.isEmpty()) {
      String names = String.join(", ", already);
      return new Refuse(409, "ALREADY_REGISTERED", names + " is already registered in this competition",
          details("names", names));
    }
    if (rules.unitQuota() != null && a.unitId() != null && unitLive.getOrDefault(a.unitId(), 0) >= rules.unitQuota()) {
      return new Refuse(422, "UNIT_QUOTA_REACHED", "this unit already has " + rules.unitQuota()
          + " entries in this competition", details("unitQuota", rules.unitQuota()));
    }
    boolean confirm = confirmed < rules.capacity();
    Integer position = null;
    if (confirm) {
      confirmed++;
    } else {
      position = ++waitlisted;
    }
    if (a.unitId() != null) {
      unitLive.merge(a.unitId(), 1, Integer::sum);
    }
    for (int i = 0; i < keys.size(); i++) {
      Person p = a.people().get(i);
      Entered e = new Entered(keys.get(i), p.name(), p.birthDate(), a.unitId(), a.userId() != null, entryId);
      entered.add(e);
      byKey.put(e.key(), e);
    }
    return new Admit(confirm, position, verdict.division(), keys);
  }

  /** The key of an athlete entered by name, after judging their namesakes of the same unit; or the refusal. */
  private Object byName(Applicant a, Person p, List<String> keysSoFar) {
    String name = p.name().trim().toLowerCase(Locale.ROOT);
    List<LocalDate> births = new ArrayList<>();
    Set<String> taken = new HashSet<>(keysSoFar);
    Long namesakeEntry = null;
    for (Entered e : entered) {
      if (!e.account() && java.util.Objects.equals(e.unitId(), a.unitId()) && e.name().equals(name)) {
        births.add(e.birthDate());
        taken.add(e.key());
        namesakeEntry = e.entryId();
      }
    }
    switch (SamePerson.judge(p.birthDate(), births, a.anotherPerson())) {
      case SAME -> {
        Map<String, Object> d = details("names", p.name());
        d.put("entryId", namesakeEntry);
        return new Refuse(409, "ALREADY_REGISTERED", p.name() + " (born " + p.birthDate()
            + ") is already registered in this competition", d);
      }
      case UNSURE -> {
        Map<String, Object> d = details("name", p.name());
        d.put("entryId", namesakeEntry);
        return new Refuse(409, "POSSIBLE_DUPLICATE", "someone called " + p.name()
            + " of this unit is already entered and the birth dates cannot tell them apart: give the birth date, "
            + "or say it is another person", d);
      }
      default -> {
        String key = personKey(a.unitId(), p);
        String unique = key;
        for (int n = 2; taken.contains(unique); n++) {
          unique = key + "#" + n;
        }
        return unique;
      }
    }
  }

  /** The key of an athlete entered by name: their unit, name and birth date. */
  public static String personKey(Long unitId, Person p) {
    return "n:" + (unitId == null ? 0 : unitId) + ":" + p.name().trim().toLowerCase(Locale.ROOT) + ":"
        + (p.birthDate() == null ? "" : p.birthDate().toString());
  }

  private static Map<String, Object> details(String key, Object value) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(key, value);
    return d;
  }
}
