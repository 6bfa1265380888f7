package gala.scoring;

import gala.scoring.rules.Advancement;
import gala.scoring.rules.AttemptFormat;
import gala.scoring.rules.Common;
import gala.scoring.rules.Difficulty;
import gala.scoring.rules.Format;
import gala.scoring.rules.HeadToHead;
import gala.scoring.rules.HeadToHeadFormat;
import gala.scoring.rules.Records;
import gala.scoring.rules.Standings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything about one competition's results, loaded from the database in one go: format,
 * active entries, current score rows, declared difficulties, records, the judges' seats, round
 * statuses and visibility; and the standings of every round computed from them by the pure rules.
 * The scoreboard snapshot ({@link BoardSnapshot}), the checks before a write, publication and the
 * results exports all read the same Board, so they cannot disagree.
 */
final class Board {
  final long competitionId;
  final long eventId;
  final String name;
  final Format format;
  /** The format as stored (null for a start list), to tell a kept board's format from a changed one. */
  JsonObject formatJson;
  final boolean hidden;
  // The maps and lists below are filled while a board is built (BoardLoad) and never changed after:
  // a board made from another by with() shares those its rows leave as they are.
  Map<Long, Entry> entries = new LinkedHashMap<>();
  final List<ScoreRow> current = new ArrayList<>();
  Map<Integer, RoundState> states = new HashMap<>();
  /** The rounds and their standings; null until first asked for (see {@link #rounds()}). */
  private List<RoundView> rounds;
  /**
   * A board whose rounds have this board's fields, heats and statuses, already computed: this one
   * once computed; for a board made by {@link #with} the board it was made from, whose standings a
   * mark changes but not who is in which round (marks into official rounds are refused).
   */
  private Board shape;
  /** The rows by entry, shared with the boards made from this one by {@link #with} and {@link #storedAs}. */
  private RowIndex rowIndex;
  /**
   * Per round, each entry's scored line before ranking (judged formats: Standings.Scored; timed and
   * measured: Standings.Counted), as this board's ranking
   * computed it; null until ranked. A board made by {@link #with} takes them from the nearest ranked
   * board it came from ({@link #scoredFrom}) for every entry its rows did not touch ({@link #touched}),
   * so ranking after a batch of marks scores only the marked entries again.
   */
  private Map<Integer, ScoredLines> scored;
  private Map<Integer, ScoredLines> scoredFrom;
  /** The rounds of the board {@link #scoredFrom} is of: its lines, which a change of waiting entries only keeps. */
  private List<RoundView> rankedFrom;
  private Set<Long> touched;
  Set<Long> correctedAfterPublication = new HashSet<>();
  /** Current declarations by entry, round and attempt. */
  Map<String, Declaration> declarations = new HashMap<>();
  List<Records.Held> records = new ArrayList<>();
  /** Judge user id to seat number (1, 2, ...), in the order they were assigned: "J1".."J7" on the board. */
  Map<Long, Integer> seats = new LinkedHashMap<>();

  record Entry(long id, String name, Long unitId, String unit, String division, Long userId) {}

  record RoundState(String status, OffsetDateTime publishedAt) {}

  record Declaration(long id, long entryId, int round, int attempt, String code, BigDecimal difficulty, long declaredBy) {
    Difficulty.Declared declared() {
      return new Difficulty.Declared(code, difficulty);
    }
  }

  /** One round: who is in it (in seed order), their heats, and the standings lines. */
  record RoundView(int round, Common.Round spec, String status, OffsetDateTime publishedAt, List<Long> field,
      Map<Long, Integer> heats, List<Standings.Line> lines, List<HeadToHead.Standing> table, Set<Long> advancing) {
    boolean official() {
      return "OFFICIAL".equals(status);
    }

    /** Whether the entry is in this round's field (every one of them has a heat: no scan of the field). */
    boolean has(long entryId) {
      return heats.containsKey(entryId);
    }

    /** Entries whose result is not in yet (panel incomplete, attempts missing). */
    List<Long> incomplete() {
      List<Long> out = new ArrayList<>();
      if (lines != null) {
        lines.stream().filter(l -> !l.complete()).forEach(l -> out.add(l.entryId()));
      }
      return out;
    }
  }

