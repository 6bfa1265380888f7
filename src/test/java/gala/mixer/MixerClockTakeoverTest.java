package gala.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The round clock runs on one node; when that node dies mid-round, another node ends the round on
 * time from the end timestamp kept in PostgreSQL.
 */
class MixerClockTakeoverTest {
  static Gala first;
  static Gala second;

  @AfterAll
  static void tearDown() {
    TestGala.stop(second);
  }

  @Test
  void anotherNodeEndsTheRoundWhenTheClockNodeDies() {
    DbLocation db = TestDatabase.fresh();
    first = TestGala.start(db);
    second = TestGala.start(db);
    Api a = new Api(first.port());
    Api b = new Api(second.port());
    MixerFixture onFirst = new MixerFixture(a);
    MixerFixture onSecond = new MixerFixture(b);
    String organiser = Api.token(a.signup("org@clock.test", "organiser"));
    long event = a.createEvent(organiser, "交友会");
    long mixer = onFirst.createMixer(organiser, event, MixerFixture.pairs(2, 6));
    for (int i = 0; i < 2; i++) {
      String p = Api.token(a.signup("p" + i + "@clock.test", "participant"));
      onFirst.joinOk(p, mixer, MixerFixture.profile(MixerFixture.ADULT, "跑步"));
      onFirst.checkIn(p, mixer, null);
    }
    Api.Response started = onFirst.startRound(organiser, mixer);
    assertEquals(201, started.status(), started.text());
    Instant endsAt = Instant.parse(started.json().getString("endsAt"));
    TestGala.stop(first); // the node that started the round (and, started first, led the clock) dies
    // Before its end the round runs whatever the machine's speed; checked only while that holds.
    JsonObject during = onSecond.mixer(mixer);
    if (Instant.now().isBefore(endsAt.minusMillis(500))) {
      assertTrue(during.getBoolean("roundOpen"), "the round is still running after the node died");
    }
    onSecond.awaitRoundClosed(mixer, 30_000);
    assertTrue(!Instant.now().isBefore(endsAt), "the round ran its whole time on the surviving node");
    assertEquals("BETWEEN_ROUNDS", onSecond.mixer(mixer).getString("status"));
  }
}
