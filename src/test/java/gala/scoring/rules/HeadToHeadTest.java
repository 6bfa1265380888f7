package gala.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gala.scoring.rules.HeadToHead.Match;
import gala.scoring.rules.HeadToHead.Standing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Match results to standings: points, and each tie-break deciding only what the earlier ones left tied. */
class HeadToHeadTest {

  private static HeadToHeadFormat format(List<String> tieBreaks) {
    return HeadToHeadFormat.parse(Map.of("type", "head_to_head", "tieBreaks", tieBreaks));
  }

  private static Standing of(List<Standing> table, long id) {
    return table.stream().filter(s -> s.entryId() == id).findFirst().orElseThrow();
  }

  private static List<Long> order(List<Standing> table) {
    return table.stream().map(Standing::entryId).toList();
  }

  @Test
  void pointsForWinsDrawsAndLosses() {
    List<Standing> t = HeadToHead.standings(format(List.of()), List.of(1L, 2L, 3L),
        List.of(new Match(1, 2, 3, 1), new Match(2, 3, 2, 2), new Match(3, 1, 0, 3)));
    Standing one = of(t, 1);
    assertEquals(6, one.points());
    assertEquals(2, one.won());
    assertEquals(6, one.scoreFor());
    assertEquals(1, one.scoreAgainst());
    assertEquals(5, one.scoreDifference());
    assertEquals(1, of(t, 2).points());
    assertEquals(1, of(t, 2).drawn());
    assertEquals(1, of(t, 3).lost() - 1 + of(t, 3).drawn(), "3 drew once and lost once");
    assertEquals(List.of(1L, 2L, 3L).get(0), order(t).get(0));
    assertEquals(2, of(t, 2).rank());
    assertEquals(2, of(t, 3).rank(), "2 and 3 share the place without tie-breaks");
    assertEquals(true, of(t, 3).tied());
  }

  @Test
  void configurablePointsLikeTwoOneZero() {
    HeadToHeadFormat f = HeadToHeadFormat.parse(Map.of("type", "head_to_head", "win", 2, "draw", 1, "loss", 0));
    List<Standing> t = HeadToHead.standings(f, List.of(1L, 2L), List.of(new Match(1, 2, 11, 9)));
    assertEquals(2, of(t, 1).points());
    assertEquals(0, of(t, 2).points());
  }

  @Test
  void headToHeadDecidesAmongTheTiedOnly() {
    // A, B, C all win one and lose one in the group; A beat B, B beat C, C beat A: head-to-head is
    // level, so score difference decides.
    List<Match> ms = List.of(new Match(1, 2, 3, 2), new Match(2, 3, 3, 0), new Match(3, 1, 3, 1));
    List<Standing> t = HeadToHead.standings(format(List.of("head_to_head", "score_difference")), List.of(1L, 2L, 3L), ms);
    // differences: A 3+1-2-3 = -1, B 2+3-3-0 = 2, C 0+3-3-1 = -1
    assertEquals(2L, order(t).get(0));
    assertEquals("score_difference", of(t, 2).decidedBy());
    assertEquals(2, of(t, 1).rank());
    assertEquals(2, of(t, 3).rank(), "still level after every rule: shared place");
  }

  @Test
  void headToHeadBeatsScoreDifferenceWhenListedFirst() {
    // 1 and 2 both on 6 points; 2 beat 1 directly but 1 has the better difference (+9 against +1).
    List<Match> ms = List.of(new Match(2, 1, 1, 0), new Match(1, 3, 9, 0), new Match(1, 4, 1, 0), new Match(2, 4, 1, 0),
        new Match(3, 2, 1, 0));
    List<Long> field = List.of(1L, 2L, 3L, 4L);
    List<Standing> h2hFirst = HeadToHead.standings(format(List.of("head_to_head", "score_difference")), field, ms);
    assertEquals(List.of(2L, 1L, 3L, 4L), order(h2hFirst));
    assertEquals("head_to_head", of(h2hFirst, 2).decidedBy());
    assertNull(of(h2hFirst, 3).decidedBy(), "3 is placed by points alone");
    List<Standing> diffFirst = HeadToHead.standings(format(List.of("score_difference", "head_to_head")), field, ms);
    assertEquals(1L, order(diffFirst).get(0));
    assertEquals("score_difference", of(diffFirst, 1).decidedBy());
  }

  @Test
  void buchholzSumsTheOpponentsPoints() {
    // Swiss: 1 and 2 both on 3 points; 1 beat 3 (who then drew and won: 4 points), 2 beat 4 (1 point).
    List<Match> ms = List.of(new Match(1, 3, 1, 0), new Match(2, 4, 1, 0), new Match(3, 4, 0, 0), new Match(3, 5, 1, 0));
    List<Standing> t = HeadToHead.standings(format(List.of("buchholz")), List.of(1L, 2L, 3L, 4L, 5L), ms);
    assertEquals(4, of(t, 1).buchholz());
    assertEquals(1, of(t, 2).buchholz());
    assertEquals(List.of(3L, 1L, 2L, 4L, 5L), order(t));
    assertEquals("buchholz", of(t, 1).decidedBy());
    assertEquals("buchholz", of(t, 2).decidedBy());
    assertNull(of(t, 5).decidedBy());
  }

  @Test
  void winsAndScoreForAsTieBreaks() {
    HeadToHeadFormat f = HeadToHeadFormat.parse(Map.of("type", "head_to_head", "win", 2, "draw", 1, "loss", 0,
        "tieBreaks", List.of("wins", "score_for")));
    // 1: one win one loss (2 pts); 2: two draws (2 pts) -> wins puts 1 first
    List<Match> ms = List.of(new Match(1, 3, 2, 0), new Match(1, 4, 0, 1), new Match(2, 3, 1, 1), new Match(2, 4, 5, 5));
    List<Standing> t = HeadToHead.standings(f, List.of(1L, 2L, 3L, 4L), ms);
    // 4 leads on 3 points; 1 (a win) goes ahead of 2 (two draws) on 2 points
    assertEquals(List.of(4L, 1L, 2L, 3L), order(t));
    assertEquals("wins", of(t, 1).decidedBy());
  }

  @Test
  void entriesWithoutMatchesStandOnZeroAndBadMatchesAreRefused() {
    List<Standing> t = HeadToHead.standings(format(List.of()), List.of(1L, 2L, 3L), List.of(new Match(1, 2, 1, 0)));
    assertEquals(0, of(t, 3).played());
    assertThrows(IllegalArgumentException.class, () -> new Match(1, 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Match(1, 2, -1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> HeadToHead.standings(format(List.of()), List.of(1L), List.of(new Match(1, 9, 1, 0))));
  }
}
