package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Meet and event records that organisers load per competition and division. A result beats a
 * record when it is strictly better (lower for times); a record of the whole competition (no
 * division) is beaten by any division's result. A record on the best single (speedcubing keeps
 * single and average records) is compared with the best single instead of the result.
 */
public final class Records {
  private Records() {}

  public enum Basis { RESULT, SINGLE }

  /** A record as loaded: its division (null: the whole competition), kind ("meet", "event"...), value and holder. */
  public record Held(long id, String division, String kind, Basis basis, BigDecimal value, String holder, String setAt) {}

  /** The records that a line's result (or best single) beats, in the order they were loaded. */
  public static List<Held> beaten(List<Held> records, String division, BigDecimal result, BigDecimal best,
      boolean lowerIsBetter) {
    List<Held> out = new ArrayList<>();
    for (Held r : records) {
      if (r.division() != null && !r.division().equals(division)) {
        continue;
      }
      BigDecimal candidate = r.basis() == Basis.SINGLE ? best : result;
      if (candidate != null && better(candidate, r.value(), lowerIsBetter)) {
        out.add(r);
      }
    }
    return out;
  }

  static boolean better(BigDecimal candidate, BigDecimal record, boolean lowerIsBetter) {
    int c = candidate.compareTo(record);
    return lowerIsBetter ? c < 0 : c > 0;
  }
}
