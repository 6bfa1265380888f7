package gala.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.LiveClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host's hand on a running mixer: the whole plan (live for organisers only), moves between
 * tables with their refusals, the round's end moved or brought forward, and someone marked gone.
 */
class MixerHostApiTest extends ApiTestBase {
  static MixerFixture mix;
  static String organiser;
  static long event;

  @BeforeAll
  static void setUp() {
    mix = new MixerFixture(api);
    organiser = Api.token(api.signup("org@host.test", "organiser"));
    event = api.createEvent(organiser, "青年联谊");
  }

  @Test
  void theHostSeesThePlanMovesPeopleAndEveryRefusalChangesNothing() {
    long mixer = mix.createMixer(organiser, event, new JsonObject().put("title", "桌游夜").put("mode", "tables")
        .put("tableSize", 3).put("rounds", 2).put("roundSeconds", 600).put("minAge", 14).put("maxAge", 40));
    Map<Long, String> tokens = new HashMap<>();
    Set<Long> minors = new HashSet<>();
    for (int i = 0; i < 9; i++) {
      JsonObject s = api.signup("h" + i + "@host.test", "participant");
      boolean minor = i < 3;
      mix.joinOk(Api.token(s), mixer, MixerFixture.profile(minor ? MixerFixture.MINOR_16 : MixerFixture.ADULT, "桌游"));
      mix.checkIn(organiser, mixer, Api.userId(s));
      tokens.put(Api.userId(s), Api.token(s));
      if (minor) {
        minors.add(Api.userId(s));
      }
    }
    assertEquals(201, mix.startRound(organiser, mixer).status());
    JsonObject plan = mix.plan(organiser, mixer);
    assertEquals(3, plan.getJsonArray("tables").size(), plan.encode());
    assertEquals(new JsonArray(), plan.getJsonArray("resting"));
    Map<Long, Integer> tableOf = tables(plan);
    assertEquals(403, api.get("/api/v1/mixers/" + mixer + "/plan", tokens.values().iterator().next()).status(),
        "only organisers see the plan");

    long minor = minors.iterator().next();
    long adult = tableOf.keySet().stream().filter(id -> !minors.contains(id)).findFirst().orElseThrow();
    int minorTable = tableOf.get(minor);
    int adultTable = tableOf.get(adult);
    int otherAdultTable = tableOf.entrySet().stream().filter(e -> !minors.contains(e.getKey()) && e.getValue() != adultTable)
        .findFirst().orElseThrow().getValue();

    try (LiveClient host = LiveClient.connect(gala.vertx(), gala.port());
        LiveClient phone = LiveClient.connect(gala.vertx(), gala.port())) {
      JsonObject hostView = subscribe(host, organiser, mixer);
      assertEquals(9, hostView.getJsonArray("seats").size(), "the host's live view holds every seat");
      JsonObject phoneView = subscribe(phone, tokens.get(adult), mixer);
      assertEquals(1, phoneView.getJsonArray("seats").size(), "a phone holds only its own seat");

      // Refusals: 422 with a specific code, and the plan stays as it was.
      assertRefused("MINOR_TO_ADULT_TABLE", mix.move(organiser, mixer, minor, adultTable));
      assertRefused("ADULT_TO_MINOR_TABLE", mix.move(organiser, mixer, adult, minorTable));
      Response noTable = mix.move(organiser, mixer, adult, 99);
      assertRefused("NO_SUCH_TABLE", noTable);
      assertEquals(4, noTable.json().getJsonObject("error").getJsonObject("details").getInteger("newTable"));
      assertEquals(tableOf, tables(mix.plan(organiser, mixer)), "nothing moved");
      assertEquals(403, mix.move(tokens.get(adult), mixer, adult, otherAdultTable).status(), "only organisers move people");

      // A good move reaches the host's plan and the phone of the person moved, live.
      Response moved = mix.move(organiser, mixer, adult, otherAdultTable);
      assertEquals(200, moved.status(), moved.text());
      hostView = awaitSeat(host, hostView, adult, otherAdultTable);
      phoneView = awaitSeat(phone, phoneView, adult, otherAdultTable);
      assertEquals(3, phoneView.getJsonArray("seats").getJsonObject(0).getJsonArray("with").size(),
          "the phone lists the three new table mates");
      assertEquals(otherAdultTable, tables(mix.plan(organiser, mixer)).get(adult));
      long second = tableOf.entrySet().stream().filter(e -> e.getValue() == adultTable && e.getKey() != adult)
          .findFirst().orElseThrow().getKey();
      Response full = mix.move(organiser, mixer, second, otherAdultTable);
      assertRefused("TABLE_FULL", full);
      assertEquals(4, full.json().getJsonObject("error").getJsonObject("details").getInteger("size"));

      // The round's end: not into the past, not hours ahead; an extension is live.
      Instant endsAt = Instant.parse(mix.mixer(mixer).getString("endsAt"));
      assertRefused("ROUND_END_IN_PAST", mix.setRoundEnd(organiser, mixer, Instant.now().minusSeconds(60).toString()));
      assertRefused("ROUND_END_TOO_LATE", mix.setRoundEnd(organiser, mixer, Instant.now().plusSeconds(5 * 3600).toString()));
      assertEquals(endsAt, Instant.parse(mix.mixer(mixer).getString("endsAt")), "the end did not move");
      Response extended = mix.setRoundEnd(organiser, mixer, endsAt.plusSeconds(300).toString());
      assertEquals(200, extended.status(), extended.text());
      assertEquals(endsAt.plusSeconds(300), Instant.parse(extended.json().getString("endsAt")));

      // Ended early: the next round can start at once.
      mix.endRound(organiser, mixer);
      assertEquals("NO_ROUND_RUNNING", mix.setRoundEnd(organiser, mixer, endsAt.plusSeconds(600).toString()).errorCode());
      assertEquals("NO_ROUND_RUNNING", mix.move(organiser, mixer, adult, adultTable).errorCode());
    }
    Map<Long, Set<Long>> metInRound1 = new HashMap<>();
    Map<Long, Integer> round1 = tables(mix.plan(organiser, mixer));
    round1.forEach((a, t) -> round1.forEach((b, u) -> {
      if (!a.equals(b) && t.equals(u)) {
        metInRound1.computeIfAbsent(a, x -> new HashSet<>()).add(b);
      }
    }));
    assertEquals(201, mix.startRound(organiser, mixer).status());

    // Round 2: someone who met a person now at another table cannot join them there.
    Map<Long, Integer> round2 = tables(mix.plan(organiser, mixer));
    long who = -1;
    int where = -1;
    for (Map.Entry<Long, Integer> p : round2.entrySet()) {
      for (Map.Entry<Long, Integer> q : round2.entrySet()) {
        if (!p.getValue().equals(q.getValue()) && metInRound1.getOrDefault(p.getKey(), Set.of()).contains(q.getKey())) {
          who = p.getKey();
          where = q.getValue();
        }
      }
    }
    assertTrue(who > 0, "round 2 has someone at another table than a person they met: " + round2);
    assertRefused("ALREADY_MET", mix.move(organiser, mixer, who, where));
    assertEquals(round2, tables(mix.plan(organiser, mixer)), "nothing moved");

    // Marked gone: out of the plan's tables (resting, LEFT), checked out, their phone shows no table.
    Response gone = mix.gone(organiser, mixer, who);
    assertEquals(200, gone.status(), gone.text());
    JsonObject after = mix.plan(organiser, mixer);
    assertTrue(!tables(after).containsKey(who));
    long gonePerson = who;
    JsonObject resting = after.getJsonArray("resting").stream().map(o -> (JsonObject) o)
        .filter(r -> r.getLong("userId") == gonePerson).findFirst().orElseThrow();
    assertEquals("LEFT", resting.getString("reason"));
    // The three minors met each other in round 1 and sit round 2 out, with the reason; so does the
    // adult moved in round 1, who met both adult tables (a move keeps the first table's meetings).
    Set<Long> metEveryone = new HashSet<>(minors);
    metEveryone.add(adult);
    assertEquals(metEveryone, new HashSet<>(after.getJsonArray("resting").stream().map(o -> (JsonObject) o)
        .filter(r -> "MET_EVERYONE".equals(r.getString("reason"))).map(r -> r.getLong("userId")).toList()));
    JsonObject seat = mix.seat(tokens.get(who), mixer);
    assertEquals(false, seat.getBoolean("checkedIn"));
    assertTrue(seat.getJsonObject("seat").getBoolean("resting"));
    assertRefused409("NOT_CHECKED_IN", mix.move(organiser, mixer, who, round2.get(who)));
  }

