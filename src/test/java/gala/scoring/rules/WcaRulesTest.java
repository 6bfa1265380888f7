package gala.scoring.rules;

import static gala.scoring.rules.Maps.m;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.scoring.rules.Attempts.Attempt;
import gala.scoring.rules.Attempts.Kind;
import gala.scoring.rules.Attempts.Outcome;
import gala.scoring.rules.Attempts.Status;
import gala.scoring.rules.Standings.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Speedcubing's federation details, from the WCA Regulations (github.com/thewca/wca-regulations,
 * wca-regulations.md at 586f970, February 2024) and the WCA's own live results software
 * (github.com/thewca/wca-live, test/wca_live/scoretaking):
 * <ul>
 *   <li>9f2: "All timed results, averages, and means over 10 minutes ... are measured and rounded to
 *   the nearest second (e.g. X.49 becomes X, X.50 becomes X+1)";</li>
 *   <li>9f8/9f9: the average of 5 drops the best and the worst, one DNF counts as the worst;</li>
 *   <li>9f14: "if two or more competitors achieve identical average/mean results, rankings are
 *   assessed based on the best attempt";</li>
 *   <li>9g: a cutoff round continues only for competitors "strictly better than" the cutoff in one
 *   of the cutoff phase attempts;</li>
 *   <li>A1a4: "If a competitor's timer reaches the time limit ... the judge ... records the result as DNF";</li>
 *   <li>9p1: "At least 25% of competitors must be eliminated between consecutive rounds".</li>
 * </ul>
 */
class WcaRulesTest {

  /** WCA formats: times in seconds with hundredths, over 10 minutes rounded to the second (9f2). */
  private static AttemptFormat wca(String aggregate, int attempts, Object... more) {
    Map<String, Object> f = m("type", "timed", "aggregate", aggregate, "attempts", attempts, "decimals", 2,
        "rounding", m("over", 600, "unit", 1), "tieBreaks", List.of("best_single"));
    for (int i = 0; i < more.length; i += 2) {
      f.put((String) more[i], more[i + 1]);
    }
    return AttemptFormat.parse(f);
  }

  private static List<Attempt> a(String... xs) {
    List<Attempt> out = new ArrayList<>();
    for (String x : xs) {
      out.add(switch (x) {
        case "DNF", "DNS", "DQ" -> Attempt.of(Kind.valueOf(x));
        default -> Attempt.of(x);
      });
    }
    return out;
  }

  private static String value(Outcome o) {
    assertEquals(Status.OK, o.status(), o.toString());
    return o.value().toPlainString();
  }

  @Test
  void meansOver10MinutesAreRoundedToTheSecondHalfUp() {
    AttemptFormat mo3 = wca("mean", 3);
    // 9f2's own example, as a mean of three equal solves: 10:15.49 becomes 10:15, 10:15.50 becomes 10:16.
    assertEquals("615.00", value(Attempts.outcome(mo3, a("615.49", "615.49", "615.49"))));
    assertEquals("616.00", value(Attempts.outcome(mo3, a("615.50", "615.50", "615.50"))));
    // wca-live attempt_result_test "truncates averages over 10 minutes to seconds": 600.41 x 3 -> 600, 600.51 x 3 -> 601.
    assertEquals("600.00", value(Attempts.outcome(mo3, a("600.41", "600.41", "600.41"))));
    assertEquals("601.00", value(Attempts.outcome(mo3, a("600.51", "600.51", "600.51"))));
    // Under 10 minutes a mean keeps its hundredths: (599.00 + 599.99 + 599.98) / 3 = 599.6566.. -> 599.66.
    assertEquals("599.66", value(Attempts.outcome(mo3, a("599.00", "599.99", "599.98"))));
    // Rounded once from the exact mean: (599.49 + 601 + 601) / 3 = 600.4966.. is 600, not 600.50 -> 601.
    assertEquals("600.00", value(Attempts.outcome(mo3, a("599.49", "601.00", "601.00"))));
  }

  @Test
  void singlesOver10MinutesAreRoundedToo() {
    AttemptFormat bo3 = wca("best", 3, "tieBreaks", List.of());
    Outcome o = Attempts.outcome(bo3, a("615.49", "DNF", "630.50"));
    assertEquals("615.00", value(o));
    assertEquals("631", o.attempts().get(2).value().toPlainString(), "9f2: 10:30.50 becomes 10:31");
  }

