package gala.mixer.seating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An independent check of a round's seating against every hard constraint. The service refuses
 * to store a seating with any violation; tests and the benchmark count them.
 */
public final class Violations {
  private Violations() {}

  public static List<String> of(Rules rules, List<Person> people, Meetings before, Seating seating) {
    List<String> out = new ArrayList<>();
    Map<Long, Person> byId = new HashMap<>();
    people.forEach(p -> byId.put(p.id(), p));
    Set<Long> seen = new HashSet<>();
    int minorsEligible = 0;
    int adultsEligible = 0;
    for (Person p : people) {
      if (rules.eligible(p)) {
        if (p.minor()) {
          minorsEligible++;
        } else {
          adultsEligible++;
        }
      }
    }
    int minorsSmallest = TablePlan.smallest(minorsEligible, rules.groupSize());
    int adultsSmallest = TablePlan.smallest(adultsEligible, rules.groupSize());
    int minorGroups = 0;
    int adultGroups = 0;
    for (List<Long> g : seating.groups()) {
      Person first = byId.get(g.get(0));
      if (first != null && first.minor()) {
        minorGroups++;
      } else {
        adultGroups++;
      }
    }
    for (List<Long> g : seating.groups()) {
      List<Person> members = new ArrayList<>();
      for (long id : g) {
        Person p = byId.get(id);
        if (p == null) {
          out.add("unknown person " + id + " seated");
          continue;
        }
        if (!seen.add(id)) {
          out.add("person " + id + " seated twice");
        }
        if (!rules.eligible(p)) {
          out.add(p.age() < Person.CONSENT_AGE && !p.guardianConsent()
              ? "person " + id + " is under 14 without guardian consent"
              : "person " + id + " is outside the age band");
        }
        members.add(p);
      }
      if (members.isEmpty()) {
        continue;
      }
      boolean minors = members.get(0).minor();
      int smallest = minors ? minorsSmallest : adultsSmallest;
      int poolGroups = minors ? minorGroups : adultGroups;
      int max = rules.groupSize() + 1;
      int min = poolGroups > 1 ? Math.min(rules.groupSize() - 1, smallest) : 2;
      if (rules.pairs()) {
        min = 2;
      }
      if (g.size() < Math.max(2, min) || g.size() > max) {
        out.add("group " + g + " has size " + g.size() + ", allowed " + Math.max(2, min) + ".." + max);
      }
      for (int i = 0; i < members.size(); i++) {
        Person a = members.get(i);
        for (int j = i + 1; j < members.size(); j++) {
          Person b = members.get(j);
          if (a.minor() != b.minor()) {
            out.add("minor and adult together: " + a.id() + ", " + b.id());
          }
          if (before.met(a.id(), b.id())) {
            out.add("repeat meeting: " + a.id() + ", " + b.id());
          }
          if (!sameOk(a, b) || !sameOk(b, a)) {
            out.add("same-gender wish broken: " + a.id() + ", " + b.id());
          }
        }
        if (a.gender() != null && a.preference() == Preference.MIXED
            && members.stream().noneMatch(o -> o != a && o.gender() != null && !o.gender().equals(a.gender()))) {
          out.add("mixed wish broken for " + a.id());
        }
      }
    }
    for (long id : seating.resting()) {
      if (!seen.add(id)) {
        out.add("person " + id + " both seated and resting, or resting twice");
      }
    }
    for (Person p : people) {
      if (!seen.contains(p.id())) {
        out.add("person " + p.id() + " neither seated nor resting");
      }
    }
    return out;
  }

  private static boolean sameOk(Person p, Person other) {
    return p.gender() == null || p.preference() != Preference.SAME || p.gender().equals(other.gender());
  }
}
