package gala.mixer.seating;

import java.util.Map;

/**
 * What the rounds before this one left behind: who met whom (in this mixer, and at earlier mixers
 * of its series), and how many rounds each person has sat out, so rests rotate fairly.
 */
public record History(Meetings met, Map<Long, Integer> rests) {
  public History {
    rests = Map.copyOf(rests);
  }

  public static History of(Meetings met) {
    return new History(met, Map.of());
  }

  public int rests(long id) {
    return rests.getOrDefault(id, 0);
  }
}
