package gala.testing;

import gala.events.EventService;
import java.time.LocalDate;

/**
 * Dates for tests, counted from today in the calendar Gala dates events in ({@link EventService#ZONE}),
 * so that no test means something else on the day it runs: an event created "today" is live today
 * whenever CI runs, one "in 20 days" is upcoming, a person born "16 years before" is 16.
 */
public final class Dates {
  private Dates() {}

  /** Today, as the server's event calendar has it. */
  public static LocalDate today() {
    return LocalDate.now(EventService.ZONE);
  }

  /** The day {@code n} days from today (negative: in the past). */
  public static LocalDate day(int n) {
    return today().plusDays(n);
  }

  /** {@link #day} as an ISO date, as the API takes it (2026-12-02). */
  public static String inDays(int n) {
    return day(n).toString();
  }

  /** A birth date that makes a person exactly {@code years} old on {@code day} (their birthday that day). */
  public static String birthdayOn(LocalDate day, int years) {
    return day.minusYears(years).toString();
  }

  /**
   * A birth date that makes a person {@code years} old today and for a while either side: half a year
   * past their birthday, so a few days' difference between today and an event's first day changes nothing.
   */
  public static String aged(int years) {
    return today().minusYears(years).minusMonths(6).toString();
  }
}
