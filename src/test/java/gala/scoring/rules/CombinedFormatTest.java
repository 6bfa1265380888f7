package gala.scoring.rules;

import static gala.scoring.rules.Maps.d;
import static gala.scoring.rules.Maps.m;
import static gala.scoring.rules.Maps.panel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gala.scoring.rules.CombinedScoring.Attempt;
import gala.scoring.rules.CombinedScoring.PartInput;
import gala.scoring.rules.Standings.Line;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Results made of parts combined by a declared formula: ski jumping (distance points from the
 * K-point + the middle three of five style marks + a wind compensation, two jumps added) and a
 * workers' skills contest (theory 30% + practical 70% + a time bonus from a table - deductions).
 */
class CombinedFormatTest {

  /**
   * FIS ski jumping: 60 points at the K-point, then a meter value by hill size (K 80-99: 2.0, K
   * 100-169: 1.8; the FIS table as printed by sportlexikon.com and spox.com); five judges, "the best and
   * the worst mark are struck" (dpa, 2017: marks 19, 18, 18, 17.5, 17.5 give 53.5 points); wind and
   * gate compensation points are measured by the jury's system and entered.
   */
  static CombinedFormat skiJumping(int k, String meterValue) {
    return CombinedFormat.parse(m("type", "combined", "attempts", 2, "combine", "sum", "decimals", 1,
        "parts", List.of(
            m("name", "distance", "label", "距离", "input", "measured", "unit", "m", "min", 0, "max", 300,
                "points", m("linear", m("at", k, "base", 60, "per", new BigDecimal(meterValue)))),
            m("name", "style", "label", "姿势", "input", "judged", "judges", 5, "aggregate", "trimmed_sum", "trim", 1,
                "min", 0, "max", 20),
            m("name", "wind", "label", "风力补偿", "input", "points", "min", -50, "max", 50)),
        "formula", m("kind", "sum"), "tieBreaks", List.of("part:distance")));
  }

  private static Attempt jump(int n, String distance, List<Standings.Mark> style, String wind) {
    return new Attempt(n, List.of(new PartInput("distance", null, d(distance)), new PartInput("style", style, null),
        new PartInput("wind", null, d(wind))));
  }

  @Test
  void distancePointsFollowTheKPointAndTheMeterValue() {
    Part large = skiJumping(120, "1.8").part("distance");
    // sportlexikon.com: on a K 120 hill, 120 m is 60 points, 140 m is 60 + 1.8 x 20 = 96 points.
    assertEquals(0, large.points().points(d("120")).compareTo(d("60")));
    assertEquals(0, large.points().points(d("140")).compareTo(d("96")));
    // pandawhale.com (Sochi 2014): K 95, 2.0 per metre: 101 m -> 72 points, 93 m -> 56; K 125, 1.8: 129 m -> 67.2, 118 m -> 47.4.
    Part normal = skiJumping(95, "2.0").part("distance");
    assertEquals(0, normal.points().points(d("101")).compareTo(d("72")));
    assertEquals(0, normal.points().points(d("93")).compareTo(d("56")));
    Part k125 = skiJumping(125, "1.8").part("distance");
    assertEquals(0, k125.points().points(d("129")).compareTo(d("67.2")));
    assertEquals(0, k125.points().points(d("118")).compareTo(d("47.4")));
  }

  @Test
  void aJumpIsDistancePlusTheMiddleThreeStyleMarksPlusCompensationAndTwoJumpsAdd() {
    CombinedFormat f = skiJumping(120, "1.8");
    // 140 m on K 120 (96.0) + the dpa marks 19, 18, 18, 17.5, 17.5 (53.5) + a wind compensation of -3.2 = 146.3.
    var a = new CombinedScoring.Entry(1, List.of(jump(1, "140", panel("19", "18", "18", "17.5", "17.5"), "-3.2"),
        jump(2, "131.5", panel("18", "18.5", "18", "18", "17"), "2.4")));
    // Second jump: 60 + 1.8 x 11.5 = 80.7; style 18 + 18 + 18 = 54; + 2.4 = 137.1. Total 283.4.
    var b = new CombinedScoring.Entry(2, List.of(jump(1, "138", panel("18", "18", "18", "18", "18"), "0")));
    List<Line> lines = CombinedScoring.standings(f, List.of(b, a));
    Line la = lines.get(0);
    assertEquals(1L, la.entryId());
    assertEquals("283.4", la.result().toPlainString());
    Work.AttemptWork first = la.work().attempts().get(0);
    assertEquals("146.3", first.score().toPlainString());
    assertEquals(List.of("96.0", "53.5", "-3.2"), first.parts().stream().map(p -> p.points().toPlainString()).toList());
    assertEquals("140", first.parts().get(0).value().toPlainString());
    assertEquals(List.of(true, false, false, true, false),
        first.parts().get(1).marks().stream().map(Work.MarkWork::dropped).toList(), "the 19 and one 17.5 are struck");
    Line lb = lines.get(1);
    assertEquals("146.4", lb.result().toPlainString(), "one jump so far: 92.4 + 54 + 0");
    assertEquals(1, lb.have());
    assertEquals(2, lb.need());
    assertEquals(false, lb.complete());
    assertEquals("距离 + 姿势 + 风力补偿", f.formulaText());
  }

