package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the board shows behind a result: every attempt with its value or score, whether it counts,
 * its declared difficulty, each judge's mark with the dropped ones flagged, and a combined
 * format's parts; and the best single where the format has one.
 */
public record Work(BigDecimal best, List<AttemptWork> attempts) {
  public static final Work NONE = new Work(null, List.of());

  public Work {
    attempts = List.copyOf(attempts);
  }

  /**
   * One attempt. {@code status}: OK, PENDING (marks or parts missing), DNF, DNS, DQ. {@code value}
   * is the entered time or distance (timed and measured formats; for a DNF over the time limit, the
   * time entered), {@code score} the attempt's points (judged and combined), {@code counting}
   * whether it counts toward the result.
   */
  public record AttemptWork(int attempt, String status, BigDecimal value, BigDecimal score, boolean counting,
      boolean overLimit, String code, BigDecimal difficulty, List<MarkWork> marks, List<PartWork> parts) {
    public AttemptWork {
      marks = marks == null ? List.of() : List.copyOf(marks);
      parts = parts == null ? List.of() : List.copyOf(parts);
    }
  }

  /** One judge's mark for one criterion; {@code dropped} when a trimmed aggregate leaves it out. */
  public record MarkWork(long judgeId, String criterion, BigDecimal value, boolean dropped) {}

  /** One part of a combined attempt: what was entered (a distance, a time, points), its points, its marks. */
  public record PartWork(String name, BigDecimal value, BigDecimal points, List<MarkWork> marks) {
    public PartWork {
      marks = marks == null ? List.of() : List.copyOf(marks);
    }
  }
}
