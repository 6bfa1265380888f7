package gala.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import gala.platform.Caller;
import gala.platform.JsonDiff;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-subscriber view of mixer:<id>: own seat only, and deltas that still add up. */
class MixerViewTest {
  private final MixerSource source = new MixerSource();

  private static JsonObject snapshot(Random rnd, int round, List<Long> ids) {
    List<Long> order = new ArrayList<>(ids);
    Collections.shuffle(order, rnd);
    JsonArray seats = new JsonArray();
    int present = rnd.nextInt(ids.size() + 1);
    for (int i = 0; i < present; i++) {
      long id = order.get(i);
      seats.add(new JsonObject().put("id", id).put("round", round).put("table", 1 + rnd.nextInt(3))
          .put("resting", false).put("with", new JsonArray().add(new JsonObject().put("userId", order.get((i + 1) % present)))));
    }
    return new JsonObject().put("id", 7).put("round", round).put("roundOpen", rnd.nextBoolean())
        .put("checkedIn", rnd.nextInt(10)).put("seats", seats);
  }

  @Test
  void everyDeltaCutToOneSubscriberStillTurnsTheirSnapshotIntoTheNextOne() {
    Random rnd = new Random(5);
    List<Long> ids = List.of(11L, 12L, 13L, 14L, 15L, 16L);
    for (int run = 0; run < 300; run++) {
      JsonObject before = rnd.nextInt(5) == 0 ? new JsonObject() : snapshot(rnd, rnd.nextInt(4), ids);
      JsonObject after = snapshot(rnd, rnd.nextInt(4), ids);
      JsonObject delta = JsonDiff.diff(before, after);
      for (long me : ids) {
        Caller caller = new Caller(me, "participant");
        JsonObject mine = JsonDiff.apply(source.visible(caller, before), source.visible(caller, delta));
        assertEquals(source.visible(caller, after), mine, "run " + run + " for " + me);
        for (Object row : mine.getJsonArray("seats", new JsonArray())) {
          assertEquals(me, ((JsonObject) row).getLong("id"), "only the subscriber's own seat");
        }
        assertFalse(source.visible(caller, delta).encode().contains("\"order\""), "others' order is not leaked");
      }
    }
  }

  @Test
  void nobodySignedInSeesNothing() {
    JsonObject snap = snapshot(new Random(1), 1, List.of(1L, 2L));
    assertEquals(new JsonObject(), source.visible(null, snap));
  }
}
