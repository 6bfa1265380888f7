package gala.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts attempts per key (an account, an address) in a sliding window and refuses the one past
 * the limit, saying how long until a slot frees up. The state lives in this node's memory: on a
 * cluster each node counts its own share (a client spreading attempts over N nodes gets at most N
 * times the limit), and a restart forgets it — acceptable for slowing guessing down, which is all
 * a throttle does; nothing that must be exact (capacity, quotas) is counted here. No Vert.x: safe
 * from any thread.
 */
public final class Throttle {
  /** The most attempts per key in any window of this length. */
  public record Limit(String name, int max, Duration window) {}

  private final Limit limit;
  private final LongSupplier clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private long nextSweep;

  public Throttle(Limit limit, LongSupplier millisClock) {
    this.limit = limit;
    this.clock = millisClock;
  }

  public Throttle(Limit limit) {
    this(limit, System::currentTimeMillis);
  }

  public Limit limit() {
    return limit;
  }

  /**
   * Counts an attempt for {@code key}: 0 when it may go ahead, else the whole seconds to wait
   * (at least 1) before the next one may; a refused attempt is not counted.
   */
  public long acquire(String key) {
    long now = clock.getAsLong();
    sweep(now);
    Window w = windows.computeIfAbsent(key, k -> new Window(limit.max()));
    synchronized (w) {
      long wait = w.waitMillis(now, limit.window().toMillis());
      if (wait > 0) {
        return Math.max(1, (wait + 999) / 1000);
      }
      w.add(now);
      return 0;
    }
  }

  /** Takes back the newest attempt of {@code key} (it turned out fine: a correct password). */
  public void forgive(String key) {
    Window w = windows.get(key);
    if (w != null) {
      synchronized (w) {
        w.removeNewest();
      }
    }
  }

  /** Forgets every attempt of {@code key}. */
  public void reset(String key) {
    windows.remove(key);
  }

  /** Drops keys with no attempt left in the window, at most once per window length. */
  private void sweep(long now) {
    long windowMillis = limit.window().toMillis();
    if (now < nextSweep) {
      return;
    }
    nextSweep = now + windowMillis;
    windows.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().newest() <= now - windowMillis;
      }
    });
  }

  /** The times of the last {@code max} attempts, oldest first, in a ring. */
  private static final class Window {
    private final long[] times;
    private int start;
    private int size;

    Window(int max) {
      times = new long[max];
    }

    long waitMillis(long now, long windowMillis) {
      while (size > 0 && times[start] <= now - windowMillis) {
        start = (start + 1) % times.length;
        size--;
      }
      return size < times.length ? 0 : times[start] + windowMillis - now;
    }

    void add(long now) {
      times[(start + size) % times.length] = now;
      size++;
    }

    void removeNewest() {
      if (size > 0) {
        size--;
      }
    }

    long newest() {
      return size == 0 ? Long.MIN_VALUE : times[(start + size - 1) % times.length];
    }
  }
}
