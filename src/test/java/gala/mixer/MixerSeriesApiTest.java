package gala.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A season: two mixers of one series with the same people seat no pair twice, and keep earlier matches. */
class MixerSeriesApiTest extends ApiTestBase {
  static MixerFixture mix;

  @BeforeAll
  static void setUp() {
    mix = new MixerFixture(api);
  }

  @Test
  void aSecondMixerOfTheSeriesSeatsNoPairThatMetAtTheFirstAndShowsItsMatchesToBoth() {
    String organiser = Api.token(api.signup("org@series.test", "organiser"));
    Response series = api.post("/api/v1/mixer-series", organiser, new JsonObject().put("title", "玫瑰之约 2026"));
    assertEquals(201, series.status(), series.text());
    long seriesId = series.json().getLong("id");
    String other = Api.token(api.signup("other@series.test", "organiser"));
    long otherEvent = api.createEvent(other, "别人的活动");
    assertEquals(403, api.post("/api/v1/events/" + otherEvent + "/mixers", other,
        MixerFixture.pairs(1, 600).put("seriesId", seriesId)).status(), "a series is its keeper's");

    List<JsonObject> people = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      people.add(api.signup("s" + i + "@series.test", "participant"));
    }
    long first = mix.createMixer(organiser, api.createEvent(organiser, "三月交友会"),
        MixerFixture.pairs(3, 600).put("seriesId", seriesId));
    Set<Set<Long>> metAtFirst = evening(organiser, first, people, 3);
    assertEquals(12, metAtFirst.size(), "eight people in pairs meet three new people each");

    // Two who met at the first mixer like each other: a mutual match.
    List<Long> match = new ArrayList<>(metAtFirst.iterator().next());
    String a = token(people, match.get(0));
    String b = token(people, match.get(1));
    assertEquals(200, mix.likes(a, first, new JsonObject().put("likes", new JsonArray().add(match.get(1))),
        UUID.randomUUID().toString()).status());
    assertEquals(200, mix.likes(b, first, new JsonObject().put("likes", new JsonArray().add(match.get(0))),
        UUID.randomUUID().toString()).status());

    long second = mix.createMixer(organiser, api.createEvent(organiser, "四月交友会"),
        MixerFixture.pairs(3, 600).put("seriesId", seriesId));
    assertEquals(seriesId, mix.mixer(second).getLong("seriesId"));
    Set<Set<Long>> metAtSecond = evening(organiser, second, people, 3);
    assertTrue(metAtSecond.size() >= 4, "the second evening seats people: " + metAtSecond);
    Set<Set<Long>> repeated = new HashSet<>(metAtSecond);
    repeated.retainAll(metAtFirst);
    assertEquals(Set.of(), repeated, "nobody meets at the second mixer someone they met at the first");

    // The earlier evening's match is shown to both, with the mixer it came from.
    for (String[] pair : new String[][] {{a, String.valueOf(match.get(1))}, {b, String.valueOf(match.get(0))}}) {
      Response r = api.get("/api/v1/mixers/" + second + "/matches", pair[0]);
      assertEquals(200, r.status(), r.text());
      JsonArray earlier = r.json().getJsonArray("earlier");
      assertEquals(1, earlier.size(), r.text());
      assertEquals(Long.parseLong(pair[1]), earlier.getJsonObject(0).getLong("userId"));
      assertEquals(first, earlier.getJsonObject(0).getLong("mixerId"));
    }
    JsonArray someoneElse = api.get("/api/v1/mixers/" + second + "/matches", token(people,
        people.stream().map(Api::userId).filter(id -> !match.contains(id)).findFirst().orElseThrow()))
        .json().getJsonArray("earlier");
    assertEquals(new JsonArray(), someoneElse, "nobody else sees that match");

    // How far back: a third mixer remembering one earlier mixer refuses to seat together people who
    // met at the second, but not people who met only at the first.
    long third = mix.createMixer(organiser, api.createEvent(organiser, "五月交友会"),
        MixerFixture.pairs(1, 600).put("seriesId", seriesId).put("seriesLookback", 1));
    for (JsonObject p : people) {
      mix.joinOk(Api.token(p), third, MixerFixture.profile(MixerFixture.ADULT, "电影"));
      mix.checkIn(organiser, third, Api.userId(p));
    }
    assertEquals(201, mix.startRound(organiser, third).status());
    java.util.Map<Long, Integer> table = new java.util.HashMap<>();
    for (Object t : mix.plan(organiser, third).getJsonArray("tables")) {
      ((JsonObject) t).getJsonArray("people").forEach(p -> table.put(((JsonObject) p).getLong("userId"),
          ((JsonObject) t).getInteger("table")));
    }
    boolean refused = false;
    boolean allowed = false;
    for (long x : table.keySet()) {
      for (long y : table.keySet()) {
        if (!refused && !table.get(x).equals(table.get(y)) && metAtSecond.contains(Set.of(x, y))) {
          assertEquals("ALREADY_MET", mix.move(organiser, third, x, table.get(y)).errorCode());
          refused = true;
        }
      }
    }
    for (long x : table.keySet()) {
      for (long y : table.keySet()) {
        if (allowed || table.get(x).equals(table.get(y))) {
          continue;
        }
        boolean metThereAtSecond = table.keySet().stream()
            .anyMatch(z -> z != x && table.get(z).equals(table.get(y)) && metAtSecond.contains(Set.of(x, z)));
        if (metAtFirst.contains(Set.of(x, y)) && !metThereAtSecond) {
          Response moved = mix.move(organiser, third, x, table.get(y));
          assertEquals(200, moved.status(), "met only beyond the lookback: " + moved.text());
          allowed = true;
        }
      }
    }
    assertTrue(refused && allowed, "both cases occurred: refused " + refused + ", allowed " + allowed);

    Response mine = api.get("/api/v1/mixer-series", organiser);
    assertEquals(3, mine.json().getJsonArray("items").getJsonObject(0).getInteger("mixers"));
  }

  /** Everyone joins and checks in; the host runs every round; returns the pairs that met. */
  private static Set<Set<Long>> evening(String organiser, long mixer, List<JsonObject> people, int rounds) {
    for (JsonObject p : people) {
      mix.joinOk(Api.token(p), mixer, MixerFixture.profile(MixerFixture.ADULT, "电影"));
      mix.checkIn(organiser, mixer, Api.userId(p));
    }
    Set<Set<Long>> met = new HashSet<>();
    for (int round = 1; round <= rounds; round++) {
      Response started = mix.startRound(organiser, mixer);
      assertEquals(201, started.status(), started.text());
      for (Object t : mix.plan(organiser, mixer).getJsonArray("tables")) {
        JsonArray at = ((JsonObject) t).getJsonArray("people");
        for (int i = 0; i < at.size(); i++) {
          for (int j = i + 1; j < at.size(); j++) {
            met.add(Set.of(at.getJsonObject(i).getLong("userId"), at.getJsonObject(j).getLong("userId")));
          }
        }
      }
      mix.endRound(organiser, mixer);
    }
    return met;
  }

  private static String token(List<JsonObject> people, long userId) {
    return Api.token(people.stream().filter(p -> Api.userId(p) == userId).findFirst().orElseThrow());
  }
}
