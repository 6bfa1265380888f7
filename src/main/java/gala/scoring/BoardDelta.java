package gala.scoring;

import gala.platform.JsonDiff;
import gala.scoring.rules.HeadToHead;
import gala.scoring.rules.Standings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The scoreboard delta between two states of one board that differ by score rows (marks, match
 * results, corrections): the rows whose standing line changed (the marked entry, and in every
 * format, heats and head-to-head tables included, the entries whose rank, tie or points moved) and
 * the new order when it changed. Only those rows are rendered; the lines themselves come from the
 * pure rules, which rank the whole round anyway. Anything beyond rows (a round or its status, the
 * field, heats, visibility, medals) falls back to the full diff of both snapshots, which gives the
 * same delta the slow way: the property test holds both to "snapshot + deltas == recompute".
 */
final class BoardDelta {
  private BoardDelta() {}

  static JsonObject between(Board before, Board after) {
    if (!sameFrame(before, after)) {
      return JsonDiff.diff(before.snapshot(), after.snapshot());
    }
    Board.RoundView r0 = before.currentRound();
    Board.RoundView r1 = after.currentRound();
    JsonArray upsert = new JsonArray();
    // The rows whose line moved only in place (rank, tie): their rank and tie alone, not the whole
    // row again. A mark that lifts an entry past hundreds moved hundreds of ranks: at 800 entries
    // the full rows made the scoreboard's log appends 1.7 ms each and a checkpoint's read of 64 of
    // them 334 ms (ScoringBench -Dbench.saturationEntries=800, pg_stat_statements).
    JsonArray patch = new JsonArray();
    List<Long> order0 = new ArrayList<>(r0.field().size());
    List<Long> order1 = new ArrayList<>(r1.field().size());
    // Whether any row's facts beside its line may differ: asked once per delta, not per row (the two
    // boards usually share both sets), and per row only when they do not.
    boolean factsMayMove = !sameFacts(before, after);
    if (r1.table() != null) {
      Map<Long, HeadToHead.Standing> old = new HashMap<>(r0.table().size() * 4 / 3 + 1);
      for (HeadToHead.Standing s : r0.table()) {
        old.put(s.entryId(), s);
        order0.add(s.entryId());
      }
      for (HeadToHead.Standing s : r1.table()) {
        order1.add(s.entryId());
        if (!s.equals(old.get(s.entryId())) || factsMayMove && rowFactsMoved(before, after, s.entryId())) {
          upsert.add(BoardSnapshot.row(after, s));
        }
      }
    } else {
      Map<Long, Standings.Line> old = new HashMap<>(r0.lines().size() * 4 / 3 + 1);
      for (Standings.Line l : r0.lines()) {
        old.put(l.entryId(), l);
        order0.add(l.entryId());
      }
      for (Standings.Line l : r1.lines()) {
        order1.add(l.entryId());
        Standings.Line was = old.get(l.entryId());
        boolean factsMoved = factsMayMove && rowFactsMoved(before, after, l.entryId());
        if (l != was && !l.equals(was) || factsMoved) {
          if (onlyPlaceMoved(was, l) && !after.finalOfficial() && !factsMoved) {
            patch.add(new JsonObject().put("id", l.entryId()).put("rank", l.rank()).put("tied", l.tied()));
          } else {
            upsert.add(BoardSnapshot.row(after, l));
          }
        }
      }
    }
    // Both rounds rank the same field (sameFrame), so the same entries: a changed order is a reordering
    // of them. (Their sets were compared here; a round's lines are its field's, whatever the format.)
    if (order0.size() != order1.size()) {
      return JsonDiff.diff(before.snapshot(), after.snapshot());
    }
    JsonObject rows = new JsonObject();
    if (!upsert.isEmpty()) {
      rows.put("upsert", upsert);
    }
    if (!patch.isEmpty()) {
      rows.put("patch", patch);
    }
    if (!order0.equals(order1)) {
      rows.put("order", new JsonArray(new ArrayList<>(order1)));
    }
    return rows.isEmpty() ? new JsonObject() : new JsonObject().put("lists", new JsonObject().put("rows", rows));
  }

  /**
   * Everything a snapshot shows beside its rows, and everything every row depends on beside its
   * line, is the same on both boards: then only lines can differ.
   */
  private static boolean sameFrame(Board a, Board b) {
    if (a.hidden || b.hidden || a.rounds().size() != b.rounds().size() || a.finalOfficial() != b.finalOfficial()
        || !a.entries.equals(b.entries) || !a.seats.equals(b.seats) || !a.records.equals(b.records)) {
      return false;
    }
    for (int i = 0; i < a.rounds().size(); i++) {
      Board.RoundView x = a.rounds().get(i);
      Board.RoundView y = b.rounds().get(i);
      if (!Objects.equals(x.status(), y.status()) || !Objects.equals(x.publishedAt(), y.publishedAt())
          || !x.field().equals(y.field()) || !x.heats().equals(y.heats())) {
        return false;
      }
    }
    Board.RoundView r0 = a.currentRound();
    Board.RoundView r1 = b.currentRound();
    return (r0.table() == null) == (r1.table() == null) && r0.official() == r1.official();
  }

  /**
   * Only the entry's place changed: the same result, marks and status, both ranked (a row's record
   * flags follow whether it is ranked, and its team points only an official final's rank).
   */
  private static boolean onlyPlaceMoved(Standings.Line was, Standings.Line now) {
    return was != null && was.rank() != null && now.rank() != null
        && new Standings.Line(now.entryId(), was.rank(), now.result(), now.status(), now.complete(), now.have(), now.need(),
            now.decidedBy(), was.tied(), now.work()).equals(was);
  }

  /** No row's facts beside its line can differ: both boards have the same corrected and advancing entries. */
  private static boolean sameFacts(Board a, Board b) {
    return a.correctedAfterPublication.equals(b.correctedAfterPublication)
        && a.currentRound().advancing().equals(b.currentRound().advancing());
  }

  /** A row's facts beside its line: corrected after publication, advancing from an official round. */
  private static boolean rowFactsMoved(Board a, Board b, long entryId) {
    return a.correctedAfterPublication.contains(entryId) != b.correctedAfterPublication.contains(entryId)
        || a.currentRound().advancing().contains(entryId) != b.currentRound().advancing().contains(entryId);
  }
}
