package gala.draws.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.draws.rules.Buchholz.Result;
import gala.draws.rules.Buchholz.Standing;
import gala.draws.rules.Swiss.History;
import gala.draws.rules.Swiss.Player;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DrawRulesTest {
  private static List<Long> ids(int n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void roundRobinMeetsEveryPairExactlyOnceWithOneByeEachForOddFields() {
    for (int n = 2; n <= 21; n++) {
      List<List<Pairing>> rounds = RoundRobin.rounds(ids(n));
      assertEquals(n % 2 == 0 ? n - 1 : n, rounds.size(), "rounds for " + n);
      Set<Set<Long>> pairs = new HashSet<>();
      Map<Long, Integer> byes = new HashMap<>();
      for (List<Pairing> round : rounds) {
        Set<Long> seen = new HashSet<>();
        for (Pairing p : round) {
          if (p.isBye()) {
            assertTrue(seen.add(p.byeTaker()));
            byes.merge(p.byeTaker(), 1, Integer::sum);
          } else {
            assertTrue(seen.add(p.a()) && seen.add(p.b()), "nobody plays twice in a round");
            assertTrue(pairs.add(Set.of(p.a(), p.b())), "pair met twice: " + p);
          }
        }
        assertEquals(n, seen.size(), "everyone plays or rests each round");
      }
      assertEquals(n * (n - 1) / 2, pairs.size(), "every pair meets, n=" + n);
      if (n % 2 == 1) {
        assertEquals(n, byes.size());
        byes.values().forEach(c -> assertEquals(1, c));
      } else {
        assertTrue(byes.isEmpty());
      }
    }
    assertEquals(List.of(), RoundRobin.rounds(ids(1)));
  }

  @Test
  void standardSeedingKeepsTheTopSeedsApartUntilLateRounds() {
    assertArrayEquals(new int[] {1, 8, 4, 5, 2, 7, 3, 6}, SingleElimination.order(8));
    for (int p = 2; p <= 128; p *= 2) {
      int[] order = SingleElimination.order(p);
      assertEquals(p, java.util.Arrays.stream(order).distinct().count());
      // The top 2^j seeds sit in 2^j different sections of size p / 2^j.
      for (int sections = 2; sections <= p; sections *= 2) {
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < p; i++) {
          if (order[i] <= sections) {
            assertTrue(used.add(i / (p / sections)), "p=" + p + " seeds 1.." + sections + " share a section");
          }
        }
      }
    }
  }

  @Test
  void byesGoToTheTopSeedsAndFavouritesMeetAsSeeded() {
    for (int n = 2; n <= 40; n++) {
      SingleElimination b = SingleElimination.of(n);
      int byes = b.size() - n;
      Set<Integer> byeTakers = new HashSet<>();
      for (int[] m : b.matches(0)) {
        assertFalse(m[0] == SingleElimination.BYE_SEED && m[1] == SingleElimination.BYE_SEED, "bye v bye");
        if (m[0] == SingleElimination.BYE_SEED || m[1] == SingleElimination.BYE_SEED) {
          byeTakers.add(Math.max(m[0], m[1]));
        }
      }
      Set<Integer> top = new HashSet<>();
      for (int s = 1; s <= byes; s++) {
        top.add(s);
      }
      assertEquals(top, byeTakers, "byes to the top " + byes + " seeds, n=" + n);
      // Favourites win every match.
      for (int r = 0; r < b.rounds(); r++) {
        List<int[]> matches = b.matches(r);
        for (int m = 0; m < matches.size(); m++) {
          int[] pair = matches.get(m);
          if (pair[0] == SingleElimination.BYE_SEED || pair[1] == SingleElimination.BYE_SEED) {
            continue;
          }
          b.recordWinner(r, m, Math.min(pair[0], pair[1]));
        }
      }
      assertEquals(1, b.champion());
      int[] fin = b.matches(b.rounds() - 1).get(0);
      assertEquals(Set.of(1, 2), Set.of(fin[0], fin[1]), "seeds 1 and 2 meet only in the final, n=" + n);
      if (n >= 4) {
        Set<Set<Integer>> semis = new HashSet<>();
        b.matches(b.rounds() - 2).forEach(m -> semis.add(Set.of(m[0], m[1])));
        assertEquals(Set.of(Set.of(1, 4), Set.of(2, 3)), semis);
      }
    }
  }

  @Test
  void winnersAdvanceAndAMatchCannotBeDecidedTwiceOrByAnOutsider() {
    Random rnd = new Random(4);
    SingleElimination b = SingleElimination.of(11);
    for (int r = 0; r < b.rounds(); r++) {
      List<int[]> matches = b.matches(r);
      for (int m = 0; m < matches.size(); m++) {
        int[] pair = matches.get(m);
        if (pair[0] == SingleElimination.BYE_SEED || pair[1] == SingleElimination.BYE_SEED) {
          continue;
        }
        int winner = rnd.nextBoolean() ? pair[0] : pair[1];
        b.recordWinner(r, m, winner);
        if (r + 1 < b.rounds()) {
          assertEquals(winner, b.matches(r + 1).get(m / 2)[m % 2], "the winner moves to the next round's slot");
        } else {
          assertEquals(winner, b.champion());
        }
        int round = r;
        int match = m;
        assertThrows(IllegalStateException.class, () -> b.recordWinner(round, match, winner), "decided twice");
      }
    }
    assertTrue(b.champion() >= 1 && b.champion() <= 11);
    SingleElimination fresh = SingleElimination.of(8);
    assertThrows(IllegalArgumentException.class, () -> fresh.recordWinner(0, 0, 5), "seed 5 is not in 1 v 8");
    assertThrows(IllegalStateException.class, () -> fresh.recordWinner(1, 0, 1), "round 2 is not set yet");
  }

  @Test
  void swissRoundOnePairsTopHalfAgainstBottomHalf() {
    List<Player> players = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      players.add(new Player(100 + i, 0, i));
    }
    List<Pairing> round = Swiss.pair(players, new History());
    Set<Set<Long>> got = new HashSet<>();
    round.forEach(p -> got.add(Set.of(p.a(), p.b())));
    assertEquals(Set.of(Set.of(101L, 105L), Set.of(102L, 106L), Set.of(103L, 107L), Set.of(104L, 108L)), got);
  }

  @Test
  void swissOverManyRoundsHasNoRematchesRotatesByesAndKeepsScoreGroupsTogether() {
    Random rnd = new Random(8);
    for (int n : new int[] {100, 101, 9}) {
      Map<Long, Double> score = new HashMap<>();
      for (long id = 1; id <= n; id++) {
        score.put(id, 0.0);
      }
      History history = new History();
      Set<Long> byeTakers = new HashSet<>();
      int rounds = n == 9 ? 6 : 7;
      for (int r = 1; r <= rounds; r++) {
        List<Player> players = new ArrayList<>();
        score.forEach((id, s) -> players.add(new Player(id, s, id.intValue())));
        List<Pairing> round = Swiss.pair(players, history);
        Set<Long> seen = new HashSet<>();
        int cross = 0;
        for (Pairing p : round) {
          if (p.isBye()) {
            assertTrue(seen.add(p.byeTaker()));
            assertTrue(byeTakers.add(p.byeTaker()), "byes rotate: " + p.byeTaker() + " had one");
            // The bye goes to the lowest-ranked player who has not had one.
            long taker = p.byeTaker();
            Player takerRow = players.stream().filter(q -> q.id() == taker).findFirst().orElseThrow();
            if (n > 9) {
              for (Player q : players) {
                if (q.id() != taker && !byeTakers.contains(q.id())) {
                  assertTrue(q.score() > takerRow.score() || (q.score() == takerRow.score() && q.seed() < takerRow.seed()),
                      "player " + q.id() + " ranks below the bye taker " + taker + " and had no bye");
                }
              }
            }
            score.merge(p.byeTaker(), 1.0, Double::sum);
          } else {
            assertTrue(seen.add(p.a()) && seen.add(p.b()));
            assertFalse(history.met(p.a(), p.b()), "rematch " + p);
            if (!score.get(p.a()).equals(score.get(p.b()))) {
              cross++;
            }
            double u = rnd.nextDouble();
            score.merge(p.a(), u < 0.45 ? 1.0 : u < 0.55 ? 0.5 : 0.0, Double::sum);
            score.merge(p.b(), u < 0.45 ? 0.0 : u < 0.55 ? 0.5 : 1.0, Double::sum);
          }
        }
        assertEquals(n, seen.size(), "everyone paired once or has the bye");
        if (r <= 2) {
          Map<Double, Integer> groupSizes = new HashMap<>();
          // Score groups of those paired this round (the bye taker sits out).
          players.stream().filter(p -> round.stream().noneMatch(x -> x.isBye() && x.byeTaker() == p.id()))
              .forEach(p -> groupSizes.merge(p.score(), 1, Integer::sum));
          long odd = groupSizes.values().stream().filter(c -> c % 2 == 1).count();
          assertTrue(cross <= odd, "round " + r + ": " + cross + " pairs across score groups, " + odd + " odd groups");
        }
        history.addRound(round);
      }
      if (n % 2 == 1) {
        assertEquals(rounds, byeTakers.size());
      }
    }
  }

  @Test
  void swissRefusesWhenEveryoneHasMetEveryone() {
    History h = new History();
    List<Player> four = List.of(new Player(1, 0, 1), new Player(2, 0, 2), new Player(3, 0, 3), new Player(4, 0, 4));
    for (List<Pairing> round : RoundRobin.rounds(List.of(1L, 2L, 3L, 4L))) {
      h.addRound(round);
    }
    assertThrows(IllegalStateException.class, () -> Swiss.pair(four, h));
  }

  @Test
  void buchholzBreaksTiesOnPointsAndEqualTiesShareARank() {
    // a beat b, c beat d; then a beat c, b drew d. a 2; c 1; b 0.5; d 0.5.
    List<Result> results = List.of(new Result(1, 2, 1, 0), new Result(3, 4, 1, 0), new Result(1, 3, 1, 0),
        new Result(2, 4, 0.5, 0.5));
    List<Standing> s = Buchholz.standings(List.of(1L, 2L, 3L, 4L), results);
    assertEquals(List.of(1L, 3L, 2L, 4L), s.stream().map(Standing::id).toList());
    // b met a (2) and d (0.5): 2.5; d met c (1) and b (0.5): 1.5.
    assertEquals(2.5, s.get(2).buchholz());
    assertEquals(1.5, s.get(3).buchholz());
    assertEquals(List.of(1, 2, 3, 4), s.stream().map(Standing::rank).toList());
    List<Standing> tie = Buchholz.standings(List.of(1L, 2L), List.of(new Result(1, 2, 0.5, 0.5)));
    assertEquals(List.of(1, 1), tie.stream().map(Standing::rank).toList());
    List<Standing> bye = Buchholz.standings(List.of(1L, 2L, 3L), List.of(new Result(1, 2, 1, 0),
        new Result(3, Pairing.BYE, 1, 0)));
    assertEquals(0.0, bye.stream().filter(x -> x.id() == 3).findFirst().orElseThrow().buchholz(), "a bye adds no opponent");
    assertNotEquals(bye.get(0).rank(), bye.get(2).rank());
  }
}
