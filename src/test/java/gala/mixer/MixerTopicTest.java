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
import gala.testing.LiveClient;
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

  /**
   * The board the hall sees: tables by number with public names only (a minor by initials), no ids,
   * ages or reasons; followed live without signing in; a move reaches it as the two tables' rows.
   */
  @Test
  void theBoardShowsPublicNamesOnlyAndFollowsAMove() {
    MixerFixture mix = new MixerFixture(api);
    String organiser = Api.token(api.signup("org@board.test", "organiser"));
    long event = api.createEvent(organiser, "青年联谊");
    long mixer = mix.createMixer(organiser, event, new JsonObject().put("title", "周末交友").put("mode", "tables")
        .put("tableSize", 3).put("rounds", 2).put("roundSeconds", 600).put("minAge", 14).put("maxAge", 40));
    String[][] people = {{"Anna Schmidt", MixerFixture.ADULT}, {"Bob Lee", MixerFixture.ADULT}, {"陈大文", MixerFixture.ADULT},
        {"Mia Wong", MixerFixture.MINOR_16}, {"王小明", MixerFixture.MINOR_16}, {"李雷", MixerFixture.MINOR_16}};
    Map<String, Long> ids = new HashMap<>();
    for (int i = 0; i < people.length; i++) {
      Api.Response r = api.post("/api/v1/auth/signup", null, new JsonObject().put("email", "b" + i + "@board.test")
          .put("password", "correct horse 9").put("displayName", people[i][0]).put("role", "participant"));
      assertEquals(201, r.status(), r.text());
      mix.joinOk(Api.token(r.json()), mixer, MixerFixture.profile(people[i][1], "读书"));
      mix.checkIn(organiser, mixer, Api.userId(r.json()));
      ids.put(people[i][0], Api.userId(r.json()));
    }
    assertEquals(201, mix.startRound(organiser, mixer).status());
    String board = MixerBoard.topic(mixer);
    assertBoardInStep(board, mixer);
    try (LiveClient hall = LiveClient.connect(gala.vertx(), gala.port())) {
      hall.subscribe(board, null);
      JsonObject snapshot = hall.next();
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      JsonObject data = snapshot.getJsonObject("data");
      assertEquals(java.util.Set.of(List.of("Anna S.", "Bob L.", "陈*文"), List.of("M. W.", "李*", "王**")),
          java.util.Set.copyOf(data.getJsonArray("tables").stream().map(t -> ((JsonObject) t).getJsonArray("names").getList())
              .toList()), data.encode());
      String text = data.encode();
      for (String hidden : List.of("Schmidt", "Wong", "小明", "雷", "minor", "userId", "age", "reason", "读书")) {
        assertFalse(text.contains(hidden), "the board shows " + hidden + ": " + text);
      }
      for (long id : ids.values()) {
        assertFalse(text.contains(":" + id + ",") || text.contains(":" + id + "}"), "the board shows a user id: " + text);
      }

      // The host sends an adult to rest: the hall's board follows with that table and the bench.
      long bob = ids.get("Bob Lee");
      assertEquals(200, mix.move(organiser, mixer, bob, 0).status());
      JsonObject delta = hall.next();
      assertEquals("delta", delta.getString("type"), delta.encode());
      JsonObject after = JsonDiff.apply(data, delta.getJsonObject("data"));
      assertEquals(List.of("Bob L."), after.getJsonArray("resting").getList());
      assertEquals(1, delta.getJsonObject("data").getJsonObject("lists").getJsonObject("tables").getJsonArray("upsert").size(),
          "only the table Bob left: " + delta.encode());
      assertBoardInStep(board, mixer);
    }
  }

  /** The topic as its log holds it equals the snapshot recomputed now (the board's too); returns its version. */
  private static long assertInStep(String topic, long mixer) {
    TopicLog.Snapshot held = snapshot(topic);
    JsonObject fresh = await(new MixerSource().snapshot(gala.database().pool(), String.valueOf(mixer)));
    JsonObject diff = JsonDiff.diff(held.data(), fresh);
    assertTrue(diff.isEmpty(), "the topic drifted from the database: " + diff.encode());
    assertBoardInStep(MixerBoard.topic(mixer), mixer);
    return held.version();
  }

  private static void assertBoardInStep(String board, long mixer) {
    JsonObject held = snapshot(board).data();
    JsonObject fresh = await(new MixerBoard().snapshot(gala.database().pool(), String.valueOf(mixer)));
    JsonObject diff = JsonDiff.diff(held, fresh);
    assertTrue(diff.isEmpty(), "the board drifted from the database: " + diff.encode());
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
