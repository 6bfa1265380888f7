package gala.mixer.seating;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seats one round. Minors and adults are seated in separate pools (a minor never sits with an
 * adult); people outside the age band, or under 14 without a guardian's consent, are never seated.
 * Pairs come from a maximum-weight matching (JGraphT's Blossom V); tables from a greedy
 * construction improved by local search. Hard constraints are never traded for interest overlap:
 * who cannot be seated without breaking one sits the round out.
 */
public final class Seater {
  /**
   * Tuning. {@code exactLimit}: up to this pool size pairs are matched on the complete graph (the
   * exact optimum). Larger pools are cut into chunks of about {@code chunk} people who share
   * interests, and each chunk is matched on a sparse graph of each person's {@code candidates}
   * best-sharing others plus {@code randomCandidates} random ones (Blossom V grows faster than
   * linearly; chunks keep 10,000 people to seconds). {@code searchPerPerson}: local-search swap
   * attempts per seated person for tables.
   */
  public record Options(int exactLimit, int chunk, int candidates, int randomCandidates, int searchPerPerson) {
    public static final Options DEFAULT = new Options(200, 250, 12, 4, 60);
  }

  private Seater() {}

  public static Seating seat(Rules rules, List<Person> people, Meetings met, long seed) {
    return seat(rules, people, met, seed, Options.DEFAULT);
  }

  public static Seating seat(Rules rules, List<Person> people, Meetings met, long seed, Options options) {
    Random rnd = new Random(seed);
    List<Person> minors = new ArrayList<>();
    List<Person> adults = new ArrayList<>();
    List<Long> resting = new ArrayList<>();
    for (Person p : people) {
      if (!rules.eligible(p)) {
        resting.add(p.id());
      } else if (p.minor()) {
        minors.add(p);
      } else {
        adults.add(p);
      }
    }
    List<List<Long>> groups = new ArrayList<>();
    for (List<Person> members : List.of(minors, adults)) {
      if (members.size() < 2) {
        members.forEach(p -> resting.add(p.id()));
        continue;
      }
      Pool pool = new Pool(members, met, rules.genderBalance());
      List<List<Integer>> seated = rules.pairs()
          ? PairSeating.seat(pool, options, rnd)
          : tables(pool, rules.groupSize(), options, rnd);
      boolean[] placed = new boolean[pool.size()];
      for (List<Integer> g : seated) {
        List<Long> ids = new ArrayList<>();
        for (int i : g) {
          placed[i] = true;
          ids.add(pool.id(i));
        }
        groups.add(ids);
      }
      for (int i = 0; i < placed.length; i++) {
        if (!placed[i]) {
          resting.add(pool.id(i));
        }
      }
    }
    return new Seating(groups, resting);
  }

  /** Small pools (a usual evening) get several independent starts, and the best is kept. */
  private static List<List<Integer>> tables(Pool pool, int k, Options options, Random rnd) {
    int starts = pool.size() <= SMALL_POOL ? 8 : 1;
    List<List<Integer>> best = null;
    long bestKey = Long.MIN_VALUE;
    for (int s = 0; s < starts; s++) {
      List<List<Integer>> t = new TableSeating(pool, k, options, new Random(rnd.nextLong())).seat();
      long seatedCount = 0;
      long shared = 0;
      for (List<Integer> g : t) {
        seatedCount += g.size();
        for (int i = 0; i < g.size(); i++) {
          for (int j = i + 1; j < g.size(); j++) {
            shared += pool.affinity(g.get(i), g.get(j));
          }
        }
      }
      long key = seatedCount * 1_000_000L + shared; // seat the most people first, then share the most
      if (key > bestKey) {
        best = t;
        bestKey = key;
      }
    }
    return best;
  }

  private static final int SMALL_POOL = 120;

  /** Total shared interests over every pair inside every group: the quality the seating maximises. */
  public static long compatibility(List<Person> people, Seating seating) {
    java.util.Map<Long, Person> byId = new java.util.HashMap<>();
    people.forEach(p -> byId.put(p.id(), p));
    long total = 0;
    for (List<Long> g : seating.groups()) {
      for (int i = 0; i < g.size(); i++) {
        for (int j = i + 1; j < g.size(); j++) {
          total += byId.get(g.get(i)).shared(byId.get(g.get(j)));
        }
      }
    }
    return total;
  }
}
