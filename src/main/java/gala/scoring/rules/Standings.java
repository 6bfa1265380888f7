package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One round's standings for judged, attempt and combined formats: ranked entries first (ties share
 * the place, tie-breaks say who they separated), then entries still waiting for marks or attempts,
 * then DNF, DNS and DQ, which have no place. Every line carries the work behind its result.
 */
public final class Standings {
  private Standings() {}

  /** An entry's single panel: one criterion-to-mark map per judge, and its difficulty if any. */
  public record Panel(long entryId, List<Map<String, BigDecimal>> marks, BigDecimal difficulty) {}

  /** One judge's marks (criterion to mark) for one attempt. */
  public record Mark(long judgeId, Map<String, BigDecimal> marks) {}

  /** One attempt's panel and its declared difficulty (null while undeclared or for formats without). */
  public record JudgedAttempt(int attempt, List<Mark> panel, Difficulty.Declared declared) {}

  /** An entry's judged attempts (any order, missing ones absent). */
  public record Judged(long entryId, List<JudgedAttempt> attempts) {}

  /** An entry's current attempts in order. */
  public record Series(long entryId, List<Attempts.Attempt> attempts) {}

  /**
   * A line of the standings. {@code status} is OK, PENDING, CUTOFF, DNF, DNS or DQ; {@code have} of
   * {@code need} marks or attempts are in; rank is null without a place; {@code work} is what the
   * board shows behind the result.
   */
  public record Line(long entryId, Integer rank, BigDecimal result, String status, boolean complete, int have, int need,
      String decidedBy, boolean tied, Work work) {}

  /** Single-attempt panels (judges numbered in panel order). */
  public static List<Line> judged(JudgedFormat format, List<Panel> panels) {
    List<Judged> entries = new ArrayList<>();
    for (Panel p : panels) {
      List<Mark> marks = new ArrayList<>();
      for (int i = 0; i < p.marks().size(); i++) {
        marks.add(new Mark(i + 1, p.marks().get(i)));
      }
      Difficulty.Declared d = p.difficulty() == null ? null : new Difficulty.Declared(null, p.difficulty());
      entries.add(new Judged(p.entryId(), List.of(new JudgedAttempt(1, marks, d))));
    }
    return judgedAttempts(format, entries);
  }

  /** Judged attempts: each attempt's panel times its declared difficulty, combined as the format says. */
  public static List<Line> judgedAttempts(JudgedFormat format, List<Judged> entries) {
    List<Scored> scored = new ArrayList<>();
    for (Judged j : entries) {
      scored.add(scored(format, j));
    }
    return rank(format, scored);
  }

  /**
   * One entry's judged attempts scored, not yet ranked: everything of its line that depends on the
   * entry alone. A mark changes one entry's; whoever keeps the others' may rank the round again
   * ({@link #rank}) without scoring every entry anew, and gets the lines {@link #judgedAttempts} gives.
   */
  public static final class Scored {
    final ScoredAttempts.Prepared prepared;

    private Scored(ScoredAttempts.Prepared prepared) {
      this.prepared = prepared;
    }

    public long entryId() {
      return prepared.entry().entryId();
    }
  }

