package gala.scoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * How the scores of an entry's attempts (dives, runs, jumps, routines) make its result: their
 * {@code sum} (diving, ski jumping), the {@code best} (halfpipe, best of N runs) or the {@code mean}.
 */
public enum Combine {
  SUM, BEST, MEAN;

  static Combine parse(Map<String, Object> f, String key) {
    try {
      return valueOf(Fields.string(f, key, "sum").toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new InvalidFormat(key + " must be one of sum, best, mean");
    }
  }

  /**
   * The result from the scores of the attempts done so far (each already rounded to the shown
   * decimals): a running sum and the best so far are shown at once; a mean waits for every
   * attempt. Null when there is nothing to show yet.
   */
  public BigDecimal apply(List<BigDecimal> done, boolean complete, int decimals) {
    if (done.isEmpty() || (this == MEAN && !complete)) {
      return null;
    }
    return switch (this) {
      case SUM -> done.stream().reduce(BigDecimal.ZERO, BigDecimal::add).setScale(decimals, RoundingMode.HALF_UP);
      case BEST -> done.stream().max(BigDecimal::compareTo).orElseThrow().setScale(decimals, RoundingMode.HALF_UP);
      case MEAN -> done.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
          .divide(BigDecimal.valueOf(done.size()), 10, RoundingMode.HALF_UP).setScale(decimals, RoundingMode.HALF_UP);
    };
  }

  public String key() {
    return name().toLowerCase();
  }
}
