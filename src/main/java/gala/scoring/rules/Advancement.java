package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who goes on to the next round: the top N places, the top percent of the ranked field (rounded
 * up), or everyone reaching a result threshold. Entries sharing a place at the cut all go through,
 * unless a cap ({@code maxPercent}: at most 75% of a round's competitors advance, WCA 9p1) would be
 * passed: then the whole tied group stays out.
 */
public final class Advancement {
  private Advancement() {}

  public enum Kind { TOP, TOP_PERCENT, THRESHOLD }

  public record Rule(Kind kind, int n, BigDecimal threshold, int maxPercent) {
    public Rule(Kind kind, int n, BigDecimal threshold) {
      this(kind, n, threshold, 0);
    }

    public Rule {
      if (maxPercent < 0 || maxPercent > 100) {
        throw new InvalidFormat("advance maxPercent must be between 1 and 100");
      }
      if (kind == Kind.TOP && n < 1) {
        throw new InvalidFormat("advance top must be at least 1");
      }
      if (kind == Kind.TOP_PERCENT && (n < 1 || n > 100)) {
        throw new InvalidFormat("advance topPercent must be between 1 and 100");
      }
      if (kind == Kind.THRESHOLD && threshold == null) {
        throw new InvalidFormat("advance threshold needs a value");
      }
    }

    /** {"top": 8} or {"topPercent": 50} or {"threshold": 9.0}: exactly one of them; optionally "maxPercent": 75. */
    static Rule parse(Map<String, Object> a) {
      Fields.onlyKeys(a, Set.of("top", "topPercent", "threshold", "maxPercent"));
      int cap = Fields.integer(a, "maxPercent", 0);
      if (a.containsKey("maxPercent") && cap < 1) {
        throw new InvalidFormat("advance maxPercent must be between 1 and 100");
      }
      if (a.size() - (a.containsKey("maxPercent") ? 1 : 0) != 1) {
        throw new InvalidFormat("advance has exactly one of top, topPercent, threshold");
      }
      if (a.containsKey("top")) {
        return new Rule(Kind.TOP, Fields.integer(a, "top", 0), null, cap);
      }
      if (a.containsKey("topPercent")) {
        return new Rule(Kind.TOP_PERCENT, Fields.integer(a, "topPercent", 0), null, cap);
      }
      return new Rule(Kind.THRESHOLD, 0, Fields.decimal(a, "threshold", null), cap);
    }

    /** How the rule reads in the standings: "top 8", "top 50%", "≥ 9.00" / "≤ 12.50". */
    public String describe(boolean lowerIsBetter) {
      String base = switch (kind) {
        case TOP -> "top " + n;
        case TOP_PERCENT -> "top " + n + "%";
        case THRESHOLD -> (lowerIsBetter ? "<= " : ">= ") + threshold.toPlainString();
      };
      return maxPercent > 0 ? base + ", at most " + maxPercent + "%" : base;
    }
  }

  /** A ranked entry of a round: its place and its shown result (null when ranked by a fallback). */
  public record Placed<T>(T id, int rank, BigDecimal result) {}

  /**
   * Who advances from a round of {@code competitors} entries: every ranked entry the rule lets
   * through; with a cap, the places from the first one beyond {@code competitors x maxPercent / 100}
   * (rounded down) on stay out, so entries tied at the cap stay out together (as WCA Live does).
   */
  public static <T> Set<T> select(Rule rule, List<Placed<T>> ranked, int competitors, boolean lowerIsBetter) {
    int firstOut = Integer.MAX_VALUE;
    if (rule.maxPercent() > 0) {
      int max = competitors * rule.maxPercent() / 100;
      List<Integer> places = ranked.stream().map(Placed::rank).sorted().toList();
      firstOut = places.size() > max ? places.get(max) : Integer.MAX_VALUE;
    }
    Set<T> out = new LinkedHashSet<>();
    for (Placed<T> p : ranked) {
      if (p.rank() < firstOut && (p.result() != null || rule.kind() != Kind.THRESHOLD)
          && advances(rule, p.rank(), p.result(), ranked.size(), lowerIsBetter)) {
        out.add(p.id());
      }
    }
    return out;
  }

  /**
   * Whether an entry with this place and result advances, in a field of {@code ranked} entries
   * with a result. {@code result} is the shown value (not a ranking key); lower is better for timed.
   */
  public static boolean advances(Rule rule, int rank, BigDecimal result, int ranked, boolean lowerIsBetter) {
    return switch (rule.kind()) {
      case TOP -> rank <= rule.n();
      case TOP_PERCENT -> rank <= (ranked * rule.n() + 99) / 100;
      case THRESHOLD -> lowerIsBetter ? result.compareTo(rule.threshold()) <= 0 : result.compareTo(rule.threshold()) >= 0;
    };
  }

  /**
   * Heats of a round: entries in seed order dealt out in a snake (1-2-3-3-2-1...) so each heat gets
   * a fair share of the strong seeds. Returns the 1-based heat of the entry at {@code seedIndex}
   * (0-based) in a field of {@code field} entries with heats of at most {@code heatSize}.
   */
  public static int heatOf(int seedIndex, int field, int heatSize) {
    if (heatSize <= 0 || field <= heatSize) {
      return 1;
    }
    int heats = (field + heatSize - 1) / heatSize;
    int lap = seedIndex / heats;
    int pos = seedIndex % heats;
    return (lap % 2 == 0 ? pos : heats - 1 - pos) + 1;
  }
}
