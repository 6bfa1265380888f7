package gala.mixer.seating;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm.Matching;
import org.jgrapht.alg.matching.blossom.v5.KolmogorovWeightedMatching;
import org.jgrapht.alg.matching.blossom.v5.ObjectiveSense;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.jgrapht.util.SupplierUtil;

/**
 * Pairs by maximum-weight matching. An edge joins two people who may meet; its weight is a bonus
 * larger than any possible interest total plus their shared interests, so the matching first seats
 * as many pairs as possible and then maximises shared interests among those. An odd one out joins
 * the pair it shares most with, as a trio, if that breaks no constraint.
 */
final class PairSeating {
  /** Up to this pool size the 2-opt tries every two pairs; above, each person's best-sharing candidates. */
  private static final int EXHAUSTIVE = 1500;

  private PairSeating() {}

  static List<List<Integer>> seat(Pool pool, Seater.Options options, Random rnd) {
    int n = pool.size();
    List<List<Integer>> groups = new ArrayList<>();
    boolean[] matched = new boolean[n];
    if (n <= options.exactLimit()) {
      match(pool, identity(n), true, options, rnd, groups, matched);
    } else {
      for (int[] chunk : chunks(pool, options.chunk(), rnd)) {
        match(pool, chunk, false, options, rnd, groups, matched);
      }
      // Those a chunk left over get a second chance among themselves.
      List<Integer> rest = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (!matched[i]) {
          rest.add(i);
        }
      }
      if (rest.size() > 1) {
        match(pool, rest.stream().mapToInt(Integer::intValue).toArray(), rest.size() <= options.exactLimit(), options,
            rnd, groups, matched);
      }
      recombine(pool, groups, options, rnd);
    }
    for (int u = 0; u < n; u++) {
      if (!matched[u]) {
        addToBestPair(pool, groups, u);
      }
    }
    return groups;
  }

  private static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }

  /**
   * Cuts a large pool into chunks of people who share interests: sorted by their best-ranked tag
   * under an order of tags drawn afresh each round (so chunks differ between rounds), then cut.
   */
  private static List<int[]> chunks(Pool pool, int size, Random rnd) {
    int n = pool.size();
    java.util.Map<String, Double> rank = new java.util.HashMap<>();
    double[] key = new double[n];
    for (int i = 0; i < n; i++) {
      double best = 2;
      for (String tag : pool.people[i].interests()) {
        best = Math.min(best, rank.computeIfAbsent(tag, t -> rnd.nextDouble()));
      }
      key[i] = best + rnd.nextDouble() * 1e-6;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.comparingDouble(i -> key[i]));
    int count = (n + size - 1) / size;
    List<int[]> out = new ArrayList<>();
    int from = 0;
    for (int c = 0; c < count; c++) {
      int len = n / count + (c < n % count ? 1 : 0);
      int[] chunk = new int[len];
      for (int x = 0; x < len; x++) {
        chunk[x] = order.get(from + x);
      }
      from += len;
      out.add(chunk);
    }
    return out;
  }

  /** Maximum-weight matching among {@code members} (pool indices); adds pairs and marks them matched. */
  private static void match(Pool pool, int[] members, boolean complete, Seater.Options options, Random rnd,
      List<List<Integer>> groups, boolean[] matched) {
    int m = members.length;
    int maxInterests = 0;
    for (int i : members) {
      maxInterests = Math.max(maxInterests, pool.people[i].interests().size() + 1);
    }
    double bonus = (double) maxInterests * m + 1;
    // Blossom V adds helper vertices through the graph's supplier: numbers after ours.
    Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(SupplierUtil.createIntegerSupplier(m),
        SupplierUtil.createDefaultWeightedEdgeSupplier());
    for (int i = 0; i < m; i++) {
      g.addVertex(i);
    }
    if (complete) {
      for (int i = 0; i < m; i++) {
        for (int j = i + 1; j < m; j++) {
          addEdge(pool, g, members, i, j, bonus);
        }
      }
    } else {
      List<Person> sub = new ArrayList<>();
      for (int i : members) {
        sub.add(pool.people[i]);
      }
      Pool local = pool.subPool(sub);
      for (int i = 0; i < m; i++) {
        for (int j : local.candidates(i, options.candidates(), options.randomCandidates(), rnd)) {
          if (j != i && !g.containsEdge(i, j)) {
            addEdge(pool, g, members, i, j, bonus);
          }
        }
      }
    }
    Matching<Integer, DefaultWeightedEdge> result = new KolmogorovWeightedMatching<>(g, ObjectiveSense.MAXIMIZE).getMatching();
    for (DefaultWeightedEdge e : result.getEdges()) {
      int a = members[g.getEdgeSource(e)];
      int b = members[g.getEdgeTarget(e)];
      matched[a] = true;
      matched[b] = true;
      groups.add(new ArrayList<>(List.of(a, b)));
    }
  }

  private static void addEdge(Pool pool, Graph<Integer, DefaultWeightedEdge> g, int[] members, int i, int j,
      double bonus) {
    int a = members[i];
    int b = members[j];
    if (pairAllowed(pool, a, b)) {
      g.setEdgeWeight(g.addEdge(i, j), bonus + pool.affinity(a, b));
    }
  }

  /**
   * Chunks cannot pair people across their borders, so afterwards a 2-opt over the whole pool:
   * for each person a (paired with b) and each of a's best-sharing candidates c (paired with d),
   * the pairs become (a, c) and (b, d) whenever that shares more interests and breaks nothing.
   */
  private static void recombine(Pool pool, List<List<Integer>> groups, Seater.Options options, Random rnd) {
    int n = pool.size();
    int[] partner = new int[n];
    java.util.Arrays.fill(partner, -1);
    for (List<Integer> g : groups) {
      if (g.size() == 2) {
        partner[g.get(0)] = g.get(1);
        partner[g.get(1)] = g.get(0);
      }
    }
    int[][] near = new int[n][];
    for (int a = 0; a < n && n > EXHAUSTIVE; a++) {
      near[a] = partner[a] < 0 ? new int[0] : pool.candidates(a, options.candidates(), 0, rnd);
    }
    boolean improved = true;
    for (int pass = 0; pass < 10 && improved; pass++) {
      improved = false;
      for (int a = 0; a < n; a++) {
        if (n <= EXHAUSTIVE) {
          for (int c = a + 1; c < n; c++) {
            improved |= exchange(pool, partner, a, c);
          }
        } else {
          for (int c : near[a]) {
            improved |= exchange(pool, partner, a, c);
          }
        }
      }
    }
    // Then pairs of pairs at random, which also reach people with no interest in common yet.
    for (long t = 60L * n; t > 0; t--) {
      exchange(pool, partner, rnd.nextInt(n), rnd.nextInt(n));
    }
    groups.removeIf(g -> g.size() == 2);
    for (int a = 0; a < n; a++) {
      if (partner[a] > a) {
        groups.add(new ArrayList<>(List.of(a, partner[a])));
      }
    }
  }

  /** (a, b) and (c, d) become (a, c) and (b, d) if that shares more and breaks nothing. */
  private static boolean exchange(Pool pool, int[] partner, int a, int c) {
    int b = partner[a];
    int d = partner[c];
    if (b < 0 || d < 0 || c == b || c == a) {
      return false;
    }
    int gain = pool.affinity(a, c) + pool.affinity(b, d) - pool.affinity(a, b) - pool.affinity(c, d);
    if (gain <= 0 || !pairAllowed(pool, a, c) || !pairAllowed(pool, b, d)) {
      return false;
    }
    partner[a] = c;
    partner[c] = a;
    partner[b] = d;
    partner[d] = b;
    return true;
  }

  private static boolean pairAllowed(Pool pool, int a, int b) {
    return pool.pairOk(a, b) && pool.mixedOk(List.of(a, b));
  }

  private static void addToBestPair(Pool pool, List<List<Integer>> groups, int u) {
    List<Integer> best = null;
    int bestGain = -1;
    for (List<Integer> pair : groups) {
      if (pair.size() != 2 || !pool.pairOk(u, pair.get(0)) || !pool.pairOk(u, pair.get(1))) {
        continue;
      }
      List<Integer> trio = List.of(pair.get(0), pair.get(1), u);
      int gain = pool.affinity(u, pair.get(0)) + pool.affinity(u, pair.get(1));
      if (gain > bestGain && pool.mixedOk(trio)) {
        best = pair;
        bestGain = gain;
      }
    }
    if (best != null) {
      best.add(u);
    }
  }
}
