package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One round's standings for judged and attempt formats: ranked entries first (ties share the
 * place, tie-breaks say who they separated), then entries still waiting for marks or attempts, then
 * DNF, DNS and DQ, which have no place.
 */
public final class Standings {
  private Standings() {}

  /** An entry's current panel: one criterion-to-mark map per judge, and its difficulty if any. */
  public record Panel(long entryId, List<Map<String, BigDecimal>> marks, BigDecimal difficulty) {}

  /** An entry's current attempts in order. */
  public record Series(long entryId, List<Attempts.Attempt> attempts) {}

  /**
   * A line of the standings. {@code status} is OK, PENDING, DNF, DNS or DQ; {@code have} of
   * {@code need} marks or attempts are in; rank is null without a place.
   */
  public record Line(long entryId, Integer rank, BigDecimal result, String status, boolean complete, int have, int need,
      String decidedBy, boolean tied) {}

  public static List<Line> judged(JudgedFormat format, List<Panel> panels) {
    List<Panel> done = new ArrayList<>();
    List<Line> waiting = new ArrayList<>();
    Map<Panel, BigDecimal> results = new java.util.IdentityHashMap<>();
    for (Panel p : panels) {
      BigDecimal r = PanelAggregation.result(format, p.marks(), p.difficulty());
      if (r == null) {
        waiting.add(new Line(p.entryId(), null, null, "PENDING", false, p.marks().size(), format.judges(), null, false));
      } else {
        results.put(p, r);
        done.add(p);
      }
    }
    List<Ranking.TieBreak<Panel>> rules = new ArrayList<>();
    for (String name : format.tieBreaks()) {
      rules.add(Ranking.TieBreak.of(name, switch (name) {
        case "total_marks" -> p -> PanelAggregation.totalMarks(p.marks());
        case "highest_mark" -> p -> PanelAggregation.highestMark(p.marks());
        case "lowest_mark" -> p -> PanelAggregation.lowestMark(p.marks());
        default -> throw new IllegalStateException("unknown tie-break " + name);
      }));
    }
    List<Line> out = new ArrayList<>();
    for (Ranking.Ranked<Panel> r : Ranking.rank(done, results::get, rules)) {
      out.add(new Line(r.item().entryId(), r.rank(), r.result(), "OK", true, r.item().marks().size(), format.judges(),
          r.decidedBy(), r.tied()));
    }
    out.addAll(waiting);
    return out;
  }

  public static List<Line> attempts(AttemptFormat format, List<Series> series) {
    List<Series> ranked = new ArrayList<>();
    Map<Series, Attempts.Outcome> outcomes = new java.util.IdentityHashMap<>();
    List<Line> pending = new ArrayList<>();
    List<Line> failed = new ArrayList<>();
    for (Series s : series) {
      Attempts.Outcome o = Attempts.outcome(format, s.attempts());
      outcomes.put(s, o);
      switch (o.status()) {
        case OK -> ranked.add(s);
        case PENDING -> pending.add(line(format, s, o));
        default -> failed.add(line(format, s, o));
      }
    }
    failed.sort(java.util.Comparator.comparingInt(l -> Attempts.Status.valueOf(l.status()).ordinal()));
    List<Ranking.TieBreak<Series>> rules = new ArrayList<>();
    for (String name : format.tieBreaks()) {
      int n = name.equals("second_best") ? 2 : 3;
      rules.add(Ranking.TieBreak.of(name, s -> Attempts.nthBestKey(format, s.attempts(), n)));
    }
    List<Line> out = new ArrayList<>();
    for (Ranking.Ranked<Series> r : Ranking.rank(ranked,
        s -> Attempts.rankingKey(format, outcomes.get(s).value()), rules)) {
      Attempts.Outcome o = outcomes.get(r.item());
      out.add(new Line(r.item().entryId(), r.rank(), o.value(), "OK", o.complete(), r.item().attempts().size(),
          format.attempts(), r.decidedBy(), r.tied()));
    }
    out.addAll(pending);
    out.addAll(failed);
    return out;
  }

  private static Line line(AttemptFormat format, Series s, Attempts.Outcome o) {
    return new Line(s.entryId(), null, null, o.status().name(), o.complete(), s.attempts().size(), format.attempts(), null,
        false);
  }
}
