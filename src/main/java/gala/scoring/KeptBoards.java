package gala.scoring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per competition, the board as this node's last batch of marks left it (ranked, in memory), so
 * the next batch need not read and rank every entry and score row again: PostgreSQL stays the
 * truth, and a kept board stands in for the competition's entries and score rows only while the
 * scoreboard topic's row is still the one that batch wrote, same version, same writing transaction
 * ({@code xmin}). Every write that changes entries or scores moves the scoreboard (a delta or a
 * refresh updates that row), also on another node, so it makes the kept board stale; a batch that
 * rolled back never wrote the row it was kept for. What else a board holds (format, rounds,
 * declarations, records, judges) is read every time and compared ({@link Board#load}). Bounded:
 * the boards of the competitions scored most recently.
 */
final class KeptBoards {
  private static final int MAX = 256;

  private record Kept(Board board, long version, long writer) {}

  private final Map<Long, Kept> boards = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Kept> eldest) {
      return size() > MAX;
    }
  };

  synchronized Board get(long competitionId) {
    Kept k = boards.get(competitionId);
    return k == null ? null : k.board();
  }

  /** Whether {@code board} is still the kept one and the topic row is still the one its batch wrote. */
  synchronized boolean stillCurrent(long competitionId, Board board, long version, long writer) {
    Kept k = boards.get(competitionId);
    boolean current = k != null && k.board() == board && k.version() == version && k.writer() == writer;
    if (!current && k != null && k.board() == board) {
      boards.remove(competitionId);
    }
    return current;
  }

  /** After a batch appended its delta (version {@code version}, in transaction {@code writer}); ranked before it is shared. */
  synchronized void put(long competitionId, Board board, long version, long writer) {
    board.rounds();
    boards.put(competitionId, new Kept(board, version, writer));
  }
}
