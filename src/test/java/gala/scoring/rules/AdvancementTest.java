package gala.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Advancement into the next round and heats of a round. */
class AdvancementTest {
  private static final BigDecimal ANY = BigDecimal.ONE;

  @Test
  void topNLetsEveryoneSharingTheCutThrough() {
    Advancement.Rule top2 = new Advancement.Rule(Advancement.Kind.TOP, 2, null);
    assertTrue(Advancement.advances(top2, 1, ANY, 5, false));
    assertTrue(Advancement.advances(top2, 2, ANY, 5, false));
    assertFalse(Advancement.advances(top2, 3, ANY, 5, false));
    assertEquals("top 2", top2.describe(false));
  }

  @Test
  void topPercentRoundsUp() {
    Advancement.Rule half = new Advancement.Rule(Advancement.Kind.TOP_PERCENT, 50, null);
    // 5 ranked: 50% -> 3 places
    assertTrue(Advancement.advances(half, 3, ANY, 5, false));
    assertFalse(Advancement.advances(half, 4, ANY, 5, false));
    assertEquals("top 50%", half.describe(false));
  }

  @Test
  void thresholdDependsOnTheDirection() {
    Advancement.Rule nine = new Advancement.Rule(Advancement.Kind.THRESHOLD, 0, new BigDecimal("9.00"));
    assertTrue(Advancement.advances(nine, 7, new BigDecimal("9.0"), 10, false));
    assertFalse(Advancement.advances(nine, 1, new BigDecimal("8.99"), 10, false));
    assertTrue(Advancement.advances(nine, 1, new BigDecimal("8.99"), 10, true), "a time under the qualifying time");
    assertFalse(Advancement.advances(nine, 1, new BigDecimal("9.01"), 10, true));
    assertEquals("<= 9.00", nine.describe(true));
    assertEquals(">= 9.00", nine.describe(false));
  }

  @Test
  void heatsAreDealtInASnakeSoStrongSeedsSpread() {
    List<Integer> heats = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      heats.add(Advancement.heatOf(i, 7, 3));
    }
    // 3 heats: seeds 1,2,3 -> heats 1,2,3; seeds 4,5,6 -> 3,2,1; seed 7 -> 1
    assertEquals(List.of(1, 2, 3, 3, 2, 1, 1), heats);
    assertEquals(1, Advancement.heatOf(5, 6, 0), "heatSize 0: one heat");
    assertEquals(1, Advancement.heatOf(5, 6, 8), "a field smaller than a heat is one heat");
  }
}
