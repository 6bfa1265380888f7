package gala.announce.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** A validated announcement request: what the organiser asked to send, to whom and when. */
public record Draft(String text, Audience audience, Priority priority, boolean pinned, Instant sendAt,
    Instant expiresAt) {
  /** Long enough for "the final moves to 15:30 at the north pool, bring your ID", short enough for a ticker. */
  public static final int MAX_TEXT = 500;
  /** Scheduling further ahead than this is almost surely a typo in the year. */
  public static final Duration MAX_AHEAD = Duration.ofDays(366);

  public enum Priority { NORMAL, URGENT;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Checks every field against the rules and the clock; fails with a {@link Rejected} naming the
   * first problem. {@code sendAt} and {@code expiresAt} are ISO-8601 with an offset, or null.
   */
  public static Draft validate(String text, String audience, Long competitionId, String priority, Boolean pinned,
      String sendAt, String expiresAt, Instant now) {
    String body = checkText(text);
    Audience to = Audience.parse(audience, competitionId);
    Priority p = parsePriority(priority);
    Instant send = parseTime("sendAt", sendAt);
    Instant expires = parseTime("expiresAt", expiresAt);
    if (send != null && !send.isAfter(now)) {
      throw new Rejected(422, "SCHEDULE_IN_PAST", "sendAt " + send + " is not in the future; leave it out to send now");
    }
    if (send != null && send.isAfter(now.plus(MAX_AHEAD))) {
      throw new Rejected(422, "SCHEDULE_TOO_FAR", "sendAt may be at most " + MAX_AHEAD.toDays() + " days ahead");
    }
    Instant goesOut = send == null ? now : send;
    if (expires != null && !expires.isAfter(goesOut)) {
      throw new Rejected(422, "EXPIRY_BEFORE_SEND", "expiresAt must be after the announcement goes out");
    }
    return new Draft(body, to, p, pinned != null && pinned, send, expires);
  }

  /** True when it waits for its time instead of going out at once. */
  public boolean scheduled() {
    return sendAt != null;
  }

  static String checkText(String text) {
    if (text == null || text.strip().isEmpty()) {
      throw new Rejected(400, "TEXT_REQUIRED", "the announcement needs some text");
    }
    String body = text.strip();
    int length = body.codePointCount(0, body.length());
    if (length > MAX_TEXT) {
      throw new Rejected(400, "TEXT_TOO_LONG",
          "the text has " + length + " characters; at most " + MAX_TEXT + " are allowed");
    }
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
        throw new Rejected(400, "TEXT_INVALID", "the text contains control characters");
      }
    }
    return body;
  }

  static Priority parsePriority(String priority) {
    if (priority == null) {
      return Priority.NORMAL;
    }
    try {
      return Priority.valueOf(priority.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Rejected(400, "UNKNOWN_PRIORITY", "priority is normal or urgent, not '" + priority + "'");
    }
  }

  static Instant parseTime(String field, String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new Rejected(400, "BAD_TIME", field + " must be an ISO-8601 time with offset, e.g. 2026-12-01T15:30:00+08:00");
    }
  }
}
