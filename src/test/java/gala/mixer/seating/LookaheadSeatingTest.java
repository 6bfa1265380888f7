package gala.mixer.seating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Nobody sits out who could sit: a whole evening seated round by round (split pools of minors and
 * adults, table wishes, pairs and tables) against an exhaustive search of every seating. A round
 * rests no more people than the fewest any seating of that round could, those who rested before
 * only when no seating of as few avoids them, and an evening that can seat everyone in every
 * round does.
 */
class LookaheadSeatingTest {
  private static final List<String> TAGS = List.of("篮球", "读书", "电影", "徒步", "音乐", "桌游");

  @Test
  void twentyMinorsAndTwentyAdultsAtTablesOfFourAllSitInEveryRound() {
    // The case of the issue: two pools of 20, tables of 4, four rounds. A seating of everyone in
    // all four rounds exists (the schedule below, checked by Violations), so nobody may rest.
    assertEquals(List.of(), checkSchedule(KNOWN_20_BY_4, 4), "the known schedule is valid");
    for (long seed = 1; seed <= 6; seed++) {
      Random rnd = new Random(seed);
      List<Person> people = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        people.add(person(rnd, 1 + i, 15 + rnd.nextInt(3)));
        people.add(person(rnd, 101 + i, 20 + rnd.nextInt(10)));
      }
      Rules rules = new Rules(4, 14, 35);
      Meetings met = new Meetings();
      Map<Long, Integer> rests = new HashMap<>();
      for (int round = 1; round <= 4; round++) {
        Seating s = Seater.seat(rules, people, new History(met, rests), 5 - round, seed * 10 + round);
        assertEquals(List.of(), Violations.of(rules, people, met, s), "seed " + seed + " round " + round);
        assertEquals(List.of(), s.resting(), "seed " + seed + " round " + round + " rests nobody: " + s);
        met.addRound(s);
      }
    }
  }

  /**
   * Twenty people as points (x, y) of Z5 x Z4, id 1 + 4x + y; in round j table c holds the points
   * with x = c + j*y (mod 5). Two points with different y meet only in the round j solving
   * j*(y1 - y2) = x1 - x2 (mod 5), which is unique, so nobody meets twice in up to five rounds.
   */
  private static final int[][][] KNOWN_20_BY_4 = new int[4][5][4];

  static {
    for (int j = 0; j < 4; j++) {
      for (int c = 0; c < 5; c++) {
        for (int y = 0; y < 4; y++) {
          KNOWN_20_BY_4[j][c][y] = 1 + 4 * ((c + j * y) % 5) + y;
        }
      }
    }
  }

  private static List<String> checkSchedule(int[][][] schedule, int k) {
    List<Person> people = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      people.add(new Person(i, Set.of(), 25, false, null, Preference.ANY));
    }
    Meetings met = new Meetings();
    List<String> out = new ArrayList<>();
    for (int[][] round : schedule) {
      List<List<Long>> groups = new ArrayList<>();
      for (int[] g : round) {
        List<Long> ids = new ArrayList<>();
        for (int id : g) {
          ids.add((long) id);
        }
        groups.add(ids);
      }
      Seating s = new Seating(groups, List.of());
      out.addAll(Violations.of(new Rules(k, 18, 99), people, met, s));
      met.addRound(s);
    }
    return out;
  }

  @Test
  void randomEveningsOfSplitPoolsRestOnlyWhomAnExactSearchMustRest() {
    Random rnd = new Random(20261202);
    int fullEvenings = 0;
    int roundsWithRest = 0;
    for (int instance = 0; instance < 70; instance++) {
      int k = 2 + rnd.nextInt(3);
      int rounds = 2 + rnd.nextInt(k == 2 ? 4 : 3);
      int minors = 2 + rnd.nextInt(k == 2 ? 7 : 8);
      int adults = 2 + rnd.nextInt(k == 2 ? 7 : 8);
      boolean wishes = rnd.nextInt(3) == 0;
      List<Person> people = new ArrayList<>();
      for (int i = 0; i < minors; i++) {
        people.add(withWish(rnd, person(rnd, 1 + i, 14 + rnd.nextInt(4)), wishes));
      }
      for (int i = 0; i < adults; i++) {
        people.add(withWish(rnd, person(rnd, 101 + i, 18 + rnd.nextInt(20)), wishes));
      }
      Rules rules = new Rules(k, 14, 40);
      Meetings met = new Meetings();
      // Some evenings start with a few meetings from earlier evenings of a series.
      if (rnd.nextBoolean()) {
        for (int x = 0; x < people.size() / 3; x++) {
          Person a = people.get(rnd.nextInt(people.size()));
          Person b = people.get(rnd.nextInt(people.size()));
          if (a.minor() == b.minor()) {
            met.add(a.id(), b.id());
          }
        }
      }
      Map<Long, Integer> rests = new HashMap<>();
      List<List<Person>> pools = List.of(people.stream().filter(Person::minor).toList(),
          people.stream().filter(p -> !p.minor()).toList());
      boolean[] canSeatAll = new boolean[2];
      for (int x = 0; x < 2; x++) {
        canSeatAll[x] = new Exact(pools.get(x), k).seatsEveryoneFor(rounds, met);
        fullEvenings += canSeatAll[x] ? 1 : 0;
      }
      for (int round = 1; round <= rounds; round++) {
        String where = "instance " + instance + " k=" + k + " round " + round + "/" + rounds;
        Seating s = Seater.seat(rules, people, new History(met, rests), rounds - round + 1, instance * 100L + round);
        assertEquals(List.of(), Violations.of(rules, people, met, s), where);
        for (int x = 0; x < 2; x++) {
          List<Person> pool = pools.get(x);
          Set<Long> ids = new HashSet<>(pool.stream().map(Person::id).toList());
          List<Long> resting = s.resting().stream().filter(ids::contains).toList();
          int again = (int) resting.stream().filter(id -> rests.getOrDefault(id, 0) > 0).count();
          int[] best = new Exact(pool, k).fewestRests(met, rests);
          String msg = where + (x == 0 ? " minors " : " adults ") + pool.size() + ": rests " + resting
              + " (" + again + " again), exact " + best[0] + " (" + best[1] + " again); " + s;
          assertEquals(best[0], resting.size(), "as few rests as any seating of this round: " + msg);
          assertEquals(best[1], again, "no one rests again where a seating rests someone new: " + msg);
          if (canSeatAll[x]) {
            assertEquals(List.of(), resting, "a seating of everyone in every round exists: " + msg);
          }
          roundsWithRest += resting.isEmpty() ? 0 : 1;
        }
        s.resting().forEach(id -> rests.merge(id, 1, Integer::sum));
        met.addRound(s);
      }
    }
    assertTrue(fullEvenings > 25 && roundsWithRest > 10,
        "the instances cover both kinds: " + fullEvenings + " pools seat all, " + roundsWithRest + " rounds rest");
  }

  private static Person person(Random rnd, long id, int age) {
    Set<String> tags = new HashSet<>();
    for (int t = rnd.nextInt(3); t >= 0; t--) {
      tags.add(TAGS.get(rnd.nextInt(TAGS.size())));
    }
    return new Person(id, tags, age, true, rnd.nextBoolean() ? "female" : "male", Preference.ANY);
  }

  private static Person withWish(Random rnd, Person p, boolean wishes) {
    if (!wishes || rnd.nextInt(3) > 0) {
      return p;
    }
    return new Person(p.id(), p.interests(), p.age(), true, p.gender(),
        rnd.nextBoolean() ? Preference.MIXED : Preference.SAME);
  }

  /**
   * Exhaustive search over every seating of one pool, with the size and wish rules spelled out
   * here on their own (not the seating's code): groups of 2..k+1, and when there is more than one
   * group none below min(k-1, the smallest table TablePlan makes).
   */
  static final class Exact {
    private final List<Person> pool;
    private final int k;
    private final int lo;

    Exact(List<Person> pool, int k) {
      this.pool = pool;
      this.k = k;
      int smallest = TablePlan.smallest(pool.size(), k);
      this.lo = k == 2 ? 2 : Math.max(2, Math.min(k - 1, smallest));
    }

    /** Whether every round of {@code rounds} can seat the whole pool without anyone meeting twice. */
    boolean seatsEveryoneFor(int rounds, Meetings before) {
      if (pool.size() < 2) {
        return false;
      }
      return everyone(rounds, copy(before));
    }

    private boolean everyone(int rounds, Meetings met) {
      if (rounds == 0) {
        return true;
      }
      List<List<List<Person>>> all = new ArrayList<>();
      partitions(new ArrayList<>(pool), new ArrayList<>(), 0, met, all, Integer.MAX_VALUE);
      for (List<List<Person>> round : all) {
        Meetings next = copy(met);
        round.forEach(g -> next.addGroup(g.stream().map(Person::id).toList()));
        if (everyone(rounds - 1, next)) {
          return true;
        }
      }
      return false;
    }

    /** {fewest resting, fewest of those who rested before} over every valid seating of one round. */
    int[] fewestRests(Meetings met, Map<Long, Integer> rests) {
      if (pool.size() < 2) {
        int again = (int) pool.stream().filter(p -> rests.getOrDefault(p.id(), 0) > 0).count();
        return new int[] {pool.size(), again};
      }
      int[] best = {Integer.MAX_VALUE, Integer.MAX_VALUE};
      List<List<List<Person>>> all = new ArrayList<>();
      for (int restCount = 0; restCount <= pool.size() && best[0] == Integer.MAX_VALUE; restCount++) {
        all.clear();
        partitions(new ArrayList<>(pool), new ArrayList<>(), restCount, met, all, Integer.MAX_VALUE);
        for (List<List<Person>> seating : all) {
          Set<Long> seated = new HashSet<>();
          seating.forEach(g -> g.forEach(p -> seated.add(p.id())));
          int again = (int) pool.stream().filter(p -> !seated.contains(p.id()) && rests.getOrDefault(p.id(), 0) > 0)
              .count();
          if (restCount < best[0] || restCount == best[0] && again < best[1]) {
            best = new int[] {restCount, again};
          }
        }
      }
      return best;
    }

    /**
     * Every seating of {@code left} (in order) with exactly {@code restsLeft} more people resting;
     * the first person left either rests or opens a group with later people.
     */
    private void partitions(List<Person> left, List<List<Person>> groups, int restsLeft, Meetings met,
        List<List<List<Person>>> out, int limit) {
      if (out.size() >= limit) {
        return;
      }
      if (left.isEmpty()) {
        if (restsLeft == 0 && sizesOk(groups)) {
          out.add(new ArrayList<>(groups));
        }
        return;
      }
      if (left.size() < restsLeft) {
        return;
      }
      Person first = left.get(0);
      List<Person> rest = left.subList(1, left.size());
      if (restsLeft > 0) {
        partitions(new ArrayList<>(rest), groups, restsLeft - 1, met, out, limit);
      }
      List<Person> group = new ArrayList<>(List.of(first));
      extend(group, new ArrayList<>(rest), 0, groups, restsLeft, met, out, limit);
    }

    private void extend(List<Person> group, List<Person> rest, int from, List<List<Person>> groups, int restsLeft,
        Meetings met, List<List<List<Person>>> out, int limit) {
      if (group.size() >= 2 && group.size() <= k + 1 && groupOk(group)) {
        List<Person> remaining = new ArrayList<>(rest);
        remaining.removeAll(group);
        groups.add(new ArrayList<>(group));
        partitions(remaining, groups, restsLeft, met, out, limit);
        groups.remove(groups.size() - 1);
      }
      if (group.size() == k + 1) {
        return;
      }
      for (int i = from; i < rest.size(); i++) {
        Person p = rest.get(i);
        boolean ok = true;
        for (Person q : group) {
          if (met.met(p.id(), q.id()) || !sameWishOk(p, q) || !sameWishOk(q, p)) {
            ok = false;
            break;
          }
        }
        if (ok) {
          group.add(p);
          extend(group, rest, i + 1, groups, restsLeft, met, out, limit);
          group.remove(group.size() - 1);
        }
      }
    }

    private boolean sizesOk(List<List<Person>> groups) {
      return groups.size() <= 1 || groups.stream().allMatch(g -> g.size() >= lo);
    }

    private static boolean sameWishOk(Person p, Person other) {
      return p.preference() != Preference.SAME || p.gender().equals(other.gender());
    }

    private static boolean groupOk(List<Person> group) {
      for (Person p : group) {
        if (p.preference() == Preference.MIXED
            && group.stream().noneMatch(o -> o != p && !o.gender().equals(p.gender()))) {
          return false;
        }
      }
      return true;
    }

    private static Meetings copy(Meetings met) {
      Meetings out = new Meetings();
      out.addAll(met);
      return out;
    }
  }
}
