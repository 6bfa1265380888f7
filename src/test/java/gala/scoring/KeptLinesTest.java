package gala.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import gala.scoring.rules.Format;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A board made from another by marks ({@link Board#with}) ranks its round scoring again only the
 * entries those marks touched, keeping the others' scored lines from the last ranked board; and a
 * mark set's board re-labelled with the stored rows ({@link Board#storedAs}) keeps its ranking. Both
 * must give exactly the standings of a board loaded afresh with the same rows: random marks and
 * corrections, ranked at random moments, on a trimmed panel with several attempts and tie-breaks,
 * and on timed attempts with DNFs.
 */
class KeptLinesTest {
  private static final JsonObject FORMAT = new JsonObject().put("type", "judged").put("aggregate", "trimmed_mean")
      .put("judges", 3).put("trim", 1).put("attempts", 2).put("combine", "sum").put("min", 0).put("max", 10).put("decimals", 2)
      .put("tieBreaks", new JsonArray().add("total_marks").add("highest_mark"));

  @Test
  void marksAndCorrectionsRankedIncrementallyGiveTheFreshStandings() {
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      Format format = Format.parse(io.vertx.core.json.Json.decodeValue(FORMAT.encode(), Map.class));
      int entries = 3 + random.nextInt(10);
      Board board = empty(format, entries);
      long nextId = 1;
      Map<String, ScoreRow> currentBySlot = new HashMap<>();
      for (int step = 0; step < 60; step++) {
        long entry = 1 + random.nextInt(entries);
        long judge = 1 + random.nextInt(3);
        int attempt = 1 + random.nextInt(2);
        String slot = entry + "/" + judge + "/" + attempt;
        ScoreRow earlier = currentBySlot.get(slot);
        // Few distinct values, so ties and tie-breaks happen.
        BigDecimal value = BigDecimal.valueOf(5 + random.nextInt(4));
        ScoreRow row = row(nextId++, entry, judge, attempt, value, earlier == null ? null : earlier.id());
        currentBySlot.put(slot, row);
        board = board.with(row);
        if (random.nextInt(4) == 0) {
          assertEquals(fresh(format, entries, board).rounds(), board.rounds(), "seed " + seed + " step " + step);
        }
      }
      assertEquals(fresh(format, entries, board).rounds(), board.rounds(), "seed " + seed);
    }
  }

  @Test
  void timedAttemptsRankedIncrementallyGiveTheFreshStandings() {
    JsonObject timed = new JsonObject().put("type", "timed").put("aggregate", "mean").put("attempts", 3).put("decimals", 2)
        .put("tieBreaks", new JsonArray().add("best_single"));
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      Format format = Format.parse(io.vertx.core.json.Json.decodeValue(timed.encode(), Map.class));
      int entries = 3 + random.nextInt(10);
      Board board = empty(format, entries);
      long nextId = 1;
      Map<String, ScoreRow> currentBySlot = new HashMap<>();
      for (int step = 0; step < 60; step++) {
        long entry = 1 + random.nextInt(entries);
        int attempt = 1 + random.nextInt(3);
        String slot = entry + "/" + attempt;
        ScoreRow earlier = currentBySlot.get(slot);
        boolean dnf = random.nextInt(6) == 0;
        ScoreRow row = new ScoreRow(nextId++, entry, 1, 1, attempt, dnf ? null : BigDecimal.valueOf(1000 + random.nextInt(5), 2)
            .setScale(4), null, dnf ? "DNF" : "VALUE", null, null, null, 1, earlier == null ? null : earlier.id(),
            earlier == null ? null : "fix", false, OffsetDateTime.now(), null, null, null);
        currentBySlot.put(slot, row);
        board = board.with(row);
        if (random.nextInt(4) == 0) {
          assertEquals(fresh(format, entries, board).rounds(), board.rounds(), "seed " + seed + " step " + step);
        }
      }
      assertEquals(fresh(format, entries, board).rounds(), board.rounds(), "seed " + seed);
    }
  }

  @Test
  void aSetsBoardWithItsStoredRowsKeepsTheRankingTheStoredRowsGive() {
    Format format = Format.parse(io.vertx.core.json.Json.decodeValue(FORMAT.encode(), Map.class));
    Board board = empty(format, 4);
    board.rounds();
    Board marked = board.with(row(-1, 1, 1, 1, BigDecimal.valueOf(7), null)).with(row(-2, 2, 1, 1, BigDecimal.valueOf(9), null));
    marked.rounds();
    Board stored = marked.storedAs(Map.of(-1L, row(41, 1, 1, 1, BigDecimal.valueOf(7), null),
        -2L, row(42, 2, 1, 1, BigDecimal.valueOf(9), null)));
    assertEquals(List.of(41L, 42L), stored.current.stream().map(ScoreRow::id).toList());
    assertEquals(fresh(format, 4, stored).rounds(), stored.rounds());
    Board next = stored.with(row(43, 1, 2, 1, BigDecimal.valueOf(8), null));
    assertEquals(fresh(format, 4, next).rounds(), next.rounds());
    assertNotEquals(stored.rounds(), next.rounds(), "the third mark moved entry 1's line");
    // The next set's placeholders come after every stored row: exactly they are replaced.
    Board again = next.with(row(-1, 3, 1, 1, BigDecimal.valueOf(6), null)).with(row(-2, 4, 1, 1, BigDecimal.valueOf(5), null));
    again.rounds();
    Board storedAgain = again.storedAs(Map.of(-1L, row(44, 3, 1, 1, BigDecimal.valueOf(6), null),
        -2L, row(45, 4, 1, 1, BigDecimal.valueOf(5), null)));
    assertEquals(List.of(41L, 42L, 43L, 44L, 45L), storedAgain.current.stream().map(ScoreRow::id).toList());
    assertEquals(fresh(format, 4, storedAgain).rounds(), storedAgain.rounds());
  }

  private static Board empty(Format format, int entries) {
    Board b = new Board(7, 3, "Floor", format, false);
    b.formatJson = FORMAT;
    for (long e = 1; e <= entries; e++) {
      b.entries.put(e, new Board.Entry(e, "E" + e, null, null, null, null));
    }
    for (long j = 1; j <= 3; j++) {
      b.seats.put(j, (int) j);
    }
    return b;
  }

  /** The board a load from the database gives: the same entries and current rows, ranked from nothing. */
  private static Board fresh(Format format, int entries, Board of) {
    Board b = empty(format, entries);
    b.current.addAll(new ArrayList<>(of.current));
    return b;
  }

  private static ScoreRow row(long id, long entry, long judge, int attempt, BigDecimal value, Long supersedes) {
    return new ScoreRow(id, entry, judge, 1, attempt, value.setScale(4), null, "VALUE", null, null, null, judge, supersedes,
        supersedes == null ? null : "fix", false, OffsetDateTime.now(), null, null, null);
  }
}
