package gala.live;

import gala.access.TopicAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.TopicChange;
import gala.platform.TopicLog;
import gala.platform.TopicSource;
import gala.platform.TopicView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * A socket joining a topic: the access check, the snapshot or the replay since a version, and the
 * ways back to the live stream (catch-up from the log, resync by snapshot after skipping). Once a
 * subscription is ready, {@link FanOut} hands it each change. One per gateway, on its event loop.
 */
final class Subscribing {
  private final Vertx vertx;
  private final Database db;
  private final TopicLog log;
  private final Map<String, TopicFeed> feeds = new HashMap<>();
  /** Sockets asking for a topic's snapshot at once share one read and its frame per view. */
  private final Coalescing<String, SharedSnapshot> snapshots;
  /**
   * Anonymous sockets asking for a topic at once share one judgement (access rule, the source's
   * finer rule, the view): a crowd of spectators opening one scoreboard costs a few queries, not
   * a few per spectator.
   */
  private final Coalescing<String, TopicView> anonymous;
  final FanOut fanOut;

  Subscribing(Vertx vertx, Database db, TopicLog log) {
    this.vertx = vertx;
    this.db = db;
    this.log = log;
    this.fanOut = new FanOut(this);
    this.snapshots = new Coalescing<>(topic -> log.snapshot(topic).map(SharedSnapshot::new));
    this.anonymous = new Coalescing<>(topic -> judge(null, topic, log.source(topic)));
  }

  /**
   * What {@code caller} may see of {@code topic}: the one access rule first (private events,
   * organisers, the person themself), then the source's own finer rule (results hidden until
   * released), then the caller's view; fails with the refusal.
   */
  private Future<TopicView> judge(Caller caller, String topic, TopicSource source) {
    return TopicAccess.require(db.pool(), caller, topic)
        .compose(v -> source.canRead(db.pool(), caller, TopicLog.idOf(topic)))
        .compose(allowed -> {
          if (!allowed) {
            return Future.failedFuture(new Refused(caller == null ? "UNAUTHENTICATED" : "FORBIDDEN",
                caller == null ? "sign in (auth frame) to follow " + topic : "you may not follow " + topic));
          }
          return source.view(db.pool(), caller, TopicLog.idOf(topic));
        });
  }

  void subscribe(LiveConnection conn, JsonObject msg) {
    String topic = msg.getValue("topic") instanceof String t ? t : null;
    Object sinceValue = msg.getValue("since");
    if (topic == null || topic.length() > 100) {
      conn.error("BAD_TOPIC", "subscribe needs a topic", null);
      return;
    }
    // Only a whole number within 0..2^63-1: a larger one (2^64) would wrap to 0 and replay everything.
    if (sinceValue != null && !(sinceValue instanceof Integer || sinceValue instanceof Long)
        || sinceValue != null && ((Number) sinceValue).longValue() < 0) {
      conn.error("BAD_SINCE", "since must be a version number", topic);
      return;
    }
    TopicSource source = log.source(topic);
    if (source == null) {
      conn.error("UNKNOWN_TOPIC", "no such topic " + topic, topic);
      return;
    }
    // One spelling per topic: scoreboard:01 or scoreboard:+1 would be another row with a frozen copy.
    if (TopicAccess.canonicalId(topic) == null) {
      ApiError bad = TopicAccess.badTopic(topic);
      conn.error(bad.code(), bad.getMessage(), topic);
      return;
    }
    if (conn.subscriptions.containsKey(topic)) {
      drop(conn.subscriptions.remove(topic));
    }
    if (conn.subscriptions.size() >= LiveConnection.MAX_SUBSCRIPTIONS) {
      conn.error("TOO_MANY_SUBSCRIPTIONS", "at most " + LiveConnection.MAX_SUBSCRIPTIONS + " topics per connection", topic);
      return;
    }
    Long since = sinceValue == null ? null : ((Number) sinceValue).longValue();
    int epoch = conn.epoch;
    Subscription sub = new Subscription(conn, topic, source);
    conn.subscriptions.put(topic, sub);
    Caller caller = conn.caller;
    (caller == null ? anonymous.next(topic) : judge(caller, topic, source))
        .compose(view -> {
          if (conn.epoch != epoch) {
            return Future.failedFuture(new Refused(STALE, "judged for a caller the socket no longer has"));
          }
          sub.view = view;
          // Listen first, then read: a change committed in between is buffered, not lost.
          return feed(topic).compose(feed -> {
            if (sub.closed) {
              return Future.succeededFuture();
            }
            feed.add(sub);
            return since == null ? sendSnapshot(sub) : resume(sub, since);
          });
        })
        .onSuccess(v -> settled(sub))
        .onFailure(e -> {
          boolean current = conn.subscriptions.get(topic) == sub;
          if (current) {
            conn.subscriptions.remove(topic);
          }
          drop(sub);
          if (e instanceof Refused r && r.code.equals(STALE)) {
            if (current) {
              subscribe(conn, msg);
            }
          } else if (e instanceof Refused r) {
            conn.error(r.code, r.getMessage(), topic);
          } else if (e instanceof ApiError a) {
            conn.error(a.code(), a.getMessage(), topic);
          } else {
            conn.error("UNAVAILABLE", "could not read " + topic + "; subscribe again", topic);
          }
        });
  }

