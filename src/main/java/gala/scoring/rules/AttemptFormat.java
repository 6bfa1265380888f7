package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Timed (lower is better: swimming, sprints) or measured (higher is better: long jump, rope
 * skipping counts) competitions: each entry makes up to {@code attempts} attempts, each a value or
 * DNF / DNS / DQ, combined by {@code aggregate}: best of N, mean of N, or the average of 5 that
 * drops the best and the worst.
 */
public record AttemptFormat(boolean lowerIsBetter, Aggregate aggregate, int attempts, BigDecimal min, BigDecimal max,
    int decimals, List<String> tieBreaks, Common common) implements Format {

  public enum Aggregate { BEST, MEAN, AVERAGE_OF_5 }

  /** Attempt tie-breaks: the second-best valid attempt, the third-best. */
  public static final Set<String> TIE_BREAKS = Set.of("second_best", "third_best");
  private static final Set<String> KEYS = Set.of("type", "aggregate", "attempts", "min", "max", "decimals", "tieBreaks",
      "teamPoints", "rounds");

  public AttemptFormat {
    if (attempts < 1 || attempts > 10) {
      throw new InvalidFormat("attempts must be between 1 and 10");
    }
    if (aggregate == Aggregate.AVERAGE_OF_5 && attempts != 5) {
      throw new InvalidFormat("average_of_5 needs exactly 5 attempts");
    }
    if (min.signum() < 0) {
      throw new InvalidFormat("min must not be negative: times and distances are not");
    }
    if (max != null && min.compareTo(max) >= 0) {
      throw new InvalidFormat("min must be below max");
    }
    if (decimals < 0 || decimals > 4) {
      throw new InvalidFormat("decimals must be between 0 and 4");
    }
    tieBreaks = List.copyOf(tieBreaks);
  }

  @Override
  public String type() {
    return lowerIsBetter ? "timed" : "measured";
  }

  public static AttemptFormat parse(Map<String, Object> f) {
    Fields.onlyKeys(f, KEYS);
    boolean timed = "timed".equals(f.get("type"));
    Aggregate aggregate;
    try {
      aggregate = Aggregate.valueOf(Fields.string(f, "aggregate", "best").toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new InvalidFormat("aggregate must be one of best, mean, average_of_5");
    }
    int attempts = Fields.integer(f, "attempts", aggregate == Aggregate.AVERAGE_OF_5 ? 5 : 1);
    return new AttemptFormat(timed, aggregate, attempts, Fields.decimal(f, "min", BigDecimal.ZERO),
        Fields.decimal(f, "max", null), Fields.integer(f, "decimals", 2),
        Fields.tieBreaks(f, TIE_BREAKS, List.of()), Common.parse(f));
  }

  /** Whether a value is allowed: not negative, inside [min, max], at most 4 decimal places. */
  public boolean accepts(BigDecimal value) {
    return value.compareTo(min) >= 0 && (max == null || value.compareTo(max) <= 0) && value.stripTrailingZeros().scale() <= 4;
  }
}
