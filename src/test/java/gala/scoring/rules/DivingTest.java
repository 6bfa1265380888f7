package gala.scoring.rules;

import static gala.scoring.rules.Maps.d;
import static gala.scoring.rules.Maps.m;
import static gala.scoring.rules.Maps.panel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gala.scoring.rules.Standings.JudgedAttempt;
import gala.scoring.rules.Standings.Line;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Judged attempts: a dive's points are the sum of the middle three of seven marks times its
 * declared degree of difficulty, and a final is the sum of six dives (World Aquatics rules as
 * described for Paris 2024: "each judge gives a score between 0 and 10 with 0.5 point increments.
 * The top two and bottom two scores are discarded. The remaining three scores are added" and
 * multiplied by the DD; en.wikipedia.org "Diving at the 2024 Summer Olympics - Men's 10 metre
 * platform"). Published dive points of that final (10 August 2024) are checked below; the results
 * services publish the points and the DD, from which the sum of the counting marks follows, but not
 * all seven marks, so the dropped marks here are chosen at or beyond the counting ones.
 */
class DivingTest {

  /** Seven judges, middle three summed, six dives summed, DD from a table of dive numbers. */
  static JudgedFormat platform(Map<String, Object> table) {
    return JudgedFormat.parse(m("type", "judged", "aggregate", "trimmed_sum", "judges", 7, "trim", 2, "min", 0, "max", 10,
        "decimals", 2, "attempts", 6, "combine", "sum", "difficulty", m("table", table), "tieBreaks", List.of("best_single")));
  }

  private static final Map<String, Object> TABLE = m("109C", 3.7, "109B", 4.1, "307C", 3.4, "6245D", 3.4, "5255B", 3.6,
      "407C", 3.2, "207C", 3.6, "626C", 3.3);

  private static BigDecimal dive(JudgedFormat f, String code, String... marks) {
    Difficulty.Declared dd = f.difficulty().resolve(code, null);
    return PanelAggregation.result(f, panel(marks).stream().map(Standings.Mark::marks).toList(), dd.value());
  }

  @Test
  void publishedParis2024DivePointsComeFromTheMiddleThreeMarksTimesTheDifficulty() {
    JudgedFormat f = platform(TABLE);
    // Cao Yuan (CHN), 96.90 "with an average score of 9.5 from the judges" (flashscore.com, 10 Aug 2024): 28.5 x 3.4.
    assertEquals("96.90", dive(f, "6245D", "10", "9.5", "9.5", "9.5", "9.5", "9", "9.5").toPlainString());
    // Noah Williams (GBR), forward 4 1/2 somersaults tuck (109C, DD 3.7) for 94.35 (upday.com): 25.5 x 3.7.
    assertEquals("94.35", dive(f, "109C", "9", "8.5", "8.5", "8.5", "8", "8", "9").toPlainString());
    // Randal Willars Valdez (MEX), forward 4 1/2 pike, DD 4.1, "scored just 61.50" (worldaquatics.com): 15.0 x 4.1.
    assertEquals("61.50", dive(f, "109B", "5", "5", "5", "6", "4.5", "5.5", "4").toPlainString());
    // Rikuto Tamai (JPN), reverse 3 1/2 "with 3.4 degree of difficulty ... scored just 39.10" (worldaquatics.com): 11.5 x 3.4.
    assertEquals("39.10", dive(f, "307C", "4", "3.5", "4", "3", "4.5", "4", "3").toPlainString());
  }

  @Test
  void anOlderPublishedRuleWithAWeightedCriterionAlsoComputes() {
    // The pre-1990s FINA rule (boards.straightdope.com, "Scoring Olympic diving"): highest and lowest of seven
    // dropped, the rest summed, times DD, times 0.6: marks 8, 7, 7, 7, 7, 7, 6.5 and DD 2.0 give 42.00.
    JudgedFormat f = JudgedFormat.parse(m("type", "judged", "aggregate", "trimmed_sum", "judges", 7, "trim", 1,
        "criteria", List.of(m("name", "execution", "weight", 0.6)), "difficulty", true));
    List<Map<String, BigDecimal>> marks = new ArrayList<>();
    for (String x : List.of("8", "7", "7", "7", "7", "7", "6.5")) {
      marks.add(Map.of("execution", d(x)));
    }
    assertEquals("42.00", PanelAggregation.result(f, marks, d("2.0")).toPlainString());
  }

  @Test
  void aFinalIsTheSumOfSixDivesRankedWithTheRunningTotalAndTheDroppedMarksStruck() {
    JudgedFormat f = platform(TABLE);
    String[] codes = {"6245D", "109C", "307C", "407C", "5255B", "207C"};
    String[][] a = {{"9.5", "9.5", "9.5", "10", "9", "9.5", "9.5"}, {"9", "9", "8.5", "9", "9", "9.5", "8.5"},
        {"8", "8", "8", "8.5", "7.5", "8", "8"}, {"9", "9", "9", "9", "9", "9", "9"}, {"8", "8", "8", "8", "8", "8", "8"},
        {"9", "9", "9", "9", "9", "9", "9"}};
    List<JudgedAttempt> diverA = new ArrayList<>();
    List<JudgedAttempt> diverB = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      diverA.add(new JudgedAttempt(i + 1, panel(a[i]), f.difficulty().resolve(codes[i], null)));
    }
    // B has done two dives so far: a running total, not complete.
    diverB.add(new JudgedAttempt(1, panel("10", "10", "10", "10", "10", "10", "10"), f.difficulty().resolve("109B", null)));
    diverB.add(new JudgedAttempt(2, panel("9", "9", "9"), f.difficulty().resolve("109C", null)));
    List<Line> lines = Standings.judgedAttempts(f, List.of(new Standings.Judged(1, diverA), new Standings.Judged(2, diverB)));
    Line la = lines.stream().filter(l -> l.entryId() == 1).findFirst().orElseThrow();
    // 96.90 + 27 x 3.7 (99.90) + 24 x 3.4 (81.60) + 27 x 3.2 (86.40) + 24 x 3.6 (86.40) + 27 x 3.6 (97.20) = 548.40
    assertEquals("548.40", la.result().toPlainString());
    assertEquals(true, la.complete());
    assertEquals(6, la.have());
    assertEquals(6, la.need());
    Line lb = lines.stream().filter(l -> l.entryId() == 2).findFirst().orElseThrow();
    assertEquals("123.00", lb.result().toPlainString(), "dive 1 only: 30 x 4.1; dive 2 waits for four more judges");
    assertEquals(false, lb.complete());
    assertEquals("PENDING", lb.work().attempts().get(1).status());
    assertEquals(1, la.rank());
    assertEquals(2, lb.rank());
    Work.AttemptWork first = la.work().attempts().get(0);
    assertEquals("6245D", first.code());
    assertEquals("3.4", first.difficulty().toPlainString());
    assertEquals("96.90", first.score().toPlainString());
    // 9.5 9.5 9.5 10 9 9.5 9.5: the 10 and the 9 are struck, and of the 9.5s the first and the last.
    assertEquals(List.of(true, false, false, true, true, false, true),
        first.marks().stream().map(Work.MarkWork::dropped).toList());
    assertEquals("99.90", la.work().best().toPlainString(), "the best single dive");
    assertEquals(true, first.counting());
  }

  @Test
  void equalTotalsAreSeparatedByTheBestDive() {
    JudgedFormat f = JudgedFormat.parse(m("type", "judged", "aggregate", "trimmed_sum", "judges", 3, "trim", 0,
        "attempts", 2, "combine", "sum", "tieBreaks", List.of("best_single")));
    var a = new Standings.Judged(1, List.of(new JudgedAttempt(1, panel("8", "8", "8"), null),
        new JudgedAttempt(2, panel("6", "6", "6"), null)));
    var b = new Standings.Judged(2, List.of(new JudgedAttempt(1, panel("7", "7", "7"), null),
        new JudgedAttempt(2, panel("7", "7", "7"), null)));
    List<Line> lines = Standings.judgedAttempts(f, List.of(b, a));
    assertEquals(List.of(1L, 2L), lines.stream().map(Line::entryId).toList(), "42 each; A's best dive 24 beats 21");
    assertEquals("best_single", lines.get(0).decidedBy());
  }

  @Test
  void withoutADeclaredDifficultyTheDiveWaits() {
    JudgedFormat f = platform(TABLE);
    var a = new Standings.Judged(1, List.of(new JudgedAttempt(1, panel("9", "9", "9", "9", "9", "9", "9"), null)));
    Line l = Standings.judgedAttempts(f, List.of(a)).get(0);
    assertNull(l.result());
    assertEquals("PENDING", l.status());
  }

  @Test
  void aDifficultyOutsideTheDeclaredTableIsRefused() {
    Difficulty table = platform(TABLE).difficulty();
    Refusal unknown = assertThrows(Refusal.class, () -> table.resolve("999Z", null));
    assertEquals("DIFFICULTY_NOT_IN_TABLE", unknown.code());
    assertEquals(422, unknown.status());
    assertEquals("DIFFICULTY_NOT_IN_TABLE", assertThrows(Refusal.class, () -> table.resolve("109C", d("3.8"))).code(),
        "109C is 3.7 in the table");
    assertEquals("DIFFICULTY_NOT_IN_TABLE", assertThrows(Refusal.class, () -> table.resolve(null, d("4.9"))).code());
    assertEquals("109B", table.resolve(null, d("4.10")).code(), "a value the table lists names its code");
    Difficulty range = JudgedFormat.parse(m("type", "judged", "difficulty", m("min", 1.2, "max", 4.1))).difficulty();
    assertEquals("DIFFICULTY_OUT_OF_RANGE", assertThrows(Refusal.class, () -> range.resolve(null, d("4.2"))).code());
    assertEquals("FIELD_NOT_FOR_FORMAT", assertThrows(Refusal.class, () -> range.resolve("109C", null)).code());
    assertEquals("DIFFICULTY_REQUIRED", assertThrows(Refusal.class, () -> range.resolve(null, null)).code());
    assertEquals("4.1", range.resolve(null, d("4.1")).value().toPlainString());
  }

  @Test
  void badDifficultyTablesAndAttemptCountsAreInvalidFormats() {
    assertThrows(InvalidFormat.class, () -> platform(m("109C", 11)));
    assertThrows(InvalidFormat.class, () -> platform(m("bad code!", 3.0)));
    assertThrows(InvalidFormat.class, () -> platform(m()));
    assertThrows(InvalidFormat.class, () -> JudgedFormat.parse(m("type", "judged", "difficulty", m("min", 3, "max", 2))));
    assertThrows(InvalidFormat.class, () -> JudgedFormat.parse(m("type", "judged", "attempts", 11)));
    assertThrows(InvalidFormat.class, () -> JudgedFormat.parse(m("type", "judged", "attempts", 2, "combine", "median")));
  }
}
