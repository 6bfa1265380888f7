package gala.scoring;

import java.util.HashMap;
import java.util.Map;

/**
 * Each entry's scored line of one round before ranking (judged: Standings.Scored; timed and
 * measured: Standings.Counted), as a board's ranking computed it. The board a batch of marks leaves
 * scores again only the entries its rows touched; the others' lines are the last ranked board's. So
 * the next board's lines are that board's under a few changed ones ({@link #derive}), not a copy of
 * them all: a map per batch with every entry of the field put in again was the largest part of a
 * batch's ranking (ScoringBench, JFR). Past {@link #LAYERED} changed lines the layers are merged.
 */
final class ScoredLines {
  private static final int LAYERED = 64;
  private final Map<Long, Object> base;
  private final Map<Long, Object> changed;

  private ScoredLines(Map<Long, Object> base, Map<Long, Object> changed) {
    this.base = base;
    this.changed = changed;
  }

  /** Empty, to be filled with a round's every entry. */
  static ScoredLines fresh(int entries) {
    return new ScoredLines(new HashMap<>(entries * 4 / 3 + 1), null);
  }

  /** These lines, to change a few of: this stays as it is. */
  ScoredLines derive() {
    if (changed == null) {
      return new ScoredLines(base, new HashMap<>());
    }
    if (changed.size() < LAYERED) {
      return new ScoredLines(base, new HashMap<>(changed));
    }
    Map<Long, Object> merged = new HashMap<>((base.size() + changed.size()) * 4 / 3 + 1);
    merged.putAll(base);
    merged.putAll(changed);
    return new ScoredLines(merged, new HashMap<>());
  }

  Object get(long entryId) {
    Object line = changed == null ? null : changed.get(entryId);
    return line != null ? line : base.get(entryId);
  }

  /** Only while the board that owns these lines is ranked: never once another board derives from them. */
  void put(long entryId, Object line) {
    (changed == null ? base : changed).put(entryId, line);
  }
}
