package gala.announce;

import static gala.announce.Announcing.count;
import static gala.announce.Announcing.sent;
import static gala.announce.Announcing.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.LiveClient;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scheduled announcements with two clustered nodes polling one PostgreSQL: each goes out exactly
 * once, and one scheduled through a node that then dies still goes out through the others.
 */
@ExtendWith(VertxExtension.class)
class ScheduledAnnouncementTest {
  static DbLocation db;
  static Gala first;
  static Gala second;
  static String organiser;
  static long event;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.fresh();
    List<Gala> nodes = TestGala.startClustered(db);
    first = nodes.get(0);
    second = nodes.get(1);
    Api api = new Api(first.port());
    organiser = Api.token(api.signup("org@schedule.test", "organiser"));
    event = api.createEvent(organiser, "定时公告");
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(second);
    TestGala.stop(first);
  }

  @Test
  void manyDueAtOnceGoOutExactlyOnceAcrossTwoNodes(Vertx vertx) {
    int n = 30;
    String tag = UUID.randomUUID().toString().substring(0, 8);
    Instant at = Instant.now().plusSeconds(6);
    Api[] nodes = {new Api(first.port()), new Api(second.port())};
    try (LiveClient onFirst = LiveClient.connect(vertx, first.port());
         LiveClient onSecond = LiveClient.connect(vertx, second.port())) {
      onFirst.subscribe("announcements:" + event, null);
      onSecond.subscribe("announcements:" + event, null);
      long v0 = onFirst.next().getLong("version");
      assertEquals(v0, onSecond.next().getLong("version"));
      for (int i = 0; i < n; i++) {
        JsonObject a = sent(nodes[i % 2], organiser, event, text(tag + " #" + i).put("sendAt", at.toString()));
        assertEquals("scheduled", a.getString("state"));
      }
      Map<String, Integer> seenFirst = receive(onFirst, tag, n);
      Map<String, Integer> seenSecond = receive(onSecond, tag, n);
      for (int i = 0; i < n; i++) {
        assertEquals(1, seenFirst.get(tag + " #" + i), "first node's screen, #" + i);
        assertEquals(1, seenSecond.get(tag + " #" + i), "second node's screen, #" + i);
      }
      assertTrue(Instant.now().isAfter(at));
    }
    assertEquals(n, count(db, "SELECT count(*) FROM announcements WHERE state = 'sent' AND text LIKE '" + tag + "%'"));
    assertEquals(n, count(db, "SELECT count(DISTINCT sent_seq) FROM announcements WHERE text LIKE '" + tag + "%'"));
    // In the topic log each announcement was upserted by exactly one version.
    assertEquals(n, count(db, "SELECT count(*) FROM topic_log l, LATERAL jsonb_array_elements("
        + "COALESCE(l.delta #> '{lists,announcements,upsert}', l.delta #> '{set,announcements}', '[]'::jsonb)) r "
        + "WHERE l.topic = 'announcements:" + event + "' AND r->>'text' LIKE '" + tag + "%'"));
  }

  /** Reads frames until every one of the n tagged announcements arrived; counts how often each did. */
  static Map<String, Integer> receive(LiveClient live, String tag, int n) {
    Map<String, Integer> seen = new HashMap<>();
    Pattern p = Pattern.compile(Pattern.quote(tag) + " #\\d+");
    long last = -1;
    while (seen.size() < n) {
      JsonObject f = live.next();
      assertEquals("delta", f.getString("type"), f.encode());
      if (last >= 0) {
        assertEquals(last + 1, f.getLong("version"), "gap-free versions");
      }
      last = f.getLong("version");
      Matcher m = p.matcher(f.encode());
      while (m.find()) {
        seen.merge(m.group(), 1, Integer::sum);
      }
    }
    JsonObject extra;
    while ((extra = live.poll(1200)) != null) {
      Matcher m = p.matcher(extra.encode());
      while (m.find()) {
        seen.merge(m.group(), 1, Integer::sum);
      }
    }
    return seen;
  }

  @Test
  void anAnnouncementScheduledOnANodeThatDiesStillGoesOut(Vertx vertx) {
    // Not a cluster member: its screens do not matter, only that it stored the row and then died.
    Gala doomed = TestGala.start(db);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    Instant at = Instant.now().plusSeconds(2);
    JsonObject a = sent(new Api(doomed.port()), organiser, event, text("survivor " + tag).put("sendAt", at.toString()));
    assertEquals("scheduled", a.getString("state"));
    TestGala.stop(doomed);
    try (LiveClient live = LiveClient.connect(vertx, second.port())) {
      live.subscribe("announcements:" + event, null);
      JsonObject f = live.next();
      while (!f.encode().contains("survivor " + tag)) {
        f = live.next();
      }
      assertTrue(Instant.now().isAfter(at));
    }
    assertEquals(1, count(db, "SELECT count(*) FROM announcements WHERE state = 'sent' AND text = 'survivor " + tag + "'"));
  }
}
