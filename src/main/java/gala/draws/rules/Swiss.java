package gala.draws.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm.Matching;
import org.jgrapht.alg.matching.blossom.v5.KolmogorovWeightedMatching;
import org.jgrapht.alg.matching.blossom.v5.ObjectiveSense;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.jgrapht.util.SupplierUtil;

/**
 * Swiss pairing. Players are ranked by score, then by seed. With an odd field the lowest-ranked
 * player who has not had a bye yet gets it (byes rotate). The rest are paired so that nobody meets
 * an earlier opponent, players meet others of their own score group wherever possible (the sum of
 * squared score differences is minimal), and inside a group the top half meets the bottom half
 * (1 v 5, 2 v 6, ... in a group of eight): one maximum-weight matching decides all of it, so the
 * pairing never gets stuck the way greedy pairing down a list can.
 */
public final class Swiss {
  private Swiss() {}

  /** A player: id, points so far (e.g. 1 per win, 0.5 per draw) and seed (1 the strongest). */
  public record Player(long id, double score, int seed) {}

  /** Who met whom, and who had a bye. */
  public static final class History {
    private final Set<Set<Long>> played = new HashSet<>();
    private final Set<Long> byes = new HashSet<>();

    public void played(long a, long b) {
      played.add(Set.of(a, b));
    }

    public boolean met(long a, long b) {
      return played.contains(Set.of(a, b));
    }

    public void bye(long id) {
      byes.add(id);
    }

    public boolean hadBye(long id) {
      return byes.contains(id);
    }

    public void addRound(Collection<Pairing> round) {
      for (Pairing p : round) {
        if (p.isBye()) {
          bye(p.byeTaker());
        } else {
          played(p.a(), p.b());
        }
      }
    }
  }

  /**
   * The next round's pairings; the bye (if any) is the last pairing. Fails with
   * IllegalStateException when no pairing without a rematch exists (the field is exhausted).
   */
  public static List<Pairing> pair(List<Player> players, History history) {
    List<Player> ranked = new ArrayList<>(players);
    ranked.sort(Comparator.comparingDouble(Player::score).reversed().thenComparingInt(Player::seed));
    List<Pairing> out = new ArrayList<>();
    List<Player> toPair = new ArrayList<>(ranked);
    Player bye = null;
    if (toPair.size() % 2 == 1) {
      // Lowest-ranked first; among those who had no bye yet, the first whose removal leaves a valid pairing.
      List<Player> candidates = new ArrayList<>();
      for (int i = ranked.size() - 1; i >= 0; i--) {
        if (!history.hadBye(ranked.get(i).id())) {
          candidates.add(ranked.get(i));
        }
      }
      for (int i = ranked.size() - 1; i >= 0; i--) {
        if (history.hadBye(ranked.get(i).id())) {
          candidates.add(ranked.get(i)); // everyone had one: start the rotation again
        }
      }
      for (Player c : candidates) {
        List<Player> rest = new ArrayList<>(ranked);
        rest.remove(c);
        List<Pairing> pairs = match(rest, history);
        if (pairs != null) {
          bye = c;
          out.addAll(pairs);
          break;
        }
      }
      if (bye == null) {
        throw new IllegalStateException("no pairing without a rematch exists");
      }
      out.add(new Pairing(bye.id(), Pairing.BYE));
      return out;
    }
    List<Pairing> pairs = match(toPair, history);
    if (pairs == null) {
      throw new IllegalStateException("no pairing without a rematch exists");
    }
    return pairs;
  }

  /** A perfect matching of {@code ranked} without rematches, or null if none exists. */
  private static List<Pairing> match(List<Player> ranked, History history) {
    int n = ranked.size();
    if (n == 0) {
      return List.of();
    }
    // Position inside the score group, and the group's size, for the top-half v bottom-half rule.
    Map<Double, List<Integer>> groups = new HashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(ranked.get(i).score(), s -> new ArrayList<>()).add(i);
    }
    double maxDiff = ranked.get(0).score() - ranked.get(n - 1).score();
    // Above any sum of penalties, so the matching is perfect whenever a perfect one exists.
    double bonus = (maxDiff * maxDiff * 1000 + n + 1) * n;
    Graph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(SupplierUtil.createIntegerSupplier(n),
        SupplierUtil.createDefaultWeightedEdgeSupplier());
    for (int i = 0; i < n; i++) {
      g.addVertex(i);
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        Player a = ranked.get(i);
        Player b = ranked.get(j);
        if (history.met(a.id(), b.id())) {
          continue;
        }
        double d = a.score() - b.score();
        double penalty = d * d * 1000;
        if (Objects.equals(a.score(), b.score())) {
          List<Integer> group = groups.get(a.score());
          int half = group.size() / 2;
          int gap = group.indexOf(j) - group.indexOf(i);
          penalty += Math.abs(gap - Math.max(1, half));
        } else {
          penalty += j - i;
        }
        g.setEdgeWeight(g.addEdge(i, j), bonus - penalty);
      }
    }
    Matching<Integer, DefaultWeightedEdge> m = new KolmogorovWeightedMatching<>(g, ObjectiveSense.MAXIMIZE).getMatching();
    if (m.getEdges().size() * 2 != n) {
      return null;
    }
    List<Pairing> out = new ArrayList<>();
    List<DefaultWeightedEdge> edges = new ArrayList<>(m.getEdges());
    edges.sort(Comparator.comparingInt(e -> Math.min(g.getEdgeSource(e), g.getEdgeTarget(e))));
    for (DefaultWeightedEdge e : edges) {
      int i = Math.min(g.getEdgeSource(e), g.getEdgeTarget(e));
      int j = Math.max(g.getEdgeSource(e), g.getEdgeTarget(e));
      out.add(new Pairing(ranked.get(i).id(), ranked.get(j).id()));
    }
    return out;
  }
}
