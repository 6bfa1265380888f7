package gala.scoring;

import gala.platform.ApiError;
import gala.scoring.rules.AttemptFormat;
import gala.scoring.rules.Attempts;
import gala.scoring.rules.CombinedFormat;
import gala.scoring.rules.Difficulty;
import gala.scoring.rules.Format;
import gala.scoring.rules.HeadToHeadFormat;
import gala.scoring.rules.JudgedFormat;
import gala.scoring.rules.Part;
import gala.scoring.rules.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads a submission or a correction against the competition's format and its board, filling the
 * row to write and refusing, before anything is written, what does not fit: a mark for an attempt
 * that does not exist, a part the format does not have, a value out of range, a second mark in a
 * taken slot, an attempt after a missed cutoff, a difficulty outside the declared table.
 */
final class Submission {
  private Submission() {}

  /**
   * Fills {@code row} from a judged, timed/measured or combined submission. Returns the difficulty
   * to declare with the mark (a judged attempt whose difficulty nobody declared yet), else null.
   */
  static Difficulty.Declared read(Board board, JsonObject req, NewRow row) {
    Format f = board.format;
    if (f instanceof JudgedFormat j) {
      return judged(board, j, req, row);
    }
    if (f instanceof AttemptFormat a) {
      attempt(board, a, req, row);
    } else if (f instanceof CombinedFormat c) {
      combined(board, c, req, row);
    } else {
      match(req, row);
    }
    return null;
  }

  private static Difficulty.Declared judged(Board board, JudgedFormat j, JsonObject req, NewRow row) {
    notFor(req, "judged", "outcome", "opponentEntryId", "opponentValue", "part");
    panelMarks(j, req, row);
    List<ScoreRow> rows = board.currentRows(row.entryId, row.round);
    row.attempt = attemptNumber(req, j.attempts(), n -> rows.stream().anyMatch(s -> s.attempt() == n && s.judgeId() == row.judgeId));
    panelSlot(rows.stream().filter(s -> s.attempt() == row.attempt).toList(), j, row);
    if (!req.containsKey("difficulty") && !req.containsKey("code")) {
      return null;
    }
    if (!j.difficulty().declared()) {
      throw ApiError.unprocessable("FIELD_NOT_FOR_FORMAT", "this format has no difficulty");
    }
    Difficulty.Declared d = resolve(j.difficulty(), req);
    Board.Declaration existing = board.declaration(row.entryId, row.round, row.attempt);
    if (existing == null) {
      return d;
    }
    if (existing.difficulty().compareTo(d.value()) == 0 && (d.code() == null || d.code().equals(existing.code()))) {
      return null;
    }
    throw new ApiError(409, "DIFFICULTY_ALREADY_DECLARED", "attempt " + row.attempt + " is declared with a difficulty of "
        + existing.difficulty().toPlainString() + "; a change is a new declaration by the head judge",
        new JsonObject().put("difficulty", existing.difficulty().toPlainString()).put("code", existing.code()));
  }

  /** The value or criterion marks of one judge for a panel (a judged format or a combined format's judged part). */
  private static void panelMarks(JudgedFormat j, JsonObject req, NewRow row) {
    if (j.weighted()) {
      if (req.containsKey("value")) {
        throw ApiError.unprocessable("FIELD_NOT_FOR_FORMAT", "this panel marks criteria: send marks, not value");
      }
      row.marks = criterionMarks(j, req.getJsonObject("marks"));
    } else {
      if (req.containsKey("marks")) {
        throw ApiError.unprocessable("FIELD_NOT_FOR_FORMAT", "this panel gives one mark: send value, not marks");
      }
      row.value = mark(j, req.getValue("value"), "value");
    }
  }

  /** One mark per judge per slot, at most a full panel. */
  private static void panelSlot(List<ScoreRow> slot, JudgedFormat j, NewRow row) {
    if (slot.stream().anyMatch(s -> s.judgeId() == row.judgeId)) {
      throw ApiError.conflict("ALREADY_SCORED", "you already scored this " + (j.attempts() > 1 ? "attempt" : "entry")
          + "; a change is a correction");
    }
    if (slot.size() >= j.judges()) {
      throw ApiError.conflict("PANEL_FULL", "this " + (j.attempts() > 1 ? "attempt" : "entry") + " already has all "
          + j.judges() + " marks");
    }
  }

