package gala.scoring.rules;

import java.util.List;
import java.util.Set;

/**
 * Tie-breaks derived from an entry's attempts, shared by every format with attempts: the best
 * single attempt (WCA 9f14 for means and averages), then the second best, and so on, in the
 * order the organiser lists them.
 */
final class TieBreakNames {
  private TieBreakNames() {}

  static final List<String> NTH = List.of("best_single", "second_best", "third_best", "fourth_best", "fifth_best",
      "sixth_best");
  static final Set<String> ATTEMPT_DERIVED = Set.copyOf(NTH);

  /** 1 for best_single, 2 for second_best...; 0 for any other name. */
  static int nth(String name) {
    return NTH.indexOf(name) + 1;
  }
}
