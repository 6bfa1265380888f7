package gala.scoring.rules;

import static gala.scoring.rules.Maps.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.scoring.rules.Records.Basis;
import gala.scoring.rules.Records.Held;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A result beats a record when strictly better; division records only for their division. */
class RecordsTest {
  private static final Held MEET_W40 = new Held(1, "W40", "meet", Basis.RESULT, d("32.10"), "李红", "2024");
  private static final Held MEET_ALL = new Held(2, null, "meet", Basis.RESULT, d("30.00"), "王芳", "2023");
  private static final Held SINGLE = new Held(3, null, "event", Basis.SINGLE, d("29.50"), "赵敏", "2022");

  @Test
  void aFasterTimeBeatsTheRecordsOfItsDivisionAndOfTheWholeCompetition() {
    List<Held> all = List.of(MEET_W40, MEET_ALL, SINGLE);
    assertEquals(List.of(MEET_W40), Records.beaten(all, "W40", d("31.00"), d("30.10"), true));
    assertEquals(List.of(MEET_W40, MEET_ALL, SINGLE), Records.beaten(all, "W40", d("29.99"), d("29.00"), true));
    assertEquals(List.of(), Records.beaten(all, "M40", d("31.00"), d("30.10"), true), "another division's record is not its");
    assertEquals(List.of(), Records.beaten(all, "W40", d("32.10"), null, true), "equalling is not beating");
  }

  @Test
  void pointsBeatARecordByBeingHigher() {
    Held diving = new Held(4, null, "meet", Basis.RESULT, d("547.50"), "曹缘", "2024");
    assertEquals(List.of(diving), Records.beaten(List.of(diving), null, d("548.40"), null, false));
    assertEquals(List.of(), Records.beaten(List.of(diving), null, d("547.50"), null, false));
  }
}
