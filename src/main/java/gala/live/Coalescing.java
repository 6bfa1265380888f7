package gala.live;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Concurrent asks for the same key share one read: an ask while a read of that key is under way
 * waits for the next read, which then answers every ask that came in the meantime (a crowd of
 * sockets joining a topic at once costs two reads, not one per socket). Each ask's read starts
 * after the ask, so its answer is never older than the moment it was asked. One per gateway, used
 * on its event loop only.
 */
final class Coalescing<K, T> {
  private final Function<K, Future<T>> read;
  private final Map<K, Reads> reads = new HashMap<>();

  Coalescing(Function<K, Future<T>> read) {
    this.read = read;
  }

  Future<T> next(K key) {
    return reads.computeIfAbsent(key, Reads::new).next();
  }

  private final class Reads {
    private final K key;
    private boolean reading;
    private List<Promise<T>> waiting = new ArrayList<>();

    Reads(K key) {
      this.key = key;
    }

    Future<T> next() {
      Promise<T> asked = Promise.promise();
      waiting.add(asked);
      if (!reading) {
        start();
      }
      return asked.future();
    }

    private void start() {
      List<Promise<T>> batch = waiting;
      waiting = new ArrayList<>();
      reading = true;
      read.apply(key).onComplete(ar -> {
        reading = false;
        if (!waiting.isEmpty()) {
          start();
        } else {
          reads.remove(key);
        }
        batch.forEach(p -> p.handle(ar));
      });
    }
  }
}
