package gala.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Weighted criteria, the difficulty multiplier (diving), trimmed sums and flagged judges. */
class WeightedPanelTest {

  private static JudgedFormat parse(Map<String, Object> f) {
    return JudgedFormat.parse(f);
  }

  private static List<Map<String, BigDecimal>> single(String... marks) {
    List<Map<String, BigDecimal>> out = new ArrayList<>();
    for (String m : marks) {
      out.add(Map.of("score", new BigDecimal(m)));
    }
    return out;
  }

  @Test
  void divingSumsTheMiddleThreeOfSevenTimesTheDegreeOfDifficulty() {
    JudgedFormat diving = parse(Map.of("type", "judged", "aggregate", "trimmed_sum", "judges", 7, "trim", 2,
        "difficulty", true, "decimals", 2));
    // middle three: 7.0 7.5 7.5 = 22.0; x 3.2 = 70.40
    assertEquals("70.40", PanelAggregation.result(diving, single("6.0", "8.5", "7.5", "7.0", "7.5", "9.0", "5.5"),
        new BigDecimal("3.2")).toPlainString());
    assertNull(PanelAggregation.result(diving, single("6", "6", "6", "6", "6", "6", "6"), null),
        "without the difficulty the result is not known yet");
  }

  @Test
  void weightedCriteriaAggregateEachCriterionThenWeighAndSum() {
    JudgedFormat skills = parse(Map.of("type", "judged", "aggregate", "mean", "judges", 2, "decimals", 2,
        "criteria", List.of(Map.of("name", "technique", "weight", 0.6), Map.of("name", "speed", "weight", 0.4))));
    List<Map<String, BigDecimal>> panel = List.of(
        Map.of("technique", new BigDecimal("9.0"), "speed", new BigDecimal("7.0")),
        Map.of("technique", new BigDecimal("8.0"), "speed", new BigDecimal("8.0")));
    // technique mean 8.5 x 0.6 = 5.1; speed mean 7.5 x 0.4 = 3.0 -> 8.10
    assertEquals("8.10", PanelAggregation.result(skills, panel, null).toPlainString());
    assertNull(PanelAggregation.result(skills, List.of(panel.get(0), Map.of("technique", BigDecimal.ONE)), null),
        "a criterion missing from one judge leaves the panel incomplete");
    assertEquals(true, skills.weighted());
  }

  @Test
  void criteriaAreNamedInTheOrganisersOwnWords() {
    // A Chinese organiser names the criteria 内容 and 技术; an English one may write two words.
    JudgedFormat speech = parse(Map.of("type", "judged", "judges", 2, "decimals", 2,
        "criteria", List.of(Map.of("name", "内容", "weight", 0.6), Map.of("name", "Stage presence", "weight", 0.4))));
    assertEquals(List.of("内容", "Stage presence"), speech.criteria().stream().map(JudgedFormat.Criterion::name).toList());
    List<Map<String, BigDecimal>> panel = List.of(
        Map.of("内容", new BigDecimal("9.0"), "Stage presence", new BigDecimal("7.0")),
        Map.of("内容", new BigDecimal("8.0"), "Stage presence", new BigDecimal("8.0")));
    assertEquals("8.10", PanelAggregation.result(speech, panel, null).toPlainString());
  }

  @Test
  void decimalWeightsStayExact() {
    JudgedFormat f = parse(Map.of("type", "judged", "judges", 1, "decimals", 2,
        "criteria", List.of(Map.of("name", "a", "weight", 0.1), Map.of("name", "b", "weight", 0.2))));
    // 0.1 x 9.35 + 0.2 x 9.35 = 2.805 -> 2.81 (half-up); binary floating point gives 2.8049999...
    assertEquals("2.81", PanelAggregation.result(f, List.of(Map.of("a", new BigDecimal("9.35"), "b", new BigDecimal("9.35"))), null)
        .toPlainString());
  }

  @Test
  void aJudgeFarFromTheMedianIsFlagged() {
    JudgedFormat f = parse(Map.of("type", "judged", "aggregate", "trimmed_mean", "judges", 5, "tolerance", 1.0));
    Map<String, Map<String, BigDecimal>> panel = new LinkedHashMap<>();
    panel.put("j1", Map.of("score", new BigDecimal("8.5")));
    panel.put("j2", Map.of("score", new BigDecimal("8.7")));
    panel.put("j3", Map.of("score", new BigDecimal("6.0")));
    panel.put("j4", Map.of("score", new BigDecimal("8.6")));
    panel.put("j5", Map.of("score", new BigDecimal("9.6")));
    // median 8.6: j3 is 2.6 away, j5 exactly 1.0 away (not beyond the tolerance)
    assertEquals(Set.of("j3"), PanelAggregation.outliers(f, panel));
  }

  @Test
  void noFlagsBeforeThreeJudgesHaveMarked() {
    JudgedFormat f = parse(Map.of("type", "judged", "judges", 5));
    Map<String, Map<String, BigDecimal>> panel = new LinkedHashMap<>();
    panel.put("j1", Map.of("score", new BigDecimal("1")));
    panel.put("j2", Map.of("score", new BigDecimal("10")));
    assertEquals(Set.of(), PanelAggregation.outliers(f, panel));
  }

  @Test
  void theDefaultToleranceIsAFifthOfTheRange() {
    JudgedFormat f = parse(Map.of("type", "judged", "judges", 3, "min", 0, "max", 100));
    assertEquals(0, f.tolerance().compareTo(new BigDecimal("20")));
  }

  @Test
  void tieBreakHelpersReadThePanel() {
    List<Map<String, BigDecimal>> panel = single("7", "9.5", "8");
    assertEquals("24.5", PanelAggregation.totalMarks(panel).toPlainString());
    assertEquals("9.5", PanelAggregation.highestMark(panel).toPlainString());
    assertEquals("7", PanelAggregation.lowestMark(panel).toPlainString());
  }
}
