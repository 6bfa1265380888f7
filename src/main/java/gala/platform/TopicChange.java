package gala.platform;

import io.vertx.core.json.JsonObject;

/** One committed change of a live topic: the version it produced and the delta from the previous one. */
public record TopicChange(String topic, long version, JsonObject delta) {

  public JsonObject toJson() {
    return new JsonObject().put("topic", topic).put("version", version).put("delta", delta);
  }

  public static TopicChange fromJson(JsonObject json) {
    return new TopicChange(json.getString("topic"), json.getLong("version"), json.getJsonObject("delta"));
  }
}
