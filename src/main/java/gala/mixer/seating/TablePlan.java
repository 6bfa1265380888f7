package gala.mixer.seating;

import java.util.Arrays;

/**
 * How many groups, and how large, for {@code n} people and a target size {@code k}: sizes k or k+1,
 * k-1 only where the numbers force it, and never a group of one.
 */
public final class TablePlan {
  private TablePlan() {}

  public static int[] sizes(int n, int k) {
    if (n < 2) {
      return new int[0];
    }
    if (k == 2) {
      // Pairs: an odd count makes one trio.
      int[] s = new int[n / 2];
      Arrays.fill(s, 2);
      if (n % 2 == 1) {
        s[0] = 3;
      }
      return s;
    }
    if (n <= k + 1) {
      return new int[] {n};
    }
    int best = -1;
    // Prefer the fewest tables that avoid k-1, then the fewest k-1 tables.
    int lo = (n + k) / (k + 1); // ceil(n / (k + 1))
    int hi = n / (k - 1);
    for (int t = lo; t <= hi; t++) {
      if (t * (k - 1) <= n && n <= t * (k + 1)) {
        if (best < 0 || score(n, k, t) < score(n, k, best)) {
          best = t;
        }
      }
    }
    if (best < 0) {
      best = lo; // nothing fits k-1..k+1: as few tables as keep everyone at most k+1
    }
    return even(n, best);
  }

  /** Tables below size k that t even tables need (0 when k and k+1 suffice), O(1). */
  private static int score(int n, int k, int t) {
    int q = n / t;
    int r = n % t;
    int small = (q < k ? t - r : 0) + (q + 1 < k ? r : 0);
    return small * 1000 + Math.abs(n - t * k);
  }

  private static int[] even(int n, int t) {
    int[] s = new int[t];
    Arrays.fill(s, n / t);
    for (int i = 0; i < n % t; i++) {
      s[i]++;
    }
    return s;
  }

  /** The smallest group the plan for {@code n} people makes (0 when nobody can be seated). */
  public static int smallest(int n, int k) {
    return Arrays.stream(sizes(n, k)).min().orElse(0);
  }
}
