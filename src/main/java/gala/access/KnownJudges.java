package gala.access;

import gala.platform.Database;
import gala.platform.TopicBus;
import gala.platform.TopicChange;
import gala.platform.Tx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This node's recent "yes" to a judge of a competition, for the operations whose handler reads the
 * judge's seat again under the competition's results lock before it writes anything
 * ({@link #RECHECKED}: a mark, see gala.scoring MarkSet and Marking). For those the guard's query
 * only decides the refusal's wording and saves the handler nothing, yet it was a statement and a
 * round trip per mark; so a judge's second mark on the same node skips it. A "no" is never kept, and
 * no other rule or operation reads this.
 *
 * <p>Forgotten when the competition's panel changes ({@link #panelChanged}, in that transaction):
 * on this node at its commit, on every other node when the notice arrives over the event bus; and in
 * any case after {@link #TTL_SECONDS}, should a notice be lost. Between a removal's commit and the
 * notice, a removed judge's mark passes the guard here and is refused by the handler's seat check
 * under the lock (403 NOT_ASSIGNED_JUDGE), nothing stored.
 */
public final class KnownJudges {
  /** Operations (x-access: judge, on a competition) whose handler re-checks the seat under the results lock. */
  static final Set<String> RECHECKED = Set.of("submitScore");
  /** A notice, carried after commit like a topic change; no colon, so no topic source and no subscriber knows it. */
  static final String NOTICE = "access.panels";
  static final long TTL_SECONDS = 10;
  /** Competitions remembered at most; past it, everything is forgotten (a node scores a few hundred at a time). */
  private static final int MAX_COMPETITIONS = 4096;

  private record Known(Standing standing, long until) {}

  private final Map<Long, Map<Long, Known>> byCompetition = new ConcurrentHashMap<>();

  /** Listens for panel changes committed on this node and, over the event bus, on the others. */
  public KnownJudges(Vertx vertx, Database db) {
    db.onCommitted(c -> {
      if (NOTICE.equals(c.topic())) {
        forget(c.delta().getLong("competitionId"));
      }
    });
    vertx.eventBus().<JsonObject>consumer(TopicBus.address(NOTICE),
        m -> forget(TopicChange.fromJson(m.body()).delta().getLong("competitionId")));
  }

  /**
   * In the transaction that changes who judges {@code competitionId}: once it commits, every node
   * forgets its answers about that competition. (Version -1: not a topic's version; no checkpoint.)
   */
  public static void panelChanged(Tx tx, long competitionId) {
    tx.changes().add(new TopicChange(NOTICE, -1, new JsonObject().put("competitionId", competitionId)));
  }

  /** The standing that let {@code userId} judge the competition, while still fresh; else null. */
  Standing get(long competitionId, long userId) {
    Map<Long, Known> judges = byCompetition.get(competitionId);
    Known k = judges == null ? null : judges.get(userId);
    if (k == null) {
      return null;
    }
    if (System.nanoTime() - k.until() > 0) {
      judges.remove(userId, k);
      return null;
    }
    return k.standing();
  }

  /** Remembers a "yes" of a seated judge (never an admin's or an organiser's: their standing comes from elsewhere). */
  void put(long competitionId, long userId, Standing s) {
    if (!s.judge() || s.admin()) {
      return;
    }
    if (byCompetition.size() >= MAX_COMPETITIONS) {
      byCompetition.clear();
    }
    byCompetition.computeIfAbsent(competitionId, c -> new ConcurrentHashMap<>())
        .put(userId, new Known(s, System.nanoTime() + TimeUnit.SECONDS.toNanos(TTL_SECONDS)));
  }

  /** Whether this node holds any answer about the competition (tests watch the notice arrive). */
  public boolean holds(long competitionId) {
    Map<Long, Known> judges = byCompetition.get(competitionId);
    return judges != null && !judges.isEmpty();
  }

  void forget(long competitionId) {
    byCompetition.remove(competitionId);
  }
}