  Board(long competitionId, long eventId, String name, Format format, boolean hidden) {
    this.competitionId = competitionId;
    this.eventId = eventId;
    this.name = name;
    this.format = format;
    this.hidden = hidden;
  }

  /**
   * The board of just {@code entries}, with nothing scored, declared or published: the rows a
   * change of an unstarted competition's field adds (see {@link ScoreboardSource#changed}).
   */
  static Board startList(long competitionId, long eventId, String name, Format format, List<Entry> entries) {
    Board b = new Board(competitionId, eventId, name, format, false);
    entries.forEach(e -> b.entries.put(e.id(), e));
    return b;
  }

  static String key(long entryId, int round, int attempt) {
    return entryId + "/" + round + "/" + attempt;
  }

  /** Null when the competition does not exist (see {@link BoardLoad}). */
  static Future<Board> load(SqlClient db, long competitionId) {
    return BoardLoad.load(db, competitionId, Future.succeededFuture());
  }

  /** {@link #load} with the entries and score rows of a kept board when {@code rowsFrom} yields one (see {@link BoardLoad}). */
  static Future<Board> load(SqlClient db, long competitionId, Future<Board> rowsFrom) {
    return BoardLoad.load(db, competitionId, rowsFrom);
  }

  /** Everything but the entries and score rows (which the caller of load vouched for) is as {@code o} has it. */
  boolean sameBesideRows(Board o) {
    return eventId == o.eventId && name.equals(o.name) && hidden == o.hidden && formatJson.equals(o.formatJson)
        && states.equals(o.states) && declarations.equals(o.declarations) && records.equals(o.records)
        && new ArrayList<>(seats.entrySet()).equals(new ArrayList<>(o.seats.entrySet()));
  }

  boolean lowerIsBetter() {
    return format instanceof AttemptFormat a && a.lowerIsBetter();
  }

  /**
   * The rounds shown so far with their standings, computed by the pure rules on first use: a group
   * of marks makes a board per mark ({@link #with}) but ranks the round once, for its delta.
   */
  List<RoundView> rounds() {
    if (rounds == null) {
      scored = new HashMap<>();
      rounds = compute();
      shape = this;
    }
    return rounds;
  }

  /** The board to check a write's round against (who is in it, is it official) without ranking it again. */
  Board shape() {
    return shape != null ? shape : this;
  }

  private List<RoundView> compute() {
    List<RoundView> rounds = new ArrayList<>();
    List<Common.Round> specs = format.common().rounds();
    // A board made by with() has its shape's rounds: the same fields and heats, taken as they are
    // (they were rebuilt for every batch of marks).
    List<RoundView> same = shape != null && shape != this ? shape.rounds() : null;
    List<Long> field = same != null ? same.get(0).field() : new ArrayList<>(entries.keySet());
    for (int i = 0; i < specs.size(); i++) {
      int round = i + 1;
      RoundState state = states.get(round);
      String status = state == null ? "PROVISIONAL" : state.status();
      Map<Long, Integer> heats;
      if (same != null && i < same.size()) {
        field = same.get(i).field();
        heats = same.get(i).heats();
      } else {
        heats = new HashMap<>(field.size() * 4 / 3 + 1);
        for (int k = 0; k < field.size(); k++) {
          heats.put(field.get(k), Advancement.heatOf(k, field.size(), specs.get(i).heatSize()));
        }
      }
      // One round: every row is of it (no pass over all rows to pick them).
      List<ScoreRow> rows = specs.size() == 1 ? current : current.stream().filter(s -> s.round() == round).toList();
      RoundView view;
      List<Long> next = new ArrayList<>();
      Set<Long> advancing = new HashSet<>();
      if (format instanceof HeadToHeadFormat h) {
        Set<Long> in = new HashSet<>(field);
        List<HeadToHead.Match> matches = new ArrayList<>();
        for (ScoreRow s : rows) {
          if (s.opponentEntryId() != null && in.contains(s.entryId()) && in.contains(s.opponentEntryId())) {
            matches.add(new HeadToHead.Match(s.entryId(), s.opponentEntryId(), s.value().intValue(),
                s.opponentValue().intValue()));
          }
        }
        view = new RoundView(round, specs.get(i), status, state == null ? null : state.publishedAt(), field, heats, null,
            HeadToHead.standings(h, field, matches), advancing);
      } else {
        List<Standings.Line> lines = lines(field, heats, rows, round);
        Common.Round spec = specs.get(i);
        if (spec.advance() != null && "OFFICIAL".equals(status)) {
          List<Advancement.Placed<Long>> placed = new ArrayList<>();
          int competitors = 0;
          for (Standings.Line l : lines) {
            competitors += "DNS".equals(l.status()) ? 0 : 1;
            if (l.rank() != null) {
              placed.add(new Advancement.Placed<>(l.entryId(), l.rank(), l.result()));
            }
          }
          advancing.addAll(Advancement.select(spec.advance(), placed, competitors, lowerIsBetter()));
          lines.stream().filter(l -> advancing.contains(l.entryId())).forEach(l -> next.add(l.entryId()));
        }
        view = new RoundView(round, spec, status, state == null ? null : state.publishedAt(), field, heats, lines, null,
            advancing);
      }
      rounds.add(view);
      if (!view.official() || i == specs.size() - 1) {
        break; // later rounds start once this one is official
      }
      field = next;
    }
    return rounds;
  }

