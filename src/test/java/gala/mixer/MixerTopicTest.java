package gala.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.JsonDiff;
import gala.platform.TopicChange;
import gala.platform.TopicLog;
import gala.testing.Api;
import gala.testing.ApiTestBase;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code mixer:<id>} is kept by deltas computed from each write's own change: after every kind of
 * write the topic (checkpoint plus deltas) equals the snapshot recomputed from the database, and a
 * move or a "gone" sends only the seats of the tables it touched.
 */
class MixerTopicTest extends ApiTestBase {
  @Test
  void everyMixerWriteAppendsTheDeltaOfItsOwnChange() {
    MixerFixture mix = new MixerFixture(api);
    String organiser = Api.token(api.signup("org@topic.test", "organiser"));
    long event = api.createEvent(organiser, "联谊");
    long mixer = mix.createMixer(organiser, event, new JsonObject().put("title", "读书会").put("mode", "tables")
        .put("tableSize", 3).put("rounds", 3).put("roundSeconds", 600).put("minAge", 18).put("maxAge", 40));
    String topic = MixerSource.topic(mixer);
    List<Long> people = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      JsonObject s = api.signup("t" + i + "@topic.test", "participant");
      mix.joinOk(Api.token(s), mixer, MixerFixture.profile(MixerFixture.ADULT, i % 2 == 0 ? "读书" : "电影"));
      people.add(Api.userId(s));
    }
    assertInStep(topic, mixer);
    for (long p : people.subList(0, 11)) {
      mix.checkIn(organiser, mixer, p);
    }
    long version = assertInStep(topic, mixer);
    assertEquals(11, snapshot(topic).data().getInteger("checkedIn"));
    TopicChange checkIn = last(topic, version - 1);
    assertFalse(checkIn.delta().containsKey("lists"), "a check-in sends no seat: " + checkIn.delta());

    assertEquals(201, mix.startRound(organiser, mixer).status());
    version = assertInStep(topic, mixer);
    Map<Integer, List<Long>> tables = tables(snapshot(topic).data());
    List<Integer> numbers = new ArrayList<>(tables.keySet());
    assertTrue(numbers.size() >= 3, tables.toString());

    // A move: the rows of the old table and of the new, nobody else's.
    numbers.sort(java.util.Comparator.comparingInt(t -> -tables.get(t).size()));
    long mover = tables.get(numbers.get(0)).get(0);
    int to = numbers.get(numbers.size() - 1); // the largest table to the smallest: it has room
    int touched = tables.get(numbers.get(0)).size() + tables.get(to).size();
    assertEquals(200, mix.move(organiser, mixer, mover, to).status());
    long afterMove = assertInStep(topic, mixer);
    TopicChange move = last(topic, version);
    assertEquals(afterMove, move.version());
    assertEquals(touched, move.delta().getJsonObject("lists").getJsonObject("seats").getJsonArray("upsert").size(),
        "a move sends the two tables it touched: " + move.delta());

    // The late arrival is checked in and seated by the host at the smallest table: a new row, at its
    // place in the order.
    long late = people.get(11);
    mix.checkIn(organiser, mixer, late);
    Map<Integer, List<Long>> now = tables(snapshot(topic).data());
    int smallest = now.entrySet().stream().min(java.util.Comparator.comparingInt(e -> e.getValue().size()))
        .orElseThrow().getKey();
    assertEquals(200, mix.move(organiser, mixer, late, smallest).status());
    version = assertInStep(topic, mixer);

    // Gone: their row and their table mates'.
    List<Long> atTable = tables(snapshot(topic).data()).get(smallest);
    long leaver = atTable.stream().filter(p -> p != late).findFirst().orElseThrow();
    assertEquals(200, mix.gone(organiser, mixer, leaver).status());
    assertInStep(topic, mixer);
    TopicChange gone = last(topic, version);
    assertEquals(atTable.size(), gone.delta().getJsonObject("lists").getJsonObject("seats").getJsonArray("upsert").size(),
        "'gone' sends them and their table: " + gone.delta());

    // The clock: moved, ended; then a new round replaces the seats.
    Instant endsAt = Instant.parse(mix.mixer(mixer).getString("endsAt"));
    assertEquals(200, mix.setRoundEnd(organiser, mixer, endsAt.plusSeconds(60).toString()).status());
    assertInStep(topic, mixer);
    mix.endRound(organiser, mixer);
    assertInStep(topic, mixer);
    assertEquals(201, mix.startRound(organiser, mixer).status());
    assertInStep(topic, mixer);
  }

  /** The topic as its log holds it equals the snapshot recomputed now; returns its version. */
  private static long assertInStep(String topic, long mixer) {
    TopicLog.Snapshot held = snapshot(topic);
    JsonObject fresh = await(new MixerSource().snapshot(gala.database().pool(), String.valueOf(mixer)));
    JsonObject diff = JsonDiff.diff(held.data(), fresh);
    assertTrue(diff.isEmpty(), "the topic drifted from the database: " + diff.encode());
    return held.version();
  }

  private static TopicLog.Snapshot snapshot(String topic) {
    return await(gala.topics().snapshot(topic));
  }

  private static TopicChange last(String topic, long since) {
    List<TopicChange> changes = await(gala.topics().since(topic, since));
    assertNotNull(changes);
    assertFalse(changes.isEmpty(), "no delta after version " + since);
    return changes.get(changes.size() - 1);
  }

  private static Map<Integer, List<Long>> tables(JsonObject data) {
    Map<Integer, List<Long>> out = new HashMap<>();
    for (Object o : data.getJsonArray("seats", new JsonArray())) {
      JsonObject s = (JsonObject) o;
      if (!s.getBoolean("resting")) {
        out.computeIfAbsent(s.getInteger("table"), t -> new ArrayList<>()).add(s.getLong("id"));
      }
    }
    return new java.util.TreeMap<>(out);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
