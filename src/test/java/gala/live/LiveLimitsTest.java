package gala.live;

import gala.testing.ApiTestBase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.LiveClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What one socket may ask of a node: at most 64 topics, and frames at a bounded rate. */
@ExtendWith(VertxExtension.class)
class LiveLimitsTest extends ApiTestBase {
  @Test
  void aSocketFollowsAtMost64Topics(Vertx vertx) {
    String organiser = Api.token(api.signup("org@limits.test", "organiser"));
    List<String> topics = new ArrayList<>();
    while (topics.size() <= LiveConnection.MAX_SUBSCRIPTIONS) {
      long event = api.createEvent(organiser, "赛事 " + topics.size());
      topics.add("medals:" + event);
      topics.add("announcements:" + event);
    }
    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      for (String t : topics) {
        live.subscribe(t, null);
      }
      int snapshots = 0;
      List<String> refused = new ArrayList<>();
      for (int i = 0; i < topics.size(); i++) {
        JsonObject f = live.next();
        if ("snapshot".equals(f.getString("type"))) {
          snapshots++;
        } else {
          assertEquals("TOO_MANY_SUBSCRIPTIONS", f.getString("code"), f.encode());
          refused.add(f.getString("topic"));
        }
      }
      assertEquals(LiveConnection.MAX_SUBSCRIPTIONS, snapshots);
      assertEquals(topics.subList(LiveConnection.MAX_SUBSCRIPTIONS, topics.size()), refused);
      live.send(new JsonObject().put("op", "unsubscribe").put("topic", topics.get(0)));
      live.subscribe(topics.get(topics.size() - 1), null);
      assertEquals("snapshot", live.next().getString("type"), "unsubscribing makes room");
    }
  }

  @Test
  void framesBeyondTheRateAreDroppedAndTheClientIsToldOnce(Vertx vertx) {
    int sent = LiveConnection.FRAME_BURST * 2;
    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      for (int i = 0; i < sent; i++) {
        live.send(new JsonObject().put("op", "ping"));
      }
      int pongs = 0;
      int warnings = 0;
      // Every frame answered arrives before the server goes quiet; a second's worth of refill at most adds FRAMES_PER_SECOND.
      for (JsonObject f = live.next(); f != null; f = live.poll(500)) {
        if ("pong".equals(f.getString("type"))) {
          pongs++;
        } else {
          assertEquals("TOO_MANY_MESSAGES", f.getString("code"), f.encode());
          warnings++;
        }
      }
      assertTrue(pongs >= LiveConnection.FRAME_BURST && pongs < sent, "pongs: " + pongs);
      assertTrue(warnings >= 1, "the client is told its frames were dropped");
      assertFalse(live.isClosed(), "the socket stays open");
    }
  }
}
