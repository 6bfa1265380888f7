package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Standard competition ranking with ordered tie-breaks: the primary key first (higher is better),
 * then each tie-break in turn inside every group still tied. Entries tied after the last rule share
 * the place (1, 2, 2, 4) and keep their input order. Each ranked item says which rule set it apart
 * from its neighbours, so the standings can show why.
 */
public final class Ranking {
  private Ranking() {}

  /**
   * A ranked item. {@code decidedBy} names the tie-break that separated it from entries with the
   * same primary key (null when the primary key alone did, or when it still shares its place).
   */
  public record Ranked<T>(T item, BigDecimal result, int rank, String decidedBy, boolean tied) {}

  /**
   * A tie-break: given the entries still tied with each other, a key per entry, higher is better
   * (null ranks last). Keys depend on the group for rules like head-to-head.
   */
  public interface TieBreak<T> {
    String name();

    Map<T, BigDecimal> keys(List<T> tied);

    static <T> TieBreak<T> of(String name, Function<T, BigDecimal> key) {
      return new TieBreak<>() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public Map<T, BigDecimal> keys(List<T> tied) {
          Map<T, BigDecimal> out = new IdentityHashMap<>();
          tied.forEach(t -> out.put(t, key.apply(t)));
          return out;
        }
      };
    }
  }

  /** Ranks the items by result alone, higher first; equal results share the place. */
  public static <T> List<Ranked<T>> rank(List<T> items, Function<T, BigDecimal> result) {
    return rank(items, result, List.of());
  }

  /** Ranks by the result (higher first, never null), then by each tie-break in order. */
  public static <T> List<Ranked<T>> rank(List<T> items, Function<T, BigDecimal> result, List<TieBreak<T>> tieBreaks) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(result, Comparator.reverseOrder()));
    Map<T, String> decided = new IdentityHashMap<>();
    List<List<T>> groups = new ArrayList<>();
    int i = 0;
    while (i < sorted.size()) {
      int j = i + 1;
      while (j < sorted.size() && result.apply(sorted.get(j)).compareTo(result.apply(sorted.get(i))) == 0) {
        j++;
      }
      resolve(sorted.subList(i, j), tieBreaks, 0, decided, groups);
      i = j;
    }
    List<Ranked<T>> out = new ArrayList<>();
    int position = 1;
    for (List<T> group : groups) {
      for (T t : group) {
        out.add(new Ranked<>(t, result.apply(t), position, decided.get(t), group.size() > 1));
      }
      position += group.size();
    }
    return out;
  }

  private static <T> void resolve(List<T> tied, List<TieBreak<T>> rules, int next, Map<T, String> decided,
      List<List<T>> groups) {
    if (tied.size() == 1 || next == rules.size()) {
      groups.add(new ArrayList<>(tied));
      return;
    }
    TieBreak<T> rule = rules.get(next);
    Map<T, BigDecimal> keys = rule.keys(tied);
    List<T> sorted = new ArrayList<>(tied);
    Comparator<BigDecimal> better = Comparator.nullsLast(Comparator.reverseOrder());
    sorted.sort((a, b) -> better.compare(keys.get(a), keys.get(b)));
    List<List<T>> parts = new ArrayList<>();
    for (T t : sorted) {
      List<T> last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
      if (last != null && same(keys.get(last.get(0)), keys.get(t))) {
        last.add(t);
      } else {
        List<T> part = new ArrayList<>();
        part.add(t);
        parts.add(part);
      }
    }
    if (parts.size() > 1) {
      tied.forEach(t -> decided.put(t, rule.name()));
    }
    for (List<T> part : parts) {
      resolve(part, rules, next + 1, decided, groups);
    }
  }

  private static boolean same(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }
}
