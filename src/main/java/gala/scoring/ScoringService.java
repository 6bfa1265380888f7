package gala.scoring;

import gala.access.Access;
import gala.access.Standing;
import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.JsonDiff;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import gala.scoring.rules.AttemptFormat;
import gala.scoring.rules.Difficulty;
import gala.scoring.rules.Format;
import gala.scoring.rules.HeadToHeadFormat;
import gala.scoring.rules.InvalidFormat;
import gala.scoring.rules.JudgedFormat;
import gala.scoring.rules.PanelAggregation;
import gala.scoring.rules.Standings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scoring feature's entry point and its write path: a judge's submission (a panel mark, an
 * attempt, a part, a match result) checked against the format and the board and stored with the
 * scoreboard's delta in the same transaction, serialised per competition. The desk's other writes
 * (judges, corrections, checks, publication, visibility) live in {@link ScoreDesk}, the reads
 * (scoreboard, medals, audit, review, a judge's assignments) in {@link ScoreReads}.
 */
public final class ScoringService {
  private final TopicLog topics;
  private final KeptBoards keptBoards = new KeptBoards();
  private final ScoreDesk desk;
  private final ScoreReads reads;

  public ScoringService(SqlClient pool, TopicLog topics) {
    this.topics = topics;
    this.desk = new ScoreDesk(this);
    this.reads = new ScoreReads(pool, topics);
    topics.register(new ScoreboardSource());
    topics.register(new MedalSource());
  }

  public static String scoreboardTopic(long competitionId) {
    return "scoreboard:" + competitionId;
  }

  public static String medalsTopic(long eventId) {
    return "medals:" + eventId;
  }

  /** The format check the events feature runs when a competition is created. */
  public static void checkFormat(JsonObject format) {
    try {
      Format.parse(format == null ? null : format.getMap());
    } catch (InvalidFormat e) {
      throw ApiError.unprocessable(e.code(), e.getMessage());
    }
  }

  // ---- submissions ----

  /**
   * Stores one judge's submission for one entry (a panel mark, an attempt or a match result) and
   * recomputes the scoreboard in the same transaction. Runs inside an idempotent transaction.
   */
  public Future<Reply> submitScore(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return submitScore(tx, caller, competitionId, req, null);
  }

  /**
   * {@link #submitScore} for a request gala.access already let through: {@code granted} is where the
   * caller stood toward the competition when the guard decided (its {@link gala.access.Grant}), so the
   * transaction does not ask again.
   */
  public Future<Reply> submitScore(Tx tx, Caller caller, long competitionId, JsonObject req, Standing granted) {
    if (granted != null && granted.competitionId() != null && granted.competitionId() == competitionId) {
      tx.keep(standingKey(competitionId, caller), granted);
    }
    return submit(tx, caller, competitionId, req, false, true);
  }

  /**
   * A head-to-head match result from the draws feature, inside its transaction: the same checks and
   * storage as submitScore, but an organiser of the event may enter it too (results from the desk).
   */
  public Future<Reply> recordMatch(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return submit(tx, caller, competitionId, req, true, false);
  }

  /**
   * A submission; {@code batched}: its scoreboard delta joins the transaction's other marks of the
   * competition in one delta at the end (see {@link MarkBatch}), else it is appended at once (a
   * match result, whose draw is computed from the scoreboard in the same transaction).
   */
  private Future<Reply> submit(Tx tx, Caller caller, long competitionId, JsonObject req, boolean organiserMay,
      boolean batched) {
    SqlClient conn = tx.conn();
    long entryId = req.getLong("entryId");
    // A later mark of a group (GroupCommit) starts from the board the previous mark of the same
    // transaction left, under the lock that transaction already holds, with the caller's standing
    // it already read: only its own row is left to write.
    Board warm = tx.kept(warmKey(competitionId)) instanceof Warm w ? w.board() : null;
    MarkBatch batch = batched ? tx.defer("scoreboard:" + competitionId, () -> new MarkBatch(competitionId), b -> flush(tx, b))
        : null;
    // Pipelined on the one connection: the lock, then the reads, which the server runs once the lock
    // is granted (so they see every write before ours); the refusals are then checked in a fixed order.
    Future<Void> locked = warm != null ? Future.succeededFuture() : lock(conn, competitionId);
    Future<Standing> access = standing(tx, caller, competitionId);
    Future<TopicState> topicAt = batch != null && !batch.started() ? topicState(conn, competitionId) : Future.succeededFuture();
    // The board this node's last batch on the competition committed stands in for its entries and
    // rows while the scoreboard's topic row is still the one that batch wrote (KeptBoards).
    Board last = warm == null && batch != null && !batch.started() ? keptBoards.get(competitionId) : null;
    Future<Board> rowsFrom = last == null ? Future.succeededFuture()
        : topicAt.map(t -> t != null && keptBoards.stillCurrent(competitionId, last, t.version(), t.writer()) ? last : null);
    Future<Board> loaded = warm != null ? Future.succeededFuture(warm) : Board.load(conn, competitionId, rowsFrom);
    return Future.join(locked, access, loaded, topicAt)
        .transform(ar -> {
          Future<?> first = locked.failed() ? locked : access;
          if (first.failed()) {
            return Future.failedFuture(first.cause());
          }
          if (!access.result().judge() && !(organiserMay && access.result().organises())) {
            return Future.failedFuture(new ApiError(403, "NOT_ASSIGNED_JUDGE", "you are not a judge of this competition"));
          }
          if (ar.failed()) {
            return Future.failedFuture(ar.cause());
          }
          Board board = loaded.result();
          if (batch != null && !batch.started() && topicAt.result() != null && board != null) {
            batch.start(board, topicAt.result().version());
            batch.writer = topicAt.result().me();
          }
          // The board holds the competition's active entries (under the results lock, which every
          // entry write takes too); the database says why any other entry is refused.
          return board != null && board.entries.containsKey(entryId) ? loaded
              : activeEntry(conn, competitionId, entryId).map(board);
        })
        .compose(board -> {
          Board.RoundView round = roundFor(board, req.getInteger("round"));
          if (!round.field().contains(entryId)) {
            throw ApiError.conflict("ENTRY_NOT_IN_ROUND", "entry " + entryId + " is not in round " + round.round());
          }
          NewRow row = new NewRow(entryId, caller.userId(), round.round());
          Difficulty.Declared declare = Submission.read(board, req, row);
          Future<Void> checked = Future.succeededFuture();
          if (declare != null) {
            checked = Declarations.insert(conn, competitionId, row.entryId, row.round, row.attempt, declare, caller.userId(),
                null, null);
          } else if (board.format instanceof HeadToHeadFormat) {
            checked = activeEntry(conn, competitionId, row.opponentEntryId).compose(v -> {
              if (!round.field().contains(row.opponentEntryId)) {
                throw ApiError.conflict("ENTRY_NOT_IN_ROUND", "entry " + row.opponentEntryId + " is not in this round");
              }
              boolean played = board.currentRows(entryId, round.round()).stream()
                  .anyMatch(s -> s.opponentEntryId() != null && (s.opponentEntryId() == row.opponentEntryId
                      || s.entryId() == row.opponentEntryId));
              if (played) {
                throw ApiError.conflict("ALREADY_SCORED", "this match already has a result; a change is a correction");
              }
              return Future.succeededFuture();
            });
          }
          return checked.compose(v -> insert(conn, competitionId, row))
              .compose(score -> (declare != null ? refreshForgetting(tx, board, batch)
                  : batch != null && batch.started() ? batched(tx, batch, board, score) : scored(tx, board, score))
                  .map(version -> Reply.created(new JsonObject().put("score", score.toJson().put("competitionId", competitionId))
                      .put("scoreboardVersion", version))));
        });
  }

  /** The round a write goes to (its field and status; its standings may predate the marks of this transaction). */
  static Board.RoundView roundFor(Board written, Integer requested) {
    Board board = written.shape();
    Board.RoundView current = board.currentRound();
    int r = requested == null ? current.round() : requested;
    if (r > board.format.common().rounds().size() || r < 1) {
      throw ApiError.unprocessable("UNKNOWN_ROUND", "this competition has " + board.format.common().rounds().size() + " round(s)");
    }
    Board.RoundView view = board.round(r);
    if (view == null) {
      throw ApiError.conflict("ROUND_NOT_STARTED", "round " + r + " starts when round " + (r - 1) + " is official");
    }
    if (view.official()) {
      throw ApiError.conflict("ROUND_OFFICIAL", "round " + r + " is official; a change is a correction by the organiser");
    }
    return view;
  }

  static Future<Void> activeEntry(SqlClient conn, long competitionId, long entryId) {
    return conn.preparedQuery("SELECT competition_id, status FROM entries WHERE id = $1").execute(Tuple.of(entryId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("entry " + entryId));
          }
          Row e = rows.iterator().next();
          if (e.getLong("competition_id") != competitionId) {
            return Future.failedFuture(ApiError.conflict("ENTRY_NOT_IN_COMPETITION",
                "entry " + entryId + " belongs to another competition"));
          }
          String status = e.getString("status");
          if (!status.equals("CONFIRMED") && !status.equals("CHECKED_IN")) {
            return Future.failedFuture(new ApiError(409, "ENTRY_NOT_ACTIVE", "entry " + entryId + " is " + status,
                new JsonObject().put("status", status)));
          }
          return Future.succeededFuture();
        });
  }

  Future<ScoreRow> insert(SqlClient conn, long competitionId, NewRow r) {
    JsonObject marks = null;
    if (r.marks != null) {
      marks = new JsonObject();
      for (Map.Entry<String, BigDecimal> m : r.marks.entrySet()) {
        marks.put(m.getKey(), m.getValue().toPlainString());
      }
    }
    return conn.preparedQuery("INSERT INTO scores (competition_id, entry_id, judge_id, value, round, attempt, marks, outcome, "
            + "difficulty, opponent_entry_id, opponent_value, entered_by, supersedes, reason, after_publication, part) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id, created_at")
        .execute(Tuple.from(Arrays.asList(competitionId, r.entryId, r.judgeId, r.value, r.round, r.attempt, marks, r.outcome,
            r.difficulty, r.opponentEntryId, r.opponentValue, r.enteredBy == null ? r.judgeId : r.enteredBy, r.supersedes,
            r.reason, r.afterPublication, r.part)))
        .recover(x -> Future.failedFuture(x instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? (r.supersedes != null ? ApiError.conflict("SCORE_SUPERSEDED", "this score was already corrected")
                : ApiError.conflict("ALREADY_SCORED", "this score is already recorded; a change is a correction"))
            : x))
        .map(rows -> {
          Row x = rows.iterator().next();
          // The row as stored (NUMERIC(12,4) keeps at most 4 places, which accepts() already required).
          return new ScoreRow(x.getLong("id"), r.entryId, r.judgeId, r.round, r.attempt, r.value, r.marks, r.outcome,
              r.difficulty, r.opponentEntryId, r.opponentValue, r.enteredBy == null ? r.judgeId : r.enteredBy, r.supersedes,
              r.reason, r.afterPublication, x.getOffsetDateTime("created_at"), null, null, r.part);
        });
  }


  /** Holds off every result write on the competition until the caller's transaction ends (draws use it). */
  public static Future<Void> lockResults(SqlClient conn, long competitionId) {
    return lock(conn, competitionId);
  }

  /** Writes to one competition's results are serialised, so checks and the stored snapshot agree. */
  static Future<Void> lock(SqlClient conn, long competitionId) {
    return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
        .execute(Tuple.of("gala.scoring:" + competitionId)).mapEmpty();
  }

  /** A board as the transaction's writes left it: what the next mark of the transaction starts from. */
  private record Warm(Board board) {}

  private static String warmKey(long competitionId) {
    return "scoring.board:" + competitionId;
  }

  /** The caller's standing on the competition, read once per transaction (a batch's marks by one judge ask once). */
  private static String standingKey(long competitionId, Caller caller) {
    return "scoring.standing:" + competitionId + ":" + caller.userId();
  }

  private static Future<Standing> standing(Tx tx, Caller caller, long competitionId) {
    String key = standingKey(competitionId, caller);
    if (tx.kept(key) instanceof Standing s) {
      return Future.succeededFuture(s);
    }
    return Access.competition(tx.conn(), caller, competitionId).onSuccess(s -> tx.keep(key, s));
  }

  /**
   * The scoreboard topic's version, which transaction wrote its row last ({@code xmin}: every
   * append and refresh that moves the scoreboard updates that row) and this transaction's own id,
   * both as the 32-bit ids {@code xmin} holds.
   */
  private record TopicState(long version, long writer, long me) {}

  private static Future<TopicState> topicState(SqlClient conn, long competitionId) {
    return conn.preparedQuery("SELECT version, xmin::text::bigint, (pg_current_xact_id()::text::numeric % 4294967296)::bigint "
            + "FROM topics WHERE name = $1").execute(Tuple.of(scoreboardTopic(competitionId)))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new TopicState(r.getLong(0), r.getLong(1), r.getLong(2));
        });
  }

  /**
   * A declaration changed the board beyond a row: the batch's marks so far get their delta now, then
   * the scoreboard is recomputed; the next mark starts a new batch from a board read again.
   */
  private Future<Long> refreshForgetting(Tx tx, Board board, MarkBatch batch) {
    Future<Void> flushed = batch == null ? Future.succeededFuture() : flush(tx, batch);
    return flushed.compose(v -> {
      tx.forget(warmKey(board.competitionId));
      if (batch != null) {
        batch.reset();
      }
      return refresh(tx, board, board.finalOfficial());
    });
  }

  /** A mark of a batch: kept for the next mark and for the batch's one delta; answers the version that delta will have. */
  private static Future<Long> batched(Tx tx, MarkBatch batch, Board before, ScoreRow row) {
    Board after = before.with(row);
    tx.keep(warmKey(before.competitionId), new Warm(after));
    batch.marked(after);
    return Future.succeededFuture(batch.promised());
  }

  /**
   * The batch's one scoreboard delta, from the board before its first mark to the board with all of
   * them that stayed (read again when a rollback to a savepoint dropped the kept one), then the
   * medals when official places may have moved. Deferred to the end of the transaction.
   */
  Future<Void> flush(Tx tx, MarkBatch batch) {
    if (!batch.marked) {
      return Future.succeededFuture();
    }
    long competitionId = batch.competitionId;
    Board kept = tx.kept(warmKey(competitionId)) instanceof Warm w && w.board() == batch.board ? batch.board : null;
    Future<Board> after = kept != null ? Future.succeededFuture(kept) : Board.load(tx.conn(), competitionId);
    return after.compose(board -> {
      JsonObject delta = BoardDelta.between(batch.from, board);
      long promised = batch.promised();
      return topics.append(tx, scoreboardTopic(competitionId), promised > batch.fromVersion
              ? MarkBatch.nonEmpty(delta, competitionId) : delta)
          .compose(version -> {
            if (version != promised) {
              // Never expected: the marks' replies name the version; fail the batch rather than answer wrongly.
              return Future.failedFuture(new IllegalStateException("scoreboard:" + competitionId + " reached version "
                  + version + ", not the " + promised + " its marks were promised"));
            }
            if (batch.writer != 0 && !batch.from.hidden) {
              keptBoards.put(competitionId, board, version, batch.writer);
            }
            batch.reset();
            return board.finalOfficial() ? topics.refresh(tx, medalsTopic(board.eventId)).<Void>mapEmpty()
                : Future.<Void>succeededFuture();
          });
    });
  }

  /** The scoreboard first, then (when official places may have moved) the medals: always in that order. */
  Future<Long> refresh(Tx tx, Board board, boolean medals) {
    Future<Long> version = topics.refresh(tx, scoreboardTopic(board.competitionId));
    return medals ? version.compose(v -> topics.refresh(tx, medalsTopic(board.eventId)).map(v)) : version;
  }

  /**
   * The scoreboard's delta of one stored row (the row's line and the lines whose rank moved),
   * from the board loaded once before the write and the same board with the row; then the medals
   * when official places may have moved.
   */
  Future<Long> scored(Tx tx, Board before, ScoreRow row) {
    Board after = before.with(row);
    JsonObject delta = BoardDelta.between(before, after);
    tx.keep(warmKey(before.competitionId), new Warm(after));
    Future<Long> version = topics.append(tx, scoreboardTopic(before.competitionId), delta);
    return after.finalOfficial() ? version.compose(v -> topics.refresh(tx, medalsTopic(before.eventId)).map(v)) : version;
  }

  // ---- the desk's writes (ScoreDesk) and the reads (ScoreReads) ----

  /** Assigns a judge (by user id or email) to a competition; organisers of its event only. */
  public Future<JsonObject> assignJudge(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return desk.assignJudge(tx, caller, competitionId, req);
  }

  public Future<Reply> correctScore(Tx tx, Caller caller, long competitionId, long scoreId, JsonObject req) {
    return desk.correctScore(tx, caller, competitionId, scoreId, req);
  }

  public Future<Reply> checkScore(Tx tx, Caller caller, long competitionId, long scoreId) {
    return desk.checkScore(tx, caller, competitionId, scoreId);
  }

  public Future<Reply> publishScoreboard(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return desk.publishScoreboard(tx, caller, competitionId, req);
  }

  public Future<Reply> setVisibility(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return desk.setVisibility(tx, caller, competitionId, req);
  }

  public Future<JsonObject> scoreboard(Caller caller, long competitionId) {
    return reads.scoreboard(caller, competitionId);
  }

  public Future<JsonObject> medalTable(long eventId) {
    return reads.medalTable(eventId);
  }

  public Future<JsonObject> audit(Caller caller, long competitionId) {
    return reads.audit(caller, competitionId);
  }

  public Future<JsonObject> review(Caller caller, long competitionId) {
    return reads.review(caller, competitionId);
  }

  public Future<JsonArray> myAssignments(Caller caller) {
    return reads.myAssignments(caller);
  }
}
