package gala.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import gala.scoring.rules.Attempts.Attempt;
import gala.scoring.rules.Attempts.Kind;
import gala.scoring.rules.Standings.Line;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A round's standings: ranked first with tie-breaks, then waiting, then DNF, DNS, DQ. */
class StandingsTest {

  private static Standings.Panel panel(long id, String... marks) {
    List<Map<String, BigDecimal>> m = new ArrayList<>();
    for (String x : marks) {
      m.add(Map.of("score", new BigDecimal(x)));
    }
    return new Standings.Panel(id, m, null);
  }

  @Test
  void judgedTiesAreBrokenByTheConfiguredRulesInOrder() {
    JudgedFormat f = JudgedFormat.parse(Map.of("type", "judged", "aggregate", "trimmed_mean", "judges", 3,
        "tieBreaks", List.of("total_marks", "highest_mark")));
    // All three have a trimmed mean of 9.00. Totals: 1 -> 27.5, 2 -> 26.0, 3 -> 27.5; highest: 1 -> 9.5, 3 -> 10.
    List<Line> lines = Standings.judged(f, List.of(panel(1, "9", "9.5", "9"), panel(2, "8", "9", "9"),
        panel(3, "8.5", "9", "10"), panel(4, "9", "9")));
    assertEquals(List.of(3L, 1L, 2L, 4L), lines.stream().map(Line::entryId).toList());
    assertEquals("highest_mark", lines.get(0).decidedBy());
    assertEquals("highest_mark", lines.get(1).decidedBy());
    assertEquals("total_marks", lines.get(2).decidedBy());
    assertEquals(List.of(1, 2, 3), lines.subList(0, 3).stream().map(Line::rank).toList());
    Line waiting = lines.get(3);
    assertNull(waiting.rank());
    assertEquals("PENDING", waiting.status());
    assertEquals(2, waiting.have());
    assertEquals(3, waiting.need());
  }

  @Test
  void withoutTieBreaksEqualResultsShareThePlace() {
    JudgedFormat f = JudgedFormat.parse(Map.of("type", "judged", "judges", 1));
    List<Line> lines = Standings.judged(f, List.of(panel(1, "9.35"), panel(2, "9.35"), panel(3, "9.4")));
    assertEquals(List.of(1, 2, 2), lines.stream().map(Line::rank).toList());
    assertEquals("9.35", lines.get(1).result().toPlainString());
    assertEquals(true, lines.get(1).tied());
  }

  private static Standings.Series series(long id, String... xs) {
    List<Attempt> out = new ArrayList<>();
    for (String x : xs) {
      out.add(x.matches("[A-Z]+") ? Attempt.of(Kind.valueOf(x)) : Attempt.of(x));
    }
    return new Standings.Series(id, out);
  }

  @Test
  void timedStandingsPutLowerFirstThenWaitingThenFailures() {
    AttemptFormat f = AttemptFormat.parse(Map.of("type", "timed", "aggregate", "best", "attempts", 2,
        "tieBreaks", List.of("second_best")));
    List<Line> lines = Standings.attempts(f, List.of(series(1, "12.0", "11.0"), series(2, "DQ"), series(3, "11.0", "11.5"),
        series(4, "DNS", "DNS"), series(5), series(6, "DNF", "DNF")));
    assertEquals(List.of(3L, 1L, 5L, 6L, 4L, 2L), lines.stream().map(Line::entryId).toList());
    assertEquals("second_best", lines.get(0).decidedBy());
    assertEquals(List.of("OK", "OK", "PENDING", "DNF", "DNS", "DQ"), lines.stream().map(Line::status).toList());
    assertNull(lines.get(3).rank());
  }

  @Test
  void aChangeOfWaitingEntriesKeepsTheRankingAndReplacesOnlyTheirLines() {
    JudgedFormat f = JudgedFormat.parse(Map.of("type", "judged", "aggregate", "trimmed_mean", "judges", 3,
        "tieBreaks", List.of("total_marks", "highest_mark")));
    List<Standings.Judged> field = new ArrayList<>();
    field.add(judged(1, "9", "9.5", "9"));
    field.add(judged(2, "8"));
    field.add(judged(3, "8.5", "9", "10"));
    field.add(judged(4));
    field.add(judged(5, "7", "7.5", "7"));
    List<Standings.Scored> before = field.stream().map(j -> Standings.scored(f, j)).toList();
    List<Line> ranked = Standings.rank(f, before);
    // Entry 2 gets a second mark and entry 4 its first: both still wait for their panels.
    List<Standings.Judged> after = new ArrayList<>(field);
    after.set(1, judged(2, "8", "8.5"));
    after.set(3, judged(4, "9"));
    List<Standings.Scored> scored = after.stream().map(j -> Standings.scored(f, j)).toList();
    List<Line> quick = Standings.rankWaiting(ranked, Map.of(2L, before.get(1), 4L, before.get(3)),
        Map.of(2L, scored.get(1), 4L, scored.get(3)));
    assertEquals(Standings.rank(f, scored), quick);
    assertEquals(List.of(3L, 1L, 5L, 2L, 4L), quick.stream().map(Line::entryId).toList());
    assertEquals(2, quick.get(3).have());
    // Entry 2's panel completes: it takes a place, so the round is ranked again (null here).
    Standings.Scored complete = Standings.scored(f, judged(2, "8", "8.5", "9.9"));
    assertNull(Standings.rankWaiting(ranked, Map.of(2L, before.get(1)), Map.of(2L, complete)));
    // A ranked entry's change is no waiting one either.
    assertNull(Standings.rankWaiting(ranked, Map.of(1L, before.get(0)), Map.of(1L, Standings.scored(f, judged(1, "9")))));
  }

  private static Standings.Judged judged(long id, String... marks) {
    List<Standings.Mark> panel = new ArrayList<>();
    for (int i = 0; i < marks.length; i++) {
      panel.add(new Standings.Mark(i + 1, Map.of("score", new BigDecimal(marks[i]))));
    }
    return new Standings.Judged(id, panel.isEmpty() ? List.of() : List.of(new Standings.JudgedAttempt(1, panel, null)));
  }
}
