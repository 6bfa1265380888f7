package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lines derived board after board, a few changed each time, read as a map copied and changed each
 * time would, across the merges of their layers; and a board's lines stay as they were once others
 * derive from them.
 */
class ScoredLinesTest {
  @Test
  void derivedLinesReadAsCopiesWouldThroughEveryMerge() {
    Random random = new Random(7);
    int entries = 40;
    ScoredLines lines = ScoredLines.fresh(entries);
    Map<Long, Object> expected = new HashMap<>();
    for (long e = 0; e < entries; e++) {
      lines.put(e, "v0-" + e);
      expected.put(e, "v0-" + e);
    }
    List<ScoredLines> earlier = new ArrayList<>();
    List<Map<Long, Object>> earlierExpected = new ArrayList<>();
    for (int board = 1; board <= 300; board++) {
      earlier.add(lines);
      earlierExpected.add(new HashMap<>(expected));
      lines = lines.derive();
      for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
        long e = random.nextInt(entries);
        lines.put(e, "v" + board + "-" + e);
        expected.put(e, "v" + board + "-" + e);
      }
      for (long e = 0; e < entries; e++) {
        assertEquals(expected.get(e), lines.get(e), "board " + board + ", entry " + e);
      }
    }
    for (int b = 0; b < earlier.size(); b += 17) {
      for (long e = 0; e < entries; e++) {
        assertEquals(earlierExpected.get(b).get(e), earlier.get(b).get(e), "earlier board " + b + ", entry " + e);
      }
    }
  }
}
