package gala.draws.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A knockout bracket with standard seeding: the field is padded to a power of two with byes, and
 * seeds are placed so that in round r the seeds that meet sum to 2^(k-r+1)+1 if favourites win
 * (1 v 8, 4 v 5, 2 v 7, 3 v 6 for eight). Seeds 1 and 2 are in opposite halves and can only meet in
 * the final; the byes fall to the top seeds. Winners advance as results come in.
 */
public final class SingleElimination {
  private final int size;
  private final int entrants;
  /** rounds.get(r)[slot]: seed in that slot, 0 while unknown; round 0 is the first round. */
  private final List<int[]> slots = new ArrayList<>();

  private SingleElimination(int entrants) {
    if (entrants < 2) {
      throw new IllegalArgumentException("a bracket needs at least two entrants");
    }
    this.entrants = entrants;
    int p = 1;
    while (p < entrants) {
      p *= 2;
    }
    this.size = p;
    int[] first = order(p);
    for (int i = 0; i < first.length; i++) {
      if (first[i] > entrants) {
        first[i] = BYE_SEED;
      }
    }
    slots.add(first);
    for (int s = p / 2; s >= 1; s /= 2) {
      slots.add(new int[s]);
    }
    // A bye is a walkover: its opponent advances at once.
    for (int m = 0; m < p / 2; m++) {
      int a = first[2 * m];
      int b = first[2 * m + 1];
      if (a == BYE_SEED || b == BYE_SEED) {
        slots.get(1)[m] = a == BYE_SEED ? b : a;
      }
    }
  }

  public static final int BYE_SEED = -1;

  /** A bracket for seeds 1..entrants (seed 1 the strongest). */
  public static SingleElimination of(int entrants) {
    return new SingleElimination(entrants);
  }

  /** The standard seed order of the first round's slots for a bracket of {@code p} (a power of two). */
  public static int[] order(int p) {
    int[] o = {1};
    while (o.length < p) {
      int m = o.length * 2;
      int[] next = new int[m];
      for (int i = 0; i < o.length; i++) {
        next[2 * i] = o[i];
        next[2 * i + 1] = m + 1 - o[i];
      }
      o = next;
    }
    return o;
  }

  public int size() {
    return size;
  }

  public int entrants() {
    return entrants;
  }

  /** Number of rounds, the final included. */
  public int rounds() {
    return slots.size() - 1;
  }

  /** The matches of round {@code r} (0-based) as seed pairs; 0 where a seed is not known yet. */
  public List<int[]> matches(int r) {
    int[] s = slots.get(r);
    List<int[]> out = new ArrayList<>();
    for (int m = 0; m < s.length / 2; m++) {
      out.add(new int[] {s[2 * m], s[2 * m + 1]});
    }
    return out;
  }

  /** Records that {@code winnerSeed} won match {@code match} of round {@code r}; they move to round r+1. */
  public void recordWinner(int r, int match, int winnerSeed) {
    int[] s = slots.get(r);
    if (r >= rounds() || match < 0 || 2 * match + 1 >= s.length) {
      throw new IllegalArgumentException("no match " + match + " in round " + r);
    }
    if (s[2 * match] == 0 || s[2 * match + 1] == 0) {
      throw new IllegalStateException("match " + match + " of round " + r + " is not set yet");
    }
    if (s[2 * match] != winnerSeed && s[2 * match + 1] != winnerSeed) {
      throw new IllegalArgumentException("seed " + winnerSeed + " does not play match " + match + " of round " + r);
    }
    int[] next = slots.get(r + 1);
    if (next[match] != 0) {
      throw new IllegalStateException("match " + match + " of round " + r + " already has a winner");
    }
    next[match] = winnerSeed;
  }

  /** The champion's seed, or 0 while the final is open. */
  public int champion() {
    return slots.get(slots.size() - 1)[0];
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    slots.forEach(s -> b.append(Arrays.toString(s)).append('\n'));
    return b.toString();
  }
}
