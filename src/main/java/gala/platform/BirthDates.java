package gala.platform;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The one rule for birth dates, wherever Gala takes one (sign-up, profile, registration, import,
 * judge sign-up): not in the future and not more than 120 years ago. Year 0 and the like fall
 * outside by that same rule. "Today" is the latest calendar day anywhere (UTC+14), so a baby born
 * today is never refused for a time zone.
 */
public final class BirthDates {
  public static final int MAX_YEARS = 120;
  public static final String CODE = "INVALID_BIRTH_DATE";
  private static final ZoneOffset LATEST_ZONE = ZoneOffset.ofHours(14);

  private BirthDates() {}

  public static LocalDate today() {
    return LocalDate.now(LATEST_ZONE);
  }

  /** Null when the date is acceptable on {@code today}, else why not. */
  public static String problem(LocalDate birth, LocalDate today) {
    if (birth.isAfter(today)) {
      return "a birth date cannot be in the future";
    }
    if (birth.isBefore(today.minusYears(MAX_YEARS))) {
      return "a birth date cannot be more than " + MAX_YEARS + " years ago";
    }
    return null;
  }

  /**
   * Parses and checks a birth date from a request: null stays null, a malformed one is 400
   * VALIDATION_FAILED, one outside the rule 422 INVALID_BIRTH_DATE naming the field.
   */
  public static LocalDate parse(String value, String field) {
    if (value == null) {
      return null;
    }
    return check(Dates.parse(value, field), field);
  }

  /** Refuses a date outside the rule with 422 INVALID_BIRTH_DATE. */
  public static LocalDate check(LocalDate birth, String field) {
    if (birth == null) {
      return null;
    }
    String problem = problem(birth, today());
    if (problem != null) {
      throw new ApiError(422, CODE, field + ": " + problem, new JsonObject().put("field", field)
          .put("value", birth.toString()).put("maxYears", MAX_YEARS));
    }
    return birth;
  }
}
