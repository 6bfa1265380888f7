package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A judged competition: a panel of {@code judges} each gives one mark between {@code min} and
 * {@code max}; the marks are combined by {@code aggregate} and shown with {@code decimals} places.
 * Trimmed mean drops the {@code trim} highest and {@code trim} lowest marks first.
 */
public record JudgedFormat(Aggregate aggregate, int judges, int trim, BigDecimal min, BigDecimal max, int decimals) {

  public enum Aggregate { MEAN, MEDIAN, SUM, TRIMMED_MEAN }

  public JudgedFormat {
    if (judges < 1 || judges > 15) {
      throw new InvalidFormat("judges must be between 1 and 15");
    }
    if (trim < 0 || (aggregate == Aggregate.TRIMMED_MEAN && 2 * trim >= judges)) {
      throw new InvalidFormat("trim must leave at least one mark: 2 x trim < judges");
    }
    if (min.compareTo(max) >= 0) {
      throw new InvalidFormat("min must be below max");
    }
    if (decimals < 0 || decimals > 4) {
      throw new InvalidFormat("decimals must be between 0 and 4");
    }
  }

  /** Reads the format as stored in a competition ({@code {"type":"judged","aggregate":"trimmed_mean",...}}). */
  public static JudgedFormat parse(Map<String, Object> f) {
    if (f == null || !"judged".equals(f.get("type"))) {
      throw new InvalidFormat("type must be \"judged\"");
    }
    Aggregate aggregate;
    try {
      aggregate = Aggregate.valueOf(String.valueOf(f.getOrDefault("aggregate", "mean")).toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new InvalidFormat("aggregate must be one of mean, median, sum, trimmed_mean");
    }
    return new JudgedFormat(
        aggregate,
        integer(f, "judges", 1),
        integer(f, "trim", aggregate == Aggregate.TRIMMED_MEAN ? 1 : 0),
        decimal(f, "min", BigDecimal.ZERO),
        decimal(f, "max", BigDecimal.TEN),
        integer(f, "decimals", 2));
  }

  /** Whether a mark is allowed: inside [min, max] with no more places than the format keeps. */
  public boolean accepts(BigDecimal mark) {
    return mark.compareTo(min) >= 0 && mark.compareTo(max) <= 0 && mark.stripTrailingZeros().scale() <= 4;
  }

  private static int integer(Map<String, Object> f, String key, int dflt) {
    Object v = f.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new InvalidFormat(key + " must be a whole number");
  }

  private static BigDecimal decimal(Map<String, Object> f, String key, BigDecimal dflt) {
    Object v = f.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    throw new InvalidFormat(key + " must be a number");
  }

  /** A format that cannot be used; the message says why. */
  public static final class InvalidFormat extends RuntimeException {
    public InvalidFormat(String message) {
      super(message);
    }
  }
}
