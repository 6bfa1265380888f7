package gala.mixer.seating;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every seating of a small pool, searched exhaustively (people as bits of an int): the few minors
 * of an evening, or a handful who stayed late, are where a heuristic is likeliest to rest someone
 * needlessly and an exact answer is cheapest. It finds a round that lets everyone sit in every
 * round still to come, when there is one, and otherwise the round that rests the fewest people,
 * then the fewest who rested before, then shares the most interests. A search that would take too
 * long gives up (null) and the planner's local search takes over.
 */
final class ExactSeating {
  /** Rounds in which everyone meets at least lo-1 new people: at most (n-1)/(lo-1). */
  int usefulRounds() {
    return Math.max(1, (n - 1) / Math.max(1, lo - 1));
  }

  /** The largest pool searched exhaustively. */
  static final int LIMIT = 10;
  private static final long NODE_BUDGET = 400_000;

  private final Pool pool;
  private final int n;
  private final int k;
  private final int[] plan;
  private final int lo;
  private final int hi;
  private final int[] past;
  /** Every group that breaks no rule on its own (as bit masks), and its shared interests. */
  private final int[] groups;
  private final int[] weight;
  private final int[][] byLowest;
  private long nodes;

  ExactSeating(Pool pool, int k, int[] past) {
    this.pool = pool;
    this.n = pool.size();
    if (n > LIMIT) {
      throw new IllegalArgumentException("pool too large for an exhaustive search: " + n);
    }
    this.k = k;
    this.plan = TablePlan.sizes(n, k);
    Arrays.sort(plan);
    int smallest = TablePlan.smallest(n, k);
    this.lo = k == 2 ? 2 : Math.max(2, Math.min(k - 1, smallest));
    this.hi = k + 1;
    this.past = past;
    List<Integer> found = new ArrayList<>();
    for (int mask = 1; mask < 1 << n; mask++) {
      int size = Integer.bitCount(mask);
      if (size >= 2 && size <= hi && pool.groupOk(members(mask))) {
        found.add(mask);
      }
    }
    groups = found.stream().mapToInt(Integer::intValue).toArray();
    weight = new int[groups.length];
    List<List<Integer>> lowest = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      lowest.add(new ArrayList<>());
    }
    for (int g = 0; g < groups.length; g++) {
      List<Integer> m = members(groups[g]);
      for (int i = 0; i < m.size(); i++) {
        for (int j = i + 1; j < m.size(); j++) {
          weight[g] += pool.affinity(m.get(i), m.get(j));
        }
      }
      lowest.get(Integer.numberOfTrailingZeros(groups[g])).add(g);
    }
    byLowest = new int[n][];
    for (int p = 0; p < n; p++) {
      // Most shared interests first, so the first full schedule found seats this round well.
      byLowest[p] = lowest.get(p).stream().sorted((a, b) -> Integer.compare(weight[b], weight[a]))
          .mapToInt(Integer::intValue).toArray();
    }
  }

  private List<Integer> members(int mask) {
    List<Integer> out = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      if ((mask & 1 << p) != 0) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * This round of a schedule that seats everyone in each of {@code rounds} rounds without anyone
   * meeting twice; empty when there is none, null when the search ran out of time.
   */
  List<List<Integer>> everyoneFor(int rounds) {
    nodes = 0;
    List<int[]> firsts = new ArrayList<>();
    if (!seatings(0, new int[0], 0, firsts)) {
      return null;
    }
    firsts.sort(Comparator.comparingInt(this::sizeKey).thenComparing(Comparator.comparingInt(this::total).reversed()));
    for (int[] first : firsts) {
      if (rest(rounds - 1, first)) {
        return asLists(first);
      }
      if (nodes > NODE_BUDGET) {
        return null;
      }
    }
    return List.of();
  }

  /** Whether {@code rounds} more rounds can each seat everyone, given the groups used so far. */
  private boolean rest(int rounds, int[] used) {
    if (rounds == 0) {
      return true;
    }
    int[] met = metMasks(used);
    return fill(0, met, new int[0], 0, rounds, used);
  }

  private boolean fill(int seated, int[] met, int[] chosen, int count, int rounds, int[] used) {
    // Groups of this round are fresh to each other by construction (disjoint); fresh() checks earlier rounds.
    if (++nodes > NODE_BUDGET) {
      return false;
    }
    if (seated == (1 << n) - 1) {
      if (count > 1 && !allAtLeastLo(chosen, count)) {
        return false;
      }
      int[] next = Arrays.copyOf(used, used.length + count);
      System.arraycopy(chosen, 0, next, used.length, count);
      return rest(rounds - 1, next);
    }
    int p = Integer.numberOfTrailingZeros(~seated);
    for (int g : byLowest[p]) {
      int mask = groups[g];
      if ((mask & seated) != 0 || !fresh(mask, met)) {
        continue;
      }
      int[] c = count < chosen.length ? chosen : Arrays.copyOf(chosen, count + 4);
      c[count] = g;
      if (fill(seated | mask, met, c, count + 1, rounds, used)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The best round that seats as many as can be: fewest resting, then fewest of them having
   * rested before, then most shared interests; null when the search ran out of time.
   */
  List<List<Integer>> bestRound() {
    nodes = 0;
    for (int rests = 0; rests <= n; rests++) {
      List<int[]> found = new ArrayList<>();
      if (!enumerate(0, new int[0], 0, rests, found)) {
        return null;
      }
      if (!found.isEmpty()) {
        found.sort(Comparator.comparingInt(this::again).thenComparingInt(this::sizeKey)
            .thenComparing(Comparator.comparingInt(this::total).reversed()));
        return asLists(found.get(0));
      }
    }
    return List.of();
  }

  private boolean enumerate(int done, int[] chosen, int count, int restsLeft, List<int[]> out) {
    if (++nodes > NODE_BUDGET) {
      return false;
    }
    if (done == (1 << n) - 1) {
      if (restsLeft == 0 && (count <= 1 || allAtLeastLo(chosen, count))) {
        out.add(Arrays.copyOf(chosen, count));
      }
      return true;
    }
    int p = Integer.numberOfTrailingZeros(~done);
    if (restsLeft > 0 && !enumerate(done | 1 << p, chosen, count, restsLeft - 1, out)) {
      return false;
    }
    for (int g : byLowest[p]) {
      int mask = groups[g];
      if ((mask & done) != 0) {
        continue;
      }
      int[] c = Arrays.copyOf(chosen, count + 1);
      c[count] = g;
      if (!enumerate(done | mask, c, count + 1, restsLeft, out)) {
        return false;
      }
    }
    return true;
  }

  /** Every full seating of this round (nobody resting); false when the search ran out of time. */
  private boolean seatings(int seated, int[] chosen, int count, List<int[]> out) {
    if (++nodes > NODE_BUDGET) {
      return false;
    }
    if (seated == (1 << n) - 1) {
      if (count <= 1 || allAtLeastLo(chosen, count)) {
        out.add(Arrays.copyOf(chosen, count));
      }
      return true;
    }
    int p = Integer.numberOfTrailingZeros(~seated);
    for (int g : byLowest[p]) {
      int mask = groups[g];
      if ((mask & seated) != 0) {
        continue;
      }
      int[] c = Arrays.copyOf(chosen, count + 1);
      c[count] = g;
      if (!seatings(seated | mask, c, count + 1, out)) {
        return false;
      }
    }
    return true;
  }

  private boolean allAtLeastLo(int[] chosen, int count) {
    for (int i = 0; i < count; i++) {
      if (Integer.bitCount(groups[chosen[i]]) < lo) {
        return false;
      }
    }
    return true;
  }

  /** For each person, everyone they sat with in the given groups. */
  private int[] metMasks(int[] used) {
    int[] met = new int[n];
    for (int g : used) {
      int mask = groups[g];
      for (int p = 0; p < n; p++) {
        if ((mask & 1 << p) != 0) {
          met[p] |= mask & ~(1 << p);
        }
      }
    }
    return met;
  }

  private boolean fresh(int mask, int[] met) {
    for (int p = 0; p < n; p++) {
      if ((mask & 1 << p) != 0 && (met[p] & mask) != 0) {
        return false;
      }
    }
    return true;
  }

  /** 0 for the table sizes TablePlan asks for, else how far from the size asked for (k+1 is nearer than k-1). */
  private int sizeKey(int[] seating) {
    int[] sizes = new int[seating.length];
    int dev = 0;
    for (int i = 0; i < seating.length; i++) {
      sizes[i] = Integer.bitCount(groups[seating[i]]);
      dev += sizes[i] == k ? 0 : sizes[i] > k ? 1 : 2 * (k - sizes[i]);
    }
    Arrays.sort(sizes);
    return Arrays.equals(sizes, plan) ? 0 : 1 + dev;
  }

  private int total(int[] seating) {
    int t = 0;
    for (int g : seating) {
      t += weight[g];
    }
    return t;
  }

  private int again(int[] seating) {
    int seated = 0;
    for (int g : seating) {
      seated |= groups[g];
    }
    int count = 0;
    for (int p = 0; p < n; p++) {
      if ((seated & 1 << p) == 0 && past[p] > 0) {
        count++;
      }
    }
    return count;
  }

  private List<List<Integer>> asLists(int[] seating) {
    List<List<Integer>> out = new ArrayList<>();
    for (int g : seating) {
      out.add(members(groups[g]));
    }
    return out;
  }
}
