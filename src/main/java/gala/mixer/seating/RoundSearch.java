package gala.mixer.seating;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Phase 1 of {@link RoundPlanner}: makes every planned round seatable. It starts from this round as
 * proposed and a quick greedy sketch of the later rounds, then anneals over all of them (moves and
 * swaps between tables and the bench) on the costs of {@link PlannedRounds}. Apart so the lookahead
 * can be read on its own; it only changes the plan through move/swap.
 */
final class RoundSearch {
  private final PlannedRounds s;
  private final Random rnd;

  RoundSearch(PlannedRounds s, Random rnd) {
    this.s = s;
    this.rnd = rnd;
  }

  // ---- the plan's start: this round as proposed, later rounds by a quick randomised greedy ----

  /** Seats this round as {@code groups} (pool indices) proposes, then sketches the later rounds. */
  void start(List<List<Integer>> groups) {
    int t = 0;
    for (List<Integer> g : groups) {
      if (t >= s.tables) {
        break;
      }
      for (int p : g) {
        s.move(0, p, t);
      }
      t++;
    }
    for (int r = 1; r < s.rounds; r++) {
      sketch(r);
    }
  }

  /** Fills round r table by table in the plan's sizes, each person where they repeat the least. */
  private void sketch(int r) {
    List<Integer> order = new ArrayList<>();
    for (int p = 0; p < s.n; p++) {
      order.add(p);
    }
    java.util.Collections.shuffle(order, rnd);
    for (int p : order) {
      int best = -1;
      int bestClash = Integer.MAX_VALUE;
      for (int t = 0; t < s.plan.length && t < s.tables; t++) {
        if (s.size[r][t] >= s.plan[t]) {
          continue;
        }
        int clash = 0;
        for (int x = 0; x < s.size[r][t]; x++) {
          int q = s.members[r][t][x];
          if (s.blocked[p * s.n + q] || s.together[p * s.n + q] > 0) {
            clash++;
          }
        }
        if (clash < bestClash || clash == bestClash && rnd.nextBoolean()) {
          best = t;
          bestClash = clash;
        }
      }
      if (best >= 0) {
        s.move(r, p, best);
      }
    }
  }

  // ---- phase 1: make every round possible ----

  /** Simulated annealing over every planned round; stops early once nothing is broken and nobody rests. */
  void search(long budget) {
    if (s.hard <= s.floor) {
      return;
    }
    int[][] best = s.copySlots();
    long bestCost = s.hard + s.soft;
    long bestAt = 0;
    long patience = Math.max(s.rounds > 1 ? 30_000 : 10_000, budget / 5);
    double t0 = s.rounds == 1 ? 2500 : 800;
    double t1 = 2;
    double temp = t0;
    double cool = Math.pow(t1 / t0, 256.0 / budget);
    long it = 0;
    for (; it < budget && s.hard > s.floor && it - bestAt < patience; it++) {
      if ((it & 255) == 255) {
        temp *= cool;
      }
      int r = pickRound();
      int p = pickPerson(r);
      int from = s.slot[r][p];
      int to = rnd.nextInt(s.tables + 1);
      if (to == from) {
        continue;
      }
      long delta;
      int q = -1;
      if (to == s.rest) {
        if (s.size[r][s.rest] > 0 && rnd.nextBoolean()) {
          q = s.members[r][s.rest][rnd.nextInt(s.size[r][s.rest])];
          delta = s.swap(r, p, q);
        } else {
          delta = s.move(r, p, s.rest);
        }
      } else if (s.size[r][to] == 0 || s.size[r][to] < s.hi && rnd.nextInt(3) == 0) {
        delta = s.move(r, p, to);
      } else {
        q = s.members[r][to][rnd.nextInt(s.size[r][to])];
        delta = s.swap(r, p, q);
      }
      if (delta > 0 && rnd.nextDouble() >= Math.exp(-delta / temp)) {
        if (q >= 0) {
          s.swap(r, p, q);
        } else {
          s.move(r, p, from);
        }
        continue;
      }
      if (s.hard + s.soft < bestCost) {
        bestCost = s.hard + s.soft;
        bestAt = it;
        best = s.copySlots();
      }
    }
    RoundPlanner.used += it;
    if (s.hard + s.soft > bestCost) {
      s.restore(best);
    }
  }

  private int pickRound() {
    if (s.rounds == 1) {
      return 0;
    }
    if (rnd.nextInt(8) != 0) {
      int troubled = 0;
      for (long c : s.roundHard) {
        if (c > 0) {
          troubled++;
        }
      }
      if (troubled > 0) {
        int pick = rnd.nextInt(troubled);
        for (int r = 0; r < s.rounds; r++) {
          if (s.roundHard[r] > 0 && pick-- == 0) {
            return r;
          }
        }
      }
    }
    return rnd.nextInt(s.rounds);
  }

  private int pickPerson(int r) {
    int p = rnd.nextInt(s.n);
    for (int tries = 0; tries < 6 && !troubled(r, p); tries++) {
      p = rnd.nextInt(s.n);
    }
    return p;
  }

  private boolean troubled(int r, int p) {
    int t = s.slot[r][p];
    if (t == s.rest) {
      return true;
    }
    if (s.size[r][t] < s.lo || s.mixedUnmet(r, t) > 0) {
      return true;
    }
    for (int x = 0; x < s.size[r][t]; x++) {
      int q = s.members[r][t][x];
      if (q != p && (s.blocked[p * s.n + q] || s.together[p * s.n + q] > 1)) {
        return true;
      }
    }
    return false;
  }
}