  public static Scored scored(JudgedFormat format, Judged j) {
    Map<Integer, JudgedAttempt> byNumber = new LinkedHashMap<>();
    j.attempts().forEach(a -> byNumber.put(a.attempt(), a));
    List<BigDecimal> scores = new ArrayList<>();
    List<Work.AttemptWork> work = new ArrayList<>();
    List<Map<String, BigDecimal>> allMarks = new ArrayList<>();
    int done = 0;
    for (int n = 1; n <= format.attempts(); n++) {
      JudgedAttempt a = byNumber.get(n);
      if (a == null) {
        scores.add(null);
        continue;
      }
      List<Map<String, BigDecimal>> panel = a.panel().stream().map(Mark::marks).toList();
      allMarks.addAll(panel);
      BigDecimal dd = a.declared() == null ? null : a.declared().value();
      BigDecimal score = PanelAggregation.result(format, panel, dd);
      scores.add(score);
      done += score == null ? 0 : 1;
      work.add(new Work.AttemptWork(n, score == null ? "PENDING" : "OK", null, score, false, false,
          a.declared() == null ? null : a.declared().code(), dd, marks(format, a.panel()), null));
    }
    int have = format.attempts() == 1 ? (byNumber.containsKey(1) ? byNumber.get(1).panel().size() : 0) : done;
    int need = format.attempts() == 1 ? format.judges() : format.attempts();
    Map<String, BigDecimal> keys = new LinkedHashMap<>();
    keys.put("total_marks", PanelAggregation.totalMarks(allMarks));
    keys.put("highest_mark", PanelAggregation.highestMark(allMarks));
    keys.put("lowest_mark", PanelAggregation.lowestMark(allMarks));
    return new Scored(ScoredAttempts.prepare(new ScoredAttempts.Entry(j.entryId(), scores, work, have, need, keys),
        format.combine(), format.attempts(), format.decimals()));
  }

  /** The standings lines of scored entries (in field order), ranked as {@link #judgedAttempts} ranks them. */
  public static List<Line> rank(JudgedFormat format, List<Scored> entries) {
    List<ScoredAttempts.Prepared> prepared = new ArrayList<>(entries.size());
    for (Scored s : entries) {
      prepared.add(s.prepared);
    }
    return ScoredAttempts.ranked(prepared, format.tieBreaks());
  }

  /**
   * The lines {@link #rank} gives after a change of the entries in {@code now}, from the lines it gave
   * before ({@code before}, the same field and format) when every one of those entries was waiting
   * ({@code was}: its scored line then) and is waiting still: most marks of a judged round leave a
   * panel incomplete. Waiting entries take no part in the ranking and follow it in field order, so
   * the ranked lines stay as they were and each changed entry's waiting line takes its old one's
   * place. Null when any of them has or had a result: then rank again.
   */
  public static List<Line> rankWaiting(List<Line> before, Map<Long, Scored> was, Map<Long, Scored> now) {
    for (Map.Entry<Long, Scored> n : now.entrySet()) {
      Scored w = was.get(n.getKey());
      if (w == null || w.prepared.result() != null || n.getValue().prepared.result() != null) {
        return null;
      }
    }
    long[] ids = now.keySet().stream().mapToLong(Long::longValue).toArray();
    List<Line> out = new ArrayList<>(before);
    int replaced = 0;
    for (int i = 0; i < out.size() && replaced < ids.length; i++) {
      long id = out.get(i).entryId();
      for (long changed : ids) {
        if (changed == id) {
          out.set(i, ScoredAttempts.waiting(now.get(id).prepared));
          replaced++;
          break;
        }
      }
    }
    return replaced == ids.length ? out : null;
  }

  /** Each judge's marks, criterion by criterion in panel order, with the trimmed ones flagged as dropped. */
  static List<Work.MarkWork> marks(JudgedFormat format, List<Mark> panel) {
    List<Work.MarkWork> out = new ArrayList<>();
    for (JudgedFormat.Criterion c : format.criteria()) {
      List<Mark> given = panel.stream().filter(m -> m.marks().get(c.name()) != null).toList();
      boolean full = given.size() >= format.judges();
      List<Boolean> dropped = PanelAggregation.dropped(format, given.stream().map(m -> m.marks().get(c.name())).toList());
      for (int i = 0; i < given.size(); i++) {
        out.add(new Work.MarkWork(given.get(i).judgeId(), c.name(), given.get(i).marks().get(c.name()),
            full && dropped.get(i)));
      }
    }
    return out;
  }

  public static List<Line> attempts(AttemptFormat format, List<Series> series) {
    List<Counted> counted = new ArrayList<>(series.size());
    for (Series s : series) {
      counted.add(counted(format, s));
    }
    return rankAttempts(format, counted);
  }

