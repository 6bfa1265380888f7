package gala.live;

import gala.platform.TopicBus;
import gala.platform.TopicChange;
import gala.platform.TopicLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * This node's feed of one topic: one event-bus consumer for all local subscribers. It puts the
 * best-effort bus messages back into version order, filling any gap from the database log once for
 * all of this verticle's subscribers (one feed per topic per HTTP verticle instance), then hands
 * each change, in order, to every subscription.
 */
final class TopicFeed {
  private final String topic;
  private final TopicLog log;
  private final FanOut fanOut;
  private final MessageConsumer<JsonObject> consumer;
  private final Set<Subscription> subscriptions = new LinkedHashSet<>();
  /** The subscriptions as an array, rebuilt when one joins or leaves, not per change. */
  private Subscription[] each = new Subscription[0];
  private final TreeMap<Long, TopicChange> early = new TreeMap<>();
  private long last = -1;
  private boolean fetching;

  TopicFeed(Vertx vertx, String topic, TopicLog log, FanOut fanOut) {
    this.topic = topic;
    this.log = log;
    this.fanOut = fanOut;
    this.consumer = vertx.eventBus().consumer(TopicBus.address(topic), m -> onChange(TopicChange.fromJson(m.body())));
  }

  /** Completes once the consumer is registered (cluster-wide), so no later change can be missed. */
  Future<Void> ready() {
    return consumer.completion();
  }

  void add(Subscription sub) {
    if (subscriptions.add(sub)) {
      each = subscriptions.toArray(new Subscription[0]);
    }
  }

  boolean remove(Subscription sub) {
    if (subscriptions.remove(sub)) {
      each = subscriptions.toArray(new Subscription[0]);
      return true;
    }
    return false;
  }

  boolean isEmpty() {
    return subscriptions.isEmpty();
  }

  Future<Void> close() {
    return consumer.unregister();
  }

  private void onChange(TopicChange change) {
    if (last >= 0 && change.version() <= last) {
      return;
    }
    if (last < 0 || change.version() == last + 1) {
      emit(change);
      drainEarly();
      return;
    }
    early.put(change.version(), change);
    if (!fetching) {
      fetching = true;
      log.since(topic, last).onComplete(ar -> {
        fetching = false;
        if (ar.succeeded() && ar.result() != null) {
          ar.result().forEach(c -> {
            if (c.version() > last) {
              emit(c);
            }
          });
        } else {
          // The log no longer reaches back: take the newest change as the new baseline;
          // each subscription that lacks something resyncs on its own.
          last = -1;
        }
        drainEarly();
      });
    }
  }

  private void drainEarly() {
    while (!early.isEmpty()) {
      long first = early.firstKey();
      if (last >= 0 && first <= last) {
        early.pollFirstEntry();
      } else if (last < 0 || first == last + 1) {
        emit(early.pollFirstEntry().getValue());
      } else {
        return;
      }
    }
  }

  private void emit(TopicChange change) {
    last = change.version();
    // The array is replaced, never changed, when a subscription joins or leaves during the loop.
    for (Subscription s : each) {
      fanOut.offer(s, change);
    }
    fanOut.reportDeliveries();
  }
}
