package gala.draws;

import gala.draws.rules.Pairing;
import gala.draws.rules.Progress;
import gala.draws.rules.RoundRobin;
import gala.draws.rules.SingleElimination;
import gala.draws.rules.Swiss;
import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import gala.scoring.ScoringService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws for head-to-head competitions. The draw and its matches live in {@code draws} and
 * {@code draw_matches}; a match result is stored by the scoring feature as a score row
 * ({@link ScoringService#recordMatch}) in the same transaction, so the scoreboard's standings, the
 * medal table and the bracket always agree. Writes on one competition's draw are serialised by an
 * advisory lock, and each refreshes the {@code draw:<competitionId>} topic before commit.
 */
public final class DrawService {
  private final Vertx vertx;
  private final SqlClient pool;
  private final TopicLog topics;
  private final ScoringService scoring;

  public DrawService(Vertx vertx, SqlClient pool, TopicLog topics, ScoringService scoring) {
    this.vertx = vertx;
    this.pool = pool;
    this.topics = topics;
    this.scoring = scoring;
    topics.register(new DrawSource());
  }

  public static String topic(long competitionId) {
    return DrawSource.KIND + ":" + competitionId;
  }

  /** What the database holds about one competition's draw, read inside the writing transaction. */
  private record State(long eventId, String type, String kind, List<Long> seeded, int rounds, List<MatchRow> matches,
      long results, List<Long> active) {
    boolean drawn() {
      return kind != null;
    }

    List<Progress.Match> progress() {
      return matches.stream().map(MatchRow::progress).toList();
    }
  }

  record MatchRow(long id, int round, int slot, Long a, Long b, boolean bye, Integer scoreA, Integer scoreB, Long winner) {
    static MatchRow of(Row r) {
      return new MatchRow(r.getLong("id"), r.getInteger("round"), r.getInteger("slot"), r.getLong("entry_a"),
          r.getLong("entry_b"), r.getBoolean("bye"), r.getInteger("score_a"), r.getInteger("score_b"), r.getLong("winner"));
    }

    Progress.Match progress() {
      return new Progress.Match(round, slot, a, b, bye, scoreA, scoreB);
    }

    JsonObject toJson() {
      return new JsonObject().put("id", id).put("round", round).put("slot", slot).put("a", a).put("b", b).put("bye", bye)
          .put("scoreA", scoreA).put("scoreB", scoreB).put("winner", winner);
    }
  }

  static final int MAX_ROUND_ROBIN = 64;
  static final int MAX_ENTRIES = 1024;

  static final String MATCH_COLUMNS = "id, round, slot, entry_a, entry_b, bye, score_a, score_b, winner";

  // ---- generateDraw ----

  /**
   * Draws the competition (organisers only): round robin and single elimination in full, Swiss one
   * round at a time. Refused with 409 once results are in, except that a Swiss draw's next round is
   * drawn from the standings once the current round is finished.
   */
  public Future<Reply> generate(Tx tx, Caller caller, long competitionId, JsonObject req) {
    SqlClient conn = tx.conn();
    String kind = req.getString("kind");
    return lock(conn, competitionId)
        .compose(v -> EventAccess.requireCompetitionOrganiser(conn, caller, competitionId))
        // No result may land between counting the results and storing the draw.
        .compose(v -> ScoringService.lockResults(conn, competitionId))
        .compose(v -> load(conn, competitionId))
        .compose(state -> {
          if (!"head_to_head".equals(state.type())) {
            throw new ApiError(422, "NOT_HEAD_TO_HEAD", "only head-to-head competitions are drawn",
                new JsonObject().put("type", state.type()));
          }
          if (state.drawn() && "swiss".equals(state.kind()) && "swiss".equals(kind)) {
            return nextSwissRound(conn, competitionId, state, req);
          }
          if (state.results() > 0) {
            throw new ApiError(409, "RESULTS_ALREADY_IN", "this competition already has results; its draw cannot change",
                new JsonObject().put("results", state.results()).put("kind", state.kind()));
          }
          return fresh(conn, caller, competitionId, state, kind, req);
        })
        .compose(v -> topics.refresh(tx, topic(competitionId)))
        .compose(version -> DrawSource.build(conn, competitionId)
            .map(draw -> Reply.created(new JsonObject().put("draw", draw).put("drawVersion", version))));
  }

  /** A new draw, replacing one that has no results yet. */
  private Future<Void> fresh(SqlClient conn, Caller caller, long competitionId, State state, String kind, JsonObject req) {
    List<Long> seeded = seeds(state, req.getJsonArray("entryIds"));
    // A round robin grows with n squared: 64 entries are 2,016 matches, a topic still quick to send.
    int most = "round_robin".equals(kind) ? MAX_ROUND_ROBIN : MAX_ENTRIES;
    if (seeded.size() > most) {
      throw new ApiError(422, "TOO_MANY_ENTRIES", "a " + kind + " draw takes at most " + most + " entries",
          new JsonObject().put("max", most).put("entries", seeded.size()));
    }
    if (req.containsKey("rounds") && !"swiss".equals(kind)) {
      throw ApiError.unprocessable("FIELD_NOT_FOR_KIND", "rounds is only chosen for a Swiss draw");
    }
    List<Object[]> rows = new ArrayList<>(); // round, slot, a, b, bye, winner
    int rounds;
    Future<Void> paired = Future.succeededFuture();
    switch (kind) {
      case "round_robin" -> {
        List<List<Pairing>> all = RoundRobin.rounds(seeded);
        for (int r = 0; r < all.size(); r++) {
          addRound(rows, r + 1, all.get(r), false);
        }
        rounds = all.size();
      }
      case "single_elimination" -> {
        SingleElimination se = SingleElimination.of(seeded.size());
        rounds = se.rounds();
        for (int r = 0; r < rounds; r++) {
          List<int[]> ms = se.matches(r);
          for (int m = 0; m < ms.size(); m++) {
            int[] pair = ms.get(m);
            boolean bye = pair[0] == SingleElimination.BYE_SEED || pair[1] == SingleElimination.BYE_SEED;
            Long a = entryOf(seeded, bye && pair[0] == SingleElimination.BYE_SEED ? pair[1] : pair[0]);
            Long b = bye ? null : entryOf(seeded, pair[1]);
            rows.add(new Object[] {r + 1, m, a, b, bye, bye ? a : null});
          }
        }
      }
      default -> {
        int wanted = req.getInteger("rounds", Progress.swissRounds(seeded.size()));
        int max = Progress.maxSwissRounds(seeded.size());
        if (wanted > max) {
          throw new ApiError(422, "TOO_MANY_ROUNDS", seeded.size() + " entries can play at most " + max + " Swiss rounds",
              new JsonObject().put("max", max));
        }
        rounds = wanted;
        paired = pairSwiss(Progress.swissPlayers(seeded, List.of()), new Swiss.History())
            .map(first -> {
              addRound(rows, 1, first, true);
              return null;
            });
      }
    }
    int total = rounds;
    return paired
        .compose(v -> conn.preparedQuery("DELETE FROM draws WHERE competition_id = $1").execute(Tuple.of(competitionId)))
        .compose(v -> conn.preparedQuery("INSERT INTO draws (competition_id, kind, entry_ids, rounds, created_by) "
                + "VALUES ($1, $2, $3, $4, $5)")
            .execute(Tuple.of(competitionId, kind, seeded.toArray(Long[]::new), total, caller.userId())))
        .compose(v -> insertMatches(conn, competitionId, rows));
  }

  private Future<Void> nextSwissRound(SqlClient conn, long competitionId, State state, JsonObject req) {
    if (req.containsKey("entryIds") || req.containsKey("rounds")) {
      throw ApiError.unprocessable("FIELD_NOT_FOR_NEXT_ROUND",
          "the next Swiss round is drawn from the standings; entryIds and rounds belong to the first");
    }
    List<Progress.Match> matches = state.progress();
    int last = Progress.lastRound(matches);
    if (!Progress.finished(matches, last)) {
      throw new ApiError(409, "ROUND_UNFINISHED", "round " + last + " still has matches without a result",
          new JsonObject().put("round", last).put("open", Progress.open(matches, last)));
    }
    if (last >= state.rounds()) {
      throw new ApiError(409, "DRAW_COMPLETE", "all " + state.rounds() + " Swiss rounds are drawn",
          new JsonObject().put("rounds", state.rounds()));
    }
    // Entries withdrawn since the start drop out of the pairing; their games still count.
    Set<Long> active = new HashSet<>(state.active());
    List<Long> playing = state.seeded().stream().filter(active::contains).toList();
    if (playing.size() < 2) {
      throw ApiError.conflict("TOO_FEW_ENTRIES", "fewer than two entries are still active");
    }
    return pairSwiss(Progress.swissPlayers(playing, matches), Progress.history(matches)).compose(next -> {
      List<Object[]> rows = new ArrayList<>();
      addRound(rows, last + 1, next, true);
      return insertMatches(conn, competitionId, rows);
    });
  }

  /** Swiss pairing runs a weighted matching over every pair: CPU work for a worker, not the event loop. */
  private Future<List<Pairing>> pairSwiss(List<Swiss.Player> players, Swiss.History history) {
    return vertx.executeBlocking(() -> Swiss.pair(players, history), false)
        .recover(e -> Future.failedFuture(e instanceof IllegalStateException
            ? ApiError.conflict("NO_PAIRING_LEFT", "no pairing without a rematch exists for another round") : e));
  }

  /** One round's pairings as rows; a Swiss bye is won at once, a round robin's rest is just a rest. */
  private static void addRound(List<Object[]> rows, int round, List<Pairing> pairings, boolean byeWins) {
    for (int s = 0; s < pairings.size(); s++) {
      Pairing p = pairings.get(s);
      if (p.isBye()) {
        rows.add(new Object[] {round, s, p.byeTaker(), null, true, byeWins ? p.byeTaker() : null});
      } else {
        rows.add(new Object[] {round, s, p.a(), p.b(), false, null});
      }
    }
  }

  private static Long entryOf(List<Long> seeded, int seed) {
    return seed <= 0 ? null : seeded.get(seed - 1);
  }

  private static Future<Void> insertMatches(SqlClient conn, long competitionId, List<Object[]> rows) {
    List<Tuple> batch = new ArrayList<>();
    for (Object[] r : rows) {
      batch.add(Tuple.from(Arrays.asList(competitionId, r[0], r[1], r[2], r[3], r[4], r[5])));
    }
    return conn.preparedQuery("INSERT INTO draw_matches (competition_id, round, slot, entry_a, entry_b, bye, winner) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .executeBatch(batch).mapEmpty();
  }

  /** The seed order: the body's entries (each an active entry of this competition, once), or all in entry order. */
  private static List<Long> seeds(State state, JsonArray requested) {
    List<Long> seeded;
    if (requested == null) {
      seeded = state.active();
    } else {
      Set<Long> active = new HashSet<>(state.active());
      LinkedHashSet<Long> ids = new LinkedHashSet<>();
      for (int i = 0; i < requested.size(); i++) {
        long id = requested.getLong(i);
        if (!ids.add(id)) {
          throw new ApiError(422, "DUPLICATE_ENTRY", "entry " + id + " is seeded twice", new JsonObject().put("entryId", id));
        }
        if (!active.contains(id)) {
          throw new ApiError(409, "ENTRY_NOT_ACTIVE", "entry " + id + " is not an active entry of this competition",
              new JsonObject().put("entryId", id));
        }
      }
      seeded = new ArrayList<>(ids);
    }
    if (seeded.size() < 2) {
      throw new ApiError(422, "TOO_FEW_ENTRIES", "a draw needs at least two active entries",
          new JsonObject().put("entries", seeded.size()));
    }
    return seeded;
  }

  // ---- recordMatchResult ----

  /**
   * The result of one drawn match, by an assigned judge or an organiser: stored as the scoring
   * feature's head-to-head result (so the scoreboard follows), and in single elimination the winner
   * moves into the next round's match.
   */
  public Future<Reply> recordResult(Tx tx, Caller caller, long competitionId, long matchId, JsonObject req) {
    SqlClient conn = tx.conn();
    int scoreA = req.getInteger("scoreA");
    int scoreB = req.getInteger("scoreB");
    return lock(conn, competitionId)
        .compose(v -> requireJudgeOrOrganiser(conn, caller, competitionId))
        .compose(v -> load(conn, competitionId))
        .compose(state -> {
          MatchRow match = state.matches().stream().filter(m -> m.id() == matchId).findFirst()
              .orElseThrow(() -> ApiError.notFound("match " + matchId + " of competition " + competitionId));
          if (match.bye()) {
            throw ApiError.conflict("MATCH_IS_BYE", "this is a bye: its entrant goes through without a result");
          }
          if (match.a() == null || match.b() == null) {
            throw ApiError.conflict("MATCH_NOT_READY", "this match waits for the winners of the previous round");
          }
          if (match.scoreA() != null) {
            throw new ApiError(409, "ALREADY_RECORDED", "this match already has a result; a change is a correction",
                new JsonObject().put("scoreA", match.scoreA()).put("scoreB", match.scoreB()));
          }
          boolean knockout = "single_elimination".equals(state.kind());
          if (knockout && scoreA == scoreB) {
            throw ApiError.unprocessable("WINNER_REQUIRED", "a knockout match needs a winner: the scores cannot be equal");
          }
          Long winner = scoreA > scoreB ? match.a() : scoreB > scoreA ? match.b() : null;
          JsonObject score = new JsonObject().put("entryId", match.a()).put("opponentEntryId", match.b())
              .put("value", scoreA).put("opponentValue", scoreB);
          return scoring.recordMatch(tx, caller, competitionId, score).compose(stored -> {
            long scoreId = stored.body().getJsonObject("score").getLong("id");
            MatchRow done = new MatchRow(match.id(), match.round(), match.slot(), match.a(), match.b(), false, scoreA, scoreB,
                winner);
            return conn.preparedQuery("UPDATE draw_matches SET score_a = $2, score_b = $3, winner = $4, score_id = $5, "
                    + "recorded_by = $6, recorded_at = now() WHERE id = $1")
                .execute(Tuple.from(Arrays.asList(matchId, scoreA, scoreB, winner, scoreId, caller.userId())))
                .compose(v -> knockout ? advance(conn, competitionId, state, done) : Future.succeededFuture())
                .compose(v -> topics.refresh(tx, topic(competitionId)))
                .map(version -> Reply.created(new JsonObject().put("match", done.toJson())
                    .put("score", stored.body().getJsonObject("score"))
                    .put("scoreboardVersion", stored.body().getLong("scoreboardVersion")).put("drawVersion", version)));
          });
        });
  }

  /**
   * Replays the bracket's recorded winners through the pure rules (which refuse anything out of
   * place), adds this one, and writes the next round's match as the rules now have it.
   */
  private static Future<Void> advance(SqlClient conn, long competitionId, State state, MatchRow done) {
    List<Long> seeded = state.seeded();
    Map<Long, Integer> seedOf = new HashMap<>();
    for (int i = 0; i < seeded.size(); i++) {
      seedOf.put(seeded.get(i), i + 1);
    }
    SingleElimination se = SingleElimination.of(seeded.size());
    List<MatchRow> decided = new ArrayList<>(state.matches().stream()
        .filter(m -> !m.bye() && m.winner() != null && m.id() != done.id()).toList());
    decided.add(done);
    decided.sort((x, y) -> x.round() != y.round() ? Integer.compare(x.round(), y.round()) : Integer.compare(x.slot(), y.slot()));
    for (MatchRow m : decided) {
      se.recordWinner(m.round() - 1, m.slot(), seedOf.get(m.winner()));
    }
    if (done.round() >= se.rounds()) {
      return Future.succeededFuture(); // the final: the champion is its winner
    }
    int[] next = se.matches(done.round()).get(done.slot() / 2);
    return conn.preparedQuery("UPDATE draw_matches SET entry_a = $3, entry_b = $4 WHERE competition_id = $1 AND round = $2 "
            + "AND slot = $5")
        .execute(Tuple.from(Arrays.asList(competitionId, done.round() + 1, entryOf(seeded, next[0]), entryOf(seeded, next[1]),
            done.slot() / 2)))
        .mapEmpty();
  }

  private static Future<Void> requireJudgeOrOrganiser(SqlClient conn, Caller caller, long competitionId) {
    return gala.access.Access.competition(conn, caller, competitionId).compose(s -> s.scores() ? Future.<Void>succeededFuture()
        : Future.failedFuture(new ApiError(403, "NOT_ASSIGNED_JUDGE",
            "only the competition's judges and the event's organisers record results")));
  }

  // ---- reads ----

  /** The draw snapshot, for anyone who may follow the topic. */
  public Future<JsonObject> get(Caller caller, long competitionId) {
    return DrawSource.readable(pool, caller, competitionId)
        .compose(v -> topics.snapshot(topic(competitionId)))
        .map(TopicLog.Snapshot::toJson);
  }

  // ---- shared ----

  /** Draw writes on one competition are serialised, so checks and the stored bracket agree. */
  private static Future<Void> lock(SqlClient conn, long competitionId) {
    return conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
        .execute(Tuple.of("gala.draws:" + competitionId)).mapEmpty();
  }

  private static Future<State> load(SqlClient conn, long competitionId) {
    Future<RowSet<Row>> comp = conn.preparedQuery(
            "SELECT event_id, format->>'type' AS type, "
                + "(SELECT count(*) FROM scores s WHERE s.competition_id = c.id) AS results FROM competitions c WHERE id = $1")
        .execute(Tuple.of(competitionId));
    Future<RowSet<Row>> draw = conn.preparedQuery(
        "SELECT kind, entry_ids, rounds FROM draws WHERE competition_id = $1").execute(Tuple.of(competitionId));
    Future<RowSet<Row>> matches = conn.preparedQuery(
            "SELECT " + MATCH_COLUMNS + " FROM draw_matches WHERE competition_id = $1 ORDER BY round, slot")
        .execute(Tuple.of(competitionId));
    Future<RowSet<Row>> active = conn.preparedQuery(
            "SELECT id FROM entries WHERE competition_id = $1 AND status IN ('CONFIRMED', 'CHECKED_IN') ORDER BY id")
        .execute(Tuple.of(competitionId));
    return Future.all(comp, draw, matches, active).map(v -> {
      if (comp.result().size() == 0) {
        throw ApiError.notFound("competition " + competitionId);
      }
      Row c = comp.result().iterator().next();
      String kind = null;
      List<Long> seeded = List.of();
      int rounds = 0;
      if (draw.result().size() > 0) {
        Row d = draw.result().iterator().next();
        kind = d.getString("kind");
        seeded = Arrays.asList(d.getArrayOfLongs("entry_ids"));
        rounds = d.getInteger("rounds");
      }
      List<MatchRow> ms = new ArrayList<>();
      matches.result().forEach(r -> ms.add(MatchRow.of(r)));
      List<Long> ids = new ArrayList<>();
      active.result().forEach(r -> ids.add(r.getLong("id")));
      return new State(c.getLong("event_id"), c.getString("type"), kind, seeded, rounds, ms, c.getLong("results"), ids);
    });
  }
}
