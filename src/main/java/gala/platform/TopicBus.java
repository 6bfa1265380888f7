package gala.platform;

import io.vertx.core.Vertx;

/**
 * Carries committed topic changes over the (possibly clustered) event bus. Best effort by design:
 * live clients detect gaps by version and fill them from the database log.
 */
public final class TopicBus {
  private static final String PREFIX = "gala.topic.";
  private final Vertx vertx;

  public TopicBus(Vertx vertx) {
    this.vertx = vertx;
  }

  public static String address(String topic) {
    return PREFIX + topic;
  }

  public void publish(TopicChange change) {
    vertx.eventBus().publish(address(change.topic()), change.toJson());
  }
}
