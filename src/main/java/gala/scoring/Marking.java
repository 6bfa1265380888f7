package gala.scoring;

import gala.access.Access;
import gala.access.Standing;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import gala.scoring.rules.Difficulty;
import gala.scoring.rules.HeadToHeadFormat;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;

/**
 * A judge's submission (a panel mark, an attempt, a part, a match result) written one at a time in
 * the caller's transaction: checked against the format and the board, stored, and its scoreboard
 * delta appended (or, for the marks of one group-commit batch that run one by one, joined into the
 * batch's one delta: {@link MarkBatch}). Marks that arrive together without a declaration are
 * written as a set instead ({@link MarkSet}); this path takes the marks that declare a difficulty,
 * match results from the draws, and the demo's feed. Corrections reuse its insert and delta.
 */
final class Marking {
  private final ScoringService scoring;
  private final TopicLog topics;
  private final KeptBoards keptBoards;

  Marking(ScoringService scoring, TopicLog topics, KeptBoards keptBoards) {
    this.scoring = scoring;
    this.topics = topics;
    this.keptBoards = keptBoards;
  }

  /**
   * {@link #submit} in a group-commit transaction of the competition's marks, which took the
   * results lock before its first write (the group's lock): the marks do not ask for it again.
   */
  Future<Reply> submitGrouped(Tx tx, Caller caller, long competitionId, JsonObject req) {
    tx.keep(lockedKey(competitionId), Boolean.TRUE);
    return submit(tx, caller, competitionId, req, false, true);
  }

  /**
   * A submission; {@code batched}: its scoreboard delta joins the transaction's other marks of the
   * competition in one delta at the end (see {@link MarkBatch}), else it is appended at once (a
   * match result, whose draw is computed from the scoreboard in the same transaction).
   */
  Future<Reply> submit(Tx tx, Caller caller, long competitionId, JsonObject req, boolean organiserMay,
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
    Future<Void> locked = warm != null || tx.kept(lockedKey(competitionId)) != null ? Future.succeededFuture()
        : ScoringService.lock(conn, competitionId);
    // A judge's own mark: whether they judge the competition is read with the board under the lock
    // (its seats), not taken from the guard's earlier answer, so a judge removed meanwhile (the
    // removal takes the same lock) is refused. A match result from the desk asks gala.access here.
    Future<Standing> access = organiserMay ? standing(tx, caller, competitionId) : Future.succeededFuture();
    // A batch's first mark reads the scoreboard topic's state with the board's frame, in one
    // statement (BoardLoad.loadAt, as MarkSet does); the board this node's last batch on the
    // competition committed stands in for its entries and rows while the scoreboard's topic row is
    // still the one that batch wrote (KeptBoards).
    boolean starts = batch != null && !batch.started();
    Future<BoardLoad.At> at = starts && warm == null ? BoardLoad.loadAt(conn, competitionId, keptBoards) : null;
    Future<TopicState> topicAt = at != null ? at.map(BoardLoad.At::topic)
        : starts ? TopicState.of(conn, competitionId) : Future.succeededFuture();
    Future<Board> loaded = warm != null ? Future.succeededFuture(warm)
        : at != null ? at.map(BoardLoad.At::board) : Board.load(conn, competitionId);
    return Future.join(locked, access, loaded, topicAt)
        .transform(ar -> {
          Future<?> first = locked.failed() ? locked : access.failed() ? access : loaded;
          if (first.failed()) {
            return Future.failedFuture(first.cause());
          }
          Board board = loaded.result();
          if (board == null) {
            return Future.failedFuture(ApiError.notFound("competition " + competitionId));
          }
          if (!board.seats.containsKey(caller.userId()) && !(organiserMay && access.result().organises())) {
            return Future.failedFuture(new ApiError(403, "NOT_ASSIGNED_JUDGE", "you are not a judge of this competition"));
          }
          if (ar.failed()) {
            return Future.failedFuture(ar.cause());
          }
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
          if (!round.has(entryId)) {
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
              checkMatch(board, round, entryId, row.opponentEntryId);
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

  /**
   * A head-to-head mark's match, one rule for a mark alone and for a set: the opponent is in the
   * round, and the match has no result yet (a change is a correction).
   */
  static void checkMatch(Board board, Board.RoundView round, long entryId, long opponentEntryId) {
    if (!round.has(opponentEntryId)) {
      throw ApiError.conflict("ENTRY_NOT_IN_ROUND", "entry " + opponentEntryId + " is not in this round");
    }
    boolean played = board.currentRows(entryId, round.round()).stream()
        .anyMatch(s -> s.opponentEntryId() != null && (s.opponentEntryId() == opponentEntryId
            || s.entryId() == opponentEntryId));
    if (played) {
      throw ApiError.conflict("ALREADY_SCORED", "this match already has a result; a change is a correction");
    }
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
          ApiError refusal = entryRefusal(rows.size() == 0 ? null : rows.iterator().next(), competitionId, entryId);
          return refusal == null ? Future.succeededFuture() : Future.failedFuture(refusal);
        });
  }

  /** Why a mark for entry {@code entryId} (its row {@code e}, null when there is none) is refused; null for an active entry. */
  static ApiError entryRefusal(Row e, long competitionId, long entryId) {
    if (e == null) {
      return ApiError.notFound("entry " + entryId);
    }
    if (e.getLong("competition_id") != competitionId) {
      return ApiError.conflict("ENTRY_NOT_IN_COMPETITION", "entry " + entryId + " belongs to another competition");
    }
    String status = e.getString("status");
    if (!status.equals("CONFIRMED") && !status.equals("CHECKED_IN")) {
      return new ApiError(409, "ENTRY_NOT_ACTIVE", "entry " + entryId + " is " + status, new JsonObject().put("status", status));
    }
    return null;
  }

  static Future<ScoreRow> insert(SqlClient conn, long competitionId, NewRow r) {
    JsonObject marks = r.marksJson();
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
          return r.stored(x.getLong("id"), x.getOffsetDateTime("created_at"));
        });
  }



  /** A board as the transaction's writes left it: what the next mark of the transaction starts from. */
  private record Warm(Board board) {}

  private static String lockedKey(long competitionId) {
    return "scoring.locked:" + competitionId;
  }

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
      return scoring.refresh(tx, board, board.finalOfficial());
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
      return topics.append(tx, ScoringService.scoreboardTopic(competitionId), promised > batch.fromVersion
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
            return board.finalOfficial() ? topics.refresh(tx, ScoringService.medalsTopic(board.eventId)).<Void>mapEmpty()
                : Future.<Void>succeededFuture();
          });
    });
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
    Future<Long> version = topics.append(tx, ScoringService.scoreboardTopic(before.competitionId), delta);
    return after.finalOfficial() ? version.compose(v -> topics.refresh(tx, ScoringService.medalsTopic(before.eventId)).map(v)) : version;
  }
}