  /**
   * One entry's attempts counted by the format (result, best, status), not yet ranked: what depends
   * on the entry alone (see {@link Scored}); {@link #rankAttempts} gives the lines {@link #attempts} gives.
   */
  public static final class Counted {
    final Series series;
    final Attempts.Outcome outcome;

    private Counted(Series series, Attempts.Outcome outcome) {
      this.series = series;
      this.outcome = outcome;
    }
  }

  public static Counted counted(AttemptFormat format, Series s) {
    return new Counted(s, Attempts.outcome(format, s.attempts()));
  }

  /** The standings lines of counted entries (in field order), ranked as {@link #attempts} ranks them. */
  public static List<Line> rankAttempts(AttemptFormat format, List<Counted> entries) {
    List<Counted> ranked = new ArrayList<>();
    List<Counted> fallback = new ArrayList<>();
    List<Line> pending = new ArrayList<>();
    List<Line> failed = new ArrayList<>();
    for (Counted c : entries) {
      Attempts.Outcome o = c.outcome;
      switch (o.status()) {
        case OK -> ranked.add(c);
        case PENDING -> pending.add(line(format, c.series, o, null, null, false));
        case DQ, DNS -> failed.add(line(format, c.series, o, null, null, false));
        default -> {
          if (format.fallbackToBest() && o.best() != null) {
            fallback.add(c);
          } else {
            failed.add(line(format, c.series, o, null, null, false));
          }
        }
      }
    }
    failed.sort(Comparator.comparingInt(l -> Attempts.Status.valueOf(l.status()).ordinal()));
    List<Ranking.TieBreak<Counted>> rules = new ArrayList<>();
    for (String name : format.tieBreaks()) {
      int n = TieBreakNames.nth(name);
      rules.add(Ranking.TieBreak.of(name, c -> Attempts.nthBestKey(format, c.series.attempts(), n)));
    }
    List<Line> out = new ArrayList<>();
    for (Ranking.Ranked<Counted> r : Ranking.rank(ranked, c -> Attempts.rankingKey(format, c.outcome.value()), rules)) {
      out.add(line(format, r.item().series, r.item().outcome, r.rank(), r.decidedBy(), r.tied()));
    }
    // Entries without a result (a missed cutoff, a DNF average) come next, ranked by their best single.
    int offset = out.size();
    List<Ranking.TieBreak<Counted>> after = rules.stream().filter(t -> !t.name().equals("best_single")).toList();
    for (Ranking.Ranked<Counted> r : Ranking.rank(fallback, c -> Attempts.rankingKey(format, c.outcome.best()), after)) {
      out.add(line(format, r.item().series, r.item().outcome, offset + r.rank(), r.decidedBy(), r.tied()));
    }
    out.addAll(pending);
    out.addAll(failed);
    return out;
  }

  private static Line line(AttemptFormat format, Series s, Attempts.Outcome o, Integer rank, String decidedBy, boolean tied) {
    List<Work.AttemptWork> work = new ArrayList<>();
    for (int i = 0; i < o.attempts().size(); i++) {
      Attempts.Counted c = o.attempts().get(i);
      BigDecimal shown = c.overLimit() ? c.entered() : c.value();
      work.add(new Work.AttemptWork(i + 1, c.kind() == Attempts.Kind.VALUE ? "OK" : c.kind().name(), shown, null,
          c.counting(), c.overLimit(), null, null, null, null));
    }
    boolean showBest = format.attempts() > 1 && format.aggregate() != AttemptFormat.Aggregate.BEST;
    Work w = new Work(showBest ? o.best() : null, work);
    return new Line(s.entryId(), rank, o.status() == Attempts.Status.OK ? o.value() : null, o.status().name(), o.complete(),
        s.attempts().size(), format.attempts(), decidedBy, tied, w);
  }
}
