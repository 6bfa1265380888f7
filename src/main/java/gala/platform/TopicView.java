package gala.platform;

import io.vertx.core.json.JsonObject;

/**
 * What one subscriber may see of a topic: applied by the live gateway to every snapshot and delta it
 * sends, so hidden parts never leave the server. A filtered delta keeps its version (possibly as
 * {@code {}}), so every subscriber still sees gap-free versions.
 */
public interface TopicView {
  /** Sees everything: the view of topics without per-subscriber rules. */
  TopicView ALL = new TopicView() {
    @Override
    public String key() {
      return "";
    }

    @Override
    public JsonObject apply(JsonObject snapshotOrDelta) {
      return snapshotOrDelta;
    }
  };

  /** Views with equal keys show the same thing, so the gateway encodes a frame once per key. */
  String key();

  /** The part of a snapshot or delta this subscriber may see; must not modify its argument. */
  JsonObject apply(JsonObject snapshotOrDelta);
}
