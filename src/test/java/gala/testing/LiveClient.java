package gala.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client of /ws that queues every frame it receives, for tests to take in order. */
public final class LiveClient implements AutoCloseable {
  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  private LiveClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(t -> frames.add(new JsonObject(t)));
    socket.closeHandler(v -> closed = true);
  }

  public static LiveClient connect(Vertx vertx, int port) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
        .setMaxMessageSize(1 << 20));
    try {
      WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
          .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      return new LiveClient(client, ws);
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to /ws", e);
    }
  }

  public WebSocket socket() {
    return socket;
  }

  public void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }

  public void subscribe(String topic, Long since) {
    JsonObject f = new JsonObject().put("op", "subscribe").put("topic", topic);
    if (since != null) {
      f.put("since", since);
    }
    send(f);
  }

  /** The next frame, failing the test if none comes within 15 s. */
  public JsonObject next() {
    try {
      JsonObject f = frames.poll(15, TimeUnit.SECONDS);
      if (f == null) {
        throw new AssertionError("no frame arrived within 15 s");
      }
      return f;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next frame if one arrives within {@code millis}, else null. */
  public JsonObject poll(long millis) {
    try {
      return frames.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    client.close();
  }
}
