package gala.draws.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a stored draw stands: which round is on, whether a round is finished, who won, and the Swiss
 * players and history the next pairing starts from. Swiss counts 1 for a win or a bye, 0.5 for a
 * draw (the pairing only needs score groups; the scoreboard keeps the format's own points).
 */
public final class Progress {
  private Progress() {}

  /** One stored match; {@code a}/{@code b} null while not known (later knockout rounds). */
  public record Match(int round, int slot, Long a, Long b, boolean bye, Integer scoreA, Integer scoreB) {
    public boolean decided() {
      return bye || scoreA != null;
    }

    /** The winner's id, the bye taker for a bye, null for a draw or an open match. */
    public Long winner() {
      if (bye) {
        return a != null ? a : b;
      }
      if (scoreA == null || scoreA.equals(scoreB)) {
        return null;
      }
      return scoreA > scoreB ? a : b;
    }
  }

  /** The highest round that has matches, 0 for none. */
  public static int lastRound(List<Match> matches) {
    return matches.stream().mapToInt(Match::round).max().orElse(0);
  }

  /** Every match of {@code round} decided (byes count as decided). */
  public static boolean finished(List<Match> matches, int round) {
    return matches.stream().filter(m -> m.round() == round).allMatch(Match::decided);
  }

  /** Matches of {@code round} still waiting for a result. */
  public static long open(List<Match> matches, int round) {
    return matches.stream().filter(m -> m.round() == round && !m.decided()).count();
  }

  /** The first round with an undecided match, or the last round when everything is decided. */
  public static int currentRound(List<Match> matches) {
    return matches.stream().filter(m -> !m.decided()).mapToInt(Match::round).min().orElse(lastRound(matches));
  }

  /** Points and Buchholz results of the decided matches (a round robin's rest is not a result). */
  public static List<Buchholz.Result> results(List<Match> matches, boolean byeScores) {
    List<Buchholz.Result> out = new ArrayList<>();
    for (Match m : matches) {
      if (m.bye()) {
        if (byeScores) {
          out.add(new Buchholz.Result(m.winner(), Pairing.BYE, 1, 0));
        }
      } else if (m.scoreA() != null) {
        double pa = m.scoreA() > m.scoreB() ? 1 : m.scoreA().equals(m.scoreB()) ? 0.5 : 0;
        out.add(new Buchholz.Result(m.a(), m.b(), pa, 1 - pa));
      }
    }
    return out;
  }

  /** Swiss players (seed order as given) with their points so far. */
  public static List<Swiss.Player> swissPlayers(List<Long> seeded, List<Match> matches) {
    Map<Long, Double> points = new java.util.HashMap<>();
    for (Buchholz.Result r : results(matches, true)) {
      points.merge(r.a(), r.pointsA(), Double::sum);
      if (r.b() != Pairing.BYE) {
        points.merge(r.b(), r.pointsB(), Double::sum);
      }
    }
    List<Swiss.Player> out = new ArrayList<>();
    for (int i = 0; i < seeded.size(); i++) {
      out.add(new Swiss.Player(seeded.get(i), points.getOrDefault(seeded.get(i), 0.0), i + 1));
    }
    return out;
  }

  /** Who met whom and who rested, from every match drawn so far. */
  public static Swiss.History history(List<Match> matches) {
    Swiss.History h = new Swiss.History();
    for (Match m : matches) {
      if (m.bye()) {
        h.bye(m.winner());
      } else if (m.a() != null && m.b() != null) {
        h.played(m.a(), m.b());
      }
    }
    return h;
  }

  /** Default number of Swiss rounds: enough to separate a single winner, ceil(log2 n). */
  public static int swissRounds(int players) {
    int r = 0;
    while ((1 << r) < players) {
      r++;
    }
    return Math.max(1, r);
  }

  /** The most Swiss rounds a field can play without a rematch being forced by the numbers. */
  public static int maxSwissRounds(int players) {
    return players % 2 == 0 ? players - 1 : players;
  }
}
