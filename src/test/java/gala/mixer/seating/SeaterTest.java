package gala.mixer.seating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeaterTest {
  static final List<String> TAGS = List.of("篮球", "羽毛球", "读书", "电影", "徒步", "摄影", "烹饪", "音乐", "桌游", "旅行",
      "编程", "舞蹈");

  static Person person(long id, int age, boolean consent, String gender, Preference pref, String... tags) {
    return new Person(id, Set.of(tags), age, consent, gender, pref);
  }

  static List<Person> randomPeople(Random rnd, int n, boolean wishes, int minAge, int maxAge) {
    List<Person> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Set<String> tags = new HashSet<>();
      int count = rnd.nextInt(5);
      for (int t = 0; t < count; t++) {
        tags.add(TAGS.get(rnd.nextInt(TAGS.size())));
      }
      int age = minAge + rnd.nextInt(maxAge - minAge + 1);
      String gender = rnd.nextInt(5) == 0 ? null : (rnd.nextBoolean() ? "F" : "M");
      Preference pref = wishes ? Preference.values()[rnd.nextInt(3)] : Preference.ANY;
      out.add(new Person(1000 + i, tags, age, rnd.nextInt(3) > 0, gender, pref));
    }
    return out;
  }

  @Test
  void randomisedInstancesOverSixRoundsNeverBreakAHardConstraint() {
    Random rnd = new Random(20261122);
    int checkedRounds = 0;
    for (int instance = 0; instance < 160; instance++) {
      int k = 2 + rnd.nextInt(5);
      int n = 2 + rnd.nextInt(90);
      Rules rules = new Rules(k, 12, 40);
      List<Person> people = randomPeople(rnd, n, rnd.nextBoolean(), 10, 45);
      Meetings met = new Meetings();
      for (int round = 1; round <= 6; round++) {
        Seating s = Seater.seat(rules, people, met, rnd.nextLong());
        List<String> v = Violations.of(rules, people, met, s);
        assertEquals(List.of(), v, "instance " + instance + " k=" + k + " n=" + n + " round " + round);
        for (List<Long> g : s.groups()) {
          for (long id : g) {
            Person p = people.stream().filter(x -> x.id() == id).findFirst().orElseThrow();
            assertTrue(rules.eligible(p), "only eligible people are seated");
          }
        }
        met.addRound(s);
        checkedRounds++;
      }
    }
    assertEquals(960, checkedRounds);
  }

  @Test
  void theViolationCheckerItselfCatchesEachKindOfBreach() {
    Rules rules = new Rules(2, 12, 40);
    Person adult = person(1, 30, false, "F", Preference.SAME);
    Person adult2 = person(2, 25, false, "M", Preference.ANY);
    Person minor = person(3, 16, false, null, Preference.ANY);
    Person child = person(4, 13, false, null, Preference.ANY);
    Person child2 = person(5, 13, true, null, Preference.ANY);
    List<Person> all = List.of(adult, adult2, minor, child, child2);
    Meetings met = new Meetings();
    met.add(1, 2);
    List<String> v = Violations.of(rules, all, met,
        new Seating(List.of(List.of(1L, 2L), List.of(3L, 4L, 5L)), List.of()));
    assertTrue(v.stream().anyMatch(s -> s.startsWith("repeat meeting")), v.toString());
    assertTrue(v.stream().anyMatch(s -> s.startsWith("same-gender wish broken")), v.toString());
    assertTrue(v.stream().anyMatch(s -> s.contains("under 14 without guardian consent")), v.toString());
    List<String> v2 = Violations.of(rules, all, new Meetings(),
        new Seating(List.of(List.of(2L, 3L)), List.of(1L, 4L, 5L)));
    assertTrue(v2.stream().anyMatch(s -> s.startsWith("minor and adult together")), v2.toString());
  }

  @Test
  void minorsSitOnlyWithMinorsAndUnder14sWithoutConsentAreNeverSeated() {
    Random rnd = new Random(7);
    Rules rules = new Rules(4, 12, 30);
    List<Person> people = randomPeople(rnd, 60, false, 12, 30);
    Seating s = Seater.seat(rules, people, new Meetings(), 1);
    for (List<Long> g : s.groups()) {
      long minors = g.stream().filter(id -> byId(people, id).minor()).count();
      assertTrue(minors == 0 || minors == g.size(), "group " + g + " mixes minors and adults");
      for (long id : g) {
        Person p = byId(people, id);
        assertTrue(p.age() >= 14 || p.guardianConsent(), id + " is under 14 without consent");
      }
    }
    people.stream().filter(p -> p.age() < 14 && !p.guardianConsent())
        .forEach(p -> assertTrue(s.resting().contains(p.id())));
  }

  @Test
  void peopleOutsideTheAgeBandAreNotSeated() {
    Rules rules = new Rules(2, 18, 35);
    List<Person> people = List.of(person(1, 20, false, null, null), person(2, 21, false, null, null),
        person(3, 40, false, null, null), person(4, 17, false, null, null));
    Seating s = Seater.seat(rules, people, new Meetings(), 1);
    assertEquals(List.of(List.of(1L, 2L)), s.groups().stream().map(g -> g.stream().sorted().toList()).toList());
    assertEquals(Set.of(3L, 4L), Set.copyOf(s.resting()));
  }

  @Test
  void fourPeopleInPairsMeetEveryoneInThreeRoundsAndThenEveryoneRests() {
    Rules rules = new Rules(2, 18, 99);
    List<Person> people = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      people.add(person(i, 25, false, null, null, "读书"));
    }
    Meetings met = new Meetings();
    for (int round = 1; round <= 3; round++) {
      Seating s = Seater.seat(rules, people, met, round);
      assertEquals(2, s.groups().size(), "round " + round + " seats everyone: " + s);
      assertEquals(List.of(), s.resting());
      assertEquals(List.of(), Violations.of(rules, people, met, s));
      met.addRound(s);
    }
    assertEquals(6, met.size());
    Seating fourth = Seater.seat(rules, people, met, 4);
    assertEquals(List.of(), fourth.groups());
    assertEquals(4, fourth.resting().size());
  }

  @Test
  void aLateArrivalIsSeatedAndALeaverIsNot() {
    Rules rules = new Rules(3, 18, 99);
    Random rnd = new Random(3);
    List<Person> first = randomPeople(rnd, 12, false, 20, 30);
    Meetings met = new Meetings();
    Seating r1 = Seater.seat(rules, first, met, 1);
    met.addRound(r1);
    List<Person> second = new ArrayList<>(first.subList(1, first.size()));
    Person late = person(99, 22, false, null, null, "音乐");
    second.add(late);
    Seating r2 = Seater.seat(rules, second, met, 2);
    assertEquals(List.of(), Violations.of(rules, second, met, r2));
    List<Long> seated = r2.groups().stream().flatMap(List::stream).toList();
    assertTrue(seated.contains(99L), "the late arrival is seated");
    assertFalse(seated.contains(first.get(0).id()), "the leaver is not");
  }

  @Test
  void firstRoundTablesFollowThePlanWhenNobodyHasAWish() {
    Random rnd = new Random(11);
    for (int k = 3; k <= 6; k++) {
      for (int n = 2; n <= 60; n++) {
        List<Person> people = randomPeople(rnd, n, false, 20, 40);
        Seating s = Seater.seat(new Rules(k, 18, 99), people, new Meetings(), n);
        assertEquals(List.of(), s.resting(), "n=" + n + " k=" + k);
        List<Integer> sizes = s.groups().stream().map(List::size).sorted().toList();
        List<Integer> plan = java.util.Arrays.stream(TablePlan.sizes(n, k)).boxed().sorted().toList();
        assertEquals(plan, sizes, "n=" + n + " k=" + k);
      }
    }
  }

  @Test
  void sameGenderWishesGiveSingleGenderTablesAndMixedWishesMixedOnes() {
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      people.add(person(i, 25, false, i % 2 == 0 ? "F" : "M", i < 12 ? Preference.SAME : Preference.MIXED, "徒步"));
    }
    Rules rules = new Rules(4, 18, 99);
    Seating s = Seater.seat(rules, people, new Meetings(), 5);
    assertEquals(List.of(), Violations.of(rules, people, new Meetings(), s));
    int seated = s.groups().stream().mapToInt(List::size).sum();
    assertTrue(seated >= 20, "most can be seated: " + s);
  }

  @Test
  void exactPairsAreOptimalAgainstBruteForce() {
    Random rnd = new Random(99);
    Rules rules = new Rules(2, 18, 99);
    for (int instance = 0; instance < 60; instance++) {
      int n = 2 * (1 + rnd.nextInt(5));
      List<Person> people = randomPeople(rnd, n, false, 20, 40);
      Meetings met = new Meetings();
      for (int x = 0; x < n / 2; x++) {
        met.add(people.get(rnd.nextInt(n)).id(), people.get(rnd.nextInt(n)).id());
      }
      Seating s = Seater.seat(rules, people, met, instance);
      int[] best = bruteForce(people, met, new boolean[n], 0);
      int pairs = (int) s.groups().stream().filter(g -> g.size() == 2).count()
          + (int) s.groups().stream().filter(g -> g.size() == 3).count();
      assertEquals(List.of(), Violations.of(rules, people, met, s));
      assertTrue(pairs >= best[0], "as many pairs as possible: " + pairs + " < " + best[0]);
      if (s.groups().stream().allMatch(g -> g.size() == 2)) {
        assertEquals(best[1], Seater.compatibility(people, s), "maximum shared interests, instance " + instance);
      }
    }
  }

  /** {pairs, shared}: the lexicographically best matching by exhaustive search. */
  private static int[] bruteForce(List<Person> people, Meetings met, boolean[] used, int from) {
    int i = from;
    while (i < people.size() && used[i]) {
      i++;
    }
    if (i >= people.size()) {
      return new int[] {0, 0};
    }
    used[i] = true;
    int[] best = bruteForce(people, met, used, i + 1);
    for (int j = i + 1; j < people.size(); j++) {
      if (!used[j] && !met.met(people.get(i).id(), people.get(j).id())) {
        used[j] = true;
        int[] r = bruteForce(people, met, used, i + 1);
        int[] cand = {r[0] + 1, r[1] + people.get(i).shared(people.get(j))};
        if (cand[0] > best[0] || (cand[0] == best[0] && cand[1] > best[1])) {
          best = cand;
        }
        used[j] = false;
      }
    }
    used[i] = false;
    return best;
  }

  @Test
  void tablesGroupSharedInterestsWhenTheyCan() {
    List<Person> people = new ArrayList<>();
    String[] clusters = {"篮球", "读书", "电影", "烹饪"};
    for (int i = 0; i < 16; i++) {
      people.add(person(i, 25, false, null, null, clusters[i % 4]));
    }
    Seating s = Seater.seat(new Rules(4, 18, 99), people, new Meetings(), 1);
    assertEquals(4 * 6, Seater.compatibility(people, s), "four tables of one interest each: " + s);
  }

  private static Person byId(List<Person> people, long id) {
    return people.stream().filter(p -> p.id() == id).findFirst().orElseThrow();
  }

  @Test
  void genderBalanceWhenAskedForMakesMixedPairsWithoutLeavingAnyoneOut() {
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      people.add(person(i, 25, false, i < 12 ? "female" : "male", Preference.ANY, "读书"));
    }
    Rules balanced = new Rules(2, 18, 99, true);
    Seating s = Seater.seat(balanced, people, new Meetings(), 3);
    assertEquals(List.of(), Violations.of(balanced, people, new Meetings(), s));
    assertEquals(List.of(), s.resting(), "a preference, not a rule: everyone is seated");
    long mixed = s.groups().stream().filter(g -> g.stream().map(id -> byId(people, id).gender()).distinct().count() > 1)
        .count();
    assertEquals(8, mixed, "all eight men sit with a woman");
    Rules tables = new Rules(4, 18, 99, true);
    Seating t = Seater.seat(tables, people, new Meetings(), 3);
    assertEquals(List.of(), t.resting());
    assertTrue(t.groups().stream().allMatch(g -> g.stream().map(id -> byId(people, id).gender()).distinct().count() > 1),
        "every table mixed: " + t);
  }
}
