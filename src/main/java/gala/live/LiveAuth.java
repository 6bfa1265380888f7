package gala.live;

import gala.platform.ApiError;
import gala.platform.Caller;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who a socket speaks for: auth frames, the access token's expiry and revoked sessions. When the
 * caller changes, every topic the socket follows is judged again ({@link Subscribing#rejudge}).
 * One per gateway, on its event loop.
 */
final class LiveAuth {
  private final Vertx vertx;
  private final JWTAuth jwt;
  private final Subscribing subscribing;
  /** This gateway's signed-in sockets by session, to sign them out when the session is revoked. */
  private final Map<String, Set<LiveConnection>> bySession = new HashMap<>();

  LiveAuth(Vertx vertx, JWTAuth jwt, Subscribing subscribing) {
    this.vertx = vertx;
    this.jwt = jwt;
    this.subscribing = subscribing;
  }

  void auth(LiveConnection conn, JsonObject msg) {
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
  void signIn(LiveConnection conn, Caller caller, String sid) {
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
    boolean changed = !Objects.equals(conn.caller, caller);
    conn.caller = caller;
    conn.sid = sid;
    if (sid != null) {
      bySession.computeIfAbsent(sid, k -> new HashSet<>()).add(conn);
    }
    if (changed) {
      conn.epoch++;
      if (!conn.socket.isClosed()) {
        subscribing.rejudge(conn);
      }
    }
  }

  void sessionsRevoked(Collection<String> sids) {
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
}
