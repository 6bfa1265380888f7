package gala.scoring;

import gala.scoring.rules.Format;
import gala.scoring.rules.Records;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one competition's {@link Board} from the database in three statements that go out together
 * (on one connection the PostgreSQL client pipelines them: about one round trip): the frame (the
 * competition, its visibility, round statuses, declarations, records and judges, one row whose
 * small lists come as arrays), the active entries, and the current score rows.
 */
final class BoardLoad {
  private BoardLoad() {}

  private static final String FRAME = "SELECT c.event_id, c.name, c.format, COALESCE(v.hidden, FALSE) AS hidden, "
      + "r.rounds, r.statuses, r.published, d.ids AS d_ids, d.entries AS d_entries, d.rounds AS d_rounds, "
      + "d.attempts AS d_attempts, d.codes AS d_codes, d.difficulties AS d_difficulties, d.declared_by AS d_by, "
      + "k.ids AS k_ids, k.divisions AS k_divisions, k.kinds AS k_kinds, k.bases AS k_bases, k.vals AS k_values, "
      + "k.holders AS k_holders, k.set_at AS k_set_at, j.judges%s "
      + "FROM competitions c LEFT JOIN scoreboard_visibility v ON v.competition_id = c.id%s "
      + "CROSS JOIN LATERAL (SELECT array_agg(round ORDER BY round) AS rounds, array_agg(status ORDER BY round) AS statuses, "
      + "array_agg(published_at ORDER BY round) AS published FROM scoreboard_rounds WHERE competition_id = c.id) r "
      + "CROSS JOIN LATERAL (SELECT array_agg(d.id ORDER BY d.id) AS ids, array_agg(d.entry_id ORDER BY d.id) AS entries, "
      + "array_agg(d.round ORDER BY d.id) AS rounds, array_agg(d.attempt ORDER BY d.id) AS attempts, "
      + "array_agg(d.code ORDER BY d.id) AS codes, array_agg(d.difficulty ORDER BY d.id) AS difficulties, "
      + "array_agg(d.declared_by ORDER BY d.id) AS declared_by FROM attempt_declarations d WHERE d.competition_id = c.id "
      + "AND NOT EXISTS (SELECT 1 FROM attempt_declarations l WHERE l.supersedes = d.id)) d "
      + "CROSS JOIN LATERAL (SELECT array_agg(id ORDER BY id) AS ids, array_agg(division ORDER BY id) AS divisions, "
      + "array_agg(kind ORDER BY id) AS kinds, array_agg(basis ORDER BY id) AS bases, array_agg(value ORDER BY id) AS vals, "
      + "array_agg(holder ORDER BY id) AS holders, array_agg(set_at ORDER BY id) AS set_at FROM records "
      + "WHERE competition_id = c.id) k "
      + "CROSS JOIN LATERAL (SELECT array_agg(user_id ORDER BY assigned_at, user_id) AS judges FROM competition_judges "
      + "WHERE competition_id = c.id) j "
      + "WHERE c.id = $1";
  /** The frame alone. */
  private static final String FRAME_ONLY = String.format(FRAME, "", "");
  /**
   * The frame with the scoreboard topic's state ({@link TopicState}: version, writing transaction,
   * this transaction), for a write that decides by it whether a kept board still stands.
   */
  private static final String FRAME_AT = String.format(FRAME,
      ", t.version AS topic_version, t.xmin::text::bigint AS topic_writer, "
          + "(pg_current_xact_id()::text::numeric % 4294967296)::bigint AS topic_me",
      " LEFT JOIN topics t ON t.name = $2");
  /**
   * {@link #FRAME_AT} for several competitions in one statement (a spanning batch of marks reads every
   * frame at once, behind its results locks), each row with its competition's id.
   */
  private static final String FRAMES_AT = String.format(FRAME.replace("WHERE c.id = $1", "WHERE c.id = ANY($1::bigint[])"),
      ", c.id AS competition_id, t.version AS topic_version, t.xmin::text::bigint AS topic_writer, "
          + "(pg_current_xact_id()::text::numeric % 4294967296)::bigint AS topic_me",
      " LEFT JOIN topics t ON t.name = 'scoreboard:' || c.id");
  private static final String ENTRIES = "SELECT e.id, e.display_name, e.unit_id, u.name AS unit, e.division, e.user_id "
      + "FROM entries e LEFT JOIN units u ON u.id = e.unit_id "
      + "WHERE e.competition_id = $1 AND e.status IN ('CONFIRMED', 'CHECKED_IN') ORDER BY e.id";
  private static final String SCORES = "SELECT " + ScoreRow.COLUMNS + " " + ScoreRow.FROM
      + "WHERE s.competition_id = $1 AND " + ScoreRow.CURRENT + " ORDER BY s.id";

