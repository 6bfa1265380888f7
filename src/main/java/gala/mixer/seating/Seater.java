package gala.mixer.seating;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seats one round. Minors and adults are seated in separate pools (a minor never sits with an
 * adult); people outside the age band, or under 14 without a guardian's consent, are never seated.
 * Pairs come from a maximum-weight matching (JGraphT's Blossom V); tables from a greedy
 * construction improved by local search. A pool of up to {@link Options#planLimit} people then
 * goes through {@link RoundPlanner}, which keeps the rounds still to come possible without repeat
 * meetings and rotates any unavoidable rest. Hard constraints are never traded for interest
 * overlap: who cannot be seated without breaking one sits the round out, with the reason.
 */
public final class Seater {
  /**
   * Tuning. {@code exactLimit}: up to this pool size pairs are matched on the complete graph (the
   * exact optimum). Larger pools are cut into chunks of about {@code chunk} people who share
   * interests, and each chunk is matched on a sparse graph of each person's {@code candidates}
   * best-sharing others plus {@code randomCandidates} random ones (Blossom V grows faster than
   * linearly; chunks keep 10,000 people to seconds). {@code searchPerPerson}: local-search swap
   * attempts per seated person for tables. {@code planLimit}: pools up to this size are planned
   * over every round still to come (larger pools have far more people than any evening has
   * rounds, so a round seated on its own never corners the next).
   */
  public record Options(int exactLimit, int chunk, int candidates, int randomCandidates, int searchPerPerson,
      int planLimit) {
    public static final Options DEFAULT = new Options(200, 600, 24, 4, 60, 600);
  }

  private Seater() {}

  public static Seating seat(Rules rules, List<Person> people, Meetings met, long seed) {
    return seat(rules, people, History.of(met), 1, seed, Options.DEFAULT);
  }

  public static Seating seat(Rules rules, List<Person> people, Meetings met, long seed, Options options) {
    return seat(rules, people, History.of(met), 1, seed, options);
  }

  /** Seats this round, with {@code roundsLeft} rounds (this one included) still to come. */
  public static Seating seat(Rules rules, List<Person> people, History history, int roundsLeft, long seed) {
    return seat(rules, people, history, roundsLeft, seed, Options.DEFAULT);
  }

  public static Seating seat(Rules rules, List<Person> people, History history, int roundsLeft, long seed,
      Options options) {
    Random rnd = new Random(seed);
    List<Person> minors = new ArrayList<>();
    List<Person> adults = new ArrayList<>();
    List<Long> resting = new ArrayList<>();
    Map<Long, RestReason> reasons = new HashMap<>();
    for (Person p : people) {
      if (!rules.eligible(p)) {
        resting.add(p.id());
        reasons.put(p.id(), p.age() >= rules.minAge() && p.age() <= rules.maxAge()
            ? RestReason.NO_GUARDIAN_CONSENT : RestReason.OUTSIDE_AGE_BAND);
      } else if (p.minor()) {
        minors.add(p);
      } else {
        adults.add(p);
      }
    }
    List<List<Long>> groups = new ArrayList<>();
    for (List<Person> members : List.of(minors, adults)) {
      if (members.size() < 2) {
        members.forEach(p -> {
          resting.add(p.id());
          reasons.put(p.id(), RestReason.ALONE_IN_AGE_GROUP);
        });
        continue;
      }
      Pool pool = new Pool(members, history.met(), rules.genderBalance());
      List<List<Integer>> seated = rules.pairs()
          ? PairSeating.seat(pool, options, rnd)
          : tables(pool, rules.groupSize(), options, rnd);
      if (pool.size() <= options.planLimit()) {
        seated = planned(pool, rules.groupSize(), roundsLeft, history, seated, rnd);
      }
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
          reasons.put(pool.id(i), metEveryone(pool, i) ? RestReason.MET_EVERYONE : RestReason.NO_TABLE_FITS);
        }
      }
    }
    return new Seating(groups, resting, reasons);
  }

  /**
   * This round planned together with the rounds after it. This round comes first: the plan is kept
   * only if it rests as few people now, and as few who rested before, as this round planned on its
   * own does; otherwise the rounds ahead are planned again around that round, and failing that,
   * the round stands alone (the next round plans again anyway). Small pools, where a corner is
   * likeliest and a search cheapest, get a few independent searches.
   */
  private static List<List<Integer>> planned(Pool pool, int k, int roundsLeft, History history,
      List<List<Integer>> proposal, Random rnd) {
    int n = pool.size();
    int[] past = new int[n];
    for (int i = 0; i < n; i++) {
      past[i] = history.rests(pool.id(i));
    }
    if (n <= ExactSeating.LIMIT) {
      List<List<Integer>> exact = exact(pool, k, roundsLeft, past);
      if (exact != null) {
        return exact;
      }
    }
    List<List<Integer>> alone = plan(pool, k, 1, past, proposal, rnd);
    if (roundsLeft <= 1) {
      return alone;
    }
    List<List<Integer>> ahead = plan(pool, k, roundsLeft, past, proposal, rnd);
    if (compareNow(ahead, alone, n, past) <= 0) {
      return ahead;
    }
    ahead = plan(pool, k, roundsLeft, past, alone, rnd);
    return compareNow(ahead, alone, n, past) <= 0 ? ahead : alone;
  }

  /**
   * A small pool exactly: this round of a schedule seating everyone for as many of the rounds left
   * as any schedule can, or else the round resting the fewest (then the fewest again); null when
   * the search took too long.
   */
  private static List<List<Integer>> exact(Pool pool, int k, int roundsLeft, int[] past) {
    ExactSeating exact = new ExactSeating(pool, k, past);
    for (int r = Math.min(roundsLeft, exact.usefulRounds()); r >= 1; r--) {
      List<List<Integer>> first = exact.everyoneFor(r);
      if (first == null) {
        return null;
      }
      if (!first.isEmpty()) {
        return first;
      }
    }
    return exact.bestRound();
  }

  private static List<List<Integer>> plan(Pool pool, int k, int rounds, int[] past, List<List<Integer>> start,
      Random rnd) {
    int n = pool.size();
    RoundPlanner best = null;
    int attempts = rounds > 1 && (long) n * rounds <= 2000 ? 3 : 1;
    for (int a = 0; a < attempts && (best == null || !best.perfect()); a++) {
      RoundPlanner planner = new RoundPlanner(pool, k, rounds, past, new Random(rnd.nextLong()));
      planner.start(start);
      planner.search(Math.min(2_000_000L, (rounds > 1 ? 5_000L : 1_000L) * n * planner.rounds()));
      if (best == null || planner.cost() < best.cost()) {
        best = planner;
      }
    }
    best.polish(Math.min(200_000L, 5_000L + 200L * n));
    return best.thisRound();
  }

  /** Negative when {@code a} rests fewer people this round than {@code b}, or as many but fewer who rested before. */
  private static int compareNow(List<List<Integer>> a, List<List<Integer>> b, int n, int[] past) {
    int[] ka = restKey(a, n, past);
    int[] kb = restKey(b, n, past);
    return ka[0] != kb[0] ? Integer.compare(ka[0], kb[0]) : Integer.compare(ka[1], kb[1]);
  }

  private static int[] restKey(List<List<Integer>> groups, int n, int[] past) {
    boolean[] seated = new boolean[n];
    groups.forEach(g -> g.forEach(i -> seated[i] = true));
    int resting = 0;
    int again = 0;
    for (int i = 0; i < n; i++) {
      if (!seated[i]) {
        resting++;
        again += past[i] > 0 ? 1 : 0;
      }
    }
    return new int[] {resting, again};
  }

  private static boolean metEveryone(Pool pool, int i) {
    for (int j = 0; j < pool.size(); j++) {
      if (j != i && !pool.met(i, j)) {
        return false;
      }
    }
    return true;
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
