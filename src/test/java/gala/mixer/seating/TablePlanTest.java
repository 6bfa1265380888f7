package gala.mixer.seating;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TablePlanTest {
  @Test
  void everyoneHasASeatInTablesOfKOrKPlusOneWheneverThatIsPossible() {
    for (int k = 3; k <= 8; k++) {
      for (int n = 2; n <= 300; n++) {
        int[] s = TablePlan.sizes(n, k);
        assertEquals(n, Arrays.stream(s).sum(), "n=" + n + " k=" + k);
        int max = Arrays.stream(s).max().orElseThrow();
        int min = Arrays.stream(s).min().orElseThrow();
        assertTrue(max - min <= 1, "sizes as even as possible: " + Arrays.toString(s));
        assertTrue(max <= Math.max(k + 1, n <= k + 1 ? n : 0), Arrays.toString(s));
        boolean kOrKPlusOne = false;
        boolean withKMinusOne = false;
        for (int t = 1; t <= n; t++) {
          kOrKPlusOne |= t * k <= n && n <= t * (k + 1);
          withKMinusOne |= t * (k - 1) <= n && n <= t * (k + 1);
        }
        if (n > k + 1 && kOrKPlusOne) {
          assertTrue(min >= k, "n=" + n + " k=" + k + " " + Arrays.toString(s));
        } else if (n > k + 1 && withKMinusOne) {
          assertTrue(min >= k - 1, "n=" + n + " k=" + k + " " + Arrays.toString(s));
        }
        assertTrue(min >= 2);
      }
    }
  }

  @Test
  void pairsWithAnOddCountMakeOneTrio() {
    assertArrayEquals(new int[] {3, 2}, TablePlan.sizes(5, 2));
    assertArrayEquals(new int[] {2, 2}, TablePlan.sizes(4, 2));
    assertArrayEquals(new int[0], TablePlan.sizes(1, 2));
    assertArrayEquals(new int[] {5, 5}, TablePlan.sizes(10, 4));
    assertArrayEquals(new int[] {4, 4, 3}, TablePlan.sizes(11, 4));
    assertArrayEquals(new int[] {3}, TablePlan.sizes(3, 6));
  }
}