  @Test
  void publishedAveragesOfFiveDropTheBestAndTheWorst() {
    AttemptFormat ao5 = wca("average_of_5", 5);
    // Max Park, 3x3x3 One-Handed world record average at the 2017 World Championship (supermonkeycube.blogspot.com):
    // (12.71), (9.76), 9.77, 10.15, 11.01 = 10.31.
    Outcome park = Attempts.outcome(ao5, a("12.71", "9.76", "9.77", "10.15", "11.01"));
    assertEquals("10.31", value(park));
    assertEquals(List.of(false, false, true, true, true), park.attempts().stream().map(Attempts.Counted::counting).toList());
    assertEquals("9.76", park.best().toPlainString());
    // Drew Brads, Pyraminx world record average, same championship: (1.52), 1.70, 2.26, (3.21), 2.17 = 2.04.
    assertEquals("2.04", value(Attempts.outcome(ao5, a("1.52", "1.70", "2.26", "3.21", "2.17"))));
  }

  @Test
  void equalAveragesAreRankedByTheBestSingle() {
    // 9f14, as wca-live's ranking_test "orders by best results with the same average": both average 9.80,
    // bests 9.50 and 9.00, so the 9.00 ranks first.
    AttemptFormat ao5 = wca("average_of_5", 5);
    List<Line> lines = Standings.attempts(ao5, List.of(
        new Standings.Series(1, a("9.50", "9.80", "9.80", "9.80", "10.50")),
        new Standings.Series(2, a("9.00", "9.70", "9.80", "9.90", "12.00"))));
    assertEquals(List.of(2L, 1L), lines.stream().map(Line::entryId).toList());
    assertEquals("9.80", lines.get(0).result().toPlainString());
    assertEquals("9.80", lines.get(1).result().toPlainString());
    assertEquals("best_single", lines.get(0).decidedBy());
    assertEquals(List.of(1, 2), lines.stream().map(Line::rank).toList());
    assertEquals("9.00", lines.get(0).work().best().toPlainString());
  }

  @Test
  void equalAveragesAndEqualBestsShareThePlace() {
    // 9f15; wca-live "assigns the same ranking to results with the same best and average".
    AttemptFormat ao5 = wca("average_of_5", 5);
    List<Line> lines = Standings.attempts(ao5, List.of(
        new Standings.Series(1, a("7.00", "8.00", "8.00", "8.00", "9.00")),
        new Standings.Series(2, a("9.00", "10.00", "10.00", "10.00", "11.00")),
        new Standings.Series(3, a("9.00", "8.00", "7.00", "8.00", "8.00"))));
    assertEquals(List.of(1, 1, 3), lines.stream().map(Line::rank).toList());
  }

  @Test
  void aDnfAverageIsRankedAfterTheAveragesByItsBestSingleWhenTheFormatSaysSo() {
    // wca-live "orders by average in the first place": a DNF average with a 10.00 single ranks third.
    AttemptFormat ao5 = wca("average_of_5", 5, "fallbackToBest", true);
    List<Line> lines = Standings.attempts(ao5, List.of(
        new Standings.Series(1, a("10.00", "DNF", "DNF", "11.00", "12.00")),
        new Standings.Series(2, a("10.00", "10.90", "10.90", "10.90", "11.00")),
        new Standings.Series(3, a("9.50", "9.80", "9.80", "9.80", "10.50"))));
    assertEquals(List.of(3L, 2L, 1L), lines.stream().map(Line::entryId).toList());
    assertEquals(3, lines.get(2).rank());
    assertEquals("DNF", lines.get(2).status());
    assertNull(lines.get(2).result());
    assertEquals("10.00", lines.get(2).work().best().toPlainString());
  }

