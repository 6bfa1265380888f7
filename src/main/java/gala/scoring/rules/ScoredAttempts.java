package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Standings of formats whose attempts earn points (judged dives, runs and routines; combined
 * jumps and contest tasks): each attempt's score (null until its panel or parts are complete), the
 * attempts combined into the result (sum, best or mean), ranked higher first with the ordered
 * tie-breaks. Entries with nothing to show yet follow, waiting.
 */
final class ScoredAttempts {
  private ScoredAttempts() {}

  /**
   * One entry's scored attempts: {@code scores.get(n - 1)} is attempt n's score or null; {@code
   * work} what the board shows; {@code have} of {@code need} is the progress shown while waiting;
   * {@code keys} the format-specific tie-break keys (total_marks, part:practical...).
   */
  record Entry(long entryId, List<BigDecimal> scores, List<Work.AttemptWork> work, int have, int need,
      Map<String, BigDecimal> keys) {}

  static List<Standings.Line> rank(List<Entry> entries, Combine combine, int attempts, int decimals,
      List<String> tieBreaks) {
    List<Prepared> prepared = new ArrayList<>();
    for (Entry e : entries) {
      prepared.add(prepare(e, combine, attempts, decimals));
    }
    return ranked(prepared, tieBreaks);
  }

  /**
   * One entry's result and work, all that ranking needs of it: what depends on the entry alone, so
   * a board that re-ranks a round after a mark prepares only the entries the mark touched.
   */
  record Prepared(Entry entry, BigDecimal result, Work work, boolean complete) {}

  static Prepared prepare(Entry e, Combine combine, int attempts, int decimals) {
    List<BigDecimal> done = e.scores().stream().filter(s -> s != null).toList();
    boolean complete = done.size() == attempts;
    return new Prepared(e, combine.apply(done, complete, decimals), work(e, combine, attempts), complete);
  }

  /** The lines of prepared entries: ranked ones first (ties in input order), then the waiting ones in input order. */
  static List<Standings.Line> ranked(List<Prepared> entries, List<String> tieBreaks) {
    List<Prepared> ranked = new ArrayList<>();
    List<Standings.Line> waiting = new ArrayList<>();
    for (Prepared p : entries) {
      Entry e = p.entry();
      if (p.result() == null) {
        waiting.add(waiting(p));
      } else {
        ranked.add(p);
      }
    }
    List<Ranking.TieBreak<Prepared>> rules = new ArrayList<>();
    for (String name : tieBreaks) {
      int n = TieBreakNames.nth(name);
      Function<Prepared, BigDecimal> key = n > 0 ? p -> nthBest(p.entry(), n) : p -> p.entry().keys().get(name);
      rules.add(Ranking.TieBreak.of(name, key));
    }
    List<Standings.Line> out = new ArrayList<>();
    for (Ranking.Ranked<Prepared> r : Ranking.rank(ranked, Prepared::result, rules)) {
      Prepared p = r.item();
      Entry e = p.entry();
      out.add(new Standings.Line(e.entryId(), r.rank(), r.result(), "OK", p.complete(), e.have(), e.need(), r.decidedBy(),
          r.tied(), p.work()));
    }
    out.addAll(waiting);
    return out;
  }

  /** The line of an entry with nothing to rank yet: its progress and work, no place. */
  static Standings.Line waiting(Prepared p) {
    Entry e = p.entry();
    return new Standings.Line(e.entryId(), null, null, "PENDING", false, e.have(), e.need(), null, false, p.work());
  }

  /** The work with each complete attempt's counting flag set: the best one for best-of, every one otherwise. */
  private static Work work(Entry e, Combine combine, int attempts) {
    BigDecimal best = e.scores().stream().filter(s -> s != null).max(BigDecimal::compareTo).orElse(null);
    int bestAttempt = best == null ? -1 : e.scores().indexOf(best) + 1;
    List<Work.AttemptWork> out = new ArrayList<>();
    for (Work.AttemptWork w : e.work()) {
      boolean scored = w.score() != null;
      boolean counting = scored && (combine != Combine.BEST || w.attempt() == bestAttempt);
      out.add(new Work.AttemptWork(w.attempt(), w.status(), w.value(), w.score(), counting, w.overLimit(), w.code(),
          w.difficulty(), w.marks(), w.parts()));
    }
    return new Work(attempts > 1 && combine != Combine.BEST ? best : null, out);
  }

  private static BigDecimal nthBest(Entry e, int n) {
    List<BigDecimal> s = new ArrayList<>(e.scores().stream().filter(x -> x != null).toList());
    s.sort(java.util.Comparator.reverseOrder());
    return s.size() < n ? null : s.get(n - 1);
  }
}
