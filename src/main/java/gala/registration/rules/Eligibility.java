package gala.registration.rules;

import gala.events.rules.Division;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * Who may enter which division. Age counts on the event's first day, from the birth date, so a
 * meet's age groups do not shift while it runs.
 */
public final class Eligibility {
  private Eligibility() {}

  /** The verdict: the division chosen (null when the competition has none), or a refusal. */
  public record Verdict(String division, String refusal, String message) {
    public boolean ok() {
      return refusal == null;
    }

    static Verdict in(String division) {
      return new Verdict(division, null, null);
    }

    static Verdict no(String code, String message) {
      return new Verdict(null, code, message);
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
          : Verdict.no("UNKNOWN_DIVISION", "this competition has no divisions");
    }
    if (requested != null) {
      Division d = divisions.stream().filter(x -> x.code().equals(requested)).findFirst().orElse(null);
      if (d == null) {
        return Verdict.no("UNKNOWN_DIVISION", "no division " + requested + " in this competition");
      }
      return fits(d, people, firstDay);
    }
    Verdict first = null;
    for (Division d : divisions) {
      Verdict v = fits(d, people, firstDay);
      if (v.ok()) {
        return v;
      }
      if (first == null || rank(v.refusal()) < rank(first.refusal())) {
        first = v;
      }
    }
    return first;
  }

  /** Missing data first (the client can fix it), then gender, then age. */
  private static int rank(String refusal) {
    return switch (refusal) {
      case "BIRTH_DATE_REQUIRED", "GENDER_REQUIRED" -> 0;
      case "NOT_ELIGIBLE_GENDER" -> 1;
      default -> 2;
    };
  }

  static Verdict fits(Division d, List<Person> people, LocalDate firstDay) {
    for (Person p : people) {
      if (d.gender() != null) {
        if (p.gender() == null) {
          return Verdict.no("GENDER_REQUIRED", "division " + d.name() + " is for one gender: give " + p.name() + "'s gender");
        }
        if (!d.gender().equals(p.gender())) {
          return Verdict.no("NOT_ELIGIBLE_GENDER", p.name() + " does not fit division " + d.name() + " by gender");
        }
      }
      if (d.hasAgeLimit()) {
        if (p.birthDate() == null) {
          return Verdict.no("BIRTH_DATE_REQUIRED", "division " + d.name() + " has an age limit: give " + p.name() + "'s birth date");
        }
        int age = ageOn(p.birthDate(), firstDay);
        if ((d.minAge() != null && age < d.minAge()) || (d.maxAge() != null && age > d.maxAge())) {
          return Verdict.no("NOT_ELIGIBLE_AGE", p.name() + " is " + age + " on the event's first day, outside division "
              + d.name() + " (" + bound(d.minAge()) + "–" + bound(d.maxAge()) + ")");
        }
      }
    }
    return Verdict.in(d.code());
  }

  private static String bound(Integer b) {
    return b == null ? "" : b.toString();
  }
}