  @Test
  void equalTotalsAreSeparatedByAPartsPoints() {
    CombinedFormat f = skiJumping(120, "1.8");
    var a = new CombinedScoring.Entry(1, List.of(jump(1, "130", panel("18", "18", "18", "18", "18"), "0")));
    var b = new CombinedScoring.Entry(2, List.of(jump(1, "125", panel("20", "20", "20", "20", "20"), "3")));
    // A: 78 + 54 = 132; B: 69 + 60 + 3 = 132; A jumped further.
    List<Line> lines = CombinedScoring.standings(f, List.of(b, a));
    assertEquals(List.of(1L, 2L), lines.stream().map(Line::entryId).toList());
    assertEquals("part:distance", lines.get(0).decidedBy());
  }

  /** Theory 30% + practical 70% (three judges, mean of two criteria) + a time bonus - deductions. */
  static CombinedFormat skillsContest() {
    return CombinedFormat.parse(m("type", "combined", "decimals", 2,
        "parts", List.of(
            m("name", "theory", "label", "理论", "input", "points", "min", 0, "max", 100),
            m("name", "practical", "label", "实操", "input", "judged", "judges", 3, "aggregate", "mean", "min", 0, "max", 100,
                "criteria", List.of(m("name", "process", "weight", 0.6), m("name", "result", "weight", 0.4))),
            m("name", "time", "label", "用时加分", "input", "timed", "unit", "s", "min", 0, "max", 7200,
                "points", m("table", List.of(m("upTo", 1800, "points", 5), m("upTo", 2400, "points", 3), m("upTo", 3000, "points", 1)))),
            m("name", "penalty", "label", "扣分", "input", "points", "min", 0, "max", 20, "deduction", true)),
        "formula", m("kind", "weighted", "weights", m("theory", 0.3, "practical", 0.7, "time", 1, "penalty", 1)),
        "tieBreaks", List.of("part:practical")));
  }

  private static Standings.Mark judge(long id, String process, String result) {
    return new Standings.Mark(id, Map.of("process", d(process), "result", d(result)));
  }

  @Test
  void aSkillsContestWeighsTheoryAndPracticeAndAddsATimeBonus() {
    CombinedFormat f = skillsContest();
    var worker = new CombinedScoring.Entry(7, List.of(new Attempt(1, List.of(
        new PartInput("theory", null, d("86")),
        new PartInput("practical", List.of(judge(1, "90", "95"), judge(2, "88", "92"), judge(3, "92", "90")), null),
        new PartInput("time", null, d("2100")),
        new PartInput("penalty", null, d("1.5"))))));
    // practical: process mean 90 x 0.6 = 54, result mean 92.333.. x 0.4 = 36.9333..: 90.9333..
    // 0.3 x 86 = 25.8; 0.7 x 90.9333.. = 63.6533..; 35 minutes is within 40: +3; -1.5: 90.9533.. -> 90.95
    Line l = CombinedScoring.standings(f, List.of(worker)).get(0);
    assertEquals("90.95", l.result().toPlainString());
    assertEquals(List.of("86.00", "90.93", "3.00", "1.50"),
        l.work().attempts().get(0).parts().stream().map(p -> p.points().toPlainString()).toList());
    assertEquals("0.3 × 理论 + 0.7 × 实操 + 用时加分 − 扣分", f.formulaText());
  }

  @Test
  void aPointsTableGivesTheFirstStepReached() {
    Part.Conversion time = skillsContest().part("time").points();
    assertEquals("5", time.points(d("1800")).toPlainString());
    assertEquals("3", time.points(d("1800.01")).toPlainString());
    assertEquals("1", time.points(d("3000")).toPlainString());
    assertEquals("0", time.points(d("3000.5")).toPlainString());
    Part.Conversion jump = CombinedFormat.parse(m("type", "combined", "parts", List.of(m("name", "jump", "label", "立定跳远",
        "input", "measured", "points", m("table", List.of(m("atLeast", 2.0, "points", 60), m("atLeast", 2.5, "points", 100))))))).part("jump").points();
    assertEquals("100", jump.points(d("2.63")).toPlainString(), "the highest step reached, whatever the order listed");
    assertEquals("60", jump.points(d("2.0")).toPlainString());
    assertEquals("0", jump.points(d("1.99")).toPlainString());
  }

