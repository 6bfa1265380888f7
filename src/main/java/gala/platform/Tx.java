package gala.platform;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One open PostgreSQL transaction, plus the topic changes it made. The changes are published on
 * the event bus only after the transaction commits (see {@link Database#inTransaction}).
 *
 * <p>Work on topics that many transactions share (a person's {@code user:} topic) is deferred to
 * the end of the transaction and run in the order of its key ({@link #defer}), so every
 * transaction, also one that carries a group of writes, takes those locks in one global order
 * after its competition's: no lock cycle between two transactions, so no deadlock to retry.
 */
public record Tx(SqlConnection conn, List<TopicChange> changes, TreeMap<String, Deferred<?>> deferred,
    Map<String, Object> kept) {

  public Tx(SqlConnection conn, List<TopicChange> changes) {
    this(conn, changes, new TreeMap<>(), new HashMap<>());
  }

  /**
   * State a write computed and the next write of the same transaction may reuse (a competition's
   * board after a mark, when a group of marks shares the transaction). Whoever rolls back to a
   * savepoint forgets all of it ({@link #undoSince}), so nothing kept outlives what it describes.
   */
  public Object kept(String key) {
    return kept.get(key);
  }

  public void keep(String key, Object value) {
    kept.put(key, value);
  }

  public void forget(String key) {
    kept.remove(key);
  }

  /** How far the topic changes go now: the mark {@link #undoSince} returns to. */
  public int mark() {
    return changes.size();
  }

  /**
   * After a rollback to a savepoint taken at {@code mark}: drops the topic changes made since and
   * everything kept, so neither outlives the writes it described.
   */
  public void undoSince(int mark) {
    changes.subList(mark, changes.size()).clear();
    kept.clear();
  }

  /** One piece of deferred work: its state, gathered by the writes, and what runs at the end. */
  public static final class Deferred<T> {
    final T state;
    final Function<T, Future<?>> work;

    Deferred(T state, Function<T, Future<?>> work) {
      this.state = state;
      this.work = work;
    }
  }

  /**
   * The state of the deferred work under {@code key}, registering it (with {@code work}, run once at
   * the end of the transaction, keys in order) on first use: writes add to the state, say the
   * entries whose owner's topic needs their rows.
   */
  @SuppressWarnings("unchecked")
  public <T> T defer(String key, Supplier<T> state, Function<T, Future<?>> work) {
    return (T) deferred.computeIfAbsent(key, k -> new Deferred<>(state.get(), work)).state;
  }

  /** Runs the deferred work in key order; called by whoever commits the transaction, just before. */
  public Future<Void> runDeferred() {
    if (deferred.isEmpty()) {
      return Future.succeededFuture();
    }
    Deferred<?> d = deferred.pollFirstEntry().getValue();
    return run(d).compose(v -> runDeferred());
  }

  private static <T> Future<Void> run(Deferred<T> d) {
    return d.work.apply(d.state).mapEmpty();
  }
}
