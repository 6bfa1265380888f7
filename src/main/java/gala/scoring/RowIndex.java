package gala.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A board's current score rows by entry (as the entry and as the opponent), for its first
 * {@code indexed} rows. Every check of a mark reads its entry's rows, and a pass over all of a
 * board's rows per mark grew with the board. The boards a batch of marks makes from one another
 * ({@link Board#with}, {@link Board#storedAs}) share it, as their first rows are the same; the few
 * rows after those are read in passing, and past {@link #UNINDEXED} of them it is made anew. Rows
 * under placeholder ids (a batch's, see MarkSet: negative) are never in it, so the board with the
 * rows as stored may share it.
 */
record RowIndex(Map<Long, List<ScoreRow>> byEntry, int indexed) {
  private static final int UNINDEXED = 64;

  static RowIndex of(List<ScoreRow> current, int entries) {
    int end = 0;
    while (end < current.size() && current.get(end).id() >= 0) {
      end++;
    }
    Map<Long, List<ScoreRow>> byEntry = new HashMap<>(entries * 4 / 3 + 1);
    for (int i = 0; i < end; i++) {
      ScoreRow s = current.get(i);
      byEntry.computeIfAbsent(s.entryId(), e -> new ArrayList<>()).add(s);
      if (s.opponentEntryId() != null) {
        byEntry.computeIfAbsent(s.opponentEntryId(), e -> new ArrayList<>()).add(s);
      }
    }
    return new RowIndex(byEntry, end);
  }

  /** Too many rows of {@code current} are past the index. */
  boolean stale(List<ScoreRow> current) {
    return current.size() - indexed > UNINDEXED;
  }

  /** The entry's rows of the round in {@code current} (whose first {@code indexed} rows this indexes), in order. */
  List<ScoreRow> rows(List<ScoreRow> current, long entryId, int round) {
    List<ScoreRow> out = new ArrayList<>();
    for (ScoreRow s : byEntry.getOrDefault(entryId, List.of())) {
      if (s.round() == round) {
        out.add(s);
      }
    }
    for (int i = indexed; i < current.size(); i++) {
      ScoreRow s = current.get(i);
      if (s.round() == round && (s.entryId() == entryId || (s.opponentEntryId() != null && s.opponentEntryId() == entryId))) {
        out.add(s);
      }
    }
    return out;
  }
}