  /** A board and the scoreboard topic's state read with it (null topic: the competition has no scoreboard topic yet). */
  record At(Board board, TopicState topic) {}

  /**
   * The board, null when the competition does not exist. When {@code rowsFrom} yields a board, its
   * active entries and current score rows stand in for reading them again (its caller vouches they
   * are what the database holds: see {@link KeptBoards}); the frame is read as always, and when it
   * too is as that board has it, that board itself (already ranked) is the answer.
   */
  static Future<Board> load(SqlClient db, long competitionId, Future<Board> rowsFrom) {
    Tuple id = Tuple.of(competitionId);
    Future<RowSet<Row>> frame = db.preparedQuery(FRAME_ONLY).execute(id);
    Future<RowSet<Row>> es = rowsFrom.compose(k -> k != null ? Future.succeededFuture() : db.preparedQuery(ENTRIES).execute(id));
    Future<RowSet<Row>> ss = rowsFrom.compose(k -> k != null ? Future.succeededFuture() : db.preparedQuery(SCORES).execute(id));
    return Future.all(frame, es, ss).map(all -> build(competitionId, frame.result(), rowsFrom.result(), es.result(), ss.result()));
  }

  /**
   * The board with the scoreboard topic's state, in the writing transaction of a batch of marks: the
   * frame and the topic's state in one statement; the entries and score rows from the board this
   * node kept ({@code kept}) when the topic's row is still the one its batch wrote, else read (in
   * the same round trip when nothing is kept).
   */
  static Future<At> loadAt(SqlClient db, long competitionId, KeptBoards kept) {
    Tuple id = Tuple.of(competitionId);
    Board last = kept.get(competitionId);
    Future<RowSet<Row>> frame = db.preparedQuery(FRAME_AT).execute(Tuple.of(competitionId, ScoringService.scoreboardTopic(competitionId)));
    Future<RowSet<Row>> es0 = last == null ? db.preparedQuery(ENTRIES).execute(id) : null;
    Future<RowSet<Row>> ss0 = last == null ? db.preparedQuery(SCORES).execute(id) : null;
    return frame.compose(f -> loadAt(db, competitionId, kept, last, f.size() == 0 ? null : f.iterator().next(), es0, ss0));
  }

  /**
   * The frames ({@link #FRAMES_AT}) of {@code competitionIds} by competition, in one statement: on one
   * connection it runs behind whatever was sent before it (a batch's results locks).
   */
  static Future<Map<Long, Row>> framesAt(SqlClient db, Long[] competitionIds) {
    return db.preparedQuery(FRAMES_AT).execute(Tuple.of(competitionIds)).map(rows -> {
      Map<Long, Row> frames = new HashMap<>();
      rows.forEach(r -> frames.put(r.getLong("competition_id"), r));
      return frames;
    });
  }

  /** {@link #loadAt(SqlClient, long, KeptBoards)} from a frame read already ({@link #framesAt}; null: no such competition). */
  static Future<At> loadAt(SqlClient db, long competitionId, KeptBoards kept, Row frame) {
    return loadAt(db, competitionId, kept, kept.get(competitionId), frame, null, null);
  }

  private static Future<At> loadAt(SqlClient db, long competitionId, KeptBoards kept, Board last, Row r,
      Future<RowSet<Row>> es0, Future<RowSet<Row>> ss0) {
    Tuple id = Tuple.of(competitionId);
    TopicState topic = r == null || r.getLong("topic_version") == null ? null
        : new TopicState(r.getLong("topic_version"), r.getLong("topic_writer"), r.getLong("topic_me"));
    Board rowsFrom = last != null && topic != null && kept.stillCurrent(competitionId, last, topic.version(), topic.writer())
        ? last : null;
    Future<RowSet<Row>> es = rowsFrom != null ? Future.succeededFuture() : es0 != null ? es0 : db.preparedQuery(ENTRIES).execute(id);
    Future<RowSet<Row>> ss = rowsFrom != null ? Future.succeededFuture() : ss0 != null ? ss0 : db.preparedQuery(SCORES).execute(id);
    return Future.all(es, ss).map(all -> new At(build(competitionId, r, rowsFrom, es.result(), ss.result()), topic));
  }

