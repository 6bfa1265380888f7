package gala.scoring.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every format has besides its scoring: team points per place (for the medal table) and the
 * rounds with their advancement rules.
 */
public record Common(List<Integer> teamPoints, List<Round> rounds) {
  /** Team points of the places 1-8 unless configured: 9-7-6-5-4-3-2-1. */
  public static final List<Integer> DEFAULT_POINTS = List.of(9, 7, 6, 5, 4, 3, 2, 1);
  static final Set<String> KEYS = Set.of("teamPoints", "rounds");

  public Common {
    teamPoints = List.copyOf(teamPoints);
    rounds = List.copyOf(rounds);
    if (rounds.isEmpty()) {
      throw new InvalidFormat("a competition has at least one round");
    }
    for (int i = 0; i < rounds.size() - 1; i++) {
      if (rounds.get(i).advance() == null) {
        throw new InvalidFormat("round " + (i + 1) + " needs an advance rule: a later round follows it");
      }
    }
    if (rounds.get(rounds.size() - 1).advance() != null) {
      throw new InvalidFormat("the last round has no advance rule: no round follows it");
    }
  }

  public static Common single() {
    return new Common(DEFAULT_POINTS, List.of(new Round("final", null, 0)));
  }

  /** Team points for a place (1-based); 0 beyond the list. */
  public int pointsFor(int place) {
    return place >= 1 && place <= teamPoints.size() ? teamPoints.get(place - 1) : 0;
  }

  static Common parse(Map<String, Object> f) {
    List<Integer> points = DEFAULT_POINTS;
    List<Object> rawPoints = Fields.list(f, "teamPoints");
    if (rawPoints != null) {
      List<Integer> p = new ArrayList<>();
      for (Object o : rawPoints) {
        if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 0 || n.intValue() > 1000) {
          throw new InvalidFormat("teamPoints must be whole numbers between 0 and 1000");
        }
        p.add(n.intValue());
      }
      if (p.size() > 64) {
        throw new InvalidFormat("teamPoints lists at most 64 places");
      }
      for (int i = 1; i < p.size(); i++) {
        if (p.get(i) > p.get(i - 1)) {
          throw new InvalidFormat("teamPoints must not grow with the place (like 9-7-6-5-4-3-2-1)");
        }
      }
      points = p;
    }
    List<Object> rawRounds = Fields.list(f, "rounds");
    List<Round> rounds = new ArrayList<>();
    if (rawRounds == null) {
      rounds.add(new Round("final", null, 0));
    } else {
      if (rawRounds.size() > 8) {
        throw new InvalidFormat("at most 8 rounds");
      }
      for (Object o : rawRounds) {
        rounds.add(Round.parse(Fields.object(o, "a round")));
      }
    }
    return new Common(points, rounds);
  }

  /**
   * One round (heats, semi-final, final). Entries are split into heats of {@code heatSize}
   * (0: one heat); {@code advance} picks who goes on to the next round once this one is official.
   */
  public record Round(String name, Advancement.Rule advance, int heatSize) {
    public Round {
      if (name == null || name.isBlank() || name.length() > 60) {
        throw new InvalidFormat("a round needs a name of at most 60 characters");
      }
      if (heatSize < 0 || heatSize > 1000) {
        throw new InvalidFormat("heatSize must be between 0 and 1000");
      }
    }

    static Round parse(Map<String, Object> r) {
      Fields.onlyKeys(r, Set.of("name", "advance", "heatSize", "type"));
      Object a = r.get("advance");
      return new Round(Fields.string(r, "name", "round"), a == null ? null : Advancement.Rule.parse(Fields.object(a, "advance")),
          Fields.integer(r, "heatSize", 0));
    }
  }
}
