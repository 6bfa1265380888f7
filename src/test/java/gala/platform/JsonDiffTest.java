package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

  @Test
  void applyingTheDiffGivesTheTargetForRandomSnapshots() {
    Random random = new Random(42);
    JsonObject current = new JsonObject();
    for (int step = 0; step < 2000; step++) {
      JsonObject next = randomSnapshot(random);
      JsonObject delta = JsonDiff.diff(current, next);
      assertEquals(next, JsonDiff.apply(current, delta), "step " + step + " delta " + delta);
      current = next;
    }
  }

  @Test
  void aPatcherGivesWhatApplyingEachDeltaGives() {
    Random random = new Random(7);
    for (int run = 0; run < 200; run++) {
      JsonObject start = randomSnapshot(random);
      JsonObject current = start;
      // Half the runs patch the snapshot itself (as materialising a checkpoint does), half a copy.
      JsonDiff.Patcher patcher = run % 2 == 0 ? new JsonDiff.Patcher(start) : JsonDiff.Patcher.taking(start.copy());
      int steps = 1 + random.nextInt(20);
      for (int step = 0; step < steps; step++) {
        JsonObject next = randomSnapshot(random);
        patcher.apply(JsonDiff.diff(current, next));
        current = next;
      }
      assertEquals(current, patcher.result(), "run " + run);
    }
  }

  /** A patch merges its fields into the row of its id, in both appliers, leaving the row it replaced as it was. */
  @Test
  void aPatchMergesFieldsIntoItsRowAndLeavesTheOldRowAlone() {
    JsonObject first = new JsonObject().put("id", 1).put("name", "A").put("rank", 1).put("result", "9.5");
    JsonObject before = new JsonObject().put("rows", new JsonArray().add(first)
        .add(new JsonObject().put("id", 2).put("name", "B").put("rank", null).put("result", null)));
    JsonObject delta = new JsonObject().put("lists", new JsonObject().put("rows", new JsonObject()
        .put("upsert", new JsonArray().add(new JsonObject().put("id", 2).put("name", "B").put("rank", 1).put("result", "9.8")))
        .put("patch", new JsonArray().add(new JsonObject().put("id", 1).put("rank", 2)).add(new JsonObject().put("id", 9).put("rank", 3)))
        .put("order", new JsonArray().add(2).add(1))));
    JsonObject expected = new JsonObject().put("rows", new JsonArray()
        .add(new JsonObject().put("id", 2).put("name", "B").put("rank", 1).put("result", "9.8"))
        .add(new JsonObject().put("id", 1).put("name", "A").put("rank", 2).put("result", "9.5")));
    assertEquals(expected, JsonDiff.apply(before, delta));
    assertEquals(expected, new JsonDiff.Patcher(before).apply(delta).result());
    assertEquals(expected, JsonDiff.Patcher.taking(before.copy()).apply(delta).result());
    assertEquals(1, first.getInteger("rank"), "the row a snapshot still holds is not changed");
  }

  @Test
  void anUnchangedSnapshotHasAnEmptyDelta() {
    JsonObject s = new JsonObject().put("status", "PROVISIONAL")
        .put("rows", new JsonArray().add(new JsonObject().put("id", 1).put("rank", 1)));
    assertTrue(JsonDiff.diff(s, s.copy()).isEmpty());
  }

  @Test
  void numbersReadBackFromTheDatabaseEqualTheComputedOnes() {
    JsonObject computed = new JsonObject().put("competitionId", 7L).put("rows",
        new JsonArray().add(new JsonObject().put("id", 1L).put("rank", 1L)));
    JsonObject stored = new JsonObject().put("competitionId", 7).put("rows",
        new JsonArray().add(new JsonObject().put("id", 1).put("rank", 1)));
    assertTrue(JsonDiff.diff(stored, computed).isEmpty(), JsonDiff.diff(stored, computed).encode());
  }

  @Test
  void onlyChangedRowsAreSentAndOrderOnlyWhenItChanged() {
    JsonObject before = new JsonObject().put("rows", new JsonArray()
        .add(new JsonObject().put("id", 1).put("rank", 1).put("result", "9.0"))
        .add(new JsonObject().put("id", 2).put("rank", 2).put("result", "8.0")));
    JsonObject sameOrder = new JsonObject().put("rows", new JsonArray()
        .add(new JsonObject().put("id", 1).put("rank", 1).put("result", "9.1"))
        .add(new JsonObject().put("id", 2).put("rank", 2).put("result", "8.0")));
    JsonObject d1 = JsonDiff.diff(before, sameOrder).getJsonObject("lists").getJsonObject("rows");
    assertEquals(1, d1.getJsonArray("upsert").size());
    assertTrue(!d1.containsKey("order"));

    JsonObject swapped = new JsonObject().put("rows", new JsonArray()
        .add(new JsonObject().put("id", 2).put("rank", 1).put("result", "9.5"))
        .add(new JsonObject().put("id", 1).put("rank", 2).put("result", "9.0")));
    JsonObject d2 = JsonDiff.diff(before, swapped).getJsonObject("lists").getJsonObject("rows");
    assertEquals(new JsonArray().add(2).add(1), d2.getJsonArray("order"));
  }

  private static JsonObject randomSnapshot(Random random) {
    JsonObject s = new JsonObject();
    if (random.nextBoolean()) {
      s.put("status", random.nextBoolean() ? "PROVISIONAL" : "OFFICIAL");
    }
    if (random.nextInt(4) > 0) {
      s.put("version", random.nextInt(3));
    }
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      if (random.nextInt(3) > 0) {
        ids.add(i);
      }
    }
    Collections.shuffle(ids, random);
    JsonArray rows = new JsonArray();
    for (int id : ids) {
      JsonObject row = new JsonObject().put("id", id).put("rank", random.nextInt(3));
      if (random.nextBoolean()) {
        row.put("result", String.valueOf(random.nextInt(3)));
      }
      rows.add(row);
    }
    s.put("rows", rows);
    if (random.nextInt(5) == 0) {
      s.put("rows", "not a list this time");
    }
    return s;
  }
}