  private static Board build(long competitionId, RowSet<Row> frame, Board kept, RowSet<Row> es, RowSet<Row> ss) {
    return build(competitionId, frame.size() == 0 ? null : frame.iterator().next(), kept, es, ss);
  }

  private static Board build(long competitionId, Row c, Board kept, RowSet<Row> es, RowSet<Row> ss) {
    if (c == null) {
      return null;
    }
    JsonObject formatJson = (JsonObject) c.getValue("format");
    Format format = kept != null && kept.formatJson.equals(formatJson) ? kept.format : Format.parse(formatJson.getMap());
    Board b = new Board(competitionId, c.getLong("event_id"), c.getString("name"), format, c.getBoolean("hidden"));
    b.formatJson = formatJson;
    Integer[] rounds = c.getArrayOfIntegers("rounds");
    if (rounds != null) {
      String[] statuses = c.getArrayOfStrings("statuses");
      OffsetDateTime[] published = c.getArrayOfOffsetDateTimes("published");
      for (int i = 0; i < rounds.length; i++) {
        b.states.put(rounds[i], new Board.RoundState(statuses[i], published[i]));
      }
    }
    Long[] ds = c.getArrayOfLongs("d_ids");
    if (ds != null) {
      Long[] entries = c.getArrayOfLongs("d_entries");
      Integer[] dRounds = c.getArrayOfIntegers("d_rounds");
      Integer[] attempts = c.getArrayOfIntegers("d_attempts");
      String[] codes = c.getArrayOfStrings("d_codes");
      BigDecimal[] difficulties = c.getArrayOfBigDecimals("d_difficulties");
      Long[] by = c.getArrayOfLongs("d_by");
      for (int i = 0; i < ds.length; i++) {
        Board.Declaration d = new Board.Declaration(ds[i], entries[i], dRounds[i], attempts[i], codes[i],
            difficulties[i].stripTrailingZeros(), by[i]);
        b.declarations.put(Board.key(d.entryId(), d.round(), d.attempt()), d);
      }
    }
    Long[] ks = c.getArrayOfLongs("k_ids");
    if (ks != null) {
      String[] divisions = c.getArrayOfStrings("k_divisions");
      String[] kinds = c.getArrayOfStrings("k_kinds");
      String[] bases = c.getArrayOfStrings("k_bases");
      BigDecimal[] values = c.getArrayOfBigDecimals("k_values");
      String[] holders = c.getArrayOfStrings("k_holders");
      String[] setAt = c.getArrayOfStrings("k_set_at");
      for (int i = 0; i < ks.length; i++) {
        b.records.add(new Records.Held(ks[i], divisions[i], kinds[i], Records.Basis.valueOf(bases[i]),
            values[i].stripTrailingZeros(), holders[i], setAt[i]));
      }
    }
    Long[] judges = c.getArrayOfLongs("judges");
    if (judges != null) {
      for (Long judge : judges) {
        b.seats.put(judge, b.seats.size() + 1);
      }
    }
    // The kept board stands in whole when nothing beside its rows moved (the usual next batch): its
    // entries and rows are copied only when it does not (a copy per batch was 1-2% of ScoringBench's samples).
    if (kept != null && b.sameBesideRows(kept)) {
      return kept;
    }
    if (kept != null) {
      b.entries.putAll(kept.entries);
      b.current.addAll(kept.current);
      b.correctedAfterPublication.addAll(kept.correctedAfterPublication);
    } else {
      es.forEach(r -> b.entries.put(r.getLong("id"), new Board.Entry(r.getLong("id"), r.getString("display_name"),
          r.getLong("unit_id"), r.getString("unit"), r.getString("division"), r.getLong("user_id"))));
      ss.forEach(r -> {
        ScoreRow s = ScoreRow.of(r);
        b.current.add(s);
        if (s.afterPublication()) {
          b.correctedAfterPublication.add(s.entryId());
        }
      });
    }
    return b;
  }
}
