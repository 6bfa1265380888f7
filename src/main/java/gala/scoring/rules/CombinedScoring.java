package gala.scoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores combined attempts: each part's points from its input (a judged part's panel, a value
 * through its conversion, entered points), the formula over the parts, rounded half up once to the
 * format's decimals; an attempt scores once every part is in.
 */
public final class CombinedScoring {
  private CombinedScoring() {}

  /** What was entered for one part of one attempt: the judges' marks (judged parts) or the value. */
  public record PartInput(String part, List<Standings.Mark> marks, BigDecimal value) {}

  /** One attempt's parts. */
  public record Attempt(int attempt, List<PartInput> parts) {}

  /** An entry's attempts. */
  public record Entry(long entryId, List<Attempt> attempts) {}

  public static List<Standings.Line> standings(CombinedFormat format, List<Entry> entries) {
    List<ScoredAttempts.Entry> scored = new ArrayList<>();
    for (Entry e : entries) {
      Map<Integer, Attempt> byNumber = new LinkedHashMap<>();
      e.attempts().forEach(a -> byNumber.put(a.attempt(), a));
      List<BigDecimal> scores = new ArrayList<>();
      List<Work.AttemptWork> work = new ArrayList<>();
      Map<String, BigDecimal> partTotals = new LinkedHashMap<>();
      int done = 0;
      for (int n = 1; n <= format.attempts(); n++) {
        Attempt a = byNumber.get(n);
        if (a == null) {
          scores.add(null);
          continue;
        }
        Map<String, PartInput> inputs = new LinkedHashMap<>();
        a.parts().forEach(p -> inputs.put(p.part(), p));
        BigDecimal total = BigDecimal.ZERO;
        boolean complete = true;
        List<Work.PartWork> parts = new ArrayList<>();
        for (Part p : format.parts()) {
          PartInput in = inputs.get(p.name());
          BigDecimal points = in == null ? null : points(p, in);
          if (points == null) {
            complete = false;
          } else {
            total = total.add(format.weight(p).multiply(points));
            partTotals.merge("part:" + p.name(), points, BigDecimal::add);
          }
          parts.add(new Work.PartWork(p.name(), in == null ? null : in.value(), Part.shown(points, format.decimals()),
              in == null || in.marks() == null ? null : Standings.marks(p.panel(), in.marks())));
        }
        BigDecimal score = complete ? total.setScale(format.decimals(), RoundingMode.HALF_UP) : null;
        scores.add(score);
        done += complete ? 1 : 0;
        work.add(new Work.AttemptWork(n, complete ? "OK" : "PENDING", null, score, false, false, null, null, null, parts));
      }
      scored.add(new ScoredAttempts.Entry(e.entryId(), scores, work, done, format.attempts(), partTotals));
    }
    return ScoredAttempts.rank(scored, format.combine(), format.attempts(), format.decimals(), format.tieBreaks());
  }

  /** A part's points, unrounded; null while its input is incomplete (a panel short of judges). */
  static BigDecimal points(Part p, PartInput in) {
    if (p.input() == Part.Input.JUDGED) {
      if (in.marks() == null) {
        return null;
      }
      return PanelAggregation.exact(p.panel(), in.marks().stream().map(Standings.Mark::marks).toList(), null);
    }
    return in.value() == null ? null : p.points().points(in.value());
  }
}
