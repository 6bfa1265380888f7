package gala.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.LiveClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MixerApiTest extends ApiTestBase {
  static MixerFixture mix;
  static String organiser;
  static long event;

  @BeforeAll
  static void setUp() {
    mix = new MixerFixture(api);
    organiser = Api.token(api.signup("org@mixer.test", "organiser"));
    event = api.createEvent(organiser, "青年联谊");
  }

  @Test
  void pairsMeetSomeoneNewEachRoundSeeOnlyTheirOwnSeatLiveAndOnlyMutualLikesMatch() {
    // Ten-minute rounds that the host ends: nothing here races the round clock (MixerClockTakeoverTest tests it).
    long mixer = mix.createMixer(organiser, event, MixerFixture.pairs(2, 600));
    List<JsonObject> people = new ArrayList<>();
    String[][] tags = {{"篮球", "电影"}, {"篮球", "读书"}, {"电影", "旅行"}, {"读书", "旅行"}};
    for (int i = 0; i < 4; i++) {
      JsonObject s = api.signup("p" + i + "@mixer.test", "participant");
      people.add(s);
      mix.joinOk(Api.token(s), mixer, MixerFixture.profile(MixerFixture.ADULT, tags[i]).put("contact", "wechat:p" + i));
    }
    // Two checked in by the organiser at the door, two check themselves in.
    mix.checkIn(organiser, mixer, Api.userId(people.get(0)));
    mix.checkIn(organiser, mixer, Api.userId(people.get(1)));
    mix.checkIn(Api.token(people.get(2)), mixer, null);
    mix.checkIn(Api.token(people.get(3)), mixer, null);

    long a = Api.userId(people.get(0));
    try (LiveClient live = LiveClient.connect(gala.vertx(), gala.port())) {
      live.subscribe("mixer:" + mixer, null);
      assertEquals("UNAUTHENTICATED", live.next().getString("code"), "the mixer topic is private");
      live.send(new JsonObject().put("op", "auth").put("token", Api.token(people.get(0))));
      assertEquals("authenticated", live.next().getString("type"));
      live.subscribe("mixer:" + mixer, null);
      JsonObject snapshot = live.next();
      assertEquals("snapshot", snapshot.getString("type"), snapshot.encode());
      assertEquals(0, snapshot.getJsonObject("data").getInteger("round"));

      Response started = mix.startRound(organiser, mixer);
      assertEquals(201, started.status(), started.text());
      assertEquals(2, started.json().getInteger("groups"));
      assertEquals(4, started.json().getInteger("seated"));

      JsonObject view = snapshot.getJsonObject("data");
      JsonObject delta = live.next();
      while (!"delta".equals(delta.getString("type")) || view.getInteger("round") == 0
          && !delta.getJsonObject("data").encode().contains("\"round\":1")) {
        delta = live.next();
      }
      view = JsonDiff.apply(view, delta.getJsonObject("data"));
      JsonArray seats = view.getJsonArray("seats");
      assertEquals(1, seats.size(), "a participant's live view holds only their own seat: " + view.encode());
      assertEquals(a, seats.getJsonObject(0).getLong("id"));
      assertEquals(1, seats.getJsonObject(0).getJsonArray("with").size());
      assertTrue(view.getBoolean("roundOpen"));
      assertTrue(view.getString("endsAt") != null, "the round clock's end is live");
    }
    long partner1 = mix.seat(Api.token(people.get(0)), mixer).getJsonObject("seat").getJsonArray("with")
        .getJsonObject(0).getLong("userId");

    // A round cannot start while one runs; the host ends it early.
    assertEquals("ROUND_IN_PROGRESS", mix.startRound(organiser, mixer).errorCode());
    mix.endRound(organiser, mixer);
    assertEquals(201, mix.startRound(organiser, mixer).status());
    long partner2 = mix.seat(Api.token(people.get(0)), mixer).getJsonObject("seat").getJsonArray("with")
        .getJsonObject(0).getLong("userId");
    assertNotEquals(partner1, partner2, "nobody meets the same person twice");
    mix.endRound(organiser, mixer);
    assertEquals("NO_ROUNDS_LEFT", mix.startRound(organiser, mixer).errorCode());

    JsonObject seat = mix.seat(Api.token(people.get(0)), mixer);
    Set<Long> met = new HashSet<>();
    seat.getJsonArray("met").forEach(o -> met.add(((JsonObject) o).getLong("userId")));
    assertEquals(Set.of(partner1, partner2), met);

    // Liking someone never met is refused, and changes nothing.
    long stranger = people.stream().map(Api::userId).filter(id -> id != a && !met.contains(id)).findFirst().orElseThrow();
    Response refused = mix.likes(Api.token(people.get(0)), mixer,
        new JsonObject().put("likes", new JsonArray().add(partner1).add(stranger)), UUID.randomUUID().toString());
    assertEquals(422, refused.status(), refused.text());
    assertEquals("NOT_MET", refused.errorCode());
    assertEquals(new JsonArray(), mix.seat(Api.token(people.get(0)), mixer).getJsonArray("likes"));

    // a likes partner1 (retried with the same key), partner1 likes a back; partner2 likes a, unreturned.
    String key = UUID.randomUUID().toString();
    JsonObject aLikes = new JsonObject().put("likes", new JsonArray().add(partner1));
    Response first = mix.likes(Api.token(people.get(0)), mixer, aLikes, key);
    assertEquals(200, first.status(), first.text());
    assertEquals(first.text(), mix.likes(Api.token(people.get(0)), mixer, aLikes, key).text(), "a retry gets the first answer");
    assertEquals(new JsonArray(), mix.matches(Api.token(people.get(0)), mixer), "no match until it is mutual");
    String p1 = token(people, partner1);
    String p2 = token(people, partner2);
    assertEquals(200, mix.likes(p1, mixer, new JsonObject().put("likes", new JsonArray().add(a)),
        UUID.randomUUID().toString()).status());
    assertEquals(200, mix.likes(p2, mixer, new JsonObject().put("likes", new JsonArray().add(a)),
        UUID.randomUUID().toString()).status());

    JsonArray aMatches = mix.matches(Api.token(people.get(0)), mixer);
    assertEquals(1, aMatches.size());
    assertEquals(partner1, aMatches.getJsonObject(0).getLong("userId"));
    assertTrue(aMatches.getJsonObject(0).getString("contact").startsWith("wechat:"), "adults' chosen contact is shared");
    assertEquals(a, mix.matches(p1, mixer).getJsonObject(0).getLong("userId"));
    assertEquals(new JsonArray(), mix.matches(p2, mixer), "an unreturned like reveals nothing");

    Response stats = api.get("/api/v1/mixers/" + mixer + "/stats", organiser);
    assertEquals(200, stats.status(), stats.text());
    assertEquals(4, stats.json().getInteger("newMeetings"));
    assertEquals(1, stats.json().getInteger("mutualMatches"));
    assertEquals(0.25, stats.json().getDouble("mutualMatchRate"));
    assertEquals(Set.of("mixerId", "round", "rounds", "joined", "checkedIn", "newMeetings", "participantsWhoLiked",
        "mutualMatches", "mutualMatchRate"), stats.json().fieldNames(), "aggregates only, nobody named");
    assertEquals(403, api.get("/api/v1/mixers/" + mixer + "/stats", Api.token(people.get(0))).status(),
        "participants do not see the organiser's numbers");
  }

  private static String token(List<JsonObject> people, long userId) {
    return Api.token(people.stream().filter(p -> Api.userId(p) == userId).findFirst().orElseThrow());
  }

  @Test
  void minorsAreSeatedOnlyWithMinorsAndTheirContactIsNeverTaken() {
    long mixer = mix.createMixer(organiser, event, new JsonObject().put("title", "读书会").put("mode", "tables")
        .put("tableSize", 3).put("rounds", 1).put("roundSeconds", 60).put("minAge", 12).put("maxAge", 40));
    List<JsonObject> minors = new ArrayList<>();
    List<JsonObject> adults = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonObject m = api.signup("minor" + i + "@mixer.test", "participant");
      minors.add(m);
      JsonObject profile = MixerFixture.profile(i == 0 ? MixerFixture.CHILD_13 : MixerFixture.MINOR_16, "读书");
      if (i == 0) {
        profile.put("guardianName", "王女士").put("guardianConsent", true);
      }
      mix.joinOk(Api.token(m), mixer, profile);
      mix.checkIn(organiser, mixer, Api.userId(m));
      JsonObject ad = api.signup("adult" + i + "@mixer.test", "participant");
      adults.add(ad);
      mix.joinOk(Api.token(ad), mixer, MixerFixture.profile(MixerFixture.ADULT, "读书"));
      mix.checkIn(organiser, mixer, Api.userId(ad));
    }
    assertEquals(201, mix.startRound(organiser, mixer).status());
    Set<Long> minorIds = new HashSet<>(minors.stream().map(Api::userId).toList());
    for (JsonObject m : minors) {
      JsonArray with = mix.seat(Api.token(m), mixer).getJsonObject("seat").getJsonArray("with");
      assertEquals(2, with.size());
      with.forEach(o -> assertTrue(minorIds.contains(((JsonObject) o).getLong("userId")), "a minor sits only with minors"));
    }
    for (JsonObject ad : adults) {
      JsonArray with = mix.seat(Api.token(ad), mixer).getJsonObject("seat").getJsonArray("with");
      with.forEach(o -> assertFalse(minorIds.contains(((JsonObject) o).getLong("userId")), "an adult never sits with a minor"));
    }
    Response contact = mix.likes(Api.token(minors.get(1)), mixer,
        new JsonObject().put("likes", new JsonArray()).put("contact", "qq:123"), UUID.randomUUID().toString());
    assertEquals("MINOR_CONTACT_REFUSED", contact.errorCode());
  }

  @Test
  void badInputIsRefusedClearlyAndChangesNothing() {
    long mixer = mix.createMixer(organiser, event, MixerFixture.pairs(1, 30).put("capacity", 2).put("minAge", 12));
    String kid = Api.token(api.signup("kid@mixer.test", "participant"));
    Response noConsent = mix.join(kid, mixer, MixerFixture.profile(MixerFixture.CHILD_13, "画画"));
    assertEquals(422, noConsent.status());
    assertEquals("GUARDIAN_CONSENT_REQUIRED", noConsent.errorCode());
    String teen = Api.token(api.signup("teen@mixer.test", "participant"));
    assertEquals("MINOR_CONTACT_REFUSED",
        mix.join(teen, mixer, MixerFixture.profile(MixerFixture.MINOR_16, "画画").put("contact", "13800000000")).errorCode());
    String old = Api.token(api.signup("old@mixer.test", "participant"));
    assertEquals("AGE_OUTSIDE_BAND", mix.join(old, mixer, MixerFixture.profile("1950-01-01", "钓鱼")).errorCode());
    assertEquals("GENDER_REQUIRED", mix.join(old, mixer,
        MixerFixture.profile(MixerFixture.ADULT, "钓鱼").put("preference", "mixed")).errorCode());
    Response participants = api.get("/api/v1/mixers/" + mixer + "/participants", organiser);
    assertEquals(new JsonArray(), participants.json().getJsonArray("items"), "no profile exists after a refusal");

    String one = Api.token(api.signup("one@mixer.test", "participant"));
    mix.joinOk(one, mixer, MixerFixture.profile(MixerFixture.ADULT, "钓鱼"));
    assertEquals("ALREADY_JOINED", mix.join(one, mixer, MixerFixture.profile(MixerFixture.ADULT, "钓鱼")).errorCode());
    mix.checkIn(one, mixer, null);
    Response tooFew = mix.startRound(organiser, mixer);
    assertEquals(409, tooFew.status());
    assertEquals("TOO_FEW_PARTICIPANTS", tooFew.errorCode());
    assertEquals(0, mix.mixer(mixer).getInteger("round"), "nothing started");
    assertEquals(403, mix.startRound(one, mixer).status(), "only organisers run rounds");

    String two = Api.token(api.signup("two@mixer.test", "participant"));
    mix.joinOk(two, mixer, MixerFixture.profile(MixerFixture.ADULT, "钓鱼"));
    String three = Api.token(api.signup("three@mixer.test", "participant"));
    Response full = mix.join(three, mixer, MixerFixture.profile(MixerFixture.ADULT, "钓鱼"));
    assertEquals(409, full.status());
    assertEquals("MIXER_FULL", full.errorCode());

    Response noKey = api.post("/api/v1/mixers/" + mixer + "/likes", one, "{\"likes\":[]}");
    assertEquals("IDEMPOTENCY_KEY_REQUIRED", noKey.errorCode());
    assertEquals(400, api.post("/api/v1/events/" + event + "/mixers", organiser,
        new JsonObject().put("title", "x").put("mode", "circles").put("rounds", 1).put("roundSeconds", 5)).status());

    long once = mix.createMixer(organiser, event, MixerFixture.pairs(1, 600));
    String x = Api.token(api.signup("x@mixer.test", "participant"));
    String y = Api.token(api.signup("y@mixer.test", "participant"));
    mix.joinOk(x, once, MixerFixture.profile(MixerFixture.ADULT, "钓鱼"));
    mix.joinOk(y, once, MixerFixture.profile(MixerFixture.ADULT, "钓鱼"));
    mix.checkIn(x, once, null);
    mix.checkIn(y, once, null);
    assertEquals(201, mix.startRound(organiser, once).status());
    mix.endRound(organiser, once);
    assertEquals("FINISHED", mix.mixer(once).getString("status"));
    String late = Api.token(api.signup("late@mixer.test", "participant"));
    assertEquals("MIXER_CLOSED", mix.join(late, once, MixerFixture.profile(MixerFixture.ADULT, "钓鱼")).errorCode());
    assertNull(mix.mixer(once).getString("endsAt"));
  }

  @Test
  void afterTheEveningEachRatesItAndTheOrganiserSeesOnlyTheAggregate() {
    long mixer = mix.createMixer(organiser, event, MixerFixture.pairs(1, 600));
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String p = Api.token(api.signup("rate" + i + "@mixer.test", "participant"));
      tokens.add(p);
      mix.joinOk(p, mixer, MixerFixture.profile(MixerFixture.ADULT, "徒步"));
      mix.checkIn(p, mixer, null);
    }
    JsonObject five = new JsonObject().put("stars", 5).put("comment", "很开心");
    Response early = api.post("/api/v1/mixers/" + mixer + "/rating", tokens.get(0), five.encode(), UUID.randomUUID().toString());
    assertEquals(409, early.status(), early.text());
    assertEquals("RATING_TOO_EARLY", early.errorCode());
    assertEquals(201, mix.startRound(organiser, mixer).status());
    mix.endRound(organiser, mixer);

    assertEquals(200, api.post("/api/v1/mixers/" + mixer + "/rating", tokens.get(0), five.encode(),
        UUID.randomUUID().toString()).status());
    // Rating again replaces the first rating.
    assertEquals(200, api.post("/api/v1/mixers/" + mixer + "/rating", tokens.get(1),
        new JsonObject().put("stars", 1).encode(), UUID.randomUUID().toString()).status());
    assertEquals(200, api.post("/api/v1/mixers/" + mixer + "/rating", tokens.get(1),
        new JsonObject().put("stars", 4).put("comment", "场地有点吵").encode(), UUID.randomUUID().toString()).status());
    assertEquals(400, api.post("/api/v1/mixers/" + mixer + "/rating", tokens.get(2),
        new JsonObject().put("stars", 6).encode(), UUID.randomUUID().toString()).status(), "1 to 5 only");
    String outsider = Api.token(api.signup("rate-outsider@mixer.test", "participant"));
    assertEquals("NOT_JOINED", api.post("/api/v1/mixers/" + mixer + "/rating", outsider, five.encode(),
        UUID.randomUUID().toString()).errorCode());
    assertEquals(4, mix.seat(tokens.get(1), mixer).getJsonObject("rating").getInteger("stars"), "each sees their own");

    Response summary = api.get("/api/v1/mixers/" + mixer + "/ratings", organiser);
    assertEquals(200, summary.status(), summary.text());
    JsonObject s = summary.json();
    assertEquals(2, s.getInteger("ratings"));
    assertEquals(4.5, s.getDouble("average"));
    assertEquals(new JsonObject().put("1", 0).put("2", 0).put("3", 0).put("4", 1).put("5", 1), s.getJsonObject("stars"));
    assertEquals(Set.of("场地有点吵", "很开心"), new HashSet<>(s.getJsonArray("comments").getList()));
    assertFalse(s.encode().contains("userId"), "nobody named: " + s.encode());
    assertEquals(403, api.get("/api/v1/mixers/" + mixer + "/ratings", tokens.get(0)).status());
  }

  @Test
  void lateArrivalsAndLeaversCountFromTheNextRound() {
    long mixer = mix.createMixer(organiser, event, new JsonObject().put("title", "桌游夜").put("mode", "tables")
        .put("tableSize", 3).put("rounds", 2).put("roundSeconds", 600).put("minAge", 18).put("maxAge", 40));
    List<JsonObject> people = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      JsonObject p = api.signup("late" + i + "@mixer.test", "participant");
      people.add(p);
      mix.joinOk(Api.token(p), mixer, MixerFixture.profile(MixerFixture.ADULT, "桌游"));
      mix.checkIn(organiser, mixer, Api.userId(p));
    }
    assertEquals(201, mix.startRound(organiser, mixer).status());
    // During round 1: one leaves, one arrives late.
    JsonObject leaver = people.get(0);
    Response out = api.post("/api/v1/mixers/" + mixer + "/checkins", organiser,
        new JsonObject().put("userId", Api.userId(leaver)).put("present", false).encode(), UUID.randomUUID().toString());
    assertEquals(200, out.status(), out.text());
    JsonObject late = api.signup("late-arrival@mixer.test", "participant");
    mix.joinOk(Api.token(late), mixer, MixerFixture.profile(MixerFixture.ADULT, "桌游"));
    mix.checkIn(Api.token(late), mixer, null);
    assertNull(mix.seat(Api.token(late), mixer).getValue("seat"), "no seat in the round already running");
    assertTrue(mix.seat(Api.token(leaver), mixer).getJsonObject("seat").getInteger("table") > 0,
        "the leaver keeps the seat of the running round");

    mix.endRound(organiser, mixer);
    Response second = mix.startRound(organiser, mixer);
    assertEquals(201, second.status(), second.text());
    assertEquals(6, second.json().getInteger("seated") + second.json().getInteger("resting"));
    assertNull(mix.seat(Api.token(leaver), mixer).getValue("seat"), "the leaver is not seated from the next round");
    JsonObject lateSeat = mix.seat(Api.token(late), mixer).getJsonObject("seat");
    assertTrue(lateSeat.getInteger("table") > 0, "the late arrival is seated from the next round: " + lateSeat);
  }
}
