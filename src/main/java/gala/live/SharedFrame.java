package gala.live;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One text frame (a delta, or a snapshot several sockets asked for at once) written to many
 * sockets: its UTF-8 bytes are encoded once, into direct memory, and every socket gets a view of
 * them ({@link ByteBuf#duplicate}: own read position, no copy). Written
 * with {@code writeTextMessage(String)} instead, each socket would encode the text again, allocate
 * its bytes on the heap and copy them into direct memory on the way out.
 * <p>The bytes are wrapped with {@code doFree} off: no socket's release frees them, the garbage
 * collector does once the last socket has written them.
 */
final class SharedFrame {
  /**
   * Frames above this go out the ordinary way, split into continuation frames as the server's
   * {@code maxWebSocketFrameSize} (64 KiB) asks; a single larger frame would be refused by a client
   * with the default limit.
   */
  static final int MAX_SHARED = 64 * 1024;
  final String text;
  private final ByteBuf bytes;

  SharedFrame(String text) {
    this.text = text;
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_SHARED) {
      bytes = Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(utf8.length).put(utf8).flip());
    } else {
      bytes = null;
    }
  }

  /** False when the socket is already closed (nothing is written). */
  boolean writeTo(LiveConnection conn) {
    if (conn.socket.isClosed()) {
      return false;
    }
    if (bytes == null) {
      conn.socket.writeTextMessage(text);
    } else {
      conn.socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes.duplicate(), true));
    }
    return true;
  }
}
