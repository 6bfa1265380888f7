package gala.scoring.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Head-to-head play (table tennis, chess, football): match results become a standings table with
 * {@code win}/{@code draw}/{@code loss} points (3/1/0, 2/1/0...) and ordered tie-breaks.
 */
public record HeadToHeadFormat(int win, int draw, int loss, List<String> tieBreaks, Common common) implements Format {

  /**
   * head_to_head: points in the matches among the tied entries only; score_difference: scored
   * minus conceded; score_for: scored; wins: matches won; buchholz: the sum of the opponents' points
   * (Swiss systems).
   */
  public static final Set<String> TIE_BREAKS = Set.of("head_to_head", "score_difference", "score_for", "wins", "buchholz");
  private static final Set<String> KEYS = Set.of("type", "win", "draw", "loss", "tieBreaks", "teamPoints", "rounds");

  public HeadToHeadFormat {
    if (win < 0 || draw < 0 || loss < 0 || win > 100 || !(win > draw && draw >= loss)) {
      throw new InvalidFormat("points must satisfy win > draw >= loss >= 0 (like 3/1/0)");
    }
    tieBreaks = List.copyOf(tieBreaks);
    if (common.rounds().size() != 1) {
      throw new InvalidFormat("head-to-head standings have one round; knockout brackets belong to draws");
    }
  }

  @Override
  public String type() {
    return "head_to_head";
  }

  @Override
  public int decimals() {
    return 0;
  }

  public static HeadToHeadFormat parse(Map<String, Object> f) {
    Fields.onlyKeys(f, KEYS);
    return new HeadToHeadFormat(Fields.integer(f, "win", 3), Fields.integer(f, "draw", 1), Fields.integer(f, "loss", 0),
        Fields.tieBreaks(f, TIE_BREAKS, List.of("head_to_head", "score_difference", "score_for")), Common.parse(f));
  }
}
