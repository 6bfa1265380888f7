package gala.mixer.seating;

import java.util.List;
import java.util.Map;

/**
 * One round: the groups (pairs or tables) as lists of person ids, who sits this round out, and
 * why each of them does.
 */
public record Seating(List<List<Long>> groups, List<Long> resting, Map<Long, RestReason> reasons) {
  public Seating {
    groups = groups.stream().map(List::copyOf).toList();
    resting = List.copyOf(resting);
    reasons = Map.copyOf(reasons);
  }

  public Seating(List<List<Long>> groups, List<Long> resting) {
    this(groups, resting, Map.of());
  }

  public RestReason reason(long id) {
    return reasons.getOrDefault(id, RestReason.NO_TABLE_FITS);
  }

  public int seated() {
    return groups.stream().mapToInt(List::size).sum();
  }
}
