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
      + "SELECT x.c, x.e, x.j, x.v::numeric, x.r, x.a, x.m::jsonb, x.o, x.oe, x.ov::numeric, x.j, x.p "
      + "FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], "
      + "$9::bigint[], $10::text[], $11::text[]) AS x(c, e, j, v, r, a, m, o, oe, ov, p) "
      + "RETURNING id, created_at, competition_id, entry_id, judge_id, round, attempt, part, opponent_entry_id";
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
   * request's target), up to its share's targets (ScoringService.takeShare), so BEGIN, the keys' claims and
   * stored replies, and COMMIT are shared by more marks than one competition's judges send at once.
   */
  static final String GROUP = "scores";
  private static final String LOCK_ALL = "SELECT pg_advisory_xact_lock(hashtextextended('gala.scoring:' || x, 0)) "
      + "FROM unnest($1::bigint[]) AS x";

  /**
   * The results locks of every competition the batch's requests score, in one statement, in id order
   * (unnest keeps the array's order), as every writer that takes more than one takes them; then,
   * pipelined behind them (so read once they are granted), every competition's board frame with its
   * scoreboard topic's state, one statement for all: the batch's answer, by competition. That statement runs
   * on a generic plan (gala.platform.PlanModes): PostgreSQL kept custom plans for it and planned the
   * multi-join query afresh at every batch, 1.2 ms each, a fifth of the backends' CPU in a
   * ScoringBench saturation (pg_stat_statements: 1,191 plans in 1,190 calls, 1,424 ms).
   */
  static Future<Map<Long, Row>> lockAll(SqlClient conn, List<GroupCommit.Request> requests) {
    java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
    requests.forEach(r -> ids.add(r.target()));
    Long[] sorted = ids.toArray(new Long[0]);
    Future<?> locked = conn.preparedQuery(LOCK_ALL).execute(Tuple.of(sorted));
    Future<Map<Long, Row>> frames = gala.platform.PlanModes.onGenericPlan(conn, c -> BoardLoad.framesAt(c, sorted));
    return Future.all(locked, frames).map(all -> frames.result());
  }

  /**
   * A batch's requests over its competitions (each request's target), each from its frame read with
   * the locks ({@code frames}, {@link #lockAll}); one reply per request, in order.
   */
  Future<List<Reply>> writeAll(Tx tx, Map<Long, Row> frames, List<GroupCommit.Request> requests) {
    java.util.TreeMap<Long, List<Integer>> byCompetition = new java.util.TreeMap<>();
    for (int i = 0; i < requests.size(); i++) {
      byCompetition.computeIfAbsent(requests.get(i).target(), c -> new ArrayList<>()).add(i);
    }
    Map<Long, Future<BoardLoad.At>> loads = new HashMap<>();
    byCompetition.keySet().forEach(c -> loads.put(c, BoardLoad.loadAt(tx.conn(), c, keptBoards, frames.get(c))));
    return write(tx, byCompetition, loads, requests);
  }

  /** One competition's requests, its results lock held; one reply per request, in order. */
  Future<List<Reply>> write(Tx tx, long competitionId, List<GroupCommit.Request> requests) {
    // The scoreboard topic's row read with the board's frame, one statement; the board's entries and
    // score rows taken from the board this node's last batch left while that row is still the one it wrote.
    java.util.TreeMap<Long, List<Integer>> all = new java.util.TreeMap<>();
    all.put(competitionId, java.util.stream.IntStream.range(0, requests.size()).boxed().toList());
    return write(tx, all, Map.of(competitionId, BoardLoad.loadAt(tx.conn(), competitionId, keptBoards)), requests);
  }

  /** One competition's marks that pass, decided against its board: what the batch writes for it. */
  private record Decided(Board from, Board after, TopicState topicAt, List<NewRow> rows, List<Integer> of, long promised,
      JsonObject delta) {
    String topic() {
      return ScoringService.scoreboardTopic(from.competitionId);
    }
  }

  /**
   * Every competition's set decided on its own board (their reads pipelined: one round trip), then
   * written together: ONE multi-row INSERT of every competition's rows and each scoreboard's delta,
   * all sent at once (one round trip, not one per competition); the medal tables of events whose
   * final official places may have moved are refreshed after all the scoreboards, once per event,
   * so a medal table reads every board of the batch as written and is never refreshed twice at once.
   * (One appendAll for the deltas cost more PostgreSQL time than the single appends: 1.52 ms for
   * 3.4 topics against 0.32 ms each, pg_stat_statements, ScoringBench 2026-12-03 18:29-18:32.)
   */
  private Future<List<Reply>> write(Tx tx, java.util.TreeMap<Long, List<Integer>> byCompetition,
      Map<Long, Future<BoardLoad.At>> loads, List<GroupCommit.Request> requests) {
    SqlClient conn = tx.conn();
    Reply[] replies = new Reply[requests.size()];
    List<Future<Decided>> sets = new ArrayList<>();
    for (Map.Entry<Long, List<Integer>> part : byCompetition.entrySet()) {
      long competitionId = part.getKey();
      List<GroupCommit.Request> mine = new ArrayList<>();
      part.getValue().forEach(i -> mine.add(requests.get(i)));
      sets.add(loads.get(competitionId).compose(at -> {
        Board from = at.board();
        if (from == null || at.topic() == null) {
          ApiError missing = ApiError.notFound("competition " + competitionId);
          part.getValue().forEach(i -> replies[i] = Reply.of(missing));
          return Future.succeededFuture(null);
        }
        return offBoard(conn, competitionId, from, mine).map(why -> decide(from, at.topic(), mine, part.getValue(), why, replies));
      }));
    }
    return Future.all(sets).compose(x -> {
      List<Decided> writes = new ArrayList<>();
      sets.forEach(f -> {
        if (f.result() != null) {
          writes.add(f.result());
        }
      });
      return writes.isEmpty() ? Future.succeededFuture(Arrays.asList(replies)) : store(tx, writes, replies);
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

  /**
   * Checks every request in order against the board with the marks before it; the refused ones get
   * their reply ({@code of}: the requests' places in the batch), the others make the set to store
   * (null when none passes).
   */
  private static Decided decide(Board from, TopicState topicAt, List<GroupCommit.Request> requests, List<Integer> places,
      Map<Long, ApiError> offBoard, Reply[] replies) {
    List<NewRow> rows = new ArrayList<>();
    List<Integer> of = new ArrayList<>();
    Board board = from;
    for (int i = 0; i < requests.size(); i++) {
      GroupCommit.Request request = requests.get(i);
      try {
        NewRow row = check(board, request, offBoard);
        // Placeholder id (negative, by the request's place): the checks of the next marks read slots, never ids.
        board = board.with(row.stored(-1 - places.get(i), null));
        rows.add(row);
        of.add(places.get(i));
      } catch (ApiError refusal) {
        replies[places.get(i)] = Reply.of(refusal);
      }
    }
    if (rows.isEmpty()) {
      return null;
    }
    long promised = from.hidden ? topicAt.version() : topicAt.version() + 1;
    // A scoreboard shows no row ids or times, so the board with the rows under placeholder ids renders
    // the delta the stored rows would.
    JsonObject delta = BoardDelta.between(from, board);
    return new Decided(from, board, topicAt, rows, of, promised,
        promised > topicAt.version() ? MarkBatch.nonEmpty(delta, from.competitionId) : delta);
  }

  /**
   * Pipelined: every set's rows and every delta go out together, one round trip; should the INSERT
   * fail, the appends fail with it (the transaction is aborted) and so does the batch.
   */
  private Future<List<Reply>> store(Tx tx, List<Decided> writes, Reply[] replies) {
    Future<List<ScoreRow>> inserted = insert(tx.conn(), writes);
    List<Future<Long>> appended = new ArrayList<>();
    writes.forEach(d -> appended.add(topics.append(tx, d.topic(), d.delta())));
    return Future.all(inserted, Future.all(appended)).compose(x -> {
      Map<Long, ScoreRow> byPlaceholder = new HashMap<>();
      List<Integer> places = new ArrayList<>();
      writes.forEach(d -> places.addAll(d.of()));
      List<ScoreRow> stored = inserted.result();
      for (int k = 0; k < stored.size(); k++) {
        byPlaceholder.put(-1L - places.get(k), stored.get(k));
      }
      java.util.TreeSet<Long> medalEvents = new java.util.TreeSet<>();
      for (int w = 0; w < writes.size(); w++) {
        Decided d = writes.get(w);
        long version = appended.get(w).result();
        if (version != d.promised()) {
          return Future.failedFuture(new IllegalStateException(d.topic() + " reached version " + version + ", not " + d.promised()));
        }
        // The board kept for the next batch holds the rows as stored (their ids and times), ranked once.
        Board done = d.after().storedAs(byPlaceholder);
        if (!d.from().hidden) {
          keptBoards.put(d.from().competitionId, done, version, d.topicAt().me());
        }
        for (int i : d.of()) {
          replies[i] = Reply.created(new JsonObject().put("score", byPlaceholder.get(-1L - i).toJson()
              .put("competitionId", d.from().competitionId)).put("scoreboardVersion", version));
        }
        if (done.finalOfficial()) {
          medalEvents.add(d.from().eventId);
        }
      }
      Future<?> medals = Future.succeededFuture();
      for (long event : medalEvents) {
        medals = medals.compose(y -> topics.refresh(tx, ScoringService.medalsTopic(event)));
      }
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
    if (!round.has(entryId)) {
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

  /**
   * Every set's rows in one statement, in the sets' order; each comes back with its id and time,
   * matched by its competition and slot (unique among them).
   */
  private static Future<List<ScoreRow>> insert(SqlClient conn, List<Decided> writes) {
    List<NewRow> rows = new ArrayList<>();
    List<Long> competitionOf = new ArrayList<>();
    writes.forEach(d -> d.rows().forEach(r -> {
      rows.add(r);
      competitionOf.add(d.from().competitionId);
    }));
    int n = rows.size();
    Long[] competition = competitionOf.toArray(new Long[0]);
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
      slots.put(slot(competition[i], r.entryId, r.judgeId, r.round, r.attempt, r.part, r.opponentEntryId), i);
    }
    return conn.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {competition, entry, judge, value, round, attempt, marks, outcome, opponent,
            opponentValue, part}))
        .recover(x -> Future.failedFuture(x instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiError.conflict("ALREADY_SCORED", "this score is already recorded; a change is a correction") : x))
        .map(result -> {
          ScoreRow[] out = new ScoreRow[n];
          for (Row x : result) {
            Integer i = slots.get(slot(x.getLong("competition_id"), x.getLong("entry_id"), x.getLong("judge_id"),
                x.getInteger("round"), x.getInteger("attempt"), x.getString("part"), x.getLong("opponent_entry_id")));
            out[i] = rows.get(i).stored(x.getLong("id"), x.getOffsetDateTime("created_at"));
          }
          return Arrays.asList(out);
        });
  }

  private static String slot(long competition, long entry, long judge, int round, int attempt, String part, Long opponent) {
    return competition + "/" + entry + "/" + judge + "/" + round + "/" + attempt + "/" + part + "/" + opponent;
  }

  private static String plain(BigDecimal v) {
    return v == null ? null : v.toPlainString();
  }
}
