package gala.live;

import gala.platform.Caller;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/** One WebSocket client: who it is (after an auth frame) and what it follows. */
final class LiveConnection {
  static final int MAX_SUBSCRIPTIONS = 64;
  /** Frames a client may send in a burst, and per second after it (a page subscribes a dozen topics at once). */
  static final int FRAME_BURST = 100;
  static final int FRAMES_PER_SECOND = 20;
  private double frameCredit = FRAME_BURST;
  private long creditAt = System.nanoTime();
  private boolean toldOff;
  final ServerWebSocket socket;
  Caller caller;
  /** The session of the access token that signed the socket in (its {@code sid}), null when anonymous. */
  String sid;
  /** The timer that signs the socket out when its access token expires; -1 when none. */
  long expiry = -1;
  /** Counts changes of caller, so a subscription judged for an earlier caller is judged again. */
  int epoch;
  /** Set while an auth frame is being checked: later frames wait for it, so they see the caller. */
  Future<Void> authenticating;
  final Map<String, Subscription> subscriptions = new HashMap<>();
  /** The socket's write queue was full: frames are skipped until it drains (see LiveGateway#send). */
  boolean behind;

  LiveConnection(ServerWebSocket socket) {
    this.socket = socket;
  }

  /**
   * Whether the next frame from the client may be handled (a token bucket); a frame beyond the rate
   * is dropped, and the client hears it once per burst (error TOO_MANY_MESSAGES).
   */
  boolean allowFrame() {
    long now = System.nanoTime();
    frameCredit = Math.min(FRAME_BURST, frameCredit + (now - creditAt) * FRAMES_PER_SECOND / 1e9);
    creditAt = now;
    if (frameCredit >= 1) {
      frameCredit -= 1;
      toldOff = false;
      return true;
    }
    if (!toldOff) {
      toldOff = true;
      error("TOO_MANY_MESSAGES", "more than " + FRAMES_PER_SECOND + " frames a second; frames were dropped", null);
    }
    return false;
  }

  void send(JsonObject frame) {
    send(frame.encode());
  }

  /** False when the socket is already closed (the frame is dropped). */
  boolean send(String frame) {
    if (!socket.isClosed()) {
      socket.writeTextMessage(frame);
      return true;
    }
    return false;
  }

  void error(String code, String message, String topic) {
    JsonObject frame = new JsonObject().put("type", "error").put("code", code).put("message", message);
    if (topic != null) {
      frame.put("topic", topic);
    }
    send(frame);
  }
}
