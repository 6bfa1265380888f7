package gala.draws.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.draws.rules.Progress.Match;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static Match played(int round, int slot, long a, long b, int sa, int sb) {
    return new Match(round, slot, a, b, false, sa, sb);
  }

  private static Match open(int round, int slot, Long a, Long b) {
    return new Match(round, slot, a, b, false, null, null);
  }

  private static Match bye(int round, int slot, long a) {
    return new Match(round, slot, a, null, true, null, null);
  }

  @Test
  void winnerIsTheHigherScoreTheByeTakerOrNobody() {
    assertEquals(1L, played(1, 0, 1, 2, 3, 1).winner());
    assertEquals(2L, played(1, 0, 1, 2, 0, 1).winner());
    assertNull(played(1, 0, 1, 2, 2, 2).winner(), "a draw has no winner");
    assertNull(open(1, 0, 1L, 2L).winner());
    assertEquals(7L, bye(1, 0, 7).winner());
    assertTrue(bye(1, 0, 7).decided());
    assertFalse(open(1, 0, 1L, null).decided());
  }

  @Test
  void roundsFinishWhenEveryMatchIsDecidedAndTheCurrentRoundIsTheFirstOpenOne() {
    List<Match> ms = List.of(played(1, 0, 1, 2, 1, 0), bye(1, 1, 3), open(2, 0, 1L, 3L), open(3, 0, null, null));
    assertEquals(3, Progress.lastRound(ms));
    assertTrue(Progress.finished(ms, 1));
    assertFalse(Progress.finished(ms, 2));
    assertEquals(1, Progress.open(ms, 2));
    assertEquals(2, Progress.currentRound(ms));
    assertEquals(1, Progress.currentRound(List.of(played(1, 0, 1, 2, 1, 0))), "all decided: the last round");
    assertEquals(0, Progress.lastRound(List.of()));
  }

  @Test
  void swissPointsCountWinsDrawsAndByesAndHistoryKnowsWhoMetAndWhoRested() {
    List<Match> ms = List.of(played(1, 0, 1, 2, 2, 0), played(1, 1, 3, 4, 1, 1), bye(1, 2, 5));
    List<Swiss.Player> players = Progress.swissPlayers(List.of(1L, 2L, 3L, 4L, 5L), ms);
    assertEquals(List.of(1.0, 0.0, 0.5, 0.5, 1.0), players.stream().map(Swiss.Player::score).toList());
    assertEquals(List.of(1, 2, 3, 4, 5), players.stream().map(Swiss.Player::seed).toList());
    Swiss.History h = Progress.history(ms);
    assertTrue(h.met(1, 2) && h.met(4, 3));
    assertFalse(h.met(1, 3));
    assertTrue(h.hadBye(5));
    assertFalse(h.hadBye(1));
    assertEquals(2, Progress.results(ms, false).size(), "a round robin's rest is no result");
    assertEquals(3, Progress.results(ms, true).size());
  }

  @Test
  void swissRoundCounts() {
    assertEquals(1, Progress.swissRounds(2));
    assertEquals(3, Progress.swissRounds(7));
    assertEquals(3, Progress.swissRounds(8));
    assertEquals(7, Progress.swissRounds(100));
    assertEquals(3, Progress.maxSwissRounds(4));
    assertEquals(5, Progress.maxSwissRounds(5));
  }
}
