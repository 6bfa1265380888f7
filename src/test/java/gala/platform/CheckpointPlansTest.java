package gala.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** When a topic's next checkpoint is due: after deltas as large as its snapshot, within bounds. */
class CheckpointPlansTest {
  private static JsonObject list(int rows) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < rows; i++) {
      a.add(new JsonObject().put("id", i));
    }
    return new JsonObject().put("confirmed", rows).put("rows", a);
  }

  @Test
  void aTopicNotCheckpointedHereIsDueAtEachMultiple() {
    CheckpointPlans plans = new CheckpointPlans(64);
    assertTrue(plans.due("entries:1", 128));
    assertFalse(plans.due("entries:1", 129));
    assertEquals(64, plans.every("entries:1"));
  }

  @Test
  void aLargeListWithSmallDeltasIsCheckpointedWhenTheyAddUpToIt() {
    CheckpointPlans plans = new CheckpointPlans(64);
    // 64 deltas of 2 rows each since the last checkpoint; the list holds 350 rows: next after 175 versions.
    plans.checkpointed("entries:1", 640, 64, 128, list(350));
    assertEquals(175, plans.every("entries:1"));
    assertFalse(plans.due("entries:1", 640 + 174));
    assertTrue(plans.due("entries:1", 640 + 175));
    assertTrue(plans.due("entries:1", 640 + 200), "a version committed on another node may skip the exact one");
  }

  @Test
  void theIntervalStaysWithinItsBounds() {
    CheckpointPlans plans = new CheckpointPlans(64);
    plans.checkpointed("a", 64, 64, 64 * 400, list(350)); // big deltas (a whole order each): never less than 64
    assertEquals(64, plans.every("a"));
    plans.checkpointed("b", 64, 64, 1, list(100_000)); // tiny deltas, huge list: at most 16 times 64
    assertEquals(64 * CheckpointPlans.MAX_STRETCH, plans.every("b"));
    plans.checkpointed("c", 64, 64, 0, new JsonObject().put("status", "LIVE")); // no lists: as before
    assertEquals(64, plans.every("c"));
  }
}