  /**
   * A move and a "gone" keep the meetings that happened: the person moved met their first table and
   * their second, the one who left met their table until they left; each sees all of them among the
   * people met (so may like them), and the next round seats none of those pairs together again.
   */
  @Test
  void aMoveOrAGoneKeepsTheMeetingsThatHappened() {
    long mixer = mix.createMixer(organiser, event, new JsonObject().put("title", "读书会").put("mode", "tables")
        .put("tableSize", 3).put("rounds", 3).put("roundSeconds", 600).put("minAge", 18).put("maxAge", 40));
    Map<Long, String> tokens = new HashMap<>();
    for (int i = 0; i < 9; i++) {
      JsonObject s = api.signup("keep" + i + "@host.test", "participant");
      mix.joinOk(Api.token(s), mixer, MixerFixture.profile(MixerFixture.ADULT, "读书"));
      mix.checkIn(organiser, mixer, Api.userId(s));
      tokens.put(Api.userId(s), Api.token(s));
    }
    assertEquals(201, mix.startRound(organiser, mixer).status());
    Map<Long, Integer> round1 = tables(mix.plan(organiser, mixer));
    Map<Integer, Set<Long>> atTable = new HashMap<>();
    round1.forEach((u, t) -> atTable.computeIfAbsent(t, x -> new HashSet<>()).add(u));
    assertEquals(3, atTable.size(), round1.toString());
    List<Integer> numbers = new ArrayList<>(atTable.keySet());
    long mover = atTable.get(numbers.get(0)).iterator().next();
    long leaver = atTable.get(numbers.get(2)).iterator().next();
    Set<Long> firstMates = without(atTable.get(numbers.get(0)), mover);
    Set<Long> secondMates = atTable.get(numbers.get(1));
    Set<Long> leaverMates = without(atTable.get(numbers.get(2)), leaver);

    assertEquals(200, mix.move(organiser, mixer, mover, numbers.get(1)).status());
    assertEquals(200, mix.gone(organiser, mixer, leaver).status());
    mix.endRound(organiser, mixer);

    Set<Long> moverMet = new HashSet<>(firstMates);
    moverMet.addAll(secondMates);
    assertEquals(moverMet, metIds(mix.seat(tokens.get(mover), mixer)), "the first table's meetings stay, the second's added");
    assertEquals(leaverMates, metIds(mix.seat(tokens.get(leaver), mixer)), "leaving does not undo whom they met");
    for (long mate : firstMates) {
      assertTrue(metIds(mix.seat(tokens.get(mate), mixer)).contains(mover), "the first table met the person moved");
    }
    assertEquals(200, mix.likes(tokens.get(mover), mixer, new JsonObject().put("likes",
        new JsonArray().add(firstMates.iterator().next())), java.util.UUID.randomUUID().toString()).status(),
        "someone met before the move may be liked");

    // Back for round 2: nobody sits again with anyone they met in round 1, the old table included.
    mix.checkIn(organiser, mixer, leaver);
    assertEquals(201, mix.startRound(organiser, mixer).status());
    Map<Long, Integer> round2 = tables(mix.plan(organiser, mixer));
    for (long other : moverMet) {
      assertTrue(round2.get(mover) == null || !round2.get(mover).equals(round2.get(other)),
          "the person moved sits again with " + other + ": " + round2);
    }
    for (long other : leaverMates) {
      assertTrue(round2.get(leaver) == null || !round2.get(leaver).equals(round2.get(other)),
          "the person who left sits again with " + other + ": " + round2);
    }
  }

