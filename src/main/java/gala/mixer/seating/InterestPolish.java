package gala.mixer.seating;

import java.util.Random;

/**
 * Phase 2 of {@link RoundPlanner}: more shared interests at this round's tables. Apart from the
 * search because it has another goal and touches only round 0: later rounds will be planned again,
 * so their interests are left to their own turn. A swap that raises any cost of phase 1 is undone.
 */
final class InterestPolish {
  private final PlannedRounds s;
  private final Random rnd;

  InterestPolish(PlannedRounds s, Random rnd) {
    this.s = s;
    this.rnd = rnd;
  }

  /**
   * Swaps people between this round's tables for more shared interests (annealed, then a full
   * pass of every improving swap), never raising any cost of phase 1.
   */
  void polish(long budget) {
    int seated = s.n - s.size[0][s.rest];
    if (seated < 2) {
      return;
    }
    long interest = interestNow();
    int[] best = s.slot[0].clone();
    long bestCost = s.hard + s.soft;
    long bestInterest = interest;
    double t0 = 1;
    double t1 = 0.05;
    for (long it = 0; it < budget; it++) {
      double temp = t0 * Math.pow(t1 / t0, (double) it / budget);
      int p = rnd.nextInt(s.n);
      int q = rnd.nextInt(s.n);
      int a = s.slot[0][p];
      int b = s.slot[0][q];
      if (a == s.rest || b == s.rest || a == b) {
        continue;
      }
      int gain = swapGain(p, q);
      if (gain < 0 && rnd.nextDouble() >= Math.exp(gain / temp)) {
        continue;
      }
      if (s.swap(0, p, q) > 0) {
        s.swap(0, p, q);
        continue;
      }
      interest += gain;
      if (s.hard + s.soft < bestCost || s.hard + s.soft == bestCost && interest > bestInterest) {
        best = s.slot[0].clone();
        bestCost = s.hard + s.soft;
        bestInterest = interest;
      }
    }
    if (s.hard + s.soft > bestCost || s.hard + s.soft == bestCost && interest < bestInterest) {
      for (int p = 0; p < s.n; p++) {
        s.move(0, p, s.rest);
      }
      for (int p = 0; p < s.n; p++) {
        s.move(0, p, best[p]);
      }
    }
    if (s.n > 300) {
      return;
    }
    boolean improved = true;
    for (int pass = 0; improved && pass < 20; pass++) {
      improved = false;
      for (int p = 0; p < s.n; p++) {
        for (int q = p + 1; q < s.n; q++) {
          int a = s.slot[0][p];
          int b = s.slot[0][q];
          if (a == s.rest || b == s.rest || a == b || swapGain(p, q) <= 0) {
            continue;
          }
          if (s.swap(0, p, q) > 0) {
            s.swap(0, p, q);
          } else {
            improved = true;
          }
        }
      }
    }
  }

  /** Shared interests at this round's tables. */
  private long interestNow() {
    long total = 0;
    for (int t = 0; t < s.tables; t++) {
      for (int x = 0; x < s.size[0][t]; x++) {
        for (int y = x + 1; y < s.size[0][t]; y++) {
          total += s.affinity[s.members[0][t][x] * s.n + s.members[0][t][y]];
        }
      }
    }
    return total;
  }

  /** Shared interests gained by exchanging p and q between their tables of this round. */
  private int swapGain(int p, int q) {
    int a = s.slot[0][p];
    int b = s.slot[0][q];
    int gain = 0;
    for (int x = 0; x < s.size[0][a]; x++) {
      int m = s.members[0][a][x];
      if (m != p) {
        gain += s.affinity[q * s.n + m] - s.affinity[p * s.n + m];
      }
    }
    for (int x = 0; x < s.size[0][b]; x++) {
      int m = s.members[0][b][x];
      if (m != q) {
        gain += s.affinity[p * s.n + m] - s.affinity[q * s.n + m];
      }
    }
    return gain;
  }
}
