package gala.scoring;

import gala.platform.ApiError;
import gala.platform.GroupCommit;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import gala.scoring.rules.HeadToHeadFormat;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The judges' marks of one competition that arrive together, decided and written as one set (a
 * set-based group-commit batch, see gala.platform.GroupCommit.Batch), in the transaction that holds
 * the competition's results lock: the board is read once (or kept from this node's last batch,
 * {@link KeptBoards}), each mark is checked in arrival order against the board with the marks
 * before it, the marks that pass are stored by ONE multi-row INSERT, and the lot makes one
 * scoreboard delta and version. A refused mark writes nothing and its reply is its 4xx (the same
 * refusal, in the same order of checks, as one mark alone gets); the others are not affected.
 * Whether the caller judges the competition is read with the board under the lock (its seats), so a
 * judge removed meanwhile is refused. Marks that declare a difficulty (a dive code with the first
 * mark) write a declaration first and run one by one ({@link ScoringService#submitScore}).
 */
final class MarkSet {
  private static final String INSERT = "INSERT INTO scores (competition_id, entry_id, judge_id, value, round, attempt, marks, "
      + "outcome, opponent_entry_id, opponent_value, entered_by, part) "
      + "SELECT $1, x.e, x.j, x.v::numeric, x.r, x.a, x.m::jsonb, x.o, x.oe, x.ov::numeric, x.j, x.p "
      + "FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::bigint[], "
      + "$10::text[], $11::text[]) AS x(e, j, v, r, a, m, o, oe, ov, p) "
      + "RETURNING id, created_at, entry_id, judge_id, round, attempt, part, opponent_entry_id";
  private final TopicLog topics;
  private final KeptBoards keptBoards;

  MarkSet(TopicLog topics, KeptBoards keptBoards) {
    this.topics = topics;
    this.keptBoards = keptBoards;
  }

  /** Whether a submission may join a set: it declares no difficulty (that writes a declaration first). */
  static boolean fits(JsonObject body) {
    return !body.containsKey("difficulty") && !body.containsKey("code");
  }

  /**
   * The node's group of marks that join sets: a batch spans the competitions its marks score (each
   * request's target), up to GroupCommit.SPANNING_TARGETS of them, so BEGIN, the keys' claims and
   * stored replies, and COMMIT are shared by more marks than one competition's judges send at once.
   */
  static final String GROUP = "scores";
  private static final String LOCK_ALL = "SELECT pg_advisory_xact_lock(hashtextextended('gala.scoring:' || x, 0)) "
      + "FROM unnest($1::bigint[]) AS x";

  /**
   * The results locks of every competition the batch's requests score, in one statement, in id order
   * (unnest keeps the array's order), as every writer that takes more than one takes them; then,
   * pipelined behind them (so read once they are granted), every competition's board frame with its
   * scoreboard topic's state, one statement for all: the batch's answer, by competition.
   */
  static Future<Map<Long, Row>> lockAll(SqlClient conn, List<GroupCommit.Request> requests) {
    java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
    requests.forEach(r -> ids.add(r.target()));
    Long[] sorted = ids.toArray(new Long[0]);
    Future<?> locked = conn.preparedQuery(LOCK_ALL).execute(Tuple.of(sorted));
    Future<Map<Long, Row>> frames = BoardLoad.framesAt(conn, sorted);
    return Future.all(locked, frames).map(all -> frames.result());
  }

  /**
   * A batch's requests, one competition's set after another (in id order; not pipelined, so two
   * competitions of one event never refresh its medals at once), each from its frame read with the
   * locks ({@code frames}, {@link #lockAll}); one reply per request, in order.
   */
  Future<List<Reply>> writeAll(Tx tx, Map<Long, Row> frames, List<GroupCommit.Request> requests) {
    java.util.TreeMap<Long, List<Integer>> byCompetition = new java.util.TreeMap<>();
    for (int i = 0; i < requests.size(); i++) {
      byCompetition.computeIfAbsent(requests.get(i).target(), c -> new ArrayList<>()).add(i);
    }
    Reply[] replies = new Reply[requests.size()];
    Future<Void> done = Future.succeededFuture();
    for (Map.Entry<Long, List<Integer>> part : byCompetition.entrySet()) {
      List<GroupCommit.Request> mine = new ArrayList<>();
      part.getValue().forEach(i -> mine.add(requests.get(i)));
      Row frame = frames.get(part.getKey());
      done = done.compose(v -> write(tx, part.getKey(), BoardLoad.loadAt(tx.conn(), part.getKey(), keptBoards, frame), mine)
          .map(answers -> {
        for (int k = 0; k < answers.size(); k++) {
          replies[part.getValue().get(k)] = answers.get(k);
        }
        return null;
      }));
    }
    return done.map(v -> Arrays.asList(replies));
  }

  /** One competition's requests, its results lock held; one reply per request, in order. */
  Future<List<Reply>> write(Tx tx, long competitionId, List<GroupCommit.Request> requests) {
    // The scoreboard topic's row read with the board's frame, one statement; the board's entries and
    // score rows taken from the board this node's last batch left while that row is still the one it wrote.
    return write(tx, competitionId, BoardLoad.loadAt(tx.conn(), competitionId, keptBoards), requests);
  }

  private Future<List<Reply>> write(Tx tx, long competitionId, Future<BoardLoad.At> loaded, List<GroupCommit.Request> requests) {
    SqlClient conn = tx.conn();
    return loaded.compose(at -> {
      Board from = at.board();
      if (from == null || at.topic() == null) {
        ApiError missing = ApiError.notFound("competition " + competitionId);
        return Future.succeededFuture(requests.stream().map(r -> Reply.of(missing)).toList());
      }
      TopicState topicAt = at.topic();
      return offBoard(conn, competitionId, from, requests).compose(why -> decide(tx, from, topicAt, requests, why));
    });
  }

  /**
   * Why each entry a request names that is not on the board (which holds every active entry of the
   * competition, under the results lock) is refused, asked of the database in one statement.
   */
  private static Future<Map<Long, ApiError>> offBoard(SqlClient conn, long competitionId, Board board,
      List<GroupCommit.Request> requests) {
    Set<Long> ids = new HashSet<>();
    for (GroupCommit.Request r : requests) {
      for (String field : new String[] {"entryId", "opponentEntryId"}) {
        Long id = r.body().getValue(field) instanceof Number n ? n.longValue() : null;
        if (id != null && !board.entries.containsKey(id)) {
          ids.add(id);
        }
      }
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return conn.preparedQuery("SELECT id, competition_id, status FROM entries WHERE id = ANY($1)")
        .execute(Tuple.of(ids.toArray(new Long[0])))
        .map(rows -> {
          Map<Long, Row> found = new HashMap<>();
          rows.forEach(r -> found.put(r.getLong("id"), r));
          Map<Long, ApiError> why = new HashMap<>();
          for (long id : ids) {
            ApiError refusal = Marking.entryRefusal(found.get(id), competitionId, id);
            if (refusal != null) {
              why.put(id, refusal);
            }
          }
          return why;
        });
  }

  /** Checks every request in order against the board with the marks before it, then stores the ones that pass. */
  private Future<List<Reply>> decide(Tx tx, Board from, TopicState topicAt, List<GroupCommit.Request> requests,
      Map<Long, ApiError> offBoard) {
    Reply[] replies = new Reply[requests.size()];
    List<NewRow> rows = new ArrayList<>();
    List<Integer> of = new ArrayList<>();
    Board board = from;
    for (int i = 0; i < requests.size(); i++) {
      GroupCommit.Request request = requests.get(i);
      try {
        NewRow row = check(board, request, offBoard);
        // Placeholder id (negative): the checks of the next marks read slots, never ids.
        board = board.with(row.stored(-1 - i, null));
        rows.add(row);
        of.add(i);
      } catch (ApiError refusal) {
        replies[i] = Reply.of(refusal);
      }
    }
    if (rows.isEmpty()) {
      return Future.succeededFuture(Arrays.asList(replies));
    }
    long promised = from.hidden ? topicAt.version() : topicAt.version() + 1;
    Board after = board;
    JsonObject delta = BoardDelta.between(from, after);
    String topic = ScoringService.scoreboardTopic(from.competitionId);
    // Pipelined: the rows and the delta go out together, one round trip. A scoreboard shows no row
    // ids or times, so the board with the rows under placeholder ids renders the delta the stored
    // rows would; should the INSERT fail, the append fails with it and so does the set.
    Future<List<ScoreRow>> inserted = insert(tx.conn(), from.competitionId, rows);
    Future<Long> appended = topics.append(tx, topic, promised > topicAt.version() ? MarkBatch.nonEmpty(delta, from.competitionId)
        : delta);
    return Future.all(inserted, appended).compose(x -> {
      List<ScoreRow> stored = inserted.result();
      long version = appended.result();
      if (version != promised) {
        return Future.failedFuture(new IllegalStateException(topic + " reached version " + version + ", not " + promised));
      }
      // The board kept for the next batch holds the rows as stored (their ids and times), ranked once.
      Map<Long, ScoreRow> byPlaceholder = new HashMap<>();
      for (int k = 0; k < stored.size(); k++) {
        byPlaceholder.put(-1L - of.get(k), stored.get(k));
      }
      Board done = after.storedAs(byPlaceholder);
      if (!from.hidden) {
        keptBoards.put(from.competitionId, done, version, topicAt.me());
      }
      for (int k = 0; k < stored.size(); k++) {
        replies[of.get(k)] = Reply.created(new JsonObject()
            .put("score", stored.get(k).toJson().put("competitionId", from.competitionId)).put("scoreboardVersion", version));
      }
      Future<?> medals = done.finalOfficial() ? topics.refresh(tx, ScoringService.medalsTopic(from.eventId))
          : Future.succeededFuture();
      return medals.map(y -> Arrays.asList(replies));
    });
  }

  /** The row one request would store, checked against {@code board}; its refusal otherwise (the checks of a single mark, in order). */
  private static NewRow check(Board board, GroupCommit.Request request, Map<Long, ApiError> offBoard) {
    JsonObject req = request.body();
    long judge = request.caller().userId();
    if (!board.seats.containsKey(judge)) {
      throw new ApiError(403, "NOT_ASSIGNED_JUDGE", "you are not a judge of this competition");
    }
    long entryId = req.getLong("entryId");
    ApiError why = offBoard.get(entryId);
    if (why != null) {
      throw why;
    }
    Board.RoundView round = Marking.roundFor(board, req.getInteger("round"));
    if (!round.field().contains(entryId)) {
      throw ApiError.conflict("ENTRY_NOT_IN_ROUND", "entry " + entryId + " is not in round " + round.round());
    }
    NewRow row = new NewRow(entryId, judge, round.round());
    if (Submission.read(board, req, row) != null) {
      throw new IllegalStateException("a mark that declares a difficulty does not join a set");
    }
    if (board.format instanceof HeadToHeadFormat) {
      ApiError opponent = offBoard.get(row.opponentEntryId);
      if (opponent != null) {
        throw opponent;
      }
      Marking.checkMatch(board, round, entryId, row.opponentEntryId);
    }
    return row;
  }

  /** The rows in one statement; each comes back with its id and time, matched by its slot (unique among them). */
  private static Future<List<ScoreRow>> insert(SqlClient conn, long competitionId, List<NewRow> rows) {
    int n = rows.size();
    Long[] entry = new Long[n];
    Long[] judge = new Long[n];
    String[] value = new String[n];
    Integer[] round = new Integer[n];
    Integer[] attempt = new Integer[n];
    String[] marks = new String[n];
    String[] outcome = new String[n];
    Long[] opponent = new Long[n];
    String[] opponentValue = new String[n];
    String[] part = new String[n];
    Map<String, Integer> slots = new HashMap<>();
    for (int i = 0; i < n; i++) {
      NewRow r = rows.get(i);
      entry[i] = r.entryId;
      judge[i] = r.judgeId;
      value[i] = plain(r.value);
      round[i] = r.round;
      attempt[i] = r.attempt;
      marks[i] = r.marksJson() == null ? null : r.marksJson().encode();
      outcome[i] = r.outcome;
      opponent[i] = r.opponentEntryId;
      opponentValue[i] = plain(r.opponentValue);
      part[i] = r.part;
      slots.put(slot(r.entryId, r.judgeId, r.round, r.attempt, r.part, r.opponentEntryId), i);
    }
    return conn.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {competitionId, entry, judge, value, round, attempt, marks, outcome, opponent,
            opponentValue, part}))
        .recover(x -> Future.failedFuture(x instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiError.conflict("ALREADY_SCORED", "this score is already recorded; a change is a correction") : x))
        .map(result -> {
          ScoreRow[] out = new ScoreRow[n];
          for (Row x : result) {
            Integer i = slots.get(slot(x.getLong("entry_id"), x.getLong("judge_id"), x.getInteger("round"),
                x.getInteger("attempt"), x.getString("part"), x.getLong("opponent_entry_id")));
            out[i] = rows.get(i).stored(x.getLong("id"), x.getOffsetDateTime("created_at"));
          }
          return Arrays.asList(out);
        });
  }

  private static String slot(long entry, long judge, int round, int attempt, String part, Long opponent) {
    return entry + "/" + judge + "/" + round + "/" + attempt + "/" + part + "/" + opponent;
  }

  private static String plain(BigDecimal v) {
    return v == null ? null : v.toPlainString();
  }
}