  /**
   * The attempt asked for, or the first one {@code taken} does not cover (409 ALREADY_SCORED when
   * every one is taken); a number outside the format's attempts is 422 UNKNOWN_ATTEMPT.
   */
  private static int attemptNumber(JsonObject req, int attempts, Predicate<Integer> taken) {
    int n = 1;
    while (n <= attempts && taken.test(n)) {
      n++;
    }
    if (!req.containsKey("attempt") && n > attempts) {
      throw ApiError.conflict("ALREADY_SCORED", attempts == 1 ? "you already scored this entry; a change is a correction"
          : "you already marked all " + attempts + " attempts; a change is a correction");
    }
    int attempt = req.getInteger("attempt", n);
    if (attempt < 1 || attempt > attempts) {
      throw new ApiError(422, "UNKNOWN_ATTEMPT", "this competition has " + attempts + " attempt" + (attempts == 1 ? "" : "s"),
          new JsonObject().put("attempt", attempt).put("attempts", attempts));
    }
    return attempt;
  }

  static Difficulty.Declared resolve(Difficulty difficulty, JsonObject req) {
    Object raw = req.getValue("difficulty");
    BigDecimal value = raw == null ? null : number(raw, "difficulty");
    try {
      return difficulty.resolve(req.getString("code"), value);
    } catch (Refusal r) {
      throw api(r);
    }
  }

  static ApiError api(Refusal r) {
    return new ApiError(r.status(), r.code(), r.getMessage(), new JsonObject(new LinkedHashMap<>(r.details())));
  }

  private static void attempt(Board board, AttemptFormat a, JsonObject req, NewRow row) {
    notFor(req, a.type(), "marks", "difficulty", "code", "opponentEntryId", "opponentValue", "part");
    String outcome = req.getString("outcome", "VALUE");
    if (req.containsKey("value") == req.containsKey("outcome") && !"VALUE".equals(outcome)) {
      throw ApiError.unprocessable("VALUE_OR_OUTCOME", "an attempt has a value or an outcome (DNF, DNS, DQ), not both");
    }
    if ("VALUE".equals(outcome)) {
      if (!req.containsKey("value")) {
        throw ApiError.unprocessable("VALUE_REQUIRED", "send the attempt's value or its outcome (DNF, DNS, DQ)");
      }
      row.value = attemptValue(a, req.getValue("value"));
    }
    row.outcome = outcome;
    List<ScoreRow> done = board.currentRows(row.entryId, row.round);
    int next = done.stream().mapToInt(ScoreRow::attempt).max().orElse(0) + 1;
    int attempt = req.getInteger("attempt", next);
    if (attempt > a.attempts()) {
      throw new ApiError(422, "TOO_MANY_ATTEMPTS", "this format allows " + a.attempts() + " attempt(s)",
          new JsonObject().put("attempts", a.attempts()));
    }
    if (done.stream().anyMatch(s -> s.attempt() == attempt)) {
      throw ApiError.conflict("ALREADY_SCORED", "attempt " + attempt + " is recorded; a change is a correction");
    }
    if (a.cutoff() != null && attempt > a.cutoff().attempts()) {
      List<Attempts.Attempt> soFar = done.stream().sorted(Comparator.comparingInt(ScoreRow::attempt))
          .map(s -> "VALUE".equals(s.outcome()) ? new Attempts.Attempt(Attempts.Kind.VALUE, s.value())
              : Attempts.Attempt.of(Attempts.Kind.valueOf(s.outcome()))).toList();
      if (Attempts.missedCutoff(a, soFar)) {
        throw new ApiError(409, "CUTOFF_NOT_MET", "no attempt of the first " + a.cutoff().attempts() + " beat the cutoff of "
            + a.cutoff().beat().toPlainString() + ": this entry has no more attempts",
            new JsonObject().put("attempts", a.cutoff().attempts()).put("beat", a.cutoff().beat().toPlainString()));
      }
    }
    row.attempt = attempt;
  }

