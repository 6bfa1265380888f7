package gala.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gala.scoring.rules.Attempts.Attempt;
import gala.scoring.rules.Attempts.Kind;
import gala.scoring.rules.Attempts.Outcome;
import gala.scoring.rules.Attempts.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Best of N, mean of N, average of 5 and the DNF / DNS / DQ rules, for timed and measured formats. */
class AttemptsTest {

  private static AttemptFormat format(String type, String aggregate, int attempts) {
    return AttemptFormat.parse(Map.of("type", type, "aggregate", aggregate, "attempts", attempts));
  }

  /** "12.5" is a value; DNF, DNS and DQ are outcomes. */
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

  private static void ok(String expected, Outcome o) {
    assertEquals(Status.OK, o.status(), o.toString());
    assertEquals(expected, o.value().toPlainString());
  }

  @Test
  void bestOfNTakesTheLowestTimeOrTheLongestDistance() {
    ok("12.31", Attempts.outcome(format("timed", "best", 3), a("12.50", "12.31", "DNF")));
    ok("6.12", Attempts.outcome(format("measured", "best", 3), a("5.90", "DNF", "6.12")));
  }

  @Test
  void bestOfNShowsTheBestSoFarBeforeTheLastAttempt() {
    Outcome partial = Attempts.outcome(format("measured", "best", 3), a("5.90"));
    ok("5.90", partial);
    assertEquals(false, partial.complete());
    assertEquals(Status.PENDING, Attempts.outcome(format("measured", "best", 3), a("DNF")).status());
    assertEquals(Status.PENDING, Attempts.outcome(format("measured", "best", 3), a()).status());
  }

  @Test
  void bestOfNWithoutAValidAttemptIsDnfAndAllDnsIsDns() {
    assertEquals(Status.DNF, Attempts.outcome(format("timed", "best", 2), a("DNF", "DNS")).status());
    assertEquals(Status.DNS, Attempts.outcome(format("timed", "best", 2), a("DNS", "DNS")).status());
  }

  @Test
  void anyDqDisqualifiesTheEntryAtOnce() {
    Outcome o = Attempts.outcome(format("timed", "best", 3), a("11.2", "DQ"));
    assertEquals(Status.DQ, o.status());
    assertEquals(true, o.complete());
    assertNull(o.value());
  }

  @Test
  void meanOfNNeedsEveryAttemptValid() {
    ok("10.40", Attempts.outcome(format("timed", "mean", 3), a("10.10", "10.50", "10.60")));
    assertEquals(Status.DNF, Attempts.outcome(format("timed", "mean", 3), a("10.10", "DNF", "10.60")).status());
    assertEquals(Status.PENDING, Attempts.outcome(format("timed", "mean", 3), a("10.10", "10.50")).status());
  }

  @Test
  void averageOfFiveDropsTheBestAndTheWorst() {
    // drop 9.80 (best) and 12.00 (worst): (10.00 + 10.20 + 11.05) / 3 = 10.4166.. -> 10.42
    ok("10.42", Attempts.outcome(format("timed", "average_of_5", 5), a("10.00", "9.80", "12.00", "10.20", "11.05")));
    // measured: higher is better, so the best is the largest
    ok("20.00", Attempts.outcome(format("measured", "average_of_5", 5), a("10", "20", "30", "19", "21")));
  }

  @Test
  void averageOfFiveCountsOneDnfAsTheWorstAndTwoMakeItDnf() {
    ok("10.20", Attempts.outcome(format("timed", "average_of_5", 5), a("10.00", "9.80", "DNF", "10.20", "10.40")));
    assertEquals(Status.DNF, Attempts.outcome(format("timed", "average_of_5", 5), a("10", "DNF", "11", "DNS", "12")).status());
  }

  @Test
  void decimalsKeepExactValues() {
    // 9.35 stays 9.35 through a mean: (9.3 + 9.35 + 9.4) / 3 = 9.35
    ok("9.35", Attempts.outcome(format("timed", "mean", 3), a("9.3", "9.35", "9.4")));
  }

  @Test
  void moreAttemptsThanTheFormatAllowsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Attempts.outcome(format("timed", "best", 2), a("1", "2", "3")));
    assertThrows(IllegalArgumentException.class, () -> new Attempt(Kind.DNF, BigDecimal.ONE));
    assertThrows(IllegalArgumentException.class, () -> new Attempt(Kind.VALUE, null));
  }

  @Test
  void nthBestKeysRankHigherIsBetter() {
    AttemptFormat timed = format("timed", "best", 3);
    assertEquals("-10.5", Attempts.nthBestKey(timed, a("11", "10.5", "DNF"), 1).toPlainString());
    assertEquals("-11", Attempts.nthBestKey(timed, a("11", "10.5", "DNF"), 2).toPlainString());
    assertNull(Attempts.nthBestKey(timed, a("11", "10.5", "DNF"), 3));
  }
}
