package gala.scoring;

import gala.platform.ApiError;
import gala.platform.GroupCommit;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import gala.scoring.rules.Format;
import gala.scoring.rules.InvalidFormat;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;

/**
 * The scoring feature's entry point and its write path: a judge's submission (a panel mark, an
 * attempt, a part, a match result) checked against the format and the board and stored with the
 * scoreboard's delta in the same transaction, serialised per competition. The desk's other writes
 * (judges, corrections, checks, publication, visibility) live in {@link ScoreDesk}, the reads
 * (scoreboard, medals, audit, review, a judge's assignments) in {@link ScoreReads}.
 */
public final class ScoringService {
  /**
   * Marks' share of the node's group commit: 2 batches at once on up to 5 competitions each. With
   * more at once each batch finds fewer marks per competition, and every competition of a batch makes
   * a delta, a scoreboard version and a frame to each of its spectators (measurements: README,
   * "Session 16's changes").
   */
  public static void takeShare(gala.platform.GroupCommit groups) {
    groups.spanning(MarkSet.GROUP, Integer.getInteger("gala.scoring.spanningRunning", 2),
        Integer.getInteger("gala.scoring.spanningTargets", 5));
  }

  private final TopicLog topics;
  private final KeptBoards keptBoards = new KeptBoards();
  private final Marking marking;
  private final MarkSet marks;
  private final ScoreDesk desk;
  private final ScoreReads reads;

  public ScoringService(SqlClient pool, TopicLog topics) {
    this.topics = topics;
    this.marking = new Marking(this, topics, keptBoards);
    this.marks = new MarkSet(topics, keptBoards);
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

  // ---- submissions (one at a time: Marking; as a set: MarkSet) ----

  /**
   * Stores one judge's submission for one entry (a panel mark, an attempt or a match result) and
   * appends the scoreboard's delta in the same transaction (the demo's judges).
   */
  public Future<Reply> submitScore(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return marking.submit(tx, caller, competitionId, req, false, true);
  }

  /** {@link #submitScore} in a group-commit transaction of the competition's marks, which holds its results lock. */
  Future<Reply> submitGrouped(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return marking.submitGrouped(tx, caller, competitionId, req);
  }

  /** The marks of a set-based group-commit batch ({@link MarkSet}), under the results lock; one reply each, in order. */
  Future<List<Reply>> submitSet(Tx tx, long competitionId, List<GroupCommit.Request> requests) {
    return marks.write(tx, competitionId, requests);
  }

  /** Marks of several competitions (each request's target) in one transaction that holds their results locks. */
  Future<List<Reply>> submitSets(Tx tx, Map<Long, Row> frames, List<GroupCommit.Request> requests) {
    return marks.writeAll(tx, frames, requests);
  }

  /**
   * A head-to-head match result from the draws feature, inside its transaction: the same checks and
   * storage as submitScore, but an organiser of the event may enter it too (results from the desk).
   */
  public Future<Reply> recordMatch(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return marking.submit(tx, caller, competitionId, req, true, false);
  }

  /**
   * A change of the competition's panel (a judge removed, assigned, or joining by code) in {@code tx}:
   * made under the results lock, so no mark of a judge being removed commits after the removal (a
   * mark reads the panel under that lock), then the scoreboard refreshed, since marks show their
   * judge by seat (J1..Jn in the order of assignment) and a removal moves the seats after it.
   */
  public <T> Future<T> changePanel(Tx tx, long competitionId, java.util.function.Supplier<Future<T>> change) {
    gala.access.KnownJudges.panelChanged(tx, competitionId);
    return lock(tx.conn(), competitionId).compose(v -> change.get())
        .compose(result -> topics.refresh(tx, scoreboardTopic(competitionId)).map(result));
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

  /** The scoreboard first, then (when official places may have moved) the medals: always in that order. */
  Future<Long> refresh(Tx tx, Board board, boolean medals) {
    Future<Long> version = topics.refresh(tx, scoreboardTopic(board.competitionId));
    return medals ? version.compose(v -> topics.refresh(tx, medalsTopic(board.eventId)).map(v)) : version;
  }

  /** A correction's row and delta (ScoreDesk), as a mark's. */
  Future<Long> scored(Tx tx, Board before, ScoreRow row) {
    return marking.scored(tx, before, row);
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

  public Future<JsonObject> scoreboardRound(Caller caller, long competitionId, int round) {
    return reads.round(caller, competitionId, round);
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