  /** A round's standings lines ({@link RoundLines}), keeping each entry's scored line for the next board. */
  private List<Standings.Line> lines(List<Long> field, Map<Long, Integer> heats, List<ScoreRow> rows, int round) {
    boolean kept = scoredFrom != null && scoredFrom.get(round) != null && rankedFrom != null && round <= rankedFrom.size();
    ScoredLines reuse = kept ? scoredFrom.get(round) : null;
    ScoredLines mine = kept ? reuse.derive() : ScoredLines.fresh(field.size());
    scored.put(round, mine);
    return RoundLines.of(format, declarations, field, heats::containsKey, rows, entry -> currentRows(entry, round), round,
        reuse, kept ? rankedFrom.get(round - 1).lines() : null, touched, mine);
  }

  /** The round shown and scored now: the first one not yet official, or the last. */
  RoundView currentRound() {
    List<RoundView> rounds = rounds();
    return rounds.get(rounds.size() - 1);
  }

  RoundView round(int round) {
    List<RoundView> rounds = rounds();
    return round >= 1 && round <= rounds.size() ? rounds.get(round - 1) : null;
  }

  /** The final round is official: its places count for the medal table. */
  boolean finalOfficial() {
    return rounds().size() == format.common().rounds().size() && currentRound().official();
  }

  /** The entry's current rows of the round (as its entry or as the opponent), in the order they came. */
  List<ScoreRow> currentRows(long entryId, int round) {
    if (rowIndex == null || rowIndex.stale(current)) {
      rowIndex = RowIndex.of(current, entries.size());
    }
    return rowIndex.rows(current, entryId, round);
  }

  Declaration declaration(long entryId, int round, int attempt) {
    return declarations.get(key(entryId, round, attempt));
  }

  /** The records a line beats (its result, or its best single for single records). */
  List<Records.Held> recordsBeaten(Standings.Line l) {
    if (records.isEmpty() || l.rank() == null) {
      return List.of();
    }
    Entry e = entries.get(l.entryId());
    BigDecimal best = l.work().best() != null ? l.work().best() : l.result();
    return Records.beaten(records, e == null ? null : e.division(), l.result(), best, lowerIsBetter());
  }

