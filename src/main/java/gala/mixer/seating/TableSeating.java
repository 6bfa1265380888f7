package gala.mixer.seating;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Tables of k for one pool: a greedy construction, hardest people first (those with a gender wish
 * and the longest meeting history have the fewest places), each joining the open table where they
 * share the most interests without breaking a constraint; then repairs (mixed-gender wishes, too
 * small tables, late placement of anyone left over) and a local search of member swaps between
 * tables that raise the total of shared interests, keeping every constraint and every table size.
 */
final class TableSeating {
  /** Below this many tables every table is a candidate; above, only promising and random ones. */
  private static final int SCAN_ALL = 64;
  private final Pool pool;
  private final int k;
  private final Seater.Options options;
  private final Random rnd;
  private final List<List<Integer>> tables = new ArrayList<>();
  private final int[] where;
  private final int[][] near;
  private final List<Integer> resting = new ArrayList<>();
  private int minSize;
  /** Tables the plan still has room at, during the greedy construction. */
  private List<Integer> open = new ArrayList<>();

  TableSeating(Pool pool, int k, Seater.Options options, Random rnd) {
    this.pool = pool;
    this.k = k;
    this.options = options;
    this.rnd = rnd;
    this.where = new int[pool.size()];
    Arrays.fill(where, -1);
    this.near = new int[pool.size()][];
  }

  List<List<Integer>> seat() {
    int n = pool.size();
    int[] plan = TablePlan.sizes(n, k);
    // The smallest table allowed: k-1 (or smaller only if the plan itself needs it); one table may be any size from 2.
    minSize = plan.length > 1 ? Math.min(k - 1, Arrays.stream(plan).min().orElse(2)) : 2;
    for (int i = 0; i < plan.length; i++) {
      tables.add(new ArrayList<>());
    }
    if (plan.length > SCAN_ALL) {
      for (int i = 0; i < n; i++) {
        near[i] = pool.candidates(i, 8, 0, rnd);
      }
    }
    open = new ArrayList<>();
    for (int t = 0; t < plan.length; t++) {
      open.add(t);
    }
    for (int p : hardestFirst()) {
      int t = bestTable(p, plan);
      if (t >= 0) {
        place(p, t);
        if (tables.get(t).size() >= plan[t]) {
          open.remove(Integer.valueOf(t)); // full by the plan: no longer a candidate
        }
      } else {
        resting.add(p);
      }
    }
    placeResting();
    repairMixed();
    repairSmall();
    placeResting();
    improve();
    List<List<Integer>> out = new ArrayList<>();
    for (List<Integer> t : tables) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private List<Integer> hardestFirst() {
    int n = pool.size();
    double[] key = new double[n];
    for (int i = 0; i < n; i++) {
      Person p = pool.people[i];
      boolean wish = p.gender() != null && p.preference() != Preference.ANY;
      key[i] = (wish ? (p.preference() == Preference.SAME ? 2000 : 1000) : 0) + rnd.nextDouble();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -key[i]));
    return order;
  }

  private List<Integer> candidateTables(int p) {
    if (tables.size() <= SCAN_ALL) {
      List<Integer> all = new ArrayList<>();
      for (int t = 0; t < tables.size(); t++) {
        all.add(t);
      }
      return all;
    }
    List<Integer> out = new ArrayList<>();
    for (int j : near[p]) {
      if (where[j] >= 0) {
        out.add(where[j]);
      }
    }
    for (int x = 0; x < 16 && !open.isEmpty(); x++) {
      out.add(open.get(rnd.nextInt(open.size())));
    }
    return out;
  }

  /** The open table (by the plan's capacity) where p fits and gains most; -1 when none. */
  private int bestTable(int p, int[] plan) {
    int t = bestAmong(p, candidateTables(p), plan);
    if (t < 0 && tables.size() > SCAN_ALL) {
      t = bestAmong(p, new ArrayList<>(open), plan);
    }
    return t;
  }

  private int bestAmong(int p, List<Integer> candidates, int[] plan) {
    int best = -1;
    int bestScore = Integer.MIN_VALUE;
    for (int t : candidates) {
      List<Integer> table = tables.get(t);
      if (table.size() >= plan[t] || !fitsPairwise(p, table)) {
        continue;
      }
      List<Integer> after = with(table, p, -1);
      // A table that this person fills must satisfy every wish; an open one may still get there.
      if (after.size() == plan[t] && !pool.groupOk(after)) {
        continue;
      }
      int score = gain(p, table, -1) + 50 * (unmetWishes(table) - unmetWishes(after)) - 50 * (wishMet(p, after) ? 0 : 1);
      if (score > bestScore || (score == bestScore && best >= 0 && table.size() < tables.get(best).size())) {
        best = t;
        bestScore = score;
      }
    }
    return best;
  }

  private int unmetWishes(List<Integer> table) {
    int n = 0;
    for (int m : table) {
      if (!wishMet(m, table)) {
        n++;
      }
    }
    return n;
  }

  private boolean fitsPairwise(int p, List<Integer> table) {
    for (int m : table) {
      if (!pool.pairOk(p, m)) {
        return false;
      }
    }
    return true;
  }

  /** Shared interests of p with the table's members, leaving out {@code except}. */
  private int gain(int p, List<Integer> table, int except) {
    int g = 0;
    for (int m : table) {
      if (m != except && m != p) {
        g += pool.affinity(p, m);
      }
    }
    return g;
  }

  private void place(int p, int t) {
    tables.get(t).add(p);
    where[p] = t;
  }

  private void unplace(int p) {
    tables.get(where[p]).remove(Integer.valueOf(p));
    where[p] = -1;
  }

