package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Match results to a standings table: points per win/draw/loss from the format, ranked by points
 * and then by the format's tie-breaks in order, each row saying which tie-break placed it. This is
 * the API the draws feature builds on: match results in, ranked standings with explanation out.
 */
public final class HeadToHead {
  private HeadToHead() {}

  /** One played match between two entries with its score (games, goals, sets); equal scores are a draw. */
  public record Match(long a, long b, int scoreA, int scoreB) {
    public Match {
      if (a == b) {
        throw new IllegalArgumentException("an entry does not play itself");
      }
      if (scoreA < 0 || scoreB < 0) {
        throw new IllegalArgumentException("scores are not negative");
      }
    }
  }

  /** One row of the table; rank is shared by entries still tied after every tie-break. */
  public record Standing(long entryId, int played, int won, int drawn, int lost, int scoreFor, int scoreAgainst,
      int points, int buchholz, int rank, String decidedBy, boolean tied) {
    public int scoreDifference() {
      return scoreFor - scoreAgainst;
    }
  }

  /** The standings of {@code entries} (those without matches too) from the played matches. */
  public static List<Standing> standings(HeadToHeadFormat format, List<Long> entries, List<Match> matches) {
    Map<Long, Row> rows = new LinkedHashMap<>();
    for (long e : entries) {
      rows.put(e, new Row(e));
    }
    for (Match m : matches) {
      Row a = rows.get(m.a());
      Row b = rows.get(m.b());
      if (a == null || b == null) {
        throw new IllegalArgumentException("match between entries not in the table: " + m);
      }
      a.play(format, m.scoreA(), m.scoreB(), b.id);
      b.play(format, m.scoreB(), m.scoreA(), a.id);
    }
    for (Row r : rows.values()) {
      for (long o : r.opponents) {
        r.buchholz += rows.get(o).points;
      }
    }
    List<Ranking.TieBreak<Row>> rules = new ArrayList<>();
    for (String name : format.tieBreaks()) {
      rules.add(switch (name) {
        case "head_to_head" -> headToHead(format, matches, name);
        case "score_difference" -> Ranking.TieBreak.of(name, r -> BigDecimal.valueOf(r.scoreFor - r.scoreAgainst));
        case "score_for" -> Ranking.TieBreak.of(name, r -> BigDecimal.valueOf(r.scoreFor));
        case "wins" -> Ranking.TieBreak.of(name, r -> BigDecimal.valueOf(r.won));
        case "buchholz" -> Ranking.TieBreak.of(name, r -> BigDecimal.valueOf(r.buchholz));
        default -> throw new IllegalStateException("unknown tie-break " + name);
      });
    }
    List<Standing> out = new ArrayList<>();
    for (Ranking.Ranked<Row> r : Ranking.rank(new ArrayList<>(rows.values()), row -> BigDecimal.valueOf(row.points), rules)) {
      Row x = r.item();
      out.add(new Standing(x.id, x.played, x.won, x.drawn, x.lost, x.scoreFor, x.scoreAgainst, x.points, x.buchholz,
          r.rank(), r.decidedBy(), r.tied()));
    }
    return out;
  }

  /** Points won in the matches among the tied entries only (a mini-league of the group). */
  private static Ranking.TieBreak<Row> headToHead(HeadToHeadFormat format, List<Match> matches, String name) {
    return new Ranking.TieBreak<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Map<Row, BigDecimal> keys(List<Row> tied) {
        Set<Long> group = new HashSet<>();
        tied.forEach(r -> group.add(r.id));
        Map<Long, Integer> points = new LinkedHashMap<>();
        for (Match m : matches) {
          if (group.contains(m.a()) && group.contains(m.b())) {
            points.merge(m.a(), pointsOf(format, m.scoreA(), m.scoreB()), Integer::sum);
            points.merge(m.b(), pointsOf(format, m.scoreB(), m.scoreA()), Integer::sum);
          }
        }
        Map<Row, BigDecimal> out = new IdentityHashMap<>();
        tied.forEach(r -> out.put(r, BigDecimal.valueOf(points.getOrDefault(r.id, 0))));
        return out;
      }
    };
  }

  static int pointsOf(HeadToHeadFormat format, int own, int other) {
    return own > other ? format.win() : own == other ? format.draw() : format.loss();
  }

  private static final class Row {
    final long id;
    int played;
    int won;
    int drawn;
    int lost;
    int scoreFor;
    int scoreAgainst;
    int points;
    int buchholz;
    final List<Long> opponents = new ArrayList<>();

    Row(long id) {
      this.id = id;
    }

    void play(HeadToHeadFormat format, int own, int other, long opponent) {
      played++;
      scoreFor += own;
      scoreAgainst += other;
      if (own > other) {
        won++;
      } else if (own == other) {
        drawn++;
      } else {
        lost++;
      }
      points += pointsOf(format, own, other);
      opponents.add(opponent);
    }
  }
}