  /**
   * This board as the database holds it once {@code row} is stored (and the row it corrects is no
   * longer current): what a write needs for its scoreboard delta without loading the board again.
   */
  Board with(ScoreRow row) {
    ScoreRow stored = scaled(row);
    Board b = copyBeside(current.size() + 1);
    Set<Long> moved = new HashSet<>();
    if (row.supersedes() == null) {
      b.current.addAll(current); // a mark, not a correction: every row stays (one array copy)
      b.rowIndex = rowIndex;
    } else {
      for (ScoreRow s : current) {
        if (s.id() != row.supersedes()) {
          b.current.add(s);
        } else {
          touch(moved, s);
        }
      }
    }
    b.current.add(stored);
    touch(moved, stored);
    if (stored.afterPublication()) {
      b.correctedAfterPublication = new HashSet<>(correctedAfterPublication);
      b.correctedAfterPublication.add(stored.entryId());
    }
    // A mark leaves every round's field and status as they were (official rounds take corrections
    // only, which may move who advances): the new board is ranked only when asked, and then scores
    // again only the entries the rows since the last ranked board touched.
    Board.RoundView marked = shape().round(row.round());
    b.shape = marked != null && !marked.official() && !stored.afterPublication() ? shape() : null;
    if (b.shape != null) {
      b.scoredFrom = rounds != null ? scored : scoredFrom;
      b.rankedFrom = rounds != null ? rounds : rankedFrom;
      if (b.scoredFrom != null) {
        b.touched = rounds != null || touched == null ? moved : union(touched, moved);
      }
    }
    return b;
  }

  /**
   * This board with its rows under placeholder ids (a mark set's, see MarkSet: negative) replaced by
   * the rows as stored ({@code stored} by placeholder id), ranked as this one: a standing never reads
   * a row's id or time, so this board's ranking is the one the stored rows give. Only the placeholders
   * are read: {@link #with} appends a batch's rows after every stored row (a correction only removes
   * one), so they are the rows at the end (a pass over every row read a board's 800 rows per batch:
   * 3% of ScoringBench's samples).
   */
  Board storedAs(Map<Long, ScoreRow> stored) {
    List<RoundView> ranked = rounds();
    Board b = copyBeside(current.size());
    b.current.addAll(current);
    for (int i = b.current.size() - 1; i >= 0 && b.current.get(i).id() < 0; i--) {
      ScoreRow r = stored.get(b.current.get(i).id());
      if (r != null) {
        b.current.set(i, scaled(r));
      }
    }
    b.rounds = ranked;
    b.shape = b;
    b.scored = scored;
    b.rowIndex = rowIndex; // its rows are before the placeholders: the same rows in b
    return b;
  }

  /** A new board with everything of this one but its rows and ranking (sharing what never changes once built). */
  private Board copyBeside(int rows) {
    Board b = new Board(competitionId, eventId, name, format, hidden);
    b.formatJson = formatJson;
    b.entries = entries;
    ((ArrayList<ScoreRow>) b.current).ensureCapacity(rows);
    b.correctedAfterPublication = correctedAfterPublication;
    b.states = states;
    b.declarations = declarations;
    b.records = records;
    b.seats = seats;
    return b;
  }

  private static void touch(Set<Long> entries, ScoreRow row) {
    entries.add(row.entryId());
    if (row.opponentEntryId() != null) {
      entries.add(row.opponentEntryId());
    }
  }

  private static Set<Long> union(Set<Long> a, Set<Long> b) {
    Set<Long> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }

  /** A row as the database returns it once stored (numbers at the table's scale). */
  private static ScoreRow scaled(ScoreRow row) {
    return new ScoreRow(row.id(), row.entryId(), row.judgeId(), row.round(), row.attempt(), scale(row.value()),
        row.marks(), row.outcome(), scale(row.difficulty()), row.opponentEntryId(), scale(row.opponentValue()), row.enteredBy(),
        row.supersedes(), row.reason(), row.afterPublication(), row.createdAt(), row.checkedBy(), row.checkedAt(), row.part());
  }

  /** The scale the scores table stores numbers with (NUMERIC(12, 4)), so a row kept in memory reads as a loaded one. */
  private static BigDecimal scale(BigDecimal v) {
    return v == null ? null : v.setScale(4, java.math.RoundingMode.HALF_UP);
  }

  JsonObject snapshot() {
    return BoardSnapshot.of(this);
  }
}
