package gala.registration.rules;

import gala.events.rules.Division;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may enter which division. Age counts on the event's first day, from the birth date, so a
 * meet's age groups do not shift while it runs. A refusal names the rule that failed and its facts
 * (the person's age and the division's limits, or the genders), so a page can say "you are 56;
 * this division is 18-35".
 */
public final class Eligibility {
  private Eligibility() {}

  /** The verdict: the division chosen (null when the competition has none), or a refusal with its details. */
  public record Verdict(String division, String refusal, String message, Map<String, Object> details) {
    public boolean ok() {
      return refusal == null;
    }

    static Verdict in(String division) {
      return new Verdict(division, null, null, Map.of());
    }

    static Verdict no(String code, String message, Map<String, Object> details) {
      return new Verdict(null, code, message, details);
    }
  }

  public static int ageOn(LocalDate birth, LocalDate day) {
    return Period.between(birth, day).getYears();
  }

  /**
   * Checks every person against the requested division, or, when none is requested, picks the
   * first division they all fit. A competition without divisions takes anyone.
   */
  public static Verdict check(List<Division> divisions, String requested, List<Person> people, LocalDate firstDay) {
    if (divisions.isEmpty()) {
      return requested == null ? Verdict.in(null)
          : Verdict.no("UNKNOWN_DIVISION", "this competition has no divisions", Map.of("division", requested));
    }
    if (requested != null) {
      Division d = divisions.stream().filter(x -> x.code().equals(requested)).findFirst().orElse(null);
      if (d == null) {
        return Verdict.no("UNKNOWN_DIVISION", "no division " + requested + " in this competition", Map.of("division", requested));
      }
      return fits(d, people, firstDay);
    }
    Verdict best = null;
    for (Division d : divisions) {
      Verdict v = fits(d, people, firstDay);
      if (v.ok()) {
        return v;
      }
      if (best == null || rank(v.refusal()) < rank(best.refusal())) {
        best = v;
      }
    }
    return best;
  }

  /**
   * Which refusal to show when no division fits: missing data first (the client can fix it), then
   * age (a division is open to the person's gender, but not at their age), and gender only when no
   * division is open to it at all. A 56-year-old man and divisions M18-35 and F18-35: age.
   */
  private static int rank(String refusal) {
    return switch (refusal) {
      case "BIRTH_DATE_REQUIRED", "GENDER_REQUIRED" -> 0;
      case "NOT_ELIGIBLE_AGE" -> 1;
      default -> 2;
    };
  }

  static Verdict fits(Division d, List<Person> people, LocalDate firstDay) {
    for (Person p : people) {
      if (d.gender() != null) {
        if (p.gender() == null) {
          return Verdict.no("GENDER_REQUIRED", "division " + d.name() + " is for one gender: give " + p.name() + "'s gender",
              details("gender", p, d));
        }
        if (!d.gender().equals(p.gender())) {
          Map<String, Object> details = details("gender", p, d);
          details.put("gender", p.gender());
          details.put("divisionGender", d.gender());
          return Verdict.no("NOT_ELIGIBLE_GENDER", p.name() + " does not fit division " + d.name() + " by gender", details);
        }
      }
      if (d.hasAgeLimit()) {
        if (p.birthDate() == null) {
          return Verdict.no("BIRTH_DATE_REQUIRED", "division " + d.name() + " has an age limit: give " + p.name()
              + "'s birth date", details("age", p, d));
        }
        int age = ageOn(p.birthDate(), firstDay);
        if ((d.minAge() != null && age < d.minAge()) || (d.maxAge() != null && age > d.maxAge())) {
          Map<String, Object> details = details("age", p, d);
          details.put("age", age);
          return Verdict.no("NOT_ELIGIBLE_AGE", p.name() + " is " + age + " on the event's first day, outside division "
              + d.name() + " (" + bound(d.minAge()) + "–" + bound(d.maxAge()) + ")", details);
        }
      }
    }
    return Verdict.in(d.code());
  }

  /** The facts every refusal carries: which rule, whom, and the division with its limits. */
  private static Map<String, Object> details(String rule, Person p, Division d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", rule);
    m.put("name", p.name());
    m.put("division", d.name());
    m.put("divisionCode", d.code());
    m.put("minAge", d.minAge());
    m.put("maxAge", d.maxAge());
    return m;
  }

  private static String bound(Integer b) {
    return b == null ? "" : b.toString();
  }
}
