package gala.scoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Combines one entry's panel marks into its result, in decimal arithmetic (9.35 stays 9.35). */
public final class PanelAggregation {
  private PanelAggregation() {}

  /** Places kept inside a computation before the one final rounding: no double rounding at .xx5. */
  private static final int WORK_SCALE = 10;

  /** A single-criterion panel: the result rounded half-up to the format's decimals, or null while incomplete. */
  public static BigDecimal result(JudgedFormat format, List<BigDecimal> marks) {
    List<Map<String, BigDecimal>> panel = new ArrayList<>();
    for (BigDecimal m : marks) {
      panel.add(Map.of(format.criteria().get(0).name(), m));
    }
    return result(format, panel, null);
  }

  /**
   * The result of a panel, one map of criterion marks per judge: per criterion the aggregate of the
   * judges' marks, times its weight, summed, times the difficulty (when the format has one), rounded
   * half-up once to the format's decimals. Null while the panel is incomplete (fewer judges, a
   * criterion missing, or the difficulty missing).
   */
  public static BigDecimal result(JudgedFormat format, List<Map<String, BigDecimal>> panel, BigDecimal difficulty) {
    BigDecimal exact = exact(format, panel, difficulty);
    return exact == null ? null : exact.setScale(format.decimals(), RoundingMode.HALF_UP);
  }

  /** The panel's result before the final rounding (a combined format rounds only its total); null while incomplete. */
  public static BigDecimal exact(JudgedFormat format, List<Map<String, BigDecimal>> panel, BigDecimal difficulty) {
    if (panel.size() < format.judges() || (format.difficulty().declared() && difficulty == null)) {
      return null;
    }
    BigDecimal total = BigDecimal.ZERO;
    for (JudgedFormat.Criterion c : format.criteria()) {
      List<BigDecimal> marks = new ArrayList<>();
      for (Map<String, BigDecimal> judge : panel) {
        BigDecimal m = judge.get(c.name());
        if (m == null) {
          return null;
        }
        marks.add(m);
      }
      total = total.add(aggregate(format, marks).multiply(c.weight()));
    }
    if (format.difficulty().declared()) {
      total = total.multiply(difficulty);
    }
    return total;
  }

  /** The format's aggregate of one criterion's marks, unrounded (work scale). */
  public static BigDecimal aggregate(JudgedFormat format, List<BigDecimal> marks) {
    List<BigDecimal> sorted = new ArrayList<>(marks);
    sorted.sort(null);
    int k = format.trim();
    return switch (format.aggregate()) {
      case SUM -> sum(sorted);
      case MEAN -> mean(sorted);
      case MEDIAN -> median(sorted);
      case TRIMMED_MEAN -> mean(sorted.subList(k, sorted.size() - k));
      case TRIMMED_SUM -> sum(sorted.subList(k, sorted.size() - k));
    };
  }

  /**
   * Which of one criterion's marks (in panel order) the aggregate drops: the {@code trim} lowest
   * and highest for the trimmed aggregates, none otherwise. Among equal marks the later judge's is
   * dropped first at the top and the earlier one's at the bottom, so the choice is stable.
   */
  public static List<Boolean> dropped(JudgedFormat format, List<BigDecimal> marks) {
    List<Boolean> out = new ArrayList<>(java.util.Collections.nCopies(marks.size(), false));
    boolean trimmed = format.aggregate() == JudgedFormat.Aggregate.TRIMMED_MEAN
        || format.aggregate() == JudgedFormat.Aggregate.TRIMMED_SUM;
    int k = format.trim();
    if (!trimmed || k == 0 || marks.size() <= 2 * k) {
      return out;
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < marks.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> {
      int c = marks.get(a).compareTo(marks.get(b));
      return c != 0 ? c : Integer.compare(a, b);
    });
    for (int i = 0; i < k; i++) {
      out.set(order.get(i), true);
      out.set(order.get(order.size() - 1 - i), true);
    }
    return out;
  }

  /** Every mark of the panel added up, untrimmed: the "total_marks" tie-break. */
  public static BigDecimal totalMarks(List<Map<String, BigDecimal>> panel) {
    BigDecimal total = BigDecimal.ZERO;
    for (Map<String, BigDecimal> judge : panel) {
      for (BigDecimal m : judge.values()) {
        total = total.add(m);
      }
    }
    return total;
  }

  /** The highest single mark (the "highest_mark" tie-break); null for an empty panel. */
  public static BigDecimal highestMark(List<Map<String, BigDecimal>> panel) {
    return panel.stream().flatMap(j -> j.values().stream()).max(BigDecimal::compareTo).orElse(null);
  }

  /** The lowest single mark (the "lowest_mark" tie-break: the higher lowest mark wins). */
  public static BigDecimal lowestMark(List<Map<String, BigDecimal>> panel) {
    return panel.stream().flatMap(j -> j.values().stream()).min(BigDecimal::compareTo).orElse(null);
  }

  /**
   * The judges whose mark, in any criterion, lies further than the format's tolerance from the
   * median of the panel's marks for that criterion: flagged for the head judge to look at. A panel
   * of fewer than three has no meaningful median to stray from.
   */
  public static <J> Set<J> outliers(JudgedFormat format, Map<J, Map<String, BigDecimal>> panel) {
    Set<J> out = new HashSet<>();
    if (panel.size() < 3) {
      return out;
    }
    for (JudgedFormat.Criterion c : format.criteria()) {
      Map<J, BigDecimal> marks = new LinkedHashMap<>();
      panel.forEach((judge, m) -> {
        if (m.get(c.name()) != null) {
          marks.put(judge, m.get(c.name()));
        }
      });
      if (marks.size() < 3) {
        continue;
      }
      List<BigDecimal> sorted = new ArrayList<>(marks.values());
      sorted.sort(null);
      BigDecimal median = median(sorted);
      marks.forEach((judge, m) -> {
        if (m.subtract(median).abs().compareTo(format.tolerance()) > 0) {
          out.add(judge);
        }
      });
    }
    return out;
  }

  private static BigDecimal sum(List<BigDecimal> marks) {
    return marks.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal mean(List<BigDecimal> marks) {
    return sum(marks).divide(BigDecimal.valueOf(marks.size()), WORK_SCALE, RoundingMode.HALF_UP);
  }

  private static BigDecimal median(List<BigDecimal> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2)
        : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), WORK_SCALE, RoundingMode.HALF_UP);
  }
}
