package gala.scoring;

import io.vertx.core.json.JsonObject;

/**
 * The marks one transaction stored on one competition's board (a group commit's batch, see
 * gala.platform.GroupCommit), waiting to become ONE scoreboard delta at the end of the transaction
 * ({@link ScoringService#flush}): one topic version, one log row and one frame per screen for the
 * lot, however many marks it carries. Every mark of the batch answers the version that delta will
 * have ({@link #promised}), known in advance because the competition's results lock, held from the
 * first mark to the commit, keeps every other writer of the scoreboard out.
 *
 * <p>Lives in the transaction's deferred work, which a savepoint rollback does not undo; the board
 * it holds is trusted only while the transaction still keeps it (see ScoringService's Warm), else
 * the flush reads the board again from the database, which then holds exactly the marks that stayed.
 */
final class MarkBatch {
  final long competitionId;
  /** The board as the topic shows it before the batch's first mark; null until a mark starts the batch. */
  Board from;
  /** The topic's version at {@link #from}. */
  long fromVersion;
  /** The board with every mark of the batch so far. */
  Board board;
  boolean marked;
  /** This transaction's id as the scoreboard's topic row will name it once the batch's delta is appended (0: unknown). */
  long writer;

  MarkBatch(long competitionId) {
    this.competitionId = competitionId;
  }

  boolean started() {
    return from != null;
  }

  void start(Board board, long version) {
    this.from = board;
    this.fromVersion = version;
  }

  /** The version the batch's delta will have: a hidden board's topic does not move. */
  long promised() {
    return from.hidden ? fromVersion : fromVersion + 1;
  }

  void marked(Board after) {
    board = after;
    marked = true;
  }

  /** After the delta was appended (or another write of the scoreboard took over): the next mark starts anew. */
  void reset() {
    from = null;
    writer = 0;
    board = null;
    marked = false;
  }

  /**
   * A delta that moved nothing on a shown board would leave the marks' promised version unmade: a
   * field set to the value it has keeps "snapshot + deltas == recompute" and still makes the version.
   */
  static JsonObject nonEmpty(JsonObject delta, long competitionId) {
    return delta.isEmpty() ? new JsonObject().put("set", new JsonObject().put("competitionId", competitionId)) : delta;
  }
}
