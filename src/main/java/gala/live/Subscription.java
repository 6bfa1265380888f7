package gala.live;

import gala.platform.TopicChange;
import gala.platform.TopicSource;
import gala.platform.TopicView;
import java.util.TreeMap;

/**
 * One client's subscription to one topic: the last version it was sent, and the changes held back
 * while it is joining or catching up. Everything here runs on the connection's event loop.
 */
final class Subscription {
  final LiveConnection connection;
  final String topic;
  long last = -1;
  /** False while the first snapshot or replay is being read, and during a catch-up from the log. */
  boolean ready;
  boolean closed;
  /** Changes were skipped while the socket was full: a fresh snapshot is due once it drains. */
  boolean skipped;
  final TreeMap<Long, TopicChange> pending = new TreeMap<>();
  final TopicSource source;
  /** What this client may see of the topic (its audience); set before the first frame. */
  TopicView view = TopicView.ALL;

  Subscription(LiveConnection connection, String topic, TopicSource source) {
    this.connection = connection;
    this.topic = topic;
    this.source = source;
  }
}
