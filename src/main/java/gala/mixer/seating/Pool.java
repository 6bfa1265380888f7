package gala.mixer.seating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The people of one age pool (minors or adults) indexed 0..n-1, with the hard constraints between
 * them and an inverted interest index for finding promising partners without looking at all n².
 */
final class Pool {
  final Person[] people;
  private final Meetings met;
  private final boolean balance;
  private final Map<String, int[]> byInterest = new HashMap<>();
  private final int[] counts;
  private final int[] touched;
  /** Interests as bits when the pool has at most 64 distinct tags: shared() is then one bitCount. */
  private final long[] masks;

  Pool(List<Person> members, Meetings met, boolean balance) {
    this.people = members.toArray(Person[]::new);
    this.met = met;
    this.balance = balance;
    Map<String, List<Integer>> index = new HashMap<>();
    for (int i = 0; i < people.length; i++) {
      for (String tag : people[i].interests()) {
        index.computeIfAbsent(tag, t -> new ArrayList<>()).add(i);
      }
    }
    index.forEach((tag, list) -> byInterest.put(tag, list.stream().mapToInt(Integer::intValue).toArray()));
    counts = new int[people.length];
    touched = new int[people.length];
    if (index.size() <= 64) {
      Map<String, Integer> bit = new HashMap<>();
      index.keySet().forEach(tag -> bit.put(tag, bit.size()));
      masks = new long[people.length];
      for (int i = 0; i < people.length; i++) {
        for (String tag : people[i].interests()) {
          masks[i] |= 1L << bit.get(tag);
        }
      }
    } else {
      masks = null;
    }
  }

  /** The same constraints over a subset of the people (for matching a chunk on its own). */
  Pool subPool(List<Person> members) {
    return new Pool(members, met, balance);
  }

  int size() {
    return people.length;
  }

  long id(int i) {
    return people[i].id();
  }

  int shared(int a, int b) {
    return masks != null ? Long.bitCount(masks[a] & masks[b]) : people[a].shared(people[b]);
  }

  /** What seating maximises between two people: shared interests, plus one for a mixed pair when asked. */
  int affinity(int a, int b) {
    int s = shared(a, b);
    if (balance) {
      String ga = people[a].gender();
      String gb = people[b].gender();
      if (ga != null && gb != null && !ga.equals(gb)) {
        s++;
      }
    }
    return s;
  }

  /** Whether the two have met before (this evening or at an earlier mixer of the series). */
  boolean met(int a, int b) {
    return met.met(people[a].id(), people[b].id());
  }

  /** The pairwise hard constraints: not met before, and a same-gender wish respected both ways. */
  boolean pairOk(int a, int b) {
    return a != b && sameOk(people[a], people[b]) && sameOk(people[b], people[a])
        && !wishesClash(people[a], people[b]) && !wishesClash(people[b], people[a])
        && !met.met(people[a].id(), people[b].id());
  }

  /**
   * A same-gender wish and a mixed wish can never share a table: the first admits only its own
   * gender, the second needs another one there.
   */
  private static boolean wishesClash(Person p, Person q) {
    return p.gender() != null && p.preference() == Preference.SAME
        && q.gender() != null && q.preference() == Preference.MIXED;
  }

  private static boolean sameOk(Person p, Person other) {
    return p.gender() == null || p.preference() != Preference.SAME || p.gender().equals(other.gender());
  }

  /** Whether everyone at a table whose wish is MIXED has someone of another stated gender there. */
  boolean mixedOk(List<Integer> table) {
    for (int m : table) {
      Person p = people[m];
      if (p.gender() == null || p.preference() != Preference.MIXED) {
        continue;
      }
      boolean found = false;
      for (int o : table) {
        String g = people[o].gender();
        if (o != m && g != null && !g.equals(p.gender())) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** All hard constraints for a whole group. */
  boolean groupOk(List<Integer> table) {
    for (int i = 0; i < table.size(); i++) {
      for (int j = i + 1; j < table.size(); j++) {
        if (!pairOk(table.get(i), table.get(j))) {
          return false;
        }
      }
    }
    return mixedOk(table);
  }

  /**
   * Up to {@code d} others sharing the most interests with {@code i} (ties broken at random), plus
   * {@code extra} random others, so people with rare interests still have partners to choose from.
   */
  int[] candidates(int i, int d, int extra, Random rnd) {
    int n = people.length;
    int used = 0;
    for (String tag : people[i].interests()) {
      for (int j : byInterest.get(tag)) {
        if (j != i) {
          if (counts[j] == 0) {
            touched[used++] = j;
          }
          counts[j]++;
        }
      }
    }
    // Shuffle then stable-select the top d by count: random among equals.
    for (int x = used - 1; x > 0; x--) {
      int y = rnd.nextInt(x + 1);
      int t = touched[x];
      touched[x] = touched[y];
      touched[y] = t;
    }
    int take = Math.min(d, used);
    int[] out = new int[take + extra];
    int[] best = new int[take];
    int filled = 0;
    for (int x = 0; x < used; x++) {
      int j = touched[x];
      if (filled < take) {
        best[filled++] = j;
        for (int y = filled - 1; y > 0 && counts[best[y]] > counts[best[y - 1]]; y--) {
          int t = best[y];
          best[y] = best[y - 1];
          best[y - 1] = t;
        }
      } else if (counts[j] > counts[best[take - 1]]) {
        best[take - 1] = j;
        for (int y = take - 1; y > 0 && counts[best[y]] > counts[best[y - 1]]; y--) {
          int t = best[y];
          best[y] = best[y - 1];
          best[y - 1] = t;
        }
      }
    }
    for (int x = 0; x < used; x++) {
      counts[touched[x]] = 0;
    }
    System.arraycopy(best, 0, out, 0, take);
    for (int x = 0; x < extra; x++) {
      out[take + x] = n <= 1 ? i : rnd.nextInt(n);
    }
    return out;
  }
}
