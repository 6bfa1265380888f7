package gala.platform;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Dates and times from requests. Only 1900-2999 is taken: year 0 does not exist in PostgreSQL's
 * calendar, and no birth date or event falls outside that range.
 */
public final class Dates {
  public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
  public static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

  private Dates() {}

  /** A date like 1990-05-17 within 1900-2999, or null when absent; 400 VALIDATION_FAILED otherwise. */
  public static LocalDate date(String value, String field) {
    LocalDate d = parse(value, field);
    return d == null ? null : inRange(d, field);
  }

  /** Only the form of a date (for rules with a range of their own, like birth dates). */
  public static LocalDate parse(String value, String field) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(field, "format", field + " must be a date like 1990-05-17",
          new JsonObject().put("expected", "date"));
    }
  }

  /** A date-time with an offset like 2026-05-01T09:00:00+08:00, or null when absent. */
  public static OffsetDateTime dateTime(String value, String field) {
    if (value == null) {
      return null;
    }
    OffsetDateTime t;
    try {
      t = OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(field, "format", field + " must be a date-time like 2026-05-01T09:00:00+08:00",
          new JsonObject().put("expected", "date-time"));
    }
    inRange(t.toLocalDate(), field);
    return t;
  }

  private static LocalDate inRange(LocalDate d, String field) {
    if (d.isBefore(EARLIEST) || d.isAfter(LATEST)) {
      throw ApiError.invalid(field, "range", field + " must lie between " + EARLIEST + " and " + LATEST,
          new JsonObject().put("min", EARLIEST.toString()).put("max", LATEST.toString()));
    }
    return d;
  }
}
