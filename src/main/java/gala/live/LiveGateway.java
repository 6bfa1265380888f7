package gala.live;

import gala.access.TopicAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Revocations;
import gala.platform.TopicChange;
import gala.platform.TopicLog;
import gala.platform.TopicSource;
import gala.platform.TopicView;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;

/**
 * The WebSocket endpoint {@code /ws} (DESIGN.md section 7): snapshot on subscribe, gap-free
 * versioned deltas after each commit, and resume with {@code since} from the database log.
 * One gateway per HTTP verticle instance; all its state lives on that verticle's event loop.
 */
public final class LiveGateway {
  public static final String PATH = "/ws";
  private final Vertx vertx;
  private final Database db;
  private final TopicLog log;
  private final JWTAuth jwt;
  private final List<String> allowedOrigins;
  private final Map<String, TopicFeed> feeds = new HashMap<>();
  /** This gateway's signed-in sockets by session, to sign them out when the session is revoked. */
  private final Map<String, Set<LiveConnection>> bySession = new HashMap<>();
  /** The change whose frames are cached below: each change is encoded once per view, not per socket. */
  private TopicChange framesOf;
  private final Map<String, Frame> frames = new HashMap<>();

  public LiveGateway(Vertx vertx, Database db, TopicLog log, JWTAuth jwt, Revocations revocations,
      List<String> allowedOrigins) {
    this.vertx = vertx;
    this.db = db;
    this.log = log;
    this.jwt = jwt;
    this.allowedOrigins = allowedOrigins;
    // Created on its verticle's event loop: revocations (heard from any node) are handled there too.
    Context context = vertx.getOrCreateContext();
    revocations.listen(sids -> context.runOnContext(v -> sessionsRevoked(sids)));
  }

  /** Refuses upgrades to other paths and from foreign browser origins, before any frame flows. */
  public void handshake(ServerWebSocketHandshake hs) {
    if (!PATH.equals(hs.path())) {
      hs.reject(404);
      return;
    }
    String origin = hs.headers().get("Origin");
    if (origin != null && !originAllowed(origin, hs.headers().get("Host"))) {
      hs.reject(403);
      return;
    }
    hs.accept();
  }

  boolean originAllowed(String origin, String host) {
    if (allowedOrigins.contains(origin)) {
      return true;
    }
    // A page served by this node (or by the same host:port behind a proxy) may always connect.
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  public void connect(ServerWebSocket socket) {
    LiveConnection conn = new LiveConnection(socket);
    socket.textMessageHandler(text -> {
      if (conn.allowFrame()) {
        onFrame(conn, text);
      }
    });
    socket.binaryMessageHandler(b -> {
      if (conn.allowFrame()) {
        conn.error("BAD_FRAME", "send JSON text frames", null);
      }
    });
    socket.exceptionHandler(e -> socket.close());
    socket.closeHandler(v -> {
      conn.subscriptions.values().forEach(this::drop);
      signIn(conn, null, null);
    });
  }

  private void onFrame(LiveConnection conn, String text) {
    if (conn.authenticating != null) {
      // A subscribe right behind an auth frame must be judged with the new caller (audience views).
      conn.authenticating.onComplete(v -> onFrame(conn, text));
      return;
    }
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      conn.error("BAD_FRAME", "frames are JSON objects", null);
      return;
    }
    String op = msg.getValue("op") instanceof String s ? s : "";
    switch (op) {
      case "auth" -> auth(conn, msg);
      case "subscribe" -> subscribe(conn, msg);
      case "unsubscribe" -> unsubscribe(conn, msg);
      case "ping" -> conn.send(new JsonObject().put("type", "pong"));
      default -> conn.error("UNKNOWN_OP", "op must be auth, subscribe, unsubscribe or ping", null);
    }
  }