  private static Set<Long> without(Set<Long> people, long one) {
    Set<Long> out = new HashSet<>(people);
    out.remove(one);
    return out;
  }

  private static Set<Long> metIds(JsonObject seat) {
    Set<Long> out = new HashSet<>();
    seat.getJsonArray("met").forEach(o -> out.add(((JsonObject) o).getLong("userId")));
    return out;
  }

  private static void assertRefused(String code, Response r) {
    assertEquals(422, r.status(), r.text());
    assertEquals(code, r.errorCode(), r.text());
  }

  private static void assertRefused409(String code, Response r) {
    assertEquals(409, r.status(), r.text());
    assertEquals(code, r.errorCode(), r.text());
  }

  /** userId -> table of everyone seated in the plan. */
  private static Map<Long, Integer> tables(JsonObject plan) {
    Map<Long, Integer> out = new HashMap<>();
    for (Object t : plan.getJsonArray("tables")) {
      JsonObject table = (JsonObject) t;
      table.getJsonArray("people").forEach(p -> out.put(((JsonObject) p).getLong("userId"), table.getInteger("table")));
    }
    return out;
  }

  private static JsonObject subscribe(LiveClient live, String token, long mixer) {
    live.send(new JsonObject().put("op", "auth").put("token", token));
    assertEquals("authenticated", live.next().getString("type"));
    live.subscribe("mixer:" + mixer, null);
    JsonObject snapshot = live.next();
    assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
    return snapshot.getJsonObject("data");
  }

  /** Applies deltas until {@code userId}'s seat is at {@code table}. */
  private static JsonObject awaitSeat(LiveClient live, JsonObject view, long userId, int table) {
    List<String> seen = new ArrayList<>();
    while (true) {
      for (Object o : view.getJsonArray("seats")) {
        JsonObject s = (JsonObject) o;
        if (s.getLong("id") == userId && Integer.valueOf(table).equals(s.getInteger("table"))) {
          return view;
        }
      }
      JsonObject frame = live.next();
      assertNotNull(frame, "no delta moved " + userId + " to table " + table + ": " + seen);
      seen.add(frame.encode());
      if ("delta".equals(frame.getString("type"))) {
        view = JsonDiff.apply(view, frame.getJsonObject("data"));
      }
    }
  }
}
