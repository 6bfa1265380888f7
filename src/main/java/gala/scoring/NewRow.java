package gala.scoring;

import java.math.BigDecimal;
import java.util.Map;

/** A score row about to be written (a submission or a correction). */
final class NewRow {
  final long entryId;
  final long judgeId;
  final int round;
  int attempt = 1;
  BigDecimal value;
  Map<String, BigDecimal> marks;
  String outcome = "VALUE";
  BigDecimal difficulty;
  Long opponentEntryId;
  BigDecimal opponentValue;
  String part;
  Long enteredBy;
  Long supersedes;
  String reason;
  boolean afterPublication;

  NewRow(long entryId, long judgeId, int round) {
    this.entryId = entryId;
    this.judgeId = judgeId;
    this.round = round;
  }

  /** A correction of {@code old}: the same slot and content, to be changed by the correction's fields. */
  static NewRow correcting(ScoreRow old) {
    NewRow row = new NewRow(old.entryId(), old.judgeId(), old.round());
    row.attempt = old.attempt();
    row.value = old.value();
    row.marks = old.marks();
    row.outcome = old.outcome();
    row.difficulty = old.difficulty();
    row.opponentEntryId = old.opponentEntryId();
    row.opponentValue = old.opponentValue();
    row.part = old.part();
    row.supersedes = old.id();
    return row;
  }
}
