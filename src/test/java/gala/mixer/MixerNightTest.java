package gala.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** A mixer night on its event's last day runs past midnight (it used to refuse joiners at 00:00). */
class MixerNightTest {
  private static final LocalDate LAST_DAY = LocalDate.of(2026, 12, 2);

  @Test
  void aMixerNightOnTheEventsLastDayRunsIntoTheSmallHours() {
    assertNull(MixerNight.endedOn(LAST_DAY, LAST_DAY, LocalDateTime.of(2026, 12, 2, 23, 59)), "the evening itself");
    assertNull(MixerNight.endedOn(LAST_DAY, LAST_DAY, LocalDateTime.of(2026, 12, 3, 0, 30)),
        "half past midnight: late joiners are still welcome");
    assertNull(MixerNight.endedOn(LAST_DAY, LAST_DAY, LocalDateTime.of(2026, 12, 3, 5, 59)), "before the morning");
    assertEquals(LAST_DAY, MixerNight.endedOn(LAST_DAY, LAST_DAY, LocalDateTime.of(2026, 12, 3, 6, 0)), "over by the morning");
  }

  @Test
  void theLaterOfTheMixersDateAndTheEventsLastDayCounts() {
    assertNull(MixerNight.endedOn(LAST_DAY, LAST_DAY.plusDays(1), LocalDateTime.of(2026, 12, 3, 12, 0)),
        "the event's own last day is later");
    assertEquals(LAST_DAY.plusDays(1), MixerNight.endedOn(LAST_DAY.plusDays(1), LAST_DAY, LocalDateTime.of(2026, 12, 4, 7, 0)),
        "a mixer dated after its event's last day ends the morning after its own date");
  }
}
