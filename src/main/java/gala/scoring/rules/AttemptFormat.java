package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Timed (lower is better: swimming, sprints, speedcubing) or measured (higher is better: long
 * jump, rope skipping counts) competitions: each entry makes up to {@code attempts} attempts, each a
 * value or DNF / DNS / DQ, combined by {@code aggregate}: best of N, mean of N, or the average of 5
 * that drops the best and the worst. Federation details: a {@code timeLimit} (an attempt reaching it
 * is DNF, WCA A1a4), a {@code cutoff} (only entries beating it within the first attempts go on,
 * WCA 9g), {@code rounding} of results over a threshold to a coarser unit (WCA 9f2: over 10 minutes
 * to the second, half up), and {@code fallbackToBest}: entries without a result (a DNF average, a
 * missed cutoff) are ranked after the others by their best single.
 */
public record AttemptFormat(boolean lowerIsBetter, Aggregate aggregate, int attempts, BigDecimal min, BigDecimal max,
    int decimals, List<String> tieBreaks, Common common, Cutoff cutoff, BigDecimal timeLimit, Rounding rounding,
    boolean fallbackToBest) implements Format {

  public enum Aggregate { BEST, MEAN, AVERAGE_OF_5 }

  /** Entries go on only if one of their first {@code attempts} attempts is strictly better than {@code beat}. */
  public record Cutoff(int attempts, BigDecimal beat) {}

  /** Results strictly over {@code over} are rounded half up to a multiple of {@code unit}. */
  public record Rounding(BigDecimal over, BigDecimal unit) {
    BigDecimal apply(BigDecimal v) {
      if (v.compareTo(over) <= 0) {
        return v;
      }
      return v.divide(unit, 0, java.math.RoundingMode.HALF_UP).multiply(unit);
    }
  }

  /** Attempt tie-breaks: the valid attempts best first (best_single, second_best, ...). */
  public static final Set<String> TIE_BREAKS = TieBreakNames.ATTEMPT_DERIVED;
  private static final Set<String> KEYS = Set.of("type", "aggregate", "attempts", "min", "max", "decimals", "tieBreaks",
      "teamPoints", "rounds", "cutoff", "timeLimit", "rounding", "fallbackToBest");

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
    if (cutoff != null && (cutoff.attempts() < 1 || cutoff.attempts() >= attempts || cutoff.beat().signum() <= 0)) {
      throw new InvalidFormat("a cutoff names fewer attempts than the format has, and a positive result to beat");
    }
    if (cutoff != null && aggregate == Aggregate.BEST) {
      throw new InvalidFormat("a cutoff belongs to mean and average formats (best of N needs none)");
    }
    if (timeLimit != null && (!lowerIsBetter || timeLimit.signum() <= 0)) {
      throw new InvalidFormat("a timeLimit belongs to timed formats and is positive");
    }
    if (rounding != null && (rounding.over().signum() < 0 || rounding.unit().signum() <= 0)) {
      throw new InvalidFormat("rounding needs over >= 0 and a positive unit");
    }
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
    Cutoff cutoff = null;
    if (f.get("cutoff") != null) {
      Map<String, Object> c = Fields.object(f.get("cutoff"), "cutoff");
      Fields.onlyKeys(c, Set.of("attempts", "beat"));
      cutoff = new Cutoff(Fields.integer(c, "attempts", 0), Fields.decimal(c, "beat", BigDecimal.ZERO));
    }
    Rounding rounding = null;
    if (f.get("rounding") != null) {
      Map<String, Object> r = Fields.object(f.get("rounding"), "rounding");
      Fields.onlyKeys(r, Set.of("over", "unit"));
      rounding = new Rounding(Fields.decimal(r, "over", BigDecimal.ZERO), Fields.decimal(r, "unit", BigDecimal.ONE));
    }
    return new AttemptFormat(timed, aggregate, attempts, Fields.decimal(f, "min", BigDecimal.ZERO),
        Fields.decimal(f, "max", null), Fields.integer(f, "decimals", 2),
        Fields.tieBreaks(f, TIE_BREAKS, List.of()), Common.parse(f), cutoff, Fields.decimal(f, "timeLimit", null), rounding,
        Fields.bool(f, "fallbackToBest", cutoff != null));
  }

  /** Whether a value is allowed: not negative, inside [min, max], at most 4 decimal places. */
  public boolean accepts(BigDecimal value) {
    return value.compareTo(min) >= 0 && (max == null || value.compareTo(max) <= 0) && value.stripTrailingZeros().scale() <= 4;
  }
}
