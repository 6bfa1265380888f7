package gala.scoring;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** One stored score row (current or superseded), as read from {@code scores}. */
record ScoreRow(long id, long entryId, long judgeId, int round, int attempt, BigDecimal value, Map<String, BigDecimal> marks,
    String outcome, BigDecimal difficulty, Long opponentEntryId, BigDecimal opponentValue, long enteredBy, Long supersedes,
    String reason, boolean afterPublication, OffsetDateTime createdAt, Long checkedBy, OffsetDateTime checkedAt, String part) {

  static final String COLUMNS = "s.id, s.entry_id, s.judge_id, s.round, s.attempt, s.value, s.marks, s.outcome, s.difficulty, "
      + "s.opponent_entry_id, s.opponent_value, COALESCE(s.entered_by, s.judge_id) AS entered_by, s.supersedes, s.reason, "
      + "s.after_publication, s.created_at, ck.checked_by, ck.checked_at, s.part";
  static final String FROM = "FROM scores s LEFT JOIN score_checks ck ON ck.score_id = s.id ";
  static final String CURRENT = "NOT EXISTS (SELECT 1 FROM scores later WHERE later.supersedes = s.id)";

  static ScoreRow of(Row r) {
    Map<String, BigDecimal> marks = null;
    Object m = r.getValue("marks");
    if (m instanceof JsonObject j) {
      marks = new LinkedHashMap<>();
      for (String k : j.fieldNames()) {
        marks.put(k, new BigDecimal(j.getString(k)));
      }
    }
    return new ScoreRow(r.getLong("id"), r.getLong("entry_id"), r.getLong("judge_id"), r.getInteger("round"),
        r.getInteger("attempt"), r.getBigDecimal("value"), marks, r.getString("outcome"), r.getBigDecimal("difficulty"),
        r.getLong("opponent_entry_id"), r.getBigDecimal("opponent_value"), r.getLong("entered_by"), r.getLong("supersedes"),
        r.getString("reason"), r.getBoolean("after_publication"), r.getOffsetDateTime("created_at"), r.getLong("checked_by"),
        r.getOffsetDateTime("checked_at"), r.getString("part"));
  }

  /** The criterion marks of a judged row: the marks map, or the single value under the one criterion. */
  Map<String, BigDecimal> criterionMarks(String single) {
    return marks != null ? marks : value == null ? Map.of() : Map.of(single, value);
  }

  JsonObject toJson() {
    JsonObject j = new JsonObject().put("id", id).put("entryId", entryId).put("judgeId", judgeId).put("round", round)
        .put("attempt", attempt).put("value", plain(value)).put("outcome", outcome).put("enteredBy", enteredBy)
        .put("supersedes", supersedes).put("reason", reason).put("afterPublication", afterPublication)
        .put("createdAt", createdAt.toString()).put("checkedBy", checkedBy)
        .put("checkedAt", checkedAt == null ? null : checkedAt.toString());
    if (marks != null) {
      JsonObject mj = new JsonObject();
      marks.forEach((k, v) -> mj.put(k, v.toPlainString()));
      j.put("marks", mj);
    }
    if (difficulty != null) {
      j.put("difficulty", difficulty.stripTrailingZeros().toPlainString());
    }
    if (part != null) {
      j.put("part", part);
    }
    if (opponentEntryId != null) {
      j.put("opponentEntryId", opponentEntryId).put("opponentValue", plain(opponentValue));
    }
    return j;
  }

  /** Stored with 4 places; shown without the padding zeros (9.3500 -> 9.35, 12.0000 -> 12). */
  static String plain(BigDecimal v) {
    if (v == null) {
      return null;
    }
    BigDecimal s = v.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }
}