  private static void combined(Board board, CombinedFormat c, JsonObject req, NewRow row) {
    notFor(req, "combined", "outcome", "opponentEntryId", "opponentValue", "difficulty", "code");
    Part p = part(c, req.getString("part"));
    row.part = p.name();
    List<ScoreRow> rows = board.currentRows(row.entryId, row.round).stream().filter(s -> p.name().equals(s.part())).toList();
    if (p.input() == Part.Input.JUDGED) {
      panelMarks(p.panel(), req, row);
      row.attempt = attemptNumber(req, c.attempts(), n -> rows.stream().anyMatch(s -> s.attempt() == n && s.judgeId() == row.judgeId));
      List<ScoreRow> slot = rows.stream().filter(s -> s.attempt() == row.attempt).toList();
      if (slot.stream().anyMatch(s -> s.judgeId() == row.judgeId)) {
        throw ApiError.conflict("ALREADY_SCORED", "you already marked " + p.name() + " of this attempt; a change is a correction");
      }
      if (slot.size() >= p.panel().judges()) {
        throw ApiError.conflict("PANEL_FULL", p.name() + " of this attempt already has all " + p.panel().judges() + " marks");
      }
      return;
    }
    if (req.containsKey("marks")) {
      throw ApiError.unprocessable("FIELD_NOT_FOR_FORMAT", "part " + p.name() + " takes one value, not marks");
    }
    row.value = partValue(p, req.getValue("value"));
    row.attempt = attemptNumber(req, c.attempts(), n -> rows.stream().anyMatch(s -> s.attempt() == n));
    if (rows.stream().anyMatch(s -> s.attempt() == row.attempt)) {
      throw ApiError.conflict("ALREADY_SCORED", p.name() + " of attempt " + row.attempt + " is recorded; a change is a correction");
    }
  }

  private static Part part(CombinedFormat c, String name) {
    JsonArray names = new JsonArray(c.parts().stream().map(Part::name).collect(Collectors.toList()));
    if (name == null) {
      throw new ApiError(422, "PART_REQUIRED", "name the part this mark is for", new JsonObject().put("parts", names));
    }
    Part p = c.part(name);
    if (p == null) {
      throw new ApiError(422, "UNKNOWN_PART", "this format has no part " + name,
          new JsonObject().put("part", name).put("parts", names));
    }
    return p;
  }

  private static BigDecimal partValue(Part p, Object raw) {
    BigDecimal v = number(raw, "value");
    if (!p.accepts(v)) {
      throw new ApiError(422, "MARK_OUT_OF_RANGE", p.name() + " must be between " + p.min().toPlainString() + " and "
          + p.max().toPlainString(), new JsonObject().put("min", p.min().toPlainString()).put("max", p.max().toPlainString()));
    }
    return v;
  }

  static void match(JsonObject req, NewRow row) {
    notFor(req, "head_to_head", "marks", "difficulty", "code", "attempt", "outcome", "part");
    if (req.getValue("opponentEntryId") == null) {
      throw ApiError.unprocessable("OPPONENT_REQUIRED", "a match result names the opponentEntryId");
    }
    row.opponentEntryId = req.getLong("opponentEntryId");
    if (row.opponentEntryId == row.entryId) {
      throw ApiError.unprocessable("INVALID_MATCH", "an entry does not play itself");
    }
    row.value = matchScore(req.getValue("value"));
    row.opponentValue = matchScore(req.getValue("opponentValue"));
  }

  /** Applies a correction's new value, marks or outcome to the row it supersedes. */
  static void correction(Format format, JsonObject req, NewRow row) {
    if (format instanceof JudgedFormat j) {
      notFor(req, "judged", "attempt", "outcome", "opponentValue", "part");
      if (req.containsKey("difficulty") || req.containsKey("code")) {
        throw ApiError.unprocessable("DIFFICULTY_IS_DECLARED",
            "an attempt's difficulty is declared once: change it with a new declaration (declareAttempts)");
      }
      correctPanel(j, req, row);
    } else if (format instanceof CombinedFormat c) {
      notFor(req, "combined", "attempt", "outcome", "opponentValue", "part", "difficulty", "code");
      Part p = c.part(row.part);
      if (p != null && p.input() == Part.Input.JUDGED) {
        correctPanel(p.panel(), req, row);
      } else if (p != null && req.containsKey("value")) {
        row.value = partValue(p, req.getValue("value"));
      }
    } else if (format instanceof AttemptFormat a) {
      notFor(req, a.type(), "marks", "difficulty", "code", "opponentValue", "part");
      if (req.containsKey("outcome") && !"VALUE".equals(req.getString("outcome"))) {
        row.outcome = req.getString("outcome");
        row.value = null;
      } else if (req.containsKey("value")) {
        row.outcome = "VALUE";
        row.value = attemptValue(a, req.getValue("value"));
      }
    } else if (format instanceof HeadToHeadFormat) {
      notFor(req, "head_to_head", "marks", "difficulty", "code", "attempt", "outcome", "part");
      if (req.containsKey("value")) {
        row.value = matchScore(req.getValue("value"));
      }
      if (req.containsKey("opponentValue")) {
        row.opponentValue = matchScore(req.getValue("opponentValue"));
      }
    }
  }

