package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.LiveClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A property of the live stream, through the real WebSocket gateway: for random sequences of
 * scores (some refused, some sent together by several judges), corrections, publications and visibility changes, the deltas arrive with
 * gap-free versions; applying them in order to the first snapshot gives exactly the snapshot
 * computed from the database at the end; and resuming from any {@code since} replays exactly the
 * deltas after it.
 */
class LiveStreamPropertyTest extends ApiTestBase {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 20261122L, 42L})
  void deltasRebuildTheDatabaseSnapshotAndResumeFromAnyVersion(long seed) throws Exception {
    Random random = new Random(seed);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
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
      follow(live, f.organiser, topics, first, frames);

      for (int step = 0; step < 40; step++) {
        int op = random.nextInt(100);
        if (op < 50) {
          // Up to three judges' marks at once: the server groups them into one transaction.
          List<java.util.concurrent.Future<Response>> burst = new ArrayList<>();
          int n = 1 + random.nextInt(3);
          for (int k = 0; k < n; k++) {
            String judge = judges.get((step + k) % judges.size());
            long entry = entries.get(random.nextInt(entries.size()));
            BigDecimal mark = BigDecimal.valueOf(random.nextInt(1001), 2);
            burst.add(pool.submit(() -> f.submit(judge, c, new JsonObject().put("entryId", entry).put("value", mark))));
          }
          for (java.util.concurrent.Future<Response> sent : burst) {
            Response r = sent.get(60, TimeUnit.SECONDS);
            assertTrue(r.status() == 201 || r.status() == 409, r.text());
          }
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
          Response r = api.deleteOnce("/api/v1/entries/" + entry, f.organiser);
          assertTrue(r.status() == 200 || r.status() == 409, r.text());
        } else {
          Response r = f.submit(judges.get(0), c, new JsonObject().put("entryId", entries.get(0)).put("value", 10.5));
          assertTrue(r.status() == 422 || r.status() == 409, "a refused mark (out of range, or its entry withdrawn): " + r.text());
        }
      }

      Map<String, Long> finalVersions = Map.of(scoreboard, version(scoreboard), medals, version(medals),
          entryList, version(entryList));
      drain(live, first, frames, finalVersions);

      assertDeltasRebuildTheDatabaseSnapshot(topics, first, frames);
      assertTrue(frames.get(scoreboard).size() >= 5, "the sequence changed the board: " + frames.get(scoreboard).size());
    }

    pool.shutdownNow();
    // Resume from every version the client could have stopped at. A socket may send 20 frames a
    // second (the gateway's cap), and each resume is three: a fresh socket for every five resumes.
    for (String topic : topics) {
      List<JsonObject> all = frames.get(topic);
      long start = first.get(topic).getLong("version");
      for (long from = start; from <= start + all.size(); from += 5) {
        try (LiveClient resumer = LiveClient.connect(gala.vertx(), gala.port())) {
          resumer.send(new JsonObject().put("op", "auth").put("token", f.organiser));
          assertEquals("authenticated", resumer.next().getString("type"));
          for (long since = from; since < from + 5 && since <= start + all.size(); since++) {
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
  }

  /**
   * The same property for the writes of a registration day, before and after the first marks:
   * concurrent bursts of registrations (grouped into shared transactions by the server), by a unit's
   * contact, by participants for themselves and by the organiser, interleaved with withdrawals
   * (which promote), leaving the waitlist, check-ins, marks and publication. The scoreboard and the
   * entry list, followed live, and the contact's and participants' own topics, as stored (checkpoint
   * plus log), must equal the snapshots computed afresh from the database.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7L, 20261202L})
  void registrationDeltasRebuildTheDatabaseSnapshot(long seed) throws Exception {
    Random random = new Random(seed);
    Fixture f = new Fixture(api, "reg" + seed);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    JsonObject contact = api.signup("contact-" + tag + "@prop.test", "participant");
    Response unitCreated = api.post("/api/v1/events/" + f.event + "/units", f.organiser,
        new JsonObject().put("name", "Unit " + seed).put("contactEmail", "contact-" + tag + "@prop.test"));
    assertEquals(201, unitCreated.status(), unitCreated.text());
    long unit = unitCreated.json().getLong("id");
    List<JsonObject> people = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      people.add(api.signup("p" + i + "-" + tag + "@prop.test", "participant"));
    }
    Response created = api.post("/api/v1/events/" + f.event + "/competitions", f.organiser, new JsonObject()
        .put("name", "Start list " + seed).put("capacity", 4)
        .put("format", new JsonObject().put("type", "timed").put("aggregate", "best").put("attempts", 2)));
    assertEquals(201, created.status(), created.text());
    long c = created.json().getLong("id");
    String timer = f.judge(c, true);
    String scoreboard = "scoreboard:" + c;
    String entryList = "entries:" + c;
    List<String> live = List.of(scoreboard, entryList);
    List<String> own = new ArrayList<>(List.of("user:" + Api.userId(contact)));
    people.forEach(p -> own.add("user:" + Api.userId(p)));

    Map<String, List<JsonObject>> frames = new LinkedHashMap<>();
    Map<String, JsonObject> first = new LinkedHashMap<>();
    List<Long> entries = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try (LiveClient client = LiveClient.connect(gala.vertx(), gala.port())) {
      follow(client, f.organiser, live, first, frames);
      int marks = 0;
      for (int step = 0; step < 45; step++) {
        int op = random.nextInt(100);
        if (op < 40) {
          // A burst: up to four registrations at once, from different people.
          List<java.util.concurrent.Future<Response>> burst = new ArrayList<>();
          int n = 1 + random.nextInt(4);
          for (int k = 0; k < n; k++) {
            int who = random.nextInt(3);
            String name = "S" + step + "-" + k;
            burst.add(pool.submit(() -> who == 0
                ? api.post("/api/v1/competitions/" + c + "/entries", Api.token(contact),
                    new JsonObject().put("displayName", name).put("unitId", unit).encode(), UUID.randomUUID().toString())
                : who == 1 ? api.post("/api/v1/competitions/" + c + "/entries", f.organiser,
                    new JsonObject().put("displayName", name).encode(), UUID.randomUUID().toString())
                : api.post("/api/v1/competitions/" + c + "/entries", Api.token(people.get(random.nextInt(people.size()))),
                    new JsonObject().encode(), UUID.randomUUID().toString())));
          }
          for (java.util.concurrent.Future<Response> sent : burst) {
            Response r = sent.get(60, TimeUnit.SECONDS);
            assertTrue(r.status() == 201 || r.status() == 409, r.text());
            if (r.status() == 201) {
              entries.add(r.json().getLong("id"));
            }
          }
        } else if (op < 55 && !entries.isEmpty()) {
          Response r = api.deleteOnce("/api/v1/entries/" + entries.get(random.nextInt(entries.size())), f.organiser);
          assertTrue(r.status() == 200 || r.status() == 409, r.text());
        } else if (op < 62 && !entries.isEmpty()) {
          // The unit's contact takes one of the unit's athletes off the waitlist (not theirs: refused).
          Response r = api.deleteOnce("/api/v1/entries/" + entries.get(random.nextInt(entries.size())) + "/waitlist",
              Api.token(contact));
          assertTrue(r.status() == 200 || r.status() == 409 || r.status() == 403, r.text());
        } else if (op < 72) {
          JsonArray confirmed = api.get("/api/v1/competitions/" + c + "/entries?status=CONFIRMED", f.organiser).json()
              .getJsonArray("items");
          if (!confirmed.isEmpty()) {
            String code = confirmed.getJsonObject(random.nextInt(confirmed.size())).getString("checkinCode");
            Response r = api.post("/api/v1/checkins", f.organiser, new JsonObject().put("code", code).encode(),
                UUID.randomUUID().toString());
            assertEquals(200, r.status(), r.text());
          }
        } else if (op < 92 && step > 15) {
          // The first marks end the start list: later registrations change a scored board. Marks go
          // to entries in the field (which ones are is up to the bursts' interleaving).
          List<Long> field = new ArrayList<>();
          for (Object o : api.get("/api/v1/competitions/" + c + "/entries", f.organiser).json().getJsonArray("items")) {
            JsonObject e = (JsonObject) o;
            if (e.getString("status").equals("CONFIRMED") || e.getString("status").equals("CHECKED_IN")) {
              field.add(e.getLong("id"));
            }
          }
          if (!field.isEmpty()) {
            Response r = f.submit(timer, c, new JsonObject().put("entryId", field.get(random.nextInt(field.size())))
                .put("value", BigDecimal.valueOf(900 + random.nextInt(300), 2)).put("attempt", 1 + random.nextInt(2)));
            assertTrue(r.status() == 201 || r.status() == 409, r.text());
            marks += r.status() == 201 ? 1 : 0;
          }
        } else if (step > 40) {
          Response r = f.publish(timer, c);
          assertTrue(r.status() == 200 || r.status() == 409, r.text());
        }
      }
      Map<String, Long> finalVersions = Map.of(scoreboard, version(scoreboard), entryList, version(entryList));
      drain(client, first, frames, finalVersions);
      assertDeltasRebuildTheDatabaseSnapshot(live, first, frames);
      assertStoredTopicsMatchTheDatabase(own);
      assertTrue(entries.size() >= 8, "the sequence registered: " + entries.size());
      assertTrue(marks > 0, "the sequence scored");
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The same property for the organiser's desk, whose writes change many rows at once or move rows:
   * CSV imports into two competitions (some rows refused), capacity raised (promoting from the
   * waitlist) and lowered (refused below the confirmed), renames (every entrant's own list shows the
   * name), waitlist reorders, check-ins, withdrawals (promoting), people leaving the waitlist, bibs
   * (one person's bib shows in both competitions), self-registrations and a few marks. Each write
   * appends a delta computed from its change; both competitions' scoreboards and entry lists,
   * followed live, and every participant's own topic, as stored, must equal a fresh recompute.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11L, 20261203L})
  void organiserDeskDeltasRebuildTheDatabaseSnapshot(long seed) throws Exception {
    Random random = new Random(seed);
    Fixture f = new Fixture(api, "desk" + seed);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String[] unitNames = {"Unit A " + tag, "Unit B " + tag};
    long[] unitIds = new long[unitNames.length];
    for (int u = 0; u < unitNames.length; u++) {
      unitIds[u] = f.unit(unitNames[u]);
    }
    List<JsonObject> people = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      people.add(api.signup("d" + i + "-" + tag + "@prop.test", "participant"));
    }
    long[] comps = new long[2];
    String[] names = {"Desk A " + tag, "Desk B " + tag};
    for (int i = 0; i < 2; i++) {
      Response created = api.post("/api/v1/events/" + f.event + "/competitions", f.organiser, new JsonObject()
          .put("name", names[i]).put("capacity", 3)
          .put("format", new JsonObject().put("type", "timed").put("aggregate", "best").put("attempts", 2)));
      assertEquals(201, created.status(), created.text());
      comps[i] = created.json().getLong("id");
    }
    String timer = f.judge(comps[0], true);
    List<String> live = new ArrayList<>();
    for (long c : comps) {
      live.add("scoreboard:" + c);
      live.add("entries:" + c);
    }
    List<String> own = new ArrayList<>();
    people.forEach(p -> own.add("user:" + Api.userId(p)));

    Map<String, List<JsonObject>> frames = new LinkedHashMap<>();
    Map<String, JsonObject> first = new LinkedHashMap<>();
    Map<String, Integer> done = new java.util.TreeMap<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
    try (LiveClient client = LiveClient.connect(gala.vertx(), gala.port())) {
      follow(client, f.organiser, live, first, frames);
      // A fixed opening on the first competition (an import that fills it and waitlists three, then
      // a reorder, check-ins, a withdrawal, a bib, a unit and the event renamed, a capacity change, a registration), so every kind
      // of write runs whatever the seed; then random writes on both.
      int[] opening = {0, 50, 60, 70, 85, 40, 40, 30, 20};
      for (int step = 0; step < 50; step++) {
        int op = step < opening.length ? opening[step] : random.nextInt(100);
        long c = step < opening.length ? comps[0] : comps[random.nextInt(2)];
        String kind;
        if (op < 12) {
          kind = "import";
          StringBuilder csv = new StringBuilder("name,competition,unit\n");
          int rows = step == 0 ? 6 : 2 + random.nextInt(6);
          for (int k = 0; k < rows; k++) {
            // Now and then a name imported before: refused as already registered.
            String name = step == 0 ? "T" + k : "I" + random.nextInt(step + 3);
            csv.append(name).append(',').append(step == 0 ? names[0] : names[random.nextInt(2)]).append(',')
                .append(random.nextInt(3) == 0 ? "" : unitNames[random.nextInt(2)]).append('\n');
          }
          Response started = api.send("POST", "/api/v1/events/" + f.event + "/imports", f.organiser,
              "application/octet-stream", csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
              UUID.randomUUID().toString());
          assertEquals(202, started.status(), started.text());
          JsonObject job = awaitImport(f.organiser, started.json().getLong("id"));
          assertEquals("DONE", job.getString("status"), job.encode());
        } else if (op < 27) {
          kind = "register";
          Response r = api.post("/api/v1/competitions/" + c + "/entries", Api.token(people.get(random.nextInt(people.size()))),
              new JsonObject().encode(), UUID.randomUUID().toString());
          assertTrue(r.status() == 201 || r.status() == 409, r.text());
        } else if (op < 39) {
          kind = "capacity";
          Response r = api.patch("/api/v1/competitions/" + c, f.organiser, new JsonObject().put("capacity", 1 + random.nextInt(5)));
          assertTrue(r.status() == 200 || r.status() == 409, r.text());
        } else if (op < 43) {
          // A competition, a unit (every list, board and own list showing it) or the event (people's own lists) renamed.
          int what = step == 5 ? 1 : step == 6 ? 2 : random.nextInt(3);
          Response r;
          if (what == 0) {
            kind = "rename";
            int i = c == comps[0] ? 0 : 1;
            names[i] = (i == 0 ? "Desk A " : "Desk B ") + tag + " " + step;
            r = api.patch("/api/v1/competitions/" + c, f.organiser, new JsonObject().put("name", names[i]));
          } else if (what == 1) {
            kind = "unit rename";
            int u = random.nextInt(unitIds.length);
            unitNames[u] = (u == 0 ? "Unit A " : "Unit B ") + tag + " " + step;
            r = api.patch("/api/v1/units/" + unitIds[u], f.organiser, new JsonObject().put("name", unitNames[u]));
          } else {
            kind = "event rename";
            r = api.patch("/api/v1/events/" + f.event, f.organiser, new JsonObject().put("title", "Desk " + tag + " " + step));
          }
          assertEquals(200, r.status(), r.text());
        } else if (op < 55) {
          kind = "reorder";
          JsonArray waitlist = entries(f.organiser, c, "WAITLISTED");
          if (waitlist.size() < 2) {
            continue;
          }
          Response r = api.post("/api/v1/competitions/" + c + "/waitlist", f.organiser, new JsonObject()
              .put("entryId", waitlist.getJsonObject(random.nextInt(waitlist.size())).getLong("id"))
              .put("position", 1 + random.nextInt(waitlist.size())).put("reason", "step " + step));
          assertEquals(200, r.status(), r.text());
        } else if (op < 67) {
          kind = "checkin";
          JsonArray confirmed = entries(f.organiser, c, "CONFIRMED");
          if (confirmed.isEmpty()) {
            continue;
          }
          // Up to three volunteers at the door at once; from the competition's page (naming it) the
          // server groups them with the competition's other writes into one transaction.
          List<java.util.concurrent.Future<Response>> door = new ArrayList<>();
          for (int k = 1 + random.nextInt(3); k > 0; k--) {
            JsonObject body = new JsonObject().put("entryId", confirmed.getJsonObject(random.nextInt(confirmed.size())).getLong("id"));
            if (random.nextBoolean()) {
              body.put("competitionId", c);
            }
            door.add(pool.submit(() -> api.post("/api/v1/checkins", f.organiser, body.encode(), UUID.randomUUID().toString())));
          }
          for (java.util.concurrent.Future<Response> sent : door) {
            Response r = sent.get(60, TimeUnit.SECONDS);
            assertEquals(200, r.status(), r.text());
          }
        } else if (op < 77) {
          kind = "withdraw";
          JsonArray all = entries(f.organiser, c, null);
          if (all.isEmpty()) {
            continue;
          }
          Response r = api.deleteOnce("/api/v1/entries/" + all.getJsonObject(random.nextInt(all.size())).getLong("id"), f.organiser);
          assertTrue(r.status() == 200 || r.status() == 409, r.text());
        } else if (op < 82) {
          kind = "leave";
          JsonObject person = people.get(random.nextInt(people.size()));
          JsonArray mine = api.get("/api/v1/me/entries", Api.token(person)).json().getJsonArray("items");
          if (mine.isEmpty()) {
            continue;
          }
          Response r = api.deleteOnce("/api/v1/entries/" + mine.getJsonObject(random.nextInt(mine.size())).getLong("id")
              + "/waitlist", Api.token(person));
          assertTrue(r.status() == 200 || r.status() == 409, r.text());
        } else if (op < 92) {
          kind = "bib";
          JsonArray all = entries(f.organiser, c, null);
          if (all.isEmpty()) {
            continue;
          }
          Response r = api.patchOnce("/api/v1/entries/" + all.getJsonObject(random.nextInt(all.size())).getLong("id"),
              f.organiser, new JsonObject().put("bib", 1 + random.nextInt(40)));
          assertTrue(r.status() == 200 || r.status() == 409, r.text());
        } else {
          kind = "mark";
          JsonArray field = entries(f.organiser, comps[0], "CONFIRMED");
          if (field.isEmpty()) {
            continue;
          }
          Response r = f.submit(timer, comps[0], new JsonObject().put("entryId", field.getJsonObject(random.nextInt(field.size()))
              .getLong("id")).put("value", BigDecimal.valueOf(900 + random.nextInt(300), 2)).put("attempt", 1 + random.nextInt(2)));
          assertTrue(r.status() == 201 || r.status() == 409, r.text());
        }
        done.merge(kind, 1, Integer::sum);
      }
      Map<String, Long> finalVersions = new LinkedHashMap<>();
      for (String topic : live) {
        finalVersions.put(topic, version(topic));
      }
      drain(client, first, frames, finalVersions);
      assertDeltasRebuildTheDatabaseSnapshot(live, first, frames);
      assertStoredTopicsMatchTheDatabase(own);
    } finally {
      pool.shutdownNow();
    }
    for (String kind : List.of("import", "register", "capacity", "reorder", "checkin", "withdraw", "bib", "unit rename", "event rename")) {
      assertTrue(done.getOrDefault(kind, 0) > 0, "the sequence ran " + kind + ": " + done);
    }
  }

  /** People's own topics are not followed live here: their stored checkpoint plus deltas must equal a fresh recompute. */
  private static void assertStoredTopicsMatchTheDatabase(List<String> topics) throws Exception {
    for (String topic : topics) {
      JsonObject stored = gala.topics().snapshot(topic).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
          .data();
      assertEquals(fromDatabase(topic), stored, "checkpoint plus deltas = the database snapshot of " + topic);
    }
  }

  /** The competition's entries as the organiser lists them, of one status (null: all but the withdrawn). */
  private static JsonArray entries(String organiser, long competition, String status) {
    JsonArray items = api.get("/api/v1/competitions/" + competition + "/entries" + (status == null ? "" : "?status=" + status),
        organiser).json().getJsonArray("items");
    JsonArray out = new JsonArray();
    items.forEach(o -> {
      if (!"WITHDRAWN".equals(((JsonObject) o).getString("status"))) {
        out.add(o);
      }
    });
    return out;
  }

  /** Reads the import job until it is no longer RUNNING (a few batches of a few rows: well under a second). */
  private static JsonObject awaitImport(String organiser, long jobId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      JsonObject job = api.get("/api/v1/imports/" + jobId, organiser).json();
      if (!"RUNNING".equals(job.getString("status")) || System.currentTimeMillis() > deadline) {
        return job;
      }
      Thread.sleep(20);
    }
  }

  /** Signs the socket in and subscribes to each topic, keeping its first snapshot and an empty list for its deltas. */
  private static void follow(LiveClient live, String token, List<String> topics, Map<String, JsonObject> first,
      Map<String, List<JsonObject>> frames) {
    live.send(new JsonObject().put("op", "auth").put("token", token));
    assertEquals("authenticated", live.next().getString("type"));
    for (String topic : topics) {
      live.subscribe(topic, null);
      JsonObject snapshot = live.next();
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      first.put(topic, snapshot);
      frames.put(topic, new ArrayList<>());
    }
  }

  /** Collects deltas until every topic reached its final stored version (15 s at most). */
  private static void drain(LiveClient live, Map<String, JsonObject> first, Map<String, List<JsonObject>> frames,
      Map<String, Long> finalVersions) {
    long deadline = System.currentTimeMillis() + 15_000;
    while (!caughtUp(first, frames, finalVersions)) {
      JsonObject frame = live.poll(Math.max(1, deadline - System.currentTimeMillis()));
      if (frame == null) {
        throw new AssertionError("the stream stopped short of " + finalVersions + " after " + frames);
      }
      assertEquals("delta", frame.getString("type"), frame.encode());
      frames.get(frame.getString("topic")).add(frame);
    }
  }

  /** Each topic's deltas have gap-free versions, and applied in order to its first snapshot give the database's. */
  private static void assertDeltasRebuildTheDatabaseSnapshot(List<String> topics, Map<String, JsonObject> first,
      Map<String, List<JsonObject>> frames) throws Exception {
    for (String topic : topics) {
      JsonObject data = first.get(topic).getJsonObject("data");
      long expected = first.get(topic).getLong("version") + 1;
      for (JsonObject d : frames.get(topic)) {
        assertEquals(expected++, d.getLong("version"), "gap-free versions on " + topic);
        data = JsonDiff.apply(data, d.getJsonObject("data"));
      }
      assertEquals(fromDatabase(topic), data, "deltas applied to the first snapshot = the database snapshot of " + topic);
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