  @Test
  void aCutoffEndsTheRoundForThoseWhoDoNotBeatIt() {
    // 9g's example: "Best of 2" with a cutoff "strictly better than 2 minutes", then the rest of an average of 5.
    AttemptFormat f = wca("average_of_5", 5, "cutoff", m("attempts", 2, "beat", 120));
    Outcome missed = Attempts.outcome(f, a("120.00", "125.31"));
    assertEquals(Status.CUTOFF, missed.status(), "2:00.00 is not strictly better than 2:00");
    assertTrue(missed.complete());
    assertFalse(Attempts.mayContinue(f, a("120.00", "125.31")));
    assertTrue(Attempts.mayContinue(f, a("130.00", "119.99")));
    assertEquals(Status.PENDING, Attempts.outcome(f, a("130.00", "119.99")).status());
    assertEquals(Status.DNF, Attempts.outcome(f, a("DNF", "DNF")).status(), "no single at all");
    List<Line> lines = Standings.attempts(f, List.of(
        new Standings.Series(1, a("120.00", "125.31")),
        new Standings.Series(2, a("118.00", "121.00", "119.00", "122.00", "117.00")),
        new Standings.Series(3, a("121.00", "119.50"))));
    assertEquals(List.of(2L, 1L, 3L), lines.stream().map(Line::entryId).toList(),
        "the average first; the one who missed the cutoff next, by best single; the one still competing last");
    assertEquals(2, lines.get(1).rank());
    assertEquals("CUTOFF", lines.get(1).status());
    assertEquals("PENDING", lines.get(2).status());
  }

  @Test
  void anAttemptReachingTheTimeLimitIsDnf() {
    AttemptFormat f = wca("mean", 3, "timeLimit", 600);
    Outcome o = Attempts.outcome(f, a("599.99", "600.00", "580.00"));
    assertEquals(Status.DNF, o.status(), "A1a4: reaching 10:00.00 is a DNF, so the mean is DNF (9f11)");
    Attempts.Counted limit = o.attempts().get(1);
    assertEquals(Kind.DNF, limit.kind());
    assertTrue(limit.overLimit());
    assertEquals("600.00", limit.entered().toPlainString(), "the time entered stays visible");
    assertEquals("590.00", value(Attempts.outcome(f, a("599.99", "590.01", "580.00"))));
  }

  @Test
  void federationFieldsThatCannotWorkAreRefused() {
    assertThrows(InvalidFormat.class, () -> wca("average_of_5", 5, "cutoff", m("attempts", 5, "beat", 120)));
    assertThrows(InvalidFormat.class, () -> wca("best", 3, "cutoff", m("attempts", 1, "beat", 120)));
    assertThrows(InvalidFormat.class, () -> wca("mean", 3, "cutoff", m("attempts", 1, "beat", 0)));
    assertThrows(InvalidFormat.class, () -> wca("mean", 3, "timeLimit", -1));
    assertThrows(InvalidFormat.class, () -> AttemptFormat.parse(m("type", "measured", "attempts", 3, "timeLimit", 60)));
    assertThrows(InvalidFormat.class, () -> wca("mean", 3, "rounding", m("over", 600, "unit", 0)));
    assertThrows(InvalidFormat.class, () -> wca("mean", 3, "rounding", m("over", 600, "step", 1)));
  }

  @Test
  void atMost75PercentOfARoundAdvance() {
    // 9p1; wca-live advancing.ex: max_qualifying = floor(competitors * 0.75), and those tied at the cap stay out together.
    Advancement.Rule top8 = Advancement.Rule.parse(m("top", 8, "maxPercent", 75));
    List<Advancement.Placed<Long>> field = new ArrayList<>();
    int[] ranks = {1, 2, 3, 4, 5, 6, 6, 8};
    for (int i = 0; i < ranks.length; i++) {
      field.add(new Advancement.Placed<>((long) i, ranks[i], Maps.d("10")));
    }
    // 8 competitors: at most 6; places 6 and 6 would make 7, so both stay out: 5 advance.
    assertEquals(5, Advancement.select(top8, field, 8, true).size());
    // 12 competitors (4 without a place): at most 9; all 8 ranked advance.
    assertEquals(8, Advancement.select(top8, field, 12, true).size());
    Advancement.Rule plain = Advancement.Rule.parse(m("top", 8));
    assertEquals(8, Advancement.select(plain, field, 8, true).size(), "without a cap the top 8 go through");
    assertEquals("top 8, at most 75%", top8.describe(true));
    assertThrows(InvalidFormat.class, () -> Advancement.Rule.parse(m("top", 8, "maxPercent", 0)));
    assertThrows(InvalidFormat.class, () -> Advancement.Rule.parse(m("maxPercent", 75)));
  }
}
