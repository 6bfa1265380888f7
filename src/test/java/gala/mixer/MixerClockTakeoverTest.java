package gala.mixer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
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
    long mixer = onFirst.createMixer(organiser, event, MixerFixture.pairs(2, 4));
    for (int i = 0; i < 2; i++) {
      String p = Api.token(a.signup("p" + i + "@clock.test", "participant"));
      onFirst.joinOk(p, mixer, MixerFixture.profile(MixerFixture.ADULT, "跑步"));
      onFirst.checkIn(p, mixer, null);
    }
    assertEquals(201, onFirst.startRound(organiser, mixer).status());
    long started = System.currentTimeMillis();
    TestGala.stop(first); // the node that started the round (and, started first, led the clock) dies
    assertTrue(onSecond.mixer(mixer).getBoolean("roundOpen"), "the round is still running after the node died");
    onSecond.awaitRoundClosed(mixer, 20_000);
    long took = System.currentTimeMillis() - started;
    assertTrue(took >= 3_000, "the round ran its time on the surviving node (" + took + " ms)");
    assertEquals("BETWEEN_ROUNDS", onSecond.mixer(mixer).getString("status"));
  }
}
