package gala.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's list of revoked sessions (the {@code sid} claim of access tokens), so a signed-in
 * request costs a map lookup, not a database round trip. Only sessions revoked within an access
 * token's lifetime matter (older tokens have expired anyway). The list is loaded from PostgreSQL
 * (table {@code sessions}) at start; a node that revokes a session tells every cluster member over
 * the event bus and waits (up to a few seconds) for each to confirm before it answers, so the
 * next request anywhere is refused; and every node re-reads the recent revocations every few
 * seconds in case a member missed the message (the bus is best effort; the database is the truth).
 */
public final class Revocations {
  public static final String ADDRESS = "gala.sessions.revoked";
  private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);
  static final long POLL_MILLIS = 5_000;
  static final long CONFIRM_MILLIS = 3_000;
  /** Re-read this far behind the newest revocation seen: a transaction commits after its now(). */
  private static final long OVERLAP_SECONDS = 60;
  private final Vertx vertx;
  private final Database db;
  private final long keepSeconds;
  /** sid -> when to forget it (epoch millis): once every access token of the session has expired. */
  private final Map<String, Long> revoked = new ConcurrentHashMap<>();
  private final List<Consumer<Collection<String>>> listeners = new CopyOnWriteArrayList<>();
  /** The cluster members' node ids (empty when not clustered) and this node's. */
  private final Supplier<Collection<String>> members;
  private final String self;
  private volatile OffsetDateTime cursor;
  private long timer = -1;

  /** {@code tokenSeconds}: the access tokens' lifetime (plus the verifier's leeway, added here). */
  public Revocations(Vertx vertx, Database db, long tokenSeconds, Supplier<Collection<String>> members, String self) {
    this.vertx = vertx;
    this.db = db;
    this.keepSeconds = tokenSeconds + 65;
    this.members = members;
    this.self = self;
  }

  /** Listens on the bus, then loads what the database knows, then polls. */
  public Future<Void> start() {
    return vertx.eventBus().<JsonArray>consumer(address(self), m -> {
          learn(strings(m.body()), System.currentTimeMillis());
          m.reply(true);
        })
        .completion()
        .compose(v -> poll())
        .onSuccess(v -> timer = vertx.setPeriodic(POLL_MILLIS, id -> poll()
            .onFailure(e -> LOG.debug("could not re-read revoked sessions: {}", e.getMessage()))));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  public boolean isRevoked(String sid) {
    return revoked.containsKey(sid);
  }

  /**
   * Tells every node (this one at once) that these sessions ended; completes when each member has
   * confirmed, or gave no answer within {@link #CONFIRM_MILLIS} (it then learns it from its next
   * poll). Call after the transaction that revoked them committed; never fails.
   */
  public Future<Void> announce(Collection<String> sids) {
    if (sids.isEmpty()) {
      return Future.succeededFuture();
    }
    learn(sids, System.currentTimeMillis());
    JsonArray body = new JsonArray(new ArrayList<>(sids));
    List<Future<?>> confirmations = new ArrayList<>();
    for (String node : members.get()) {
      if (!node.equals(self)) {
        confirmations.add(vertx.eventBus().request(address(node), body, new DeliveryOptions().setSendTimeout(CONFIRM_MILLIS))
            .onFailure(e -> LOG.warn("node {} did not confirm a session revocation ({}); it will read it within {} ms",
                node, e.getMessage(), POLL_MILLIS)));
      }
    }
    return Future.join(confirmations).<Void>mapEmpty().otherwiseEmpty();
  }

  private static String address(String node) {
    return ADDRESS + "." + node;
  }

  /** Called (on the announcing or polling thread) with newly revoked sids; run your own work on your context. */
  public void listen(Consumer<Collection<String>> listener) {
    listeners.add(listener);
  }

  private Future<Void> poll() {
    long now = System.currentTimeMillis();
    revoked.values().removeIf(forgetAt -> forgetAt < now);
    OffsetDateTime since = cursor;
    String sql = since == null
        ? "SELECT id::text, revoked_at FROM sessions WHERE revoked_at > now() - make_interval(secs => $1)"
        : "SELECT id::text, revoked_at FROM sessions WHERE revoked_at > $1::timestamptz - make_interval(secs => $2)";
    Tuple args = since == null ? Tuple.of((double) keepSeconds) : Tuple.of(since, (double) OVERLAP_SECONDS);
    return db.pool().preparedQuery(sql).execute(args).map(rows -> {
      List<String> fresh = new ArrayList<>();
      OffsetDateTime newest = since;
      for (Row r : rows) {
        OffsetDateTime at = r.getOffsetDateTime(1);
        long forgetAt = at.toInstant().toEpochMilli() + keepSeconds * 1000;
        if (forgetAt > now && !revoked.containsKey(r.getString(0))) {
          fresh.add(r.getString(0));
          revoked.put(r.getString(0), forgetAt);
        }
        newest = newest == null || at.isAfter(newest) ? at : newest;
      }
      cursor = newest != null ? newest : OffsetDateTime.now();
      if (!fresh.isEmpty()) {
        tell(fresh);
      }
      return null;
    });
  }

  private void learn(Collection<String> sids, long now) {
    List<String> fresh = new ArrayList<>();
    for (String sid : sids) {
      if (revoked.put(sid, now + keepSeconds * 1000) == null) {
        fresh.add(sid);
      }
    }
    if (!fresh.isEmpty()) {
      tell(fresh);
    }
  }

  private void tell(List<String> fresh) {
    for (Consumer<Collection<String>> l : listeners) {
      l.accept(fresh);
    }
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>(a.size());
    for (Object o : a) {
      if (o instanceof String s) {
        out.add(s);
      }
    }
    return out;
  }
}
