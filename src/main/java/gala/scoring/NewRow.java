package gala.scoring;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
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

  /** The criterion marks as stored (decimal strings), or null. */
  JsonObject marksJson() {
    if (marks == null) {
      return null;
    }
    JsonObject j = new JsonObject();
    marks.forEach((k, v) -> j.put(k, v.toPlainString()));
    return j;
  }

  /** The row as stored under {@code id} at {@code createdAt} (NUMERIC(12,4) keeps at most 4 places, which the checks required). */
  ScoreRow stored(long id, OffsetDateTime createdAt) {
    return new ScoreRow(id, entryId, judgeId, round, attempt, value, marks, outcome, difficulty, opponentEntryId, opponentValue,
        enteredBy == null ? judgeId : enteredBy, supersedes, reason, afterPublication, createdAt, null, null, part);
  }
}
