package gala.scoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Turns an entry's attempts into its result. A DQ in any attempt disqualifies the entry. For
 * best-of-N the best valid attempt counts (shown as soon as there is one); mean-of-N needs every
 * attempt valid, else DNF; the average of 5 counts a DNF or DNS as the worst attempt, drops the
 * best and the worst and averages the middle three, so two failures make the average DNF (WCA
 * 9f8-9f11). All attempts DNS is DNS. An attempt reaching the time limit is a DNF (WCA A1a4); a
 * result over the rounding threshold is rounded to the coarser unit (WCA 9f2); an entry that does
 * not beat the cutoff within the first attempts stops there (WCA 9g).
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

  /** OK, PENDING (nothing to show yet), CUTOFF (stopped at the cutoff, ranked by best), DNF, DNS, DQ. */
  public enum Status { OK, PENDING, CUTOFF, DNF, DNS, DQ }

  /**
   * An attempt as it counts: its kind after the time limit (a value reaching it is a DNF, the
   * entered time kept in {@code entered}), its value after the coarse rounding, and whether it
   * counts toward the result (the best of best-of-N, the middle three of an average of 5).
   */
  public record Counted(Kind kind, BigDecimal value, BigDecimal entered, boolean overLimit, boolean counting) {}

  /**
   * The outcome: OK with a value (rounded half-up to the format's decimals, then coarsely), PENDING
   * while attempts are missing and nothing can be shown yet, CUTOFF, or DNF / DNS / DQ. {@code
   * complete} is true once every attempt is in (or a DQ or the cutoff ended the entry); {@code best}
   * is the best single so far; {@code attempts} each attempt as it counts.
   */
  public record Outcome(Status status, BigDecimal value, boolean complete, BigDecimal best, List<Counted> attempts) {}

  public static Outcome outcome(AttemptFormat format, List<Attempt> raw) {
    if (raw.size() > format.attempts()) {
      throw new IllegalArgumentException("more attempts than the format allows");
    }
    List<Attempt> attempts = new ArrayList<>();
    List<Boolean> overLimit = new ArrayList<>();
    for (Attempt a : raw) {
      boolean over = a.valid() && format.timeLimit() != null && a.value().compareTo(format.timeLimit()) >= 0;
      overLimit.add(over);
      attempts.add(over ? Attempt.of(Kind.DNF) : a.valid() ? new Attempt(Kind.VALUE, single(format, a.value())) : a);
    }
    List<BigDecimal> valid = sortedBestFirst(format, attempts);
    BigDecimal best = valid.isEmpty() ? null : round(format, valid.get(0));
    boolean[] counting = new boolean[attempts.size()];
    Outcome o = decide(format, attempts, valid, best, counting);
    List<Counted> counted = new ArrayList<>();
    for (int i = 0; i < attempts.size(); i++) {
      counted.add(new Counted(attempts.get(i).kind(), attempts.get(i).value(), raw.get(i).value(), overLimit.get(i),
          counting[i]));
    }
    return new Outcome(o.status(), o.value(), o.complete(), best, Collections.unmodifiableList(counted));
  }

  private static Outcome decide(AttemptFormat format, List<Attempt> attempts, List<BigDecimal> valid, BigDecimal best,
      boolean[] counting) {
    if (attempts.stream().anyMatch(a -> a.kind() == Kind.DQ)) {
      return new Outcome(Status.DQ, null, true, best, null);
    }
    if (missedCutoff(format, attempts)) {
      return new Outcome(valid.isEmpty() ? Status.DNF : Status.CUTOFF, null, true, best, null);
    }
    boolean complete = attempts.size() == format.attempts();
    if (!complete) {
      if (format.aggregate() == AttemptFormat.Aggregate.BEST && !valid.isEmpty()) {
        markFirst(attempts, valid.get(0), counting);
        return new Outcome(Status.OK, best, false, best, null);
      }
      return new Outcome(Status.PENDING, null, false, best, null);
    }
    if (attempts.stream().allMatch(a -> a.kind() == Kind.DNS)) {
      return new Outcome(Status.DNS, null, true, best, null);
    }
    int failures = attempts.size() - valid.size();
    return switch (format.aggregate()) {
      case BEST -> {
        if (valid.isEmpty()) {
          yield new Outcome(Status.DNF, null, true, best, null);
        }
        markFirst(attempts, valid.get(0), counting);
        yield new Outcome(Status.OK, best, true, best, null);
      }
      case MEAN -> {
        if (failures > 0) {
          yield new Outcome(Status.DNF, null, true, best, null);
        }
        java.util.Arrays.fill(counting, true);
        yield new Outcome(Status.OK, mean(format, valid), true, best, null);
      }
      case AVERAGE_OF_5 -> {
        if (failures >= 2) {
          yield new Outcome(Status.DNF, null, true, best, null);
        }
        // Drop the best; drop the worst, which is the failure when there is one.
        List<BigDecimal> middle = valid.subList(1, failures == 1 ? valid.size() : valid.size() - 1);
        java.util.Arrays.fill(counting, false);
        List<BigDecimal> left = new ArrayList<>(middle);
        for (int i = 0; i < attempts.size(); i++) {
          Attempt a = attempts.get(i);
          if (a.valid() && left.remove(a.value())) {
            counting[i] = true;
          }
        }
        yield new Outcome(Status.OK, mean(format, middle), true, best, null);
      }
    };
  }

  /** True once the cutoff phase is over and none of its attempts was strictly better than the cutoff. */
  public static boolean missedCutoff(AttemptFormat format, List<Attempt> attempts) {
    AttemptFormat.Cutoff c = format.cutoff();
    if (c == null || attempts.size() < c.attempts()) {
      return false;
    }
    for (Attempt a : attempts.subList(0, c.attempts())) {
      if (a.valid() && better(format, a.value(), c.beat())) {
        return false;
      }
    }
    return true;
  }

  /** Whether the next attempt may be made: false after a DQ, a missed cutoff or the last attempt. */
  public static boolean mayContinue(AttemptFormat format, List<Attempt> attempts) {
    Outcome o = outcome(format, attempts);
    return !o.complete();
  }

  private static boolean better(AttemptFormat format, BigDecimal a, BigDecimal b) {
    return format.lowerIsBetter() ? a.compareTo(b) < 0 : a.compareTo(b) > 0;
  }

  private static void markFirst(List<Attempt> attempts, BigDecimal value, boolean[] counting) {
    for (int i = 0; i < attempts.size(); i++) {
      if (attempts.get(i).valid() && attempts.get(i).value().compareTo(value) == 0) {
        counting[i] = true;
        return;
      }
    }
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
    List<BigDecimal> valid = new ArrayList<>();
    for (Counted c : outcome(format, attempts).attempts()) {
      if (c.kind() == Kind.VALUE) {
        valid.add(c.value());
      }
    }
    valid.sort(format.lowerIsBetter() ? Comparator.naturalOrder() : Comparator.reverseOrder());
    return valid.size() < n ? null : rankingKey(format, valid.get(n - 1));
  }

  /** A value turned into a higher-is-better key: negated for timed formats. */
  public static BigDecimal rankingKey(AttemptFormat format, BigDecimal value) {
    return format.lowerIsBetter() ? value.negate() : value;
  }

  /** A single as it counts: over the rounding threshold it is rounded to the coarser unit (WCA 9f2). */
  private static BigDecimal single(AttemptFormat format, BigDecimal v) {
    return format.rounding() == null ? v : format.rounding().apply(v);
  }

  private static BigDecimal mean(AttemptFormat format, List<BigDecimal> values) {
    BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal exact = sum.divide(BigDecimal.valueOf(values.size()), 10, RoundingMode.HALF_UP);
    // Rounded once, from the exact mean: to the coarse unit over the threshold, else to the decimals.
    BigDecimal m = format.rounding() == null ? exact : format.rounding().apply(exact);
    return m.setScale(format.decimals(), RoundingMode.HALF_UP);
  }

  private static BigDecimal round(AttemptFormat format, BigDecimal v) {
    return v.setScale(format.decimals(), RoundingMode.HALF_UP);
  }
}