  private void auth(LiveConnection conn, JsonObject msg) {
    if (!(msg.getValue("token") instanceof String token)) {
      conn.error("UNAUTHENTICATED", "auth needs a token", null);
      return;
    }
    Promise<Void> done = Promise.promise();
    conn.authenticating = done.future();
    jwt.authenticate(new TokenCredentials(token)).onComplete(ar -> {
      conn.authenticating = null;
      if (ar.failed()) {
        // A failed auth frame signs the socket out: it must not keep a caller it can no longer prove.
        String code = ar.cause() instanceof ApiError a ? a.code() : "UNAUTHENTICATED";
        conn.error(code, "the token is invalid, expired or signed out; this connection is now anonymous", null);
        signIn(conn, null, null);
      } else {
        JsonObject principal = ar.result().principal();
        signIn(conn, Caller.fromPrincipal(principal), principal.getString("sid"));
        // vertx-auth-jwt keeps the token's exp among the user's attributes, not in the principal.
        long exp = ar.result().attributes().getValue("exp") instanceof Number n ? n.longValue() : 0;
        if (exp > 0) {
          expireAt(conn, exp);
        }
        conn.send(new JsonObject().put("type", "authenticated").put("userId", conn.caller.userId()).put("exp", exp));
      }
      done.complete();
    });
  }

  /**
   * A signed-in socket lives no longer than its access token: at {@code exp} (epoch seconds) it is
   * signed out (error TOKEN_EXPIRED, topics judged again) unless a fresh auth frame came first.
   */
  private void expireAt(LiveConnection conn, long exp) {
    long delay = exp * 1000 - System.currentTimeMillis();
    conn.expiry = vertx.setTimer(Math.max(1, delay), id -> {
      if (conn.expiry == id && conn.caller != null) {
        conn.expiry = -1;
        conn.error("TOKEN_EXPIRED", "the access token expired; send a fresh one in an auth frame", null);
        signIn(conn, null, null);
      }
    });
  }

  /**
   * Sets who the socket speaks for. When that changes (signed out, or another account), every topic
   * it follows is judged again for the new caller and starts over from a snapshot of what that
   * caller may see (or an error frame when they may not follow it any more).
   */
  private void signIn(LiveConnection conn, Caller caller, String sid) {
    if (conn.sid != null) {
      Set<LiveConnection> same = bySession.get(conn.sid);
      if (same != null && same.remove(conn) && same.isEmpty()) {
        bySession.remove(conn.sid);
      }
    }
    if (conn.expiry >= 0) {
      vertx.cancelTimer(conn.expiry); // the next auth frame (if any) brings its own expiry
      conn.expiry = -1;
    }
    boolean changed = !java.util.Objects.equals(conn.caller, caller);
    conn.caller = caller;
    conn.sid = sid;
    if (sid != null) {
      bySession.computeIfAbsent(sid, k -> new java.util.HashSet<>()).add(conn);
    }
    if (changed) {
      conn.epoch++;
      if (!conn.socket.isClosed()) {
        for (String topic : List.copyOf(conn.subscriptions.keySet())) {
          drop(conn.subscriptions.remove(topic));
          subscribe(conn, new JsonObject().put("topic", topic));
        }
      }
    }
  }

  private void sessionsRevoked(java.util.Collection<String> sids) {
    for (String sid : sids) {
      Set<LiveConnection> conns = bySession.remove(sid);
      if (conns != null) {
        for (LiveConnection conn : List.copyOf(conns)) {
          conn.error("SESSION_REVOKED", "this session was signed out; the connection is now anonymous", null);
          signIn(conn, null, null);
        }
      }
    }
  }

