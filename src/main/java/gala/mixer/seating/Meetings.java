package gala.mixer.seating;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Who has already met whom in earlier rounds (unordered pairs of person ids). */
public final class Meetings {
  private final Set<Pair> pairs = new HashSet<>();

  private record Pair(long lo, long hi) {
    static Pair of(long a, long b) {
      return a < b ? new Pair(a, b) : new Pair(b, a);
    }
  }

  public boolean met(long a, long b) {
    return pairs.contains(Pair.of(a, b));
  }

  public void add(long a, long b) {
    if (a != b) {
      pairs.add(Pair.of(a, b));
    }
  }

  public void addAll(Meetings other) {
    pairs.addAll(other.pairs);
  }

  /** Records every pair inside every group of a round. */
  public void addRound(Seating seating) {
    for (List<Long> g : seating.groups()) {
      addGroup(g);
    }
  }

  public void addGroup(Collection<Long> group) {
    List<Long> ids = List.copyOf(group);
    for (int i = 0; i < ids.size(); i++) {
      for (int j = i + 1; j < ids.size(); j++) {
        add(ids.get(i), ids.get(j));
      }
    }
  }

  public int size() {
    return pairs.size();
  }
}