  void unsubscribe(LiveConnection conn, JsonObject msg) {
    Subscription sub = conn.subscriptions.remove(String.valueOf(msg.getValue("topic")));
    if (sub != null) {
      drop(sub);
    }
  }

  /** The socket speaks for another caller now: each of its topics is judged again, from a snapshot. */
  void rejudge(LiveConnection conn) {
    for (String topic : List.copyOf(conn.subscriptions.keySet())) {
      drop(conn.subscriptions.remove(topic));
      subscribe(conn, new JsonObject().put("topic", topic));
    }
  }

  private Future<TopicFeed> feed(String topic) {
    TopicFeed feed = feeds.computeIfAbsent(topic, t -> new TopicFeed(vertx, t, log, fanOut));
    return feed.ready().map(feed);
  }

  void drop(Subscription sub) {
    sub.closed = true;
    TopicFeed feed = feeds.get(sub.topic);
    if (feed != null && feed.remove(sub) && feed.isEmpty()) {
      feeds.remove(sub.topic);
      feed.close();
    }
  }

  private Future<Void> sendSnapshot(Subscription sub) {
    return snapshots.next(sub.topic).map(shared -> {
      if (!sub.closed) {
        sub.last = shared.snapshot.version();
        SnapshotFrame frame = shared.frame(sub.view);
        if (frame.bytes.writeTo(sub.connection)) {
          sub.source.delivered(TopicLog.idOf(sub.topic), frame.data, 1);
          if (sub.connection.socket.writeQueueFull() && !sub.connection.behind) {
            fanOut.fallBehind(sub.connection);
          }
        }
      }
      return null;
    });
  }

  /** One snapshot read, with its frame encoded once per audience view. */
  private static final class SharedSnapshot {
    final TopicLog.Snapshot snapshot;
    private final Map<String, SnapshotFrame> frames = new HashMap<>(4);

    SharedSnapshot(TopicLog.Snapshot snapshot) {
      this.snapshot = snapshot;
    }

    SnapshotFrame frame(TopicView view) {
      return frames.computeIfAbsent(view.key(), k -> {
        JsonObject data = view.apply(snapshot.data());
        return new SnapshotFrame(data, new SharedFrame(new JsonObject().put("type", "snapshot").put("topic", snapshot.topic())
            .put("version", snapshot.version()).put("data", data).encode()));
      });
    }
  }

  private record SnapshotFrame(JsonObject data, SharedFrame bytes) {}

  /** Replays what the client missed after {@code since}, or a snapshot if the log cannot. */
  private Future<Void> resume(Subscription sub, long since) {
    return log.since(sub.topic, since).compose(changes -> {
      if (changes == null) {
        return sendSnapshot(sub);
      }
      sub.last = since;
      changes.forEach(c -> fanOut.send(sub, c));
      fanOut.reportDeliveries();
      return Future.succeededFuture();
    });
  }

  private void drainPending(Subscription sub) {
    while (!sub.pending.isEmpty() && !sub.closed) {
      Entry<Long, TopicChange> first = sub.pending.firstEntry();
      if (first.getKey() <= sub.last) {
        sub.pending.pollFirstEntry();
      } else if (first.getKey() == sub.last + 1) {
        sub.pending.pollFirstEntry();
        fanOut.send(sub, first.getValue());
      } else {
        catchUp(sub);
        break;
      }
    }
    fanOut.reportDeliveries();
  }

  /** This subscriber is behind the feed (it joined from an older snapshot): fill from the log. */
  void catchUp(Subscription sub) {
    sub.ready = false;
    resume(sub, sub.last).onComplete(ar -> {
      if (ar.succeeded()) {
        settled(sub);
      } else {
        sub.ready = true;
        sub.connection.error("UNAVAILABLE", "lost track of " + sub.topic + "; subscribe again with since", sub.topic);
      }
    });
  }

  /** The subscription's snapshot or replay is out: live from here, or a fresh snapshot if it skipped some. */
  private void settled(Subscription sub) {
    sub.ready = true;
    if (sub.skipped && !sub.connection.behind) {
      resync(sub);
    } else {
      drainPending(sub);
    }
  }

  /** Skips a subscription that fell behind to the newest state: a snapshot, then live deltas after it. */
  void resync(Subscription sub) {
    sub.ready = false;
    sub.skipped = false;
    sendSnapshot(sub).onComplete(ar -> {
      if (ar.failed()) {
        sub.ready = true;
        sub.connection.error("UNAVAILABLE", "lost track of " + sub.topic + "; subscribe again with since", sub.topic);
      } else {
        settled(sub);
      }
    });
  }

  /** A subscription judged for the caller the socket had before it signed in or out: judged again. */
  private static final String STALE = "stale";

  private static final class Refused extends RuntimeException {
    final String code;

    Refused(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
