package gala.mixer.seating;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Seats this round of one pool with the rest of the evening in view. Seating each round greedily
 * for shared interests can leave the last rounds without a table free of repeat meetings (a
 * tables-of-4 evening of 20 people rested 4 to 6 in round 4), so this plans every round still to
 * come at once, in the manner of the Good-Enough-Golfers tool: a simulated-annealing search that
 * moves and swaps people between tables (and the rest bench) of any planned round, minimising
 *
 * <ol>
 *   <li>broken rules in this round (a repeat meeting, a table wish, a table too small), then
 *   <li>people resting in this round (those who rested before cost more, so rests rotate), then
 *   <li>broken rules and rests in later rounds (they will be planned again, but must stay possible),
 *   <li>and tables away from the size asked for.
 * </ol>
 *
 * A second phase then swaps people between this round's tables for shared interests while keeping
 * every cost above; later rounds only have to stay possible, so their interests are left to the
 * round's own turn. Only this round is returned; the next round plans again from what happened.
 *
 * <p>The work is split by responsibility: {@link PlannedRounds} holds every planned round and its
 * costs, {@link RoundSearch} is the lookahead (phase 1), {@link InterestPolish} phase 2; this class
 * runs them for {@link Seater} and turns round 0 into groups that break no rule. All of them draw
 * from the one {@code rnd}, in the same order as before the split, so a seed seats the same way.
 */
final class RoundPlanner {
  /** Annealing steps taken by every search so far (a figure for tuning; nothing reads it to decide). */
  static long used;

  private final PlannedRounds s;
  private final RoundSearch lookahead;
  private final InterestPolish interests;

  /**
   * @param rounds this round and those still to come (at least 1)
   * @param pastRests per pool index, how many rounds that person has sat out so far
   */
  RoundPlanner(Pool pool, int k, int rounds, int[] pastRests, Random rnd) {
    this.s = new PlannedRounds(pool, k, rounds, pastRests);
    this.lookahead = new RoundSearch(s, rnd);
    this.interests = new InterestPolish(s, rnd);
  }

  /** Seats this round as {@code groups} (pool indices) proposes, then sketches the later rounds. */
  void start(List<List<Integer>> groups) {
    lookahead.start(groups);
  }

  /** Phase 1 ({@link RoundSearch}): makes every planned round possible, within {@code budget} steps. */
  void search(long budget) {
    lookahead.search(budget);
  }

  /** Phase 2 ({@link InterestPolish}): more shared interests in this round, no cost of phase 1 raised. */
  void polish(long budget) {
    interests.polish(budget);
  }

  // ---- the result ----

  long cost() {
    return s.hard + s.soft;
  }

  boolean perfect() {
    return s.hard <= s.floor;
  }

  /**
   * This round as groups of pool indices that break no rule: anyone still breaking one goes to the
   * bench, tables left too small are filled from the bench or emptied, and the bench is then seated
   * wherever a table has room and nothing breaks (those who rested before first).
   */
  List<List<Integer>> thisRound() {
    for (int t = 0; t < s.tables; t++) {
      while (s.size[0][t] > 0 && !s.pool.groupOk(table(t))) {
        s.move(0, worstAt(t), s.rest);
      }
    }
    for (int t = 0; t < s.tables; t++) {
      if (s.size[0][t] > 0 && s.size[0][t] < s.lo) {
        for (int p : benchOrder()) {
          if (s.size[0][t] >= s.lo) {
            break;
          }
          if (fitsAt(p, t)) {
            s.move(0, p, t);
          }
        }
      }
    }
    // Tables still too small are emptied, smallest first, unless one would be the only table.
    List<Integer> small = new ArrayList<>();
    for (int t = 0; t < s.tables; t++) {
      if (s.size[0][t] > 0 && s.size[0][t] < s.lo) {
        small.add(t);
      }
    }
    small.sort(Comparator.comparingInt(t -> s.size[0][t]));
    for (int t : small) {
      if (s.open[0] > 1 || s.size[0][t] < 2) {
        while (s.size[0][t] > 0) {
          s.move(0, s.members[0][t][0], s.rest);
        }
      }
    }
    for (int p : benchOrder()) {
      int best = -1;
      int bestGain = Integer.MIN_VALUE;
      for (int t = 0; t < s.tables; t++) {
        if ((s.size[0][t] >= s.lo || s.open[0] == 1 && s.size[0][t] > 0) && s.size[0][t] < s.hi && fitsAt(p, t)) {
          int gain = 0;
          for (int x = 0; x < s.size[0][t]; x++) {
            gain += s.affinity[p * s.n + s.members[0][t][x]];
          }
          if (gain > bestGain) {
            best = t;
            bestGain = gain;
          }
        }
      }
      if (best >= 0) {
        s.move(0, p, best);
      }
    }
    List<List<Integer>> out = new ArrayList<>();
    for (int t = 0; t < s.tables; t++) {
      if (s.size[0][t] > 0) {
        out.add(table(t));
      }
    }
    return out;
  }

  private List<Integer> table(int t) {
    List<Integer> out = new ArrayList<>(s.size[0][t]);
    for (int x = 0; x < s.size[0][t]; x++) {
      out.add(s.members[0][t][x]);
    }
    return out;
  }

  private boolean fitsAt(int p, int t) {
    List<Integer> after = table(t);
    after.add(p);
    return s.pool.groupOk(after);
  }

  /** The member of table t in the most trouble: most blocked tablemates, then an unmet mixed wish. */
  private int worstAt(int t) {
    int worst = s.members[0][t][0];
    int worstScore = -1;
    int unmetMixed = s.mixedUnmet(0, t);
    for (int x = 0; x < s.size[0][t]; x++) {
      int p = s.members[0][t][x];
      int score = 0;
      for (int y = 0; y < s.size[0][t]; y++) {
        int q = s.members[0][t][y];
        if (q != p && s.blocked[p * s.n + q]) {
          score += 2;
        }
      }
      if (unmetMixed > 0 && s.wantsMixed[p]) {
        score++;
      }
      if (score > worstScore) {
        worst = p;
        worstScore = score;
      }
    }
    return worst;
  }

  /** The bench, those who rested most often first (they get the free seats). */
  private List<Integer> benchOrder() {
    List<Integer> out = new ArrayList<>();
    for (int x = 0; x < s.size[0][s.rest]; x++) {
      out.add(s.members[0][s.rest][x]);
    }
    out.sort(Comparator.comparingInt((Integer p) -> -s.pastRests[p]).thenComparingInt(p -> p));
    return out;
  }

  int rounds() {
    return s.rounds;
  }
}