  private static void correctPanel(JudgedFormat j, JsonObject req, NewRow row) {
    if (req.containsKey("marks")) {
      if (!j.weighted()) {
        throw ApiError.unprocessable("FIELD_NOT_FOR_FORMAT", "this panel gives one mark: send value, not marks");
      }
      row.marks = criterionMarks(j, req.getJsonObject("marks"));
    }
    if (req.containsKey("value")) {
      if (j.weighted()) {
        throw ApiError.unprocessable("FIELD_NOT_FOR_FORMAT", "this panel marks criteria: send marks, not value");
      }
      row.value = mark(j, req.getValue("value"), "value");
    }
  }

  private static Map<String, BigDecimal> criterionMarks(JudgedFormat j, JsonObject marks) {
    if (marks == null) {
      throw ApiError.unprocessable("MARKS_INCOMPLETE", "send marks for every criterion");
    }
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (JudgedFormat.Criterion c : j.criteria()) {
      if (!marks.containsKey(c.name())) {
        throw new ApiError(422, "MARKS_INCOMPLETE", "a mark for criterion " + c.name() + " is missing",
            new JsonObject().put("criterion", c.name()));
      }
      out.put(c.name(), mark(j, marks.getValue(c.name()), c.name()));
    }
    for (String k : marks.fieldNames()) {
      if (!out.containsKey(k)) {
        throw new ApiError(422, "UNKNOWN_CRITERION", "this format has no criterion " + k, new JsonObject().put("criterion", k));
      }
    }
    return out;
  }

  private static BigDecimal mark(JudgedFormat j, Object raw, String what) {
    BigDecimal v = number(raw, what);
    if (!j.accepts(v)) {
      throw new ApiError(422, "MARK_OUT_OF_RANGE",
          "a mark must be between " + j.min().toPlainString() + " and " + j.max().toPlainString(),
          new JsonObject().put("min", j.min().toPlainString()).put("max", j.max().toPlainString()));
    }
    return v;
  }

  private static BigDecimal attemptValue(AttemptFormat a, Object raw) {
    BigDecimal v = number(raw, "value");
    if (!a.accepts(v)) {
      throw new ApiError(422, "MARK_OUT_OF_RANGE", "a value must be at least " + a.min().toPlainString()
          + (a.max() == null ? "" : " and at most " + a.max().toPlainString()),
          new JsonObject().put("min", a.min().toPlainString()).put("max", a.max() == null ? null : a.max().toPlainString()));
    }
    return v;
  }

  private static BigDecimal matchScore(Object raw) {
    BigDecimal v = number(raw, "score");
    if (v.signum() < 0 || v.stripTrailingZeros().scale() > 0 || v.compareTo(BigDecimal.valueOf(10_000)) > 0) {
      throw ApiError.unprocessable("INVALID_MATCH_SCORE", "match scores are whole numbers from 0 to 10000");
    }
    return v;
  }

  private static void notFor(JsonObject req, String type, String... fields) {
    for (String f : fields) {
      if (req.containsKey(f)) {
        throw ApiError.unprocessable("FIELD_NOT_FOR_FORMAT", f + " does not apply to a " + type + " competition");
      }
    }
  }

  /** Decimal from a JSON number, exactly as written (9.35 stays 9.35); anything else is 422. */
  static BigDecimal number(Object raw, String what) {
    if (raw instanceof Number n) {
      try {
        return new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        throw ApiError.unprocessable("NOT_A_NUMBER", what + " must be a finite number");
      }
    }
    if (raw == null) {
      throw ApiError.unprocessable("VALUE_REQUIRED", what + " is required");
    }
    throw ApiError.unprocessable("NOT_A_NUMBER", what + " must be a number, not " + raw.getClass().getSimpleName());
  }
}
