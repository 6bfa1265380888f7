package gala.draws.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Swiss standings: points, then Buchholz (the sum of the final points of every opponent faced; a bye
 * adds no opponent), ties sharing a rank (1, 2, 2, 4).
 */
public final class Buchholz {
  private Buchholz() {}

  /** One game's result: points for a and for b (1/0, 0.5/0.5, ...); b may be a bye. */
  public record Result(long a, long b, double pointsA, double pointsB) {}

  public record Standing(long id, int rank, double points, double buchholz) {}

  public static List<Standing> standings(List<Long> players, List<Result> results) {
    Map<Long, Double> points = new HashMap<>();
    Map<Long, List<Long>> opponents = new HashMap<>();
    players.forEach(p -> {
      points.put(p, 0.0);
      opponents.put(p, new ArrayList<>());
    });
    for (Result r : results) {
      points.merge(r.a(), r.pointsA(), Double::sum);
      if (r.b() != Pairing.BYE) {
        points.merge(r.b(), r.pointsB(), Double::sum);
        opponents.get(r.a()).add(r.b());
        opponents.get(r.b()).add(r.a());
      }
    }
    List<Standing> rows = new ArrayList<>();
    for (long p : players) {
      double b = 0;
      for (long o : opponents.get(p)) {
        b += points.get(o);
      }
      rows.add(new Standing(p, 0, points.get(p), b));
    }
    rows.sort(Comparator.comparingDouble(Standing::points).reversed()
        .thenComparing(Comparator.comparingDouble(Standing::buchholz).reversed())
        .thenComparingLong(Standing::id));
    List<Standing> ranked = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Standing s = rows.get(i);
      int rank = i + 1;
      if (i > 0) {
        Standing prev = ranked.get(i - 1);
        if (prev.points() == s.points() && prev.buchholz() == s.buchholz()) {
          rank = prev.rank();
        }
      }
      ranked.add(new Standing(s.id(), rank, s.points(), s.buchholz()));
    }
    return ranked;
  }
}
