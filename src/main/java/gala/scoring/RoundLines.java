package gala.scoring;

import gala.scoring.rules.AttemptFormat;
import gala.scoring.rules.Attempts;
import gala.scoring.rules.CombinedFormat;
import gala.scoring.rules.CombinedScoring;
import gala.scoring.rules.Format;
import gala.scoring.rules.JudgedFormat;
import gala.scoring.rules.Standings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The standings lines of one round of a {@link Board}, from its score rows, by the pure rules. An entry
 * that no row touched since the last ranked board keeps the line that board scored for it
 * ({@code reuse}; see {@link Board#with}), so a batch of marks scores again only the entries it marked;
 * every entry's line goes into {@code mine} for the next board. Split from Board, which loads and
 * holds the results; this computes them.
 */
final class RoundLines {
  private RoundLines() {}

  static List<Standings.Line> of(Format format, Map<String, Board.Declaration> declarations, List<Long> field,
      java.util.function.LongPredicate inField, List<ScoreRow> rows, java.util.function.LongFunction<List<ScoreRow>> rowsOf,
      int round, ScoredLines reuse, List<Standings.Line> reused, Set<Long> touched, ScoredLines mine) {
    if (format instanceof CombinedFormat c) {
      Map<Long, List<ScoreRow>> byEntry = gather(rows, field);
      List<CombinedScoring.Entry> combined = new ArrayList<>();
      byEntry.forEach((entry, ss) -> combined.add(new CombinedScoring.Entry(entry, combinedAttempts(c, ss))));
      return CombinedScoring.standings(c, combined);
    }
    // Reusing lines (mine derived from them), only the touched entries of the field are scored again,
    // each from its own rows; a fresh board scores every entry.
    java.util.function.LongFunction<Object> score = format instanceof JudgedFormat j
        ? entry -> Standings.scored(j, new Standings.Judged(entry, judgedAttempts(j, declarations, entry, round, rowsOf.apply(entry))))
        : entry -> counted((AttemptFormat) format, entry, rowsOf.apply(entry));
    // The touched entries' lines before and after, for Standings.rankWaiting (only when reusing lines).
    Map<Long, Standings.Scored> was = reuse == null ? Map.of() : new java.util.HashMap<>();
    Map<Long, Standings.Scored> now = reuse == null ? Map.of() : new java.util.HashMap<>();
    boolean waitingOnly = reuse != null && reused != null;
    if (reuse != null) {
      for (long entry : touched) {
        if (inField.test(entry)) {
          Object line = score.apply(entry);
          mine.put(entry, line);
          if (reuse.get(entry) instanceof Standings.Scored w && line instanceof Standings.Scored n) {
            was.put(entry, w);
            now.put(entry, n);
          } else {
            waitingOnly = false;
          }
        }
      }
    }
    if (format instanceof JudgedFormat j) {
      List<Standings.Line> same = waitingOnly ? Standings.rankWaiting(reused, was, now) : null;
      if (same != null) {
        return same;
      }
      List<Standings.Scored> lines = new ArrayList<>(field.size());
      for (long entry : field) {
        lines.add((Standings.Scored) lineOf(entry, reuse, mine, score));
      }
      return Standings.rank(j, lines);
    }
    List<Standings.Counted> series = new ArrayList<>(field.size());
    for (long entry : field) {
      series.add((Standings.Counted) lineOf(entry, reuse, mine, score));
    }
    return Standings.rankAttempts((AttemptFormat) format, series);
  }

  /** The entry's scored line: kept (or just scored again) in {@code mine}, or scored now (a fresh board, or one it lacks). */
  private static Object lineOf(long entry, ScoredLines reuse, ScoredLines mine, java.util.function.LongFunction<Object> score) {
    Object line = reuse == null ? null : mine.get(entry);
    if (line == null) {
      line = score.apply(entry);
      mine.put(entry, line);
    }
    return line;
  }

  private static Standings.Counted counted(AttemptFormat a, long entry, List<ScoreRow> ss) {
    List<Attempts.Attempt> attempts = new ArrayList<>();
    ss.stream().sorted(Comparator.comparingInt(ScoreRow::attempt)).forEach(s -> attempts.add(
        "VALUE".equals(s.outcome()) ? new Attempts.Attempt(Attempts.Kind.VALUE, s.value())
            : Attempts.Attempt.of(Attempts.Kind.valueOf(s.outcome()))));
    return Standings.counted(a, new Standings.Series(entry, attempts));
  }

  /** The rows of each of {@code entries} (in their order; an empty list for one with none). */
  private static Map<Long, List<ScoreRow>> gather(List<ScoreRow> rows, java.util.Collection<Long> entries) {
    Map<Long, List<ScoreRow>> byEntry = new LinkedHashMap<>();
    entries.forEach(e -> byEntry.put(e, new ArrayList<>()));
    for (ScoreRow s : rows) {
      List<ScoreRow> l = byEntry.get(s.entryId());
      if (l != null) {
        l.add(s);
      }
    }
    return byEntry;
  }

  /** An entry's attempts: the marks of each, with the declared difficulty (also for attempts not marked yet). */
  private static List<Standings.JudgedAttempt> judgedAttempts(JudgedFormat j, Map<String, Board.Declaration> declarations,
      long entry, int round, List<ScoreRow> rows) {
    Map<Integer, List<Standings.Mark>> panels = new TreeMap<>();
    for (ScoreRow s : rows) {
      panels.computeIfAbsent(s.attempt(), n -> new ArrayList<>())
          .add(new Standings.Mark(s.judgeId(), s.criterionMarks(j.criteria().get(0).name())));
    }
    for (int n = 1; n <= j.attempts(); n++) {
      if (declarations.containsKey(Board.key(entry, round, n))) {
        panels.computeIfAbsent(n, x -> new ArrayList<>());
      }
    }
    List<Standings.JudgedAttempt> out = new ArrayList<>();
    panels.forEach((n, marks) -> {
      Board.Declaration d = declarations.get(Board.key(entry, round, n));
      out.add(new Standings.JudgedAttempt(n, marks, d == null ? null : d.declared()));
    });
    return out;
  }

  private static List<CombinedScoring.Attempt> combinedAttempts(CombinedFormat c, List<ScoreRow> rows) {
    Map<Integer, Map<String, List<ScoreRow>>> byAttempt = new TreeMap<>();
    for (ScoreRow s : rows) {
      if (s.part() != null && c.part(s.part()) != null) {
        byAttempt.computeIfAbsent(s.attempt(), n -> new LinkedHashMap<>()).computeIfAbsent(s.part(), p -> new ArrayList<>()).add(s);
      }
    }
    List<CombinedScoring.Attempt> out = new ArrayList<>();
    byAttempt.forEach((n, parts) -> {
      List<CombinedScoring.PartInput> inputs = new ArrayList<>();
      parts.forEach((name, ss) -> {
        gala.scoring.rules.Part p = c.part(name);
        if (p.input() == gala.scoring.rules.Part.Input.JUDGED) {
          List<Standings.Mark> marks = ss.stream()
              .map(s -> new Standings.Mark(s.judgeId(), s.criterionMarks(p.panel().criteria().get(0).name()))).toList();
          inputs.add(new CombinedScoring.PartInput(name, marks, null));
        } else {
          inputs.add(new CombinedScoring.PartInput(name, null, ss.get(0).value()));
        }
      });
      out.add(new CombinedScoring.Attempt(n, inputs));
    });
    return out;
  }
}
