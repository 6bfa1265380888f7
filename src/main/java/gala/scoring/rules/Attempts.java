package gala.scoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns an entry's attempts into its result. A DQ in any attempt disqualifies the entry. For
 * best-of-N the best valid attempt counts (shown as soon as there is one); mean-of-N needs every
 * attempt valid, else DNF; the average of 5 counts a DNF or DNS as the worst attempt, drops the
 * best and the worst and averages the middle three, so two failures make the average DNF. All
 * attempts DNS is DNS.
 */
public final class Attempts {
  private Attempts() {}

  public enum Kind { VALUE, DNF, DNS, DQ }

  /** One attempt: a value (time, distance, count) or a DNF / DNS / DQ without one. */
  public record Attempt(Kind kind, BigDecimal value) {
    public Attempt {
      if ((kind == Kind.VALUE) != (value != null)) {
        throw new IllegalArgumentException("a VALUE attempt has a value, the others none");
      }
    }

    public static Attempt of(String value) {
      return new Attempt(Kind.VALUE, new BigDecimal(value));
    }

    public static Attempt of(Kind kind) {
      return new Attempt(kind, null);
    }

    boolean valid() {
      return kind == Kind.VALUE;
    }
  }

  public enum Status { OK, PENDING, DNF, DNS, DQ }

  /**
   * The outcome: OK with a value (rounded half-up to the format's decimals), PENDING while attempts
   * are missing and nothing can be shown yet, or DNF / DNS / DQ. {@code complete} is true once every
   * attempt is in (or a DQ ended the entry).
   */
  public record Outcome(Status status, BigDecimal value, boolean complete) {}

  public static Outcome outcome(AttemptFormat format, List<Attempt> attempts) {
    if (attempts.size() > format.attempts()) {
      throw new IllegalArgumentException("more attempts than the format allows");
    }
    if (attempts.stream().anyMatch(a -> a.kind() == Kind.DQ)) {
      return new Outcome(Status.DQ, null, true);
    }
    boolean complete = attempts.size() == format.attempts();
    List<BigDecimal> valid = sortedBestFirst(format, attempts);
    if (!complete) {
      if (format.aggregate() == AttemptFormat.Aggregate.BEST && !valid.isEmpty()) {
        return new Outcome(Status.OK, round(format, valid.get(0)), false);
      }
      return new Outcome(Status.PENDING, null, false);
    }
    if (attempts.stream().allMatch(a -> a.kind() == Kind.DNS)) {
      return new Outcome(Status.DNS, null, true);
    }
    int failures = attempts.size() - valid.size();
    return switch (format.aggregate()) {
      case BEST -> valid.isEmpty() ? new Outcome(Status.DNF, null, true) : new Outcome(Status.OK, round(format, valid.get(0)), true);
      case MEAN -> failures > 0 ? new Outcome(Status.DNF, null, true) : new Outcome(Status.OK, mean(format, valid), true);
      case AVERAGE_OF_5 -> {
        if (failures >= 2) {
          yield new Outcome(Status.DNF, null, true);
        }
        // Drop the best; drop the worst, which is the failure when there is one.
        List<BigDecimal> middle = valid.subList(1, failures == 1 ? valid.size() : valid.size() - 1);
        yield new Outcome(Status.OK, mean(format, middle), true);
      }
    };
  }

  /** The valid attempt values, best first (lowest first when lower is better). */
  public static List<BigDecimal> sortedBestFirst(AttemptFormat format, List<Attempt> attempts) {
    List<BigDecimal> valid = new ArrayList<>();
    for (Attempt a : attempts) {
      if (a.valid()) {
        valid.add(a.value());
      }
    }
    valid.sort(format.lowerIsBetter() ? Comparator.naturalOrder() : Comparator.reverseOrder());
    return valid;
  }

  /** The n-th best valid attempt (1 = best) as a higher-is-better ranking key; null if there is none. */
  public static BigDecimal nthBestKey(AttemptFormat format, List<Attempt> attempts, int n) {
    List<BigDecimal> valid = sortedBestFirst(format, attempts);
    return valid.size() < n ? null : rankingKey(format, valid.get(n - 1));
  }

  /** A value turned into a higher-is-better key: negated for timed formats. */
  public static BigDecimal rankingKey(AttemptFormat format, BigDecimal value) {
    return format.lowerIsBetter() ? value.negate() : value;
  }

  private static BigDecimal mean(AttemptFormat format, List<BigDecimal> values) {
    BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    return sum.divide(BigDecimal.valueOf(values.size()), 10, RoundingMode.HALF_UP)
        .setScale(format.decimals(), RoundingMode.HALF_UP);
  }

  private static BigDecimal round(AttemptFormat format, BigDecimal v) {
    return v.setScale(format.decimals(), RoundingMode.HALF_UP);
  }
}
