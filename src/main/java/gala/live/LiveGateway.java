package gala.live;

import gala.platform.Database;
import gala.platform.Revocations;
import gala.platform.TopicLog;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.List;

/**
 * The WebSocket endpoint {@code /ws} (DESIGN.md section 7): snapshot on subscribe, gap-free
 * versioned deltas after each commit, and resume with {@code since} from the database log.
 * One gateway per HTTP verticle instance; all its state lives on that verticle's event loop.
 * This class takes the upgrade and dispatches the client's frames; the work is done by
 * {@link LiveAuth} (auth frames, expiry, revocation), {@link Subscribing} (subscribe, resume,
 * catch-up, resync) and {@link FanOut} (one committed change to every socket of its topic).
 */
public final class LiveGateway {
  public static final String PATH = "/ws";
  private final List<String> allowedOrigins;
  private final Subscribing subscribing;
  private final LiveAuth auth;

  public LiveGateway(Vertx vertx, Database db, TopicLog log, JWTAuth jwt, Revocations revocations,
      List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
    this.subscribing = new Subscribing(vertx, db, log);
    this.auth = new LiveAuth(vertx, jwt, subscribing);
    // Created on its verticle's event loop: revocations (heard from any node) are handled there too.
    Context context = vertx.getOrCreateContext();
    revocations.listen(sids -> context.runOnContext(v -> auth.sessionsRevoked(sids)));
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
      conn.subscriptions.values().forEach(subscribing::drop);
      auth.signIn(conn, null, null);
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
      case "auth" -> auth.auth(conn, msg);
      case "subscribe" -> subscribing.subscribe(conn, msg);
      case "unsubscribe" -> subscribing.unsubscribe(conn, msg);
      case "ping" -> conn.send(new JsonObject().put("type", "pong"));
      default -> conn.error("UNKNOWN_OP", "op must be auth, subscribe, unsubscribe or ping", null);
    }
  }
}
