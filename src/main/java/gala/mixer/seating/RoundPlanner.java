package gala.mixer.seating;

import java.util.ArrayList;
import java.util.Arrays;
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
 */
final class RoundPlanner {
  private static final long V_NOW = 3000;
  private static final long V_LATER = 1000;
  private static final long REST_NOW = 2000;
  /** Above a later-round breach: someone who rested already does not rest again to save a later round. */
  private static final long RESTED_BEFORE_NOW = 1200;
  private static final long REST_LATER = 400;
  private static final long RESTED_BEFORE_LATER = 50;
  private static final long SIZE_NOW = 5;
  private static final long SIZE_LATER = 1;

  private final Pool pool;
  private final Random rnd;
  private final int n;
  private final int rounds;
  private final int k;
  private final int tables;
  private final int rest;
  private final int lo;
  private final int hi;
  private final int[] plan;
  private final boolean[] blocked;
  private final int[] affinity;
  private final byte[] together;
  private final int[] gender;
  private final boolean[] wantsMixed;
  private final int genders;
  private final int[] pastRests;
  private final int[][] slot;
  private final int[][] pos;
  private final int[][][] members;
  private final int[][] size;
  private final int[][][] gcount;
  private final int[][] gtotal;
  private final int[][][] mixedWant;
  private final long[] roundHard;
  /** Tables with anyone at them, per round: a lone table may be as small as 2. */
  private final int[] open;
  private long hard;
  private long soft;
  /** The rests nobody can avoid (people no table can hold): the search stops when only they remain. */
  private long floor;

