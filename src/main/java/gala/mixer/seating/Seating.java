package gala.mixer.seating;

import java.util.List;

/** One round: the groups (pairs or tables) as lists of person ids, and who sits this round out. */
public record Seating(List<List<Long>> groups, List<Long> resting) {
  public Seating {
    groups = groups.stream().map(List::copyOf).toList();
    resting = List.copyOf(resting);
  }
}