  private static List<Integer> with(List<Integer> table, int add, int remove) {
    List<Integer> out = new ArrayList<>(table.size() + 1);
    for (int m : table) {
      if (m != remove) {
        out.add(m);
      }
    }
    if (add >= 0) {
      out.add(add);
    }
    return out;
  }

  /** Seats people left over into tables that still have room for one more (up to k+1). */
  private void placeResting() {
    List<Integer> still = new ArrayList<>();
    for (int p : resting) {
      int best = -1;
      for (int t = 0; t < tables.size(); t++) {
        List<Integer> table = tables.get(t);
        if (table.size() >= minSize && table.size() <= k && pool.groupOk(with(table, p, -1))
            && (best < 0 || table.size() < tables.get(best).size())) {
          best = t;
        }
      }
      if (best >= 0) {
        place(p, best);
      } else {
        still.add(p);
      }
    }
    resting.clear();
    resting.addAll(still);
  }

  /** A MIXED wish unmet at its table: swap that person to a table where it is met, else they rest. */
  private void repairMixed() {
    for (int t = 0; t < tables.size(); t++) {
      List<Integer> table = tables.get(t);
      int guard = table.size() + 1;
      while (!table.isEmpty() && !pool.mixedOk(table) && guard-- > 0) {
        int p = unmetMixed(table);
        if (!swapAway(p)) {
          unplace(p);
          resting.add(p);
        }
      }
      while (!table.isEmpty() && !pool.mixedOk(table)) {
        int p = unmetMixed(table);
        unplace(p);
        resting.add(p);
      }
    }
  }

  /** A member whose MIXED wish is not met at this table. */
  private int unmetMixed(List<Integer> table) {
    for (int m : table) {
      if (!wishMet(m, table)) {
        return m;
      }
    }
    return table.get(0);
  }

  private boolean wishMet(int m, List<Integer> table) {
    Person p = pool.people[m];
    if (p.gender() == null || p.preference() != Preference.MIXED) {
      return true;
    }
    for (int o : table) {
      String g = pool.people[o].gender();
      if (o != m && g != null && !g.equals(p.gender())) {
        return true;
      }
    }
    return false;
  }

  /** Fixes p's unmet MIXED wish by swapping p, or a tablemate, with someone at another table. */
  private boolean swapAway(int p) {
    int from = where[p];
    List<Integer> order = new ArrayList<>();
    for (int t = 0; t < tables.size(); t++) {
      order.add(t);
    }
    java.util.Collections.shuffle(order, rnd);
    int tries = 0;
    for (int u : order) {
      if (u == from || tables.get(u).isEmpty()) {
        continue;
      }
      if (tries++ > 300) {
        break;
      }
      for (int r : new ArrayList<>(tables.get(from))) {
        for (int q : new ArrayList<>(tables.get(u))) {
          List<Integer> a = with(tables.get(from), q, r);
          List<Integer> b = with(tables.get(u), r, q);
          if (pool.groupOk(a) && pool.groupOk(b)) {
            swap(r, q);
            return true;
          }
        }
      }
    }
    return false;
  }

  private void swap(int p, int q) {
    int a = where[p];
    int b = where[q];
    List<Integer> ta = tables.get(a);
    List<Integer> tb = tables.get(b);
    ta.set(ta.indexOf(p), q);
    tb.set(tb.indexOf(q), p);
    where[p] = b;
    where[q] = a;
  }

  /** Tables that lost people below the plan's smallest size: fill from larger tables, else dissolve. */
  private void repairSmall() {
    for (int t = 0; t < tables.size(); t++) {
      List<Integer> table = tables.get(t);
      if (table.isEmpty() || table.size() >= minSize) {
        continue;
      }
      for (int d = 0; d < tables.size() && table.size() < minSize; d++) {
        List<Integer> donor = tables.get(d);
        if (d == t || donor.size() <= minSize) {
          continue;
        }
        for (int x : new ArrayList<>(donor)) {
          if (table.size() >= minSize || donor.size() <= minSize) {
            break;
          }
          if (pool.groupOk(with(table, x, -1)) && pool.groupOk(with(donor, -1, x))) {
            unplace(x);
            place(x, t);
          }
        }
      }
      if (table.size() < minSize) {
        for (int m : new ArrayList<>(table)) {
          unplace(m);
          resting.add(m);
        }
      }
    }
  }

  /** Local search: swap two people between tables when that raises shared interests and stays valid. */
  private void improve() {
    List<Integer> seated = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) {
      if (where[i] >= 0) {
        seated.add(i);
      }
    }
    if (seated.size() < 2 || tables.size() < 2) {
      return;
    }
    long attempts = (long) options.searchPerPerson() * seated.size();
    for (long it = 0; it < attempts; it++) {
      int a = seated.get(rnd.nextInt(seated.size()));
      int target;
      if (near[a] != null && near[a].length > 0 && rnd.nextInt(4) != 0) {
        int friend = near[a][rnd.nextInt(near[a].length)];
        target = where[friend];
      } else {
        target = rnd.nextInt(tables.size());
      }
      if (target < 0 || target == where[a] || tables.get(target).isEmpty()) {
        continue;
      }
      List<Integer> tb = tables.get(target);
      int c = tb.get(rnd.nextInt(tb.size()));
      List<Integer> ta = tables.get(where[a]);
      int delta = gain(a, tb, c) + gain(c, ta, a) - gain(a, ta, -1) - gain(c, tb, -1);
      if (delta > 0 && pool.groupOk(with(ta, c, a)) && pool.groupOk(with(tb, a, c))) {
        swap(a, c);
      }
    }
  }
}
