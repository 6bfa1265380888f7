package gala.mixer.seating;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of every planned round (who sits at which table, or on the bench) and what it costs,
 * kept up to date by one primitive, {@link #move}. Split out of {@link RoundPlanner} so the search
 * and the polish share one bookkeeping: both change the plan only through move/swap, so the cost
 * is always exact and incremental. The cost order is described on {@link RoundPlanner}.
 */
final class PlannedRounds {
  private static final long V_NOW = 3000;
  private static final long V_LATER = 1000;
  private static final long REST_NOW = 2000;
  /** Above a later-round breach: someone who rested already does not rest again to save a later round. */
  private static final long RESTED_BEFORE_NOW = 1200;
  private static final long REST_LATER = 400;
  private static final long RESTED_BEFORE_LATER = 50;
  private static final long SIZE_NOW = 5;
  private static final long SIZE_LATER = 1;

  // Package-private and read directly: the search, the polish and the result read them in hot loops;
  // only move/swap (and restore) write them, so the costs stay right.
  final Pool pool;
  final int n;
  final int rounds;
  final int k;
  final int tables;
  final int rest;
  final int lo;
  final int hi;
  final int[] plan;
  final boolean[] blocked;
  final int[] affinity;
  final byte[] together;
  final int[] gender;
  final boolean[] wantsMixed;
  final int genders;
  final int[] pastRests;
  final int[][] slot;
  final int[][] pos;
  final int[][][] members;
  final int[][] size;
  final int[][][] gcount;
  final int[][] gtotal;
  final int[][][] mixedWant;
  final long[] roundHard;
  /** Tables with anyone at them, per round: a lone table may be as small as 2. */
  final int[] open;
  long hard;
  long soft;
  /** The rests nobody can avoid (people no table can hold): the search stops when only they remain. */
  long floor;

  /**
   * @param rounds this round and those still to come (at least 1)
   * @param pastRests per pool index, how many rounds that person has sat out so far
   */
  PlannedRounds(Pool pool, int k, int rounds, int[] pastRests) {
    this.pool = pool;
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

  // ---- costs ----

  private long v(int r) {
    return r == 0 ? V_NOW : V_LATER;
  }

  private long restCost(int r, int p) {
    boolean before = pastRests[p] > 0;
    return r == 0 ? REST_NOW + (before ? RESTED_BEFORE_NOW + 10L * Math.min(pastRests[p], 20) : 0)
        : REST_LATER + (before ? RESTED_BEFORE_LATER : 0);
  }

  int mixedUnmet(int r, int t) {
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
  long move(int r, int p, int to) {
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

  long swap(int r, int p, int q) {
    int a = slot[r][p];
    int b = slot[r][q];
    return move(r, p, b) + move(r, q, a);
  }

  long cost() {
    return hard + soft;
  }

  // ---- saving and restoring the whole plan (the searches keep their best) ----

  int[][] copySlots() {
    int[][] out = new int[rounds][];
    for (int r = 0; r < rounds; r++) {
      out[r] = slot[r].clone();
    }
    return out;
  }

  void restore(int[][] saved) {
    for (int r = 0; r < rounds; r++) {
      for (int p = 0; p < n; p++) {
        move(r, p, rest);
      }
      for (int p = 0; p < n; p++) {
        move(r, p, saved[r][p]);
      }
    }
  }
}
