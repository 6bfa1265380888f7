package gala.platform;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each topic's next checkpoint is due on this node ({@link TopicLog}): about when its deltas
 * since the last one have upserted, removed or ordered as many list elements as its snapshot holds,
 * between {@code checkpointEvery} versions and {@link #MAX_STRETCH} times that. A checkpoint
 * rewrites the whole snapshot: every 64th version of a 350-row entry list rewrote 350 rows for 64
 * deltas of one or two rows each, more work than the deltas themselves (checkpoints took ~8% of a
 * registration burst's event-loop samples). Sized so, a checkpoint's cost per version follows the
 * deltas' size, and a cold reader's work stays about twice the snapshot's (the checkpoint, then at
 * most as much again in deltas). Until this node wrote a topic's checkpoint (or for a topic without
 * lists), every multiple of {@code checkpointEvery}. Each node judges by the versions it commits; one
 * that checkpoints a topic later than another only writes a checkpoint a little newer.
 */
final class CheckpointPlans {
  /** At most this many times {@code checkpointEvery} versions between two checkpoints of a topic. */
  static final int MAX_STRETCH = 16;
  private final int checkpointEvery;
  /** Per topic: the version of its last checkpoint written here, and how many versions until the next. */
  private final Map<String, long[]> plans = new ConcurrentHashMap<>();

  CheckpointPlans(int checkpointEvery) {
    this.checkpointEvery = checkpointEvery;
  }

  boolean due(String topic, long version) {
    long[] p = plans.get(topic);
    return p == null ? version % checkpointEvery == 0 : version >= p[0] + p[1];
  }

  /** How many deltas a cold reader may find after the topic's checkpoint before it asks for a new one. */
  long every(String topic) {
    long[] p = plans.get(topic);
    return p == null ? checkpointEvery : p[1];
  }

  /**
   * The topic's checkpoint at {@code version} (holding {@code snapshot}) committed; {@code deltas}
   * were applied to the one before it, and they upserted, removed or ordered {@code applied} elements.
   */
  void checkpointed(String topic, long version, long deltas, long applied, JsonObject snapshot) {
    plans.put(topic, new long[] {version, stretch(elements(snapshot), deltas, applied)});
  }

  long stretch(long elements, long deltas, long applied) {
    if (deltas <= 0 || applied <= 0) {
      return checkpointEvery;
    }
    return Math.max(checkpointEvery, Math.min((long) checkpointEvery * MAX_STRETCH, elements * deltas / applied));
  }

  /** The elements of the snapshot's top-level lists. */
  static long elements(JsonObject snapshot) {
    long n = 0;
    for (Map.Entry<String, Object> e : snapshot) {
      if (e.getValue() instanceof JsonArray list) {
        n += list.size();
      }
    }
    return n;
  }
}