  /**
   * @param rounds this round and those still to come (at least 1)
   * @param pastRests per pool index, how many rounds that person has sat out so far
   */
  RoundPlanner(Pool pool, int k, int rounds, int[] pastRests, Random rnd) {
    this.pool = pool;
    this.rnd = rnd;
    this.n = pool.size();
    this.k = k;
    this.plan = TablePlan.sizes(n, k);
    int smallest = Arrays.stream(plan).min().orElse(2);
    int multiLo = k == 2 ? 2 : Math.max(2, Math.min(k - 1, smallest));
    int maxTables = Math.max(1, Math.min(n / multiLo, plan.length + (k == 2 ? 0 : 1)));
    this.tables = Math.max(maxTables, plan.length);
    this.lo = tables > 1 ? multiLo : 2;
    this.hi = k + 1;
    this.rest = tables;
    this.rounds = Math.max(1, Math.min(rounds, usefulRounds(n, lo)));
    this.pastRests = pastRests;
    blocked = new boolean[n * n];
    affinity = new int[n * n];
    together = new byte[n * n];
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        boolean no = !pool.pairOk(a, b);
        blocked[a * n + b] = no;
        blocked[b * n + a] = no;
        int w = pool.affinity(a, b);
        affinity[a * n + b] = w;
        affinity[b * n + a] = w;
      }
    }
    List<String> names = new ArrayList<>();
    gender = new int[n];
    wantsMixed = new boolean[n];
    for (int p = 0; p < n; p++) {
      Person person = pool.people[p];
      String g = person.gender();
      if (g == null) {
        gender[p] = -1;
      } else {
        if (!names.contains(g)) {
          names.add(g);
        }
        gender[p] = names.indexOf(g);
        wantsMixed[p] = person.preference() == Preference.MIXED;
      }
    }
    genders = Math.max(1, names.size());
    slot = new int[this.rounds][n];
    pos = new int[this.rounds][n];
    members = new int[this.rounds][tables + 1][];
    size = new int[this.rounds][tables + 1];
    gcount = new int[this.rounds][tables + 1][genders];
    gtotal = new int[this.rounds][tables + 1];
    mixedWant = new int[this.rounds][tables + 1][genders];
    roundHard = new long[this.rounds];
    open = new int[this.rounds];
    for (int r = 0; r < this.rounds; r++) {
      for (int t = 0; t < tables; t++) {
        members[r][t] = new int[hi + 1];
      }
      members[r][rest] = new int[n];
      for (int p = 0; p < n; p++) {
        slot[r][p] = rest;
        pos[r][p] = p;
        members[r][rest][p] = p;
        long c = restCost(r, p);
        hard += c;
        roundHard[r] += c;
      }
      size[r][rest] = n;
    }
    for (int p = 0; p < n; p++) {
      if (isolated(p)) {
        for (int r = 0; r < this.rounds; r++) {
          floor += restCost(r, p);
        }
      }
    }
  }

  /** No table could ever hold p: everyone met, or nobody fits p's wish. */
  private boolean isolated(int p) {
    for (int q = 0; q < n; q++) {
      if (q != p && !blocked[p * n + q] && (!wantsMixed[p] || gender[q] >= 0 && gender[q] != gender[p])) {
        return false;
      }
    }
    return true;
  }

  /** A round where everyone meets at least lo-1 new people cannot come more than (n-1)/(lo-1) times. */
  private static int usefulRounds(int n, int lo) {
    return Math.max(1, (n - 1) / Math.max(1, lo - 1));
  }

  // ---- the plan's start: this round as proposed, later rounds by a quick randomised greedy ----

  /** Seats this round as {@code groups} (pool indices) proposes, then sketches the later rounds. */
  void start(List<List<Integer>> groups) {
    int t = 0;
    for (List<Integer> g : groups) {
      if (t >= tables) {
        break;
      }
      for (int p : g) {
        move(0, p, t);
      }
      t++;
    }
    for (int r = 1; r < rounds; r++) {
      sketch(r);
    }
  }

  /** Fills round r table by table in the plan's sizes, each person where they repeat the least. */
  private void sketch(int r) {
    List<Integer> order = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      order.add(p);
    }
    java.util.Collections.shuffle(order, rnd);
    for (int p : order) {
      int best = -1;
      int bestClash = Integer.MAX_VALUE;
      for (int t = 0; t < plan.length && t < tables; t++) {
        if (size[r][t] >= plan[t]) {
          continue;
        }
        int clash = 0;
        for (int x = 0; x < size[r][t]; x++) {
          int q = members[r][t][x];
          if (blocked[p * n + q] || together[p * n + q] > 0) {
            clash++;
          }
        }
        if (clash < bestClash || clash == bestClash && rnd.nextBoolean()) {
          best = t;
          bestClash = clash;
        }
      }
      if (best >= 0) {
        move(r, p, best);
      }
    }
  }

  // ---- costs ----

  private long v(int r) {
    return r == 0 ? V_NOW : V_LATER;
  }

  private long restCost(int r, int p) {
    boolean before = pastRests[p] > 0;
    return r == 0 ? REST_NOW + (before ? RESTED_BEFORE_NOW + 10L * Math.min(pastRests[p], 20) : 0)
        : REST_LATER + (before ? RESTED_BEFORE_LATER : 0);
  }

  private int mixedUnmet(int r, int t) {
    int unmet = 0;
    for (int g = 0; g < genders; g++) {
      if (mixedWant[r][t][g] > 0 && gtotal[r][t] == gcount[r][t][g]) {
        unmet += mixedWant[r][t][g];
      }
    }
    return unmet;
  }

  private long tableHard(int r, int t) {
    if (t == rest) {
      return 0;
    }
    int s = size[r][t];
    if (s == 0) {
      return 0;
    }
    long c = v(r) * mixedUnmet(r, t);
    int min = open[r] > 1 ? lo : 2;
    if (s < min) {
      c += v(r) * (min - s);
    } else if (s > hi) {
      c += v(r) * (s - hi);
    }
    return c;
  }

  private long tableSoft(int r, int t) {
    if (t == rest) {
      return 0;
    }
    return (r == 0 ? SIZE_NOW : SIZE_LATER) * deviation(size[r][t]);
  }

  /** How far a table is from the size asked for: one more is fine, one fewer less so. */
  private int deviation(int s) {
    if (s == 0 || s == k) {
      return 0;
    }
    return s > k ? 1 + 3 * (s - k - 1) : 2 * (k - s);
  }

  // ---- the one primitive: move a person to another table (or the bench) of one round ----

  /** Moves p in round r to table {@code to} (or {@link #rest}); returns the change of the total cost. */
  private long move(int r, int p, int to) {
    int from = slot[r][p];
    if (from == to) {
      return 0;
    }
    // With few tables open, opening or closing one changes what the others may be (a lone table may be small).
    boolean wide = open[r] <= 3;
    long dHard = wide ? -allTablesHard(r) : -tableHard(r, from) - tableHard(r, to);
    long dSoft = -tableSoft(r, from) - tableSoft(r, to);
    long vr = v(r);
    if (from == rest) {
      dHard -= restCost(r, p);
    } else {
      for (int x = 0; x < size[r][from]; x++) {
        int q = members[r][from][x];
        if (q == p) {
          continue;
        }
        int i = p * n + q;
        if (blocked[i]) {
          dHard -= vr;
        } else if (together[i] >= 2) {
          dHard -= V_LATER;
        }
        together[i]--;
        together[q * n + p]--;
      }
    }
    remove(r, p, from);
    if (to == rest) {
      dHard += restCost(r, p);
    } else {
      for (int x = 0; x < size[r][to]; x++) {
        int q = members[r][to][x];
        int i = p * n + q;
        if (blocked[i]) {
          dHard += vr;
        } else if (together[i] >= 1) {
          dHard += V_LATER;
        }
        together[i]++;
        together[q * n + p]++;
      }
    }
    add(r, p, to);
    dHard += wide ? allTablesHard(r) : tableHard(r, from) + tableHard(r, to);
    dSoft += tableSoft(r, from) + tableSoft(r, to);
    hard += dHard;
    soft += dSoft;
    roundHard[r] += dHard;
    return dHard + dSoft;
  }

  private long allTablesHard(int r) {
    long c = 0;
    for (int t = 0; t < tables; t++) {
      c += tableHard(r, t);
    }
    return c;
  }

  private void remove(int r, int p, int t) {
    int[] m = members[r][t];
    int last = --size[r][t];
    if (last == 0 && t != rest) {
      open[r]--;
    }
    int at = pos[r][p];
    m[at] = m[last];
    pos[r][m[at]] = at;
    if (t != rest && gender[p] >= 0) {
      gcount[r][t][gender[p]]--;
      gtotal[r][t]--;
      if (wantsMixed[p]) {
        mixedWant[r][t][gender[p]]--;
      }
    }
  }

  private void add(int r, int p, int t) {
    int at = size[r][t]++;
    if (at == 0 && t != rest) {
      open[r]++;
    }
    members[r][t][at] = p;
    pos[r][p] = at;
    slot[r][p] = t;
    if (t != rest && gender[p] >= 0) {
      gcount[r][t][gender[p]]++;
      gtotal[r][t]++;
      if (wantsMixed[p]) {
        mixedWant[r][t][gender[p]]++;
      }
    }
  }

  private long swap(int r, int p, int q) {
    int a = slot[r][p];
    int b = slot[r][q];
    return move(r, p, b) + move(r, q, a);
  }

  // ---- phase 1: make every round possible ----

  /** Simulated annealing over every planned round; stops early once nothing is broken and nobody rests. */
  static long used;

  void search(long budget) {
    if (hard <= floor) {
      return;
    }
    int[][] best = copySlots();
    long bestCost = hard + soft;
    long bestAt = 0;
    long patience = Math.max(rounds > 1 ? 30_000 : 10_000, budget / 5);
    double t0 = rounds == 1 ? 2500 : 800;
    double t1 = 2;
    double temp = t0;
    double cool = Math.pow(t1 / t0, 256.0 / budget);
    long it = 0;
    for (; it < budget && hard > floor && it - bestAt < patience; it++) {
      if ((it & 255) == 255) {
        temp *= cool;
      }
      int r = pickRound();
      int p = pickPerson(r);
      int from = slot[r][p];
      int to = rnd.nextInt(tables + 1);
      if (to == from) {
        continue;
      }
      long delta;
      int q = -1;
      if (to == rest) {
        if (size[r][rest] > 0 && rnd.nextBoolean()) {
          q = members[r][rest][rnd.nextInt(size[r][rest])];
          delta = swap(r, p, q);
        } else {
          delta = move(r, p, rest);
        }
      } else if (size[r][to] == 0 || size[r][to] < hi && rnd.nextInt(3) == 0) {
        delta = move(r, p, to);
      } else {
        q = members[r][to][rnd.nextInt(size[r][to])];
        delta = swap(r, p, q);
      }
      if (delta > 0 && rnd.nextDouble() >= Math.exp(-delta / temp)) {
        if (q >= 0) {
          swap(r, p, q);
        } else {
          move(r, p, from);
        }
        continue;
      }
      if (hard + soft < bestCost) {
        bestCost = hard + soft;
        bestAt = it;
        best = copySlots();
      }
    }
    used += it;
    if (hard + soft > bestCost) {
      restore(best);
    }
  }

  private int pickRound() {
    if (rounds == 1) {
      return 0;
    }
    if (rnd.nextInt(8) != 0) {
      int troubled = 0;
      for (long c : roundHard) {
        if (c > 0) {
          troubled++;
        }
      }
      if (troubled > 0) {
        int pick = rnd.nextInt(troubled);
        for (int r = 0; r < rounds; r++) {
          if (roundHard[r] > 0 && pick-- == 0) {
            return r;
          }
        }
      }
    }
    return rnd.nextInt(rounds);
  }

  private int pickPerson(int r) {
    int p = rnd.nextInt(n);
    for (int tries = 0; tries < 6 && !troubled(r, p); tries++) {
      p = rnd.nextInt(n);
    }
    return p;
  }

  private boolean troubled(int r, int p) {
    int t = slot[r][p];
    if (t == rest) {
      return true;
    }
    if (size[r][t] < lo || mixedUnmet(r, t) > 0) {
      return true;
    }
    for (int x = 0; x < size[r][t]; x++) {
      int q = members[r][t][x];
      if (q != p && (blocked[p * n + q] || together[p * n + q] > 1)) {
        return true;
      }
    }
    return false;
  }

  private int[][] copySlots() {
    int[][] out = new int[rounds][];
    for (int r = 0; r < rounds; r++) {
      out[r] = slot[r].clone();
    }
    return out;
  }

  private void restore(int[][] saved) {
    for (int r = 0; r < rounds; r++) {
      for (int p = 0; p < n; p++) {
        move(r, p, rest);
      }
      for (int p = 0; p < n; p++) {
        move(r, p, saved[r][p]);
      }
    }
  }

  // ---- phase 2: shared interests in this round ----

  /**
   * Swaps people between this round's tables for more shared interests (annealed, then a full
   * pass of every improving swap), never raising any cost of phase 1.
   */
  void polish(long budget) {
    int seated = n - size[0][rest];
    if (seated < 2) {
      return;
    }
    long interest = interestNow();
    int[] best = slot[0].clone();
    long bestCost = hard + soft;
    long bestInterest = interest;
    double t0 = 1;
    double t1 = 0.05;
    for (long it = 0; it < budget; it++) {
      double temp = t0 * Math.pow(t1 / t0, (double) it / budget);
      int p = rnd.nextInt(n);
      int q = rnd.nextInt(n);
      int a = slot[0][p];
      int b = slot[0][q];
      if (a == rest || b == rest || a == b) {
        continue;
      }
      int gain = swapGain(p, q);
      if (gain < 0 && rnd.nextDouble() >= Math.exp(gain / temp)) {
        continue;
      }
      if (swap(0, p, q) > 0) {
        swap(0, p, q);
        continue;
      }
      interest += gain;
      if (hard + soft < bestCost || hard + soft == bestCost && interest > bestInterest) {
        best = slot[0].clone();
        bestCost = hard + soft;
        bestInterest = interest;
      }
    }
    if (hard + soft > bestCost || hard + soft == bestCost && interest < bestInterest) {
      for (int p = 0; p < n; p++) {
        move(0, p, rest);
      }
      for (int p = 0; p < n; p++) {
        move(0, p, best[p]);
      }
    }
    if (n > 300) {
      return;
    }
    boolean improved = true;
    for (int pass = 0; improved && pass < 20; pass++) {
      improved = false;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          int a = slot[0][p];
          int b = slot[0][q];
          if (a == rest || b == rest || a == b || swapGain(p, q) <= 0) {
            continue;
          }
          if (swap(0, p, q) > 0) {
            swap(0, p, q);
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
    for (int t = 0; t < tables; t++) {
      for (int x = 0; x < size[0][t]; x++) {
        for (int y = x + 1; y < size[0][t]; y++) {
          total += affinity[members[0][t][x] * n + members[0][t][y]];
        }
      }
    }
    return total;
  }

  /** Shared interests gained by exchanging p and q between their tables of this round. */
  private int swapGain(int p, int q) {
    int a = slot[0][p];
    int b = slot[0][q];
    int gain = 0;
    for (int x = 0; x < size[0][a]; x++) {
      int m = members[0][a][x];
      if (m != p) {
        gain += affinity[q * n + m] - affinity[p * n + m];
      }
    }
    for (int x = 0; x < size[0][b]; x++) {
      int m = members[0][b][x];
      if (m != q) {
        gain += affinity[p * n + m] - affinity[q * n + m];
      }
    }
    return gain;
  }

  // ---- the result ----

  long cost() {
    return hard + soft;
  }

  boolean perfect() {
    return hard <= floor;
  }

  /**
   * This round as groups of pool indices that break no rule: anyone still breaking one goes to the
   * bench, tables left too small are filled from the bench or emptied, and the bench is then seated
   * wherever a table has room and nothing breaks (those who rested before first).
   */
  List<List<Integer>> thisRound() {
    for (int t = 0; t < tables; t++) {
      while (size[0][t] > 0 && !pool.groupOk(table(t))) {
        move(0, worstAt(t), rest);
      }
    }
    for (int t = 0; t < tables; t++) {
      if (size[0][t] > 0 && size[0][t] < lo) {
        for (int p : benchOrder()) {
          if (size[0][t] >= lo) {
            break;
          }
          if (fitsAt(p, t)) {
            move(0, p, t);
          }
        }
      }
    }
    // Tables still too small are emptied, smallest first, unless one would be the only table.
    List<Integer> small = new ArrayList<>();
    for (int t = 0; t < tables; t++) {
      if (size[0][t] > 0 && size[0][t] < lo) {
        small.add(t);
      }
    }
    small.sort(Comparator.comparingInt(t -> size[0][t]));
    for (int t : small) {
      if (open[0] > 1 || size[0][t] < 2) {
        while (size[0][t] > 0) {
          move(0, members[0][t][0], rest);
        }
      }
    }
    for (int p : benchOrder()) {
      int best = -1;
      int bestGain = Integer.MIN_VALUE;
      for (int t = 0; t < tables; t++) {
        if ((size[0][t] >= lo || open[0] == 1 && size[0][t] > 0) && size[0][t] < hi && fitsAt(p, t)) {
          int gain = 0;
          for (int x = 0; x < size[0][t]; x++) {
            gain += affinity[p * n + members[0][t][x]];
          }
          if (gain > bestGain) {
            best = t;
            bestGain = gain;
          }
        }
      }
      if (best >= 0) {
        move(0, p, best);
      }
    }
    List<List<Integer>> out = new ArrayList<>();
    for (int t = 0; t < tables; t++) {
      if (size[0][t] > 0) {
        out.add(table(t));
      }
    }
    return out;
  }

  private List<Integer> table(int t) {
    List<Integer> out = new ArrayList<>(size[0][t]);
    for (int x = 0; x < size[0][t]; x++) {
      out.add(members[0][t][x]);
    }
    return out;
  }

  private boolean fitsAt(int p, int t) {
    List<Integer> after = table(t);
    after.add(p);
    return pool.groupOk(after);
  }

  /** The member of table t in the most trouble: most blocked tablemates, then an unmet mixed wish. */
  private int worstAt(int t) {
    int worst = members[0][t][0];
    int worstScore = -1;
    int unmetMixed = mixedUnmet(0, t);
    for (int x = 0; x < size[0][t]; x++) {
      int p = members[0][t][x];
      int score = 0;
      for (int y = 0; y < size[0][t]; y++) {
        int q = members[0][t][y];
        if (q != p && blocked[p * n + q]) {
          score += 2;
        }
      }
      if (unmetMixed > 0 && wantsMixed[p]) {
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
    for (int x = 0; x < size[0][rest]; x++) {
      out.add(members[0][rest][x]);
    }
    out.sort(Comparator.comparingInt((Integer p) -> -pastRests[p]).thenComparingInt(p -> p));
    return out;
  }

  int rounds() {
    return rounds;
  }
}
