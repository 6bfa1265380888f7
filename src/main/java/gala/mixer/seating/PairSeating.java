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
  private PairSeating() {}

  static List<List<Integer>> seat(Pool pool, Seater.Options options, Random rnd) {
    int n = pool.size();
    int maxInterests = 0;
    for (Person p : pool.people) {
      maxInterests = Math.max(maxInterests, p.interests().size());
    }
    double bonus = (double) maxInterests * n + 1;
    // Blossom V adds helper vertices through the graph's supplier: numbers after ours.
    Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(SupplierUtil.createIntegerSupplier(n),
        SupplierUtil.createDefaultWeightedEdgeSupplier());
    for (int i = 0; i < n; i++) {
      g.addVertex(i);
    }
    if (n <= options.exactLimit()) {
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          addEdge(pool, g, i, j, bonus);
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        for (int j : pool.candidates(i, options.candidates(), options.randomCandidates(), rnd)) {
          if (j != i && !g.containsEdge(i, j)) {
            addEdge(pool, g, i, j, bonus);
          }
        }
      }
    }
    Matching<Integer, DefaultWeightedEdge> m = new KolmogorovWeightedMatching<>(g, ObjectiveSense.MAXIMIZE).getMatching();
    List<List<Integer>> groups = new ArrayList<>();
    boolean[] matched = new boolean[n];
    for (DefaultWeightedEdge e : m.getEdges()) {
      int a = g.getEdgeSource(e);
      int b = g.getEdgeTarget(e);
      matched[a] = true;
      matched[b] = true;
      groups.add(new ArrayList<>(List.of(a, b)));
    }
    for (int u = 0; u < n; u++) {
      if (!matched[u]) {
        addToBestPair(pool, groups, u);
      }
    }
    return groups;
  }

  private static void addEdge(Pool pool, Graph<Integer, DefaultWeightedEdge> g, int i, int j, double bonus) {
    if (pool.pairOk(i, j) && pool.mixedOk(List.of(i, j))) {
      g.setEdgeWeight(g.addEdge(i, j), bonus + pool.shared(i, j));
    }
  }

  private static void addToBestPair(Pool pool, List<List<Integer>> groups, int u) {
    List<Integer> best = null;
    int bestGain = -1;
    for (List<Integer> pair : groups) {
      if (pair.size() != 2 || !pool.pairOk(u, pair.get(0)) || !pool.pairOk(u, pair.get(1))) {
        continue;
      }
      List<Integer> trio = List.of(pair.get(0), pair.get(1), u);
      int gain = pool.shared(u, pair.get(0)) + pool.shared(u, pair.get(1));
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
