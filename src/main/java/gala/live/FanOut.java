package gala.live;

import gala.platform.TopicChange;
import gala.platform.TopicLog;
import gala.platform.TopicSource;
import gala.platform.TopicView;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One committed change to every ready subscription of its topic on this gateway, in version order:
 * the delta frame is encoded once per audience view (not per socket), and a socket whose write
 * queue is full is skipped until it drains, then resynced to the newest state by a snapshot
 * (issue 11 point 5: bounded memory per slow client, exact final state).
 */
final class FanOut {
  private final Subscribing subscribing;
  /** The change whose frames are cached below: each change is encoded once per view, not per socket. */
  private TopicChange framesOf;
  private final Map<String, Frame> frames = new HashMap<>();
  /** The view of the last frame handed out: most sockets of a topic share one, so no lookup per socket. */
  private TopicView lastView;
  private Frame lastFrame;

  FanOut(Subscribing subscribing) {
    this.subscribing = subscribing;
  }

  /** Called by the feed with each change in version order. */
  void offer(Subscription sub, TopicChange change) {
    if (sub.closed || change.version() <= sub.last) {
      return;
    }
    if (sub.ready && change.version() == sub.last + 1) {
      send(sub, change);
      return;
    }
    sub.pending.put(change.version(), change);
    if (sub.ready) {
      subscribing.catchUp(sub);
    }
  }

  void send(Subscription sub, TopicChange c) {
    sub.last = c.version();
    LiveConnection conn = sub.connection;
    if (conn.behind) {
      // A slow reader: nothing more is buffered for it; once its socket drains it gets the newest
      // snapshot instead of every delta it missed, so its memory stays bounded and its state exact.
      sub.skipped = true;
      return;
    }
    Frame frame = frame(sub.view, sub.source, c);
    // A socket closed before its subscription was dropped is skipped: asking a closed socket whether
    // its queue is full throws, and that ended the loop over the topic's other subscribers
    // (ScoringBench, spectators leaving as a round ended: "WebSocket is closed" from writeQueueFull).
    if (frame.bytes.writeTo(conn)) {
      frame.sockets++;
      if (conn.socket.writeQueueFull()) {
        fallBehind(conn);
      }
    }
  }

  void fallBehind(LiveConnection conn) {
    conn.behind = true;
    conn.socket.drainHandler(v -> {
      conn.socket.drainHandler(null);
      conn.behind = false;
      for (Subscription sub : List.copyOf(conn.subscriptions.values())) {
        if (sub.skipped && sub.ready && !sub.closed) {
          subscribing.resync(sub);
        }
      }
    });
  }

  /** The delta frame of {@code c} as {@code view} sees it, encoded once for all sockets with that view. */
  private Frame frame(TopicView view, TopicSource source, TopicChange c) {
    if (framesOf != c) {
      reportDeliveries();
      framesOf = c;
    } else if (view == lastView) {
      return lastFrame;
    }
    Frame frame = frames.get(view.key());
    if (frame == null) {
      JsonObject data = view.apply(c.delta());
      frame = new Frame(source, data, new JsonObject().put("type", "delta").put("topic", c.topic())
          .put("version", c.version()).put("data", data).encode());
      frames.put(view.key(), frame);
    }
    lastView = view;
    lastFrame = frame;
    return frame;
  }

  /** Tells the topic sources how many sockets got the cached frames (one call per view, not per socket). */
  void reportDeliveries() {
    if (framesOf != null) {
      String id = TopicLog.idOf(framesOf.topic());
      for (Frame f : frames.values()) {
        if (f.sockets > 0) {
          f.source.delivered(id, f.data, f.sockets);
        }
      }
    }
    frames.clear();
    framesOf = null;
    lastView = null;
    lastFrame = null;
  }

  private static final class Frame {
    final TopicSource source;
    final JsonObject data;
    final SharedFrame bytes;
    int sockets;

    Frame(TopicSource source, JsonObject data, String text) {
      this.source = source;
      this.data = data;
      this.bytes = new SharedFrame(text);
    }
  }
}
