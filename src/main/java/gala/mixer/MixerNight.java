package gala.mixer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** When a mixer night is over, so that nobody joins it any more (a pure rule, in the event calendar). */
public final class MixerNight {
  /**
   * A mixer night runs into the small hours: its last day is over at this hour of the next morning,
   * not at midnight, so a late joiner at 00:30 is still welcome.
   */
  public static final LocalTime ENDS_NEXT_MORNING_AT = LocalTime.of(6, 0);

  private MixerNight() {}

  /**
   * The day a mixer ended, once both its own date and its event's last day are past, the night
   * included; null while either lasts. {@code now} is the local time of the event calendar.
   */
  public static LocalDate endedOn(LocalDate mixerDate, LocalDate eventEnds, LocalDateTime now) {
    LocalDate last = mixerDate.isAfter(eventEnds) ? mixerDate : eventEnds;
    return now.isBefore(last.plusDays(1).atTime(ENDS_NEXT_MORNING_AT)) ? null : last;
  }
}
