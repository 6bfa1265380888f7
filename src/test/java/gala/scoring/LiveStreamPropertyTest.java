package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.LiveClient;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A property of the live stream, through the real WebSocket gateway: for random sequences of
 * scores (some refused), corrections, publications and visibility changes, the deltas arrive with
 * gap-free versions; applying them in order to the first snapshot gives exactly the snapshot
 * computed from the database at the end; and resuming from any {@code since} replays exactly the
 * deltas after it.
 */
class LiveStreamPropertyTest {
  static Gala gala;
  static Api api;

  @BeforeAll
  static void start() {
    gala = TestGala.start();
    api = new Api(gala.port());
  }

  @AfterAll
  static void stop() {
    TestGala.stop(gala);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 20261122L, 42L})
  void deltasRebuildTheDatabaseSnapshotAndResumeFromAnyVersion(long seed) throws Exception {
    Random random = new Random(seed);
    Fixture f = new Fixture(api, "prop" + seed);
    long[] units = {f.unit("U1"), f.unit("U2"), f.unit("U3")};
    // A small capacity, so registrations also waitlist and withdrawals promote.
    Response created = api.post("/api/v1/events/" + f.event + "/competitions", f.organiser, new JsonObject()
        .put("name", "Prop " + seed).put("capacity", 5)
        .put("format", Fixture.judged(3, "trimmed_mean").put("tieBreaks", new JsonArray().add("total_marks"))));
    assertEquals(201, created.status(), created.text());
    long c = created.json().getLong("id");
    List<Long> entries = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      entries.add(f.entry(c, "E" + i, units[i % units.length]));
    }
    String head = f.judge(c, true);
    List<String> judges = List.of(head, f.judge(c, false), f.judge(c, false));
    String scoreboard = "scoreboard:" + c;
    String medals = "medals:" + f.event;
    String entryList = "entries:" + c;
    List<String> topics = List.of(scoreboard, medals, entryList);

    Map<String, List<JsonObject>> frames = new LinkedHashMap<>();
    Map<String, JsonObject> first = new LinkedHashMap<>();
    try (LiveClient live = LiveClient.connect(gala.vertx(), gala.port())) {
      live.send(new JsonObject().put("op", "auth").put("token", f.organiser));
      assertEquals("authenticated", live.next().getString("type"));
      for (String topic : topics) {
        live.subscribe(topic, null);
        JsonObject snapshot = live.next();
        assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
        first.put(topic, snapshot);
        frames.put(topic, new ArrayList<>());
      }

      for (int step = 0; step < 40; step++) {
        int op = random.nextInt(100);
        if (op < 50) {
          String judge = judges.get(random.nextInt(judges.size()));
          long entry = entries.get(random.nextInt(entries.size()));
          BigDecimal mark = BigDecimal.valueOf(random.nextInt(1001), 2);
          Response r = f.submit(judge, c, new JsonObject().put("entryId", entry).put("value", mark));
          assertTrue(r.status() == 201 || r.status() == 409, r.text());
        } else if (op < 70) {
          List<Long> current = currentScoreIds(head, c);
          if (!current.isEmpty()) {
            long id = current.get(random.nextInt(current.size()));
            String who = random.nextBoolean() ? head : f.organiser;
            Response r = f.correct(who, c, id, new JsonObject().put("value", BigDecimal.valueOf(random.nextInt(1001), 2))
                .put("reason", "step " + step));
            assertTrue(r.status() == 201 || r.status() == 403, r.text());
          }
        } else if (op < 80) {
          Response r = f.publish(head, c);
          assertTrue(r.status() == 200 || r.status() == 409, r.text());
        } else if (op < 85) {
          assertEquals(200, f.visibility(f.organiser, c, random.nextBoolean()).status());
        } else if (op < 92) {
          // A registration: confirmed while there is room, then waitlisted.
          entries.add(f.entry(c, "N" + step, units[random.nextInt(units.length)]));
        } else if (op < 96) {
          // A withdrawal, which promotes the head of the waitlist when it frees a place.
          long entry = entries.get(random.nextInt(entries.size()));
          Response r = api.delete("/api/v1/entries/" + entry, f.organiser);
          assertTrue(r.status() == 200 || r.status() == 409, r.text());
        } else {
          Response r = f.submit(judges.get(0), c, new JsonObject().put("entryId", entries.get(0)).put("value", 10.5));
          assertTrue(r.status() == 422 || r.status() == 409, "a refused mark (out of range, or its entry withdrawn): " + r.text());
        }
      }

      Map<String, Long> finalVersions = Map.of(scoreboard, version(scoreboard), medals, version(medals),
          entryList, version(entryList));
      long deadline = System.currentTimeMillis() + 15_000;
      while (!caughtUp(first, frames, finalVersions)) {
        JsonObject frame = live.poll(Math.max(1, deadline - System.currentTimeMillis()));
        if (frame == null) {
          throw new AssertionError("the stream stopped short of " + finalVersions + " after " + frames);
        }
        assertEquals("delta", frame.getString("type"), frame.encode());
        frames.get(frame.getString("topic")).add(frame);
      }

      for (String topic : topics) {
        JsonObject data = first.get(topic).getJsonObject("data");
        long expected = first.get(topic).getLong("version") + 1;
        for (JsonObject d : frames.get(topic)) {
          assertEquals(expected++, d.getLong("version"), "gap-free versions on " + topic);
          data = JsonDiff.apply(data, d.getJsonObject("data"));
        }
        assertEquals(fromDatabase(topic), data, "deltas applied to the first snapshot = the database snapshot of " + topic);
      }
      assertTrue(frames.get(scoreboard).size() >= 5, "the sequence changed the board: " + frames.get(scoreboard).size());
    }

    // Resume from every version the client could have stopped at.
    try (LiveClient resumer = LiveClient.connect(gala.vertx(), gala.port())) {
      resumer.send(new JsonObject().put("op", "auth").put("token", f.organiser));
      assertEquals("authenticated", resumer.next().getString("type"));
      for (String topic : topics) {
        List<JsonObject> all = frames.get(topic);
        long start = first.get(topic).getLong("version");
        for (long since = start; since <= start + all.size(); since++) {
          resumer.subscribe(topic, since);
          for (JsonObject expected : all.subList((int) (since - start), all.size())) {
            JsonObject got = resumer.next();
            assertEquals("delta", got.getString("type"), "resume from " + since + ": " + got.encode());
            assertEquals(expected.getLong("version"), got.getLong("version"));
            assertEquals(expected.getJsonObject("data"), got.getJsonObject("data"));
          }
          resumer.send(new JsonObject().put("op", "unsubscribe").put("topic", topic));
          resumer.send(new JsonObject().put("op", "ping"));
          JsonObject barrier = resumer.next();
          assertEquals("pong", barrier.getString("type"), "nothing beyond the missing deltas from " + since + ": " + barrier);
        }
      }
    }
  }

  private static boolean caughtUp(Map<String, JsonObject> first, Map<String, List<JsonObject>> frames, Map<String, Long> versions) {
    for (Map.Entry<String, Long> e : versions.entrySet()) {
      List<JsonObject> got = frames.get(e.getKey());
      long last = got.isEmpty() ? first.get(e.getKey()).getLong("version") : got.get(got.size() - 1).getLong("version");
      if (last < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static long version(String topic) throws Exception {
    return gala.database().pool().preparedQuery("SELECT version FROM topics WHERE name = $1")
        .execute(io.vertx.sqlclient.Tuple.of(topic)).map(rows -> rows.iterator().next().getLong(0))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The snapshot computed afresh from the database tables (not the stored one). */
  private static JsonObject fromDatabase(String topic) throws Exception {
    String id = topic.substring(topic.indexOf(':') + 1);
    var source = topic.startsWith("scoreboard") ? new ScoreboardSource()
        : topic.startsWith("medals") ? new MedalSource() : gala.topics().source(topic);
    return source.snapshot(gala.database().pool(), id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static List<Long> currentScoreIds(String head, long c) {
    List<Long> ids = new ArrayList<>();
    for (Object e : api.get("/api/v1/competitions/" + c + "/review", head).json().getJsonArray("entries")) {
      for (Object s : ((JsonObject) e).getJsonArray("scores")) {
        ids.add(((JsonObject) s).getLong("id"));
      }
    }
    return ids;
  }
}