  @Test
  void aLinearTimeBonusEarnsMoreForFasterAndStaysWithinItsBounds() {
    // One point per minute under 40 minutes, at most 5, never negative.
    Part.Conversion bonus = CombinedFormat.parse(m("type", "combined", "parts", List.of(m("name", "t", "label", "用时",
        "input", "timed", "points", m("linear", m("at", 2400, "base", 0, "per", d("0.0166666667"), "floor", 0, "cap", 5))))))
        .part("t").points();
    assertEquals(0, bonus.points(d("2400")).compareTo(BigDecimal.ZERO));
    assertEquals("2.00", bonus.points(d("2280")).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
    assertEquals("5", bonus.points(d("600")).toPlainString());
    assertEquals("0", bonus.points(d("3000")).toPlainString());
  }

  @Test
  void anAttemptWaitsForEveryPart() {
    CombinedFormat f = skillsContest();
    var worker = new CombinedScoring.Entry(7, List.of(new Attempt(1, List.of(new PartInput("theory", null, d("86")),
        new PartInput("practical", List.of(judge(1, "90", "95")), null)))));
    Line l = CombinedScoring.standings(f, List.of(worker)).get(0);
    assertNull(l.result());
    assertEquals("PENDING", l.status());
    assertNull(l.work().attempts().get(0).parts().get(1).points(), "two judges still to mark the practical task");
    assertEquals("86.00", l.work().attempts().get(0).parts().get(0).points().toPlainString());
  }

  @Test
  void aFormulaThatReferencesAMissingPartIsRefusedWithItsOwnCode() {
    InvalidFormat e = assertThrows(InvalidFormat.class, () -> CombinedFormat.parse(m("type", "combined",
        "parts", List.of(m("name", "theory", "label", "理论")),
        "formula", m("kind", "weighted", "weights", m("theory", 0.3, "practical", 0.7)))));
    assertEquals("FORMULA_UNKNOWN_PART", e.code());
    InvalidFormat tb = assertThrows(InvalidFormat.class, () -> CombinedFormat.parse(m("type", "combined",
        "parts", List.of(m("name", "theory", "label", "理论")), "tieBreaks", List.of("part:practical"))));
    assertEquals("FORMULA_UNKNOWN_PART", tb.code());
    InvalidFormat missingWeight = assertThrows(InvalidFormat.class, () -> CombinedFormat.parse(m("type", "combined",
        "parts", List.of(m("name", "theory", "label", "理论"), m("name", "practical", "label", "实操")),
        "formula", m("kind", "weighted", "weights", m("theory", 0.3)))));
    assertEquals("INVALID_FORMAT", missingWeight.code());
  }

  @Test
  void combinedFormatsThatCannotWorkAreRefused() {
    assertThrows(InvalidFormat.class, () -> CombinedFormat.parse(m("type", "combined", "parts", List.of())));
    assertThrows(InvalidFormat.class, () -> CombinedFormat.parse(m("type", "combined",
        "parts", List.of(m("name", "a", "label", "A"), m("name", "a", "label", "B")))));
    assertThrows(InvalidFormat.class, () -> CombinedFormat.parse(m("type", "combined",
        "parts", List.of(m("name", "a", "label", "A", "input", "judged", "points", m("linear", m("per", 1)))))));
    assertThrows(InvalidFormat.class, () -> CombinedFormat.parse(m("type", "combined",
        "parts", List.of(m("name", "a", "label", "A", "input", "points", "judges", 3)))));
    assertThrows(InvalidFormat.class, () -> CombinedFormat.parse(m("type", "combined",
        "parts", List.of(m("name", "a", "label", "A", "input", "timed", "points", m("linear", m("per", 0)))))));
    assertThrows(InvalidFormat.class, () -> CombinedFormat.parse(m("type", "combined",
        "parts", List.of(m("name", "a", "label", "A", "input", "smell")))));
    assertThrows(InvalidFormat.class, () -> CombinedFormat.parse(m("type", "combined",
        "parts", List.of(m("name", "a", "label", "A")), "formula", m("kind", "product"))));
    assertThrows(InvalidFormat.class, () -> CombinedFormat.parse(m("type", "combined",
        "parts", List.of(m("name", "a", "label", "A")), "formula", m("kind", "weighted", "weights", m("a", -1)))));
    assertEquals("combined", Format.parse(m("type", "combined", "parts", List.of(m("name", "a", "label", "A")))).type());
  }
}