  private void subscribe(LiveConnection conn, JsonObject msg) {
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
    // The one access rule first (private events, organisers, the person themself), then the
    // source's own finer rule (results hidden until released).
    TopicAccess.require(db.pool(), conn.caller, topic)
        .compose(v -> source.canRead(db.pool(), conn.caller, TopicLog.idOf(topic)))
        .compose(allowed -> {
          if (!allowed) {
            return Future.failedFuture(new Refused(conn.caller == null ? "UNAUTHENTICATED" : "FORBIDDEN",
                conn.caller == null ? "sign in (auth frame) to follow " + topic : "you may not follow " + topic));
          }
          return source.view(db.pool(), conn.caller, TopicLog.idOf(topic)).compose(view -> {
            if (conn.epoch != epoch) {
              return Future.failedFuture(new Refused(STALE, "judged for a caller the socket no longer has"));
            }
            sub.view = view;
            // Listen first, then read: a change committed in between is buffered, not lost.
            return feed(topic).compose(feed -> {
              if (sub.closed) {
                return Future.succeededFuture();
              }
              feed.subscriptions.add(sub);
              return since == null ? sendSnapshot(sub) : resume(sub, since);
            });
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

  private void unsubscribe(LiveConnection conn, JsonObject msg) {
    Subscription sub = conn.subscriptions.remove(String.valueOf(msg.getValue("topic")));
    if (sub != null) {
      drop(sub);
    }
  }

  private Future<TopicFeed> feed(String topic) {
    TopicFeed feed = feeds.computeIfAbsent(topic, t -> new TopicFeed(vertx, t, log, this));
    return feed.ready().map(feed);
  }

  private void drop(Subscription sub) {
    sub.closed = true;
    TopicFeed feed = feeds.get(sub.topic);
    if (feed != null && feed.subscriptions.remove(sub) && feed.subscriptions.isEmpty()) {
      feeds.remove(sub.topic);
      feed.close();
    }
  }

  private Future<Void> sendSnapshot(Subscription sub) {
    return log.snapshot(sub.topic).map(s -> {
      if (!sub.closed) {
        sub.last = s.version();
        JsonObject data = sub.view.apply(s.data());
        if (sub.connection.send(new JsonObject().put("type", "snapshot").put("topic", s.topic())
            .put("version", s.version()).put("data", data).encode())) {
          sub.source.delivered(TopicLog.idOf(s.topic()), data, 1);
          if (sub.connection.socket.writeQueueFull() && !sub.connection.behind) {
            fallBehind(sub.connection);
          }
        }
      }
      return null;
    });
  }

  /** Replays what the client missed after {@code since}, or a snapshot if the log cannot. */
  private Future<Void> resume(Subscription sub, long since) {
    return log.since(sub.topic, since).compose(changes -> {
      if (changes == null) {
        return sendSnapshot(sub);
      }
      sub.last = since;
      changes.forEach(c -> send(sub, c));
      reportDeliveries();
      return Future.succeededFuture();
    });
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
      catchUp(sub);
    }
  }

  private void drainPending(Subscription sub) {
    while (!sub.pending.isEmpty() && !sub.closed) {
      Entry<Long, TopicChange> first = sub.pending.firstEntry();
      if (first.getKey() <= sub.last) {
        sub.pending.pollFirstEntry();
      } else if (first.getKey() == sub.last + 1) {
        sub.pending.pollFirstEntry();
        send(sub, first.getValue());
      } else {
        catchUp(sub);
        break;
      }
    }
    reportDeliveries();
  }

  /** This subscriber is behind the feed (it joined from an older snapshot): fill from the log. */
  private void catchUp(Subscription sub) {
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

  private void send(Subscription sub, TopicChange c) {
    sub.last = c.version();
    LiveConnection conn = sub.connection;
    if (conn.behind) {
      // A slow reader: nothing more is buffered for it; once its socket drains it gets the newest
      // snapshot instead of every delta it missed, so its memory stays bounded and its state exact.
      sub.skipped = true;
      return;
    }
    Frame frame = frame(sub.view, sub.source, c);
    if (conn.send(frame.text)) {
      frame.sockets++;
    }
    if (conn.socket.writeQueueFull()) {
      fallBehind(conn);
    }
  }

  private void fallBehind(LiveConnection conn) {
    conn.behind = true;
    conn.socket.drainHandler(v -> {
      conn.socket.drainHandler(null);
      conn.behind = false;
      for (Subscription sub : List.copyOf(conn.subscriptions.values())) {
        if (sub.skipped && sub.ready && !sub.closed) {
          resync(sub);
        }
      }
    });
  }

  /** Skips a subscription that fell behind to the newest state: a snapshot, then live deltas after it. */
  private void resync(Subscription sub) {
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

  /** The delta frame of {@code c} as {@code view} sees it, encoded once for all sockets with that view. */
  private Frame frame(TopicView view, TopicSource source, TopicChange c) {
    if (framesOf != c) {
      reportDeliveries();
      framesOf = c;
    }
    Frame frame = frames.get(view.key());
    if (frame == null) {
      JsonObject data = view.apply(c.delta());
      frame = new Frame(source, data, new JsonObject().put("type", "delta").put("topic", c.topic())
          .put("version", c.version()).put("data", data).encode());
      frames.put(view.key(), frame);
    }
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
  }

  private static final class Frame {
    final TopicSource source;
    final JsonObject data;
    final String text;
    int sockets;

    Frame(TopicSource source, JsonObject data, String text) {
      this.source = source;
      this.data = data;
      this.text = text;
    }
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
