package gala.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading stored formats: every type, its defaults, and every combination that cannot work. */
class FormatTest {

  private static Map<String, Object> f(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static void invalid(String message, Map<String, Object> format) {
    InvalidFormat e = assertThrows(InvalidFormat.class, () -> Format.parse(format));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void eachTypeParsesWithItsDefaults() {
    JudgedFormat j = assertInstanceOf(JudgedFormat.class, Format.parse(f("type", "judged")));
    assertEquals(JudgedFormat.Aggregate.MEAN, j.aggregate());
    assertEquals(List.of(), j.tieBreaks());
    assertEquals(Common.DEFAULT_POINTS, j.common().teamPoints());
    assertEquals(1, j.common().rounds().size());

    AttemptFormat timed = assertInstanceOf(AttemptFormat.class, Format.parse(f("type", "timed", "attempts", 3)));
    assertTrue(timed.lowerIsBetter());
    assertEquals(AttemptFormat.Aggregate.BEST, timed.aggregate());
    assertEquals("timed", timed.type());
    AttemptFormat avg5 = (AttemptFormat) Format.parse(f("type", "measured", "aggregate", "average_of_5"));
    assertEquals(5, avg5.attempts());
    assertEquals("measured", avg5.type());

    HeadToHeadFormat h = assertInstanceOf(HeadToHeadFormat.class, Format.parse(f("type", "head_to_head")));
    assertEquals(3, h.win());
    assertEquals(1, h.draw());
    assertEquals(0, h.loss());
    assertEquals(List.of("head_to_head", "score_difference", "score_for"), h.tieBreaks());
  }

  @Test
  void roundsTeamPointsAndTieBreaksAreRead() {
    Format f = Format.parse(f("type", "timed", "tieBreaks", List.of("second_best"), "teamPoints", List.of(7, 5, 4, 3, 2, 1),
        "rounds", List.of(Map.of("name", "heats", "heatSize", 8, "advance", Map.of("top", 8)), Map.of("name", "final"))));
    assertEquals(List.of("second_best"), f.tieBreaks());
    assertEquals(7, f.common().pointsFor(1));
    assertEquals(1, f.common().pointsFor(6));
    assertEquals(0, f.common().pointsFor(7));
    assertEquals(0, f.common().pointsFor(0));
    assertEquals(Advancement.Kind.TOP, f.common().rounds().get(0).advance().kind());
    assertEquals(8, f.common().rounds().get(0).heatSize());
  }

  @Test
  void impossibleFormatsAreRefusedWithAReason() {
    invalid("a format is required", null);
    invalid("type must be", f("type", "poetry"));
    invalid("unknown format field", f("type", "judged", "cutoff", 3));
    invalid("trim", f("type", "judged", "aggregate", "trimmed_mean", "judges", 2, "trim", 1));
    invalid("min must be below max", f("type", "judged", "min", 10, "max", 10));
    invalid("aggregate", f("type", "judged", "aggregate", "best"));
    invalid("whole number", f("type", "judged", "judges", 2.5));
    invalid("criterion", f("type", "judged", "criteria", List.of(Map.of("name", "a, b"))));
    invalid("criterion", f("type", "judged", "criteria", List.of(Map.of("name", " 内容"))));
    invalid("criterion", f("type", "judged", "criteria", List.of(Map.of("name", "a  b"))));
    invalid("criterion", f("type", "judged", "criteria", List.of(Map.of("name", "a".repeat(41)))));
    invalid("criterion", f("type", "judged", "criteria", List.of(Map.of("name", "a"), Map.of("name", "a"))));
    invalid("weight", f("type", "judged", "criteria", List.of(Map.of("name", "a", "weight", 0))));
    invalid("tolerance", f("type", "judged", "tolerance", -1));
    invalid("true or false", f("type", "judged", "difficulty", "yes"));
    invalid("average_of_5", f("type", "timed", "aggregate", "average_of_5", "attempts", 3));
    invalid("attempts", f("type", "timed", "attempts", 11));
    invalid("negative", f("type", "timed", "min", -1));
    invalid("aggregate", f("type", "timed", "aggregate", "median"));
    invalid("win > draw", f("type", "head_to_head", "win", 1, "draw", 1));
    invalid("one round", f("type", "head_to_head", "rounds", List.of(Map.of("name", "a", "advance", Map.of("top", 2)),
        Map.of("name", "b"))));
    invalid("tieBreaks", f("type", "head_to_head", "tieBreaks", List.of("coin_toss")));
    invalid("tieBreaks", f("type", "judged", "tieBreaks", List.of("buchholz")));
    invalid("twice", f("type", "judged", "tieBreaks", List.of("total_marks", "total_marks")));
    invalid("teamPoints", f("type", "judged", "teamPoints", List.of(5, 7)));
    invalid("teamPoints", f("type", "judged", "teamPoints", List.of(-1)));
    invalid("advance rule", f("type", "judged", "rounds", List.of(Map.of("name", "heats"), Map.of("name", "final"))));
    invalid("last round", f("type", "judged", "rounds", List.of(Map.of("name", "final", "advance", Map.of("top", 3)))));
    invalid("exactly one", f("type", "judged", "rounds", List.of(Map.of("name", "h", "advance", Map.of("top", 3, "topPercent", 5)),
        Map.of("name", "f"))));
    invalid("topPercent", f("type", "judged", "rounds", List.of(Map.of("name", "h", "advance", Map.of("topPercent", 150)),
        Map.of("name", "f"))));
    invalid("at least one round", f("type", "judged", "rounds", List.of()));
  }

  @Test
  void marksAndValuesAreCheckedAgainstTheFormat() {
    JudgedFormat j = (JudgedFormat) Format.parse(f("type", "judged", "min", 0, "max", 10));
    assertTrue(j.accepts(new java.math.BigDecimal("9.35")));
    assertTrue(j.accepts(java.math.BigDecimal.TEN));
    assertTrue(!j.accepts(new java.math.BigDecimal("10.01")));
    assertTrue(!j.accepts(new java.math.BigDecimal("9.12345")), "more places than the column keeps");
    AttemptFormat t = (AttemptFormat) Format.parse(f("type", "timed", "attempts", 2));
    assertTrue(t.accepts(new java.math.BigDecimal("12.34")));
    assertTrue(!t.accepts(new java.math.BigDecimal("-0.01")), "negative times are refused");
  }
}
