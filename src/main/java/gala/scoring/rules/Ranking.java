package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Standard competition ranking: higher results first, equal results share a place (1, 2, 2, 4). */
public final class Ranking {
  private Ranking() {}

  public record Ranked<T>(T item, BigDecimal result, int rank) {}

  /** Ranks the items that have a result, best first; ties keep input order and share the rank. */
  public static <T> List<Ranked<T>> rank(List<T> items, java.util.function.Function<T, BigDecimal> result) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(result, Comparator.reverseOrder()));
    List<Ranked<T>> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      BigDecimal r = result.apply(sorted.get(i));
      int rank = i > 0 && r.compareTo(out.get(i - 1).result()) == 0 ? out.get(i - 1).rank() : i + 1;
      out.add(new Ranked<>(sorted.get(i), r, rank));
    }
    return out;
  }
}
