package gala.scoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Combines one entry's panel marks into its result, in decimal arithmetic (9.35 stays 9.35). */
public final class PanelAggregation {
  private PanelAggregation() {}

  /** The result rounded half-up to the format's decimals, or null while the panel is incomplete. */
  public static BigDecimal result(JudgedFormat format, List<BigDecimal> marks) {
    if (marks.size() < format.judges()) {
      return null;
    }
    List<BigDecimal> sorted = new ArrayList<>(marks);
    sorted.sort(null);
    BigDecimal value = switch (format.aggregate()) {
      case SUM -> sum(sorted);
      case MEAN -> mean(sorted);
      case MEDIAN -> median(sorted);
      case TRIMMED_MEAN -> mean(sorted.subList(format.trim(), sorted.size() - format.trim()));
    };
    return value.setScale(format.decimals(), RoundingMode.HALF_UP);
  }

  private static BigDecimal sum(List<BigDecimal> marks) {
    return marks.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal mean(List<BigDecimal> marks) {
    // Ten extra places, then one half-up rounding to the shown precision: no double rounding at .xx5.
    return sum(marks).divide(BigDecimal.valueOf(marks.size()), 10, RoundingMode.HALF_UP);
  }

  private static BigDecimal median(List<BigDecimal> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2)
        : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 10, RoundingMode.HALF_UP);
  }
}
