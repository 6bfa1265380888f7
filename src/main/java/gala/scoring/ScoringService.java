package gala.scoring;

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
 * Judge assignment, score submission, corrections, double checks, publication, visibility, the
 * scoreboard, audit, review and medal table reads. Every write runs in the caller's transaction,
 * serialised per competition, and recomputes the scoreboard (and, when official places may have
 * changed, the event's medal table) in that same transaction.
 */
public final class ScoringService {
  private final SqlClient pool;
  private final TopicLog topics;

  public ScoringService(SqlClient pool, TopicLog topics) {
    this.pool = pool;
    this.topics = topics;
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

  /** Assigns a judge (by user id or email) to a competition; organisers of its event only. */
  public Future<JsonObject> assignJudge(Tx tx, Caller caller, long competitionId, JsonObject req) {
    SqlClient conn = tx.conn();
    return EventAccess.requireCompetitionOrganiser(conn, caller, competitionId)
        .compose(v -> conn.preparedQuery("SELECT id, display_name FROM users WHERE id = $1 OR lower(email) = lower($2)")
            .execute(Tuple.of(req.getLong("userId", -1L), req.getString("email", ""))))
        .compose(users -> {
          if (users.size() != 1) {
            return Future.failedFuture(ApiError.unprocessable("UNKNOWN_USER", "no account with that userId or email"));
          }
          Row u = users.iterator().next();
          return conn.preparedQuery("INSERT INTO competition_judges (competition_id, user_id, is_head, assigned_by) "
                  + "VALUES ($1, $2, $3, $4) ON CONFLICT (competition_id, user_id) DO UPDATE SET is_head = EXCLUDED.is_head")
              .execute(Tuple.of(competitionId, u.getLong("id"), req.getBoolean("head", false), caller.userId()))
              .map(r -> new JsonObject().put("competitionId", competitionId).put("userId", u.getLong("id"))
                  .put("displayName", u.getString("display_name")).put("head", req.getBoolean("head", false)));
        });
  }

  // ---- submissions ----

  /**
   * Stores one judge's submission for one entry (a panel mark, an attempt or a match result) and
   * recomputes the scoreboard in the same transaction. Runs inside an idempotent transaction.
   */
  public Future<Reply> submitScore(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return submit(tx, caller, competitionId, req, false);
  }

  /**
   * A head-to-head match result from the draws feature, inside its transaction: the same checks and
   * storage as submitScore, but an organiser of the event may enter it too (results from the desk).
   */
  public Future<Reply> recordMatch(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return submit(tx, caller, competitionId, req, true);
  }

  private Future<Reply> submit(Tx tx, Caller caller, long competitionId, JsonObject req, boolean organiserMay) {
    SqlClient conn = tx.conn();
    long entryId = req.getLong("entryId");
    return lock(conn, competitionId)
        .compose(v -> {
          // Pipelined on the one connection; the refusals are then checked in a fixed order.
          Future<Access> access = Access.of(conn, caller, competitionId);
          Future<Board> loaded = Board.load(conn, competitionId);
          Future<Void> entry = activeEntry(conn, competitionId, entryId);
          return Future.join(access, loaded, entry).transform(ar -> {
            if (access.failed()) {
              return Future.failedFuture(access.cause());
            }
            if (!access.result().judge() && !(organiserMay && access.result().organiser())) {
              return Future.failedFuture(new ApiError(403, "NOT_ASSIGNED_JUDGE", "you are not a judge of this competition"));
            }
            if (entry.failed()) {
              return Future.failedFuture(entry.cause());
            }
            return loaded;
          });
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
              .compose(score -> (declare != null ? refresh(tx, board, board.finalOfficial()) : scored(tx, board, score))
                  .map(version -> Reply.created(new JsonObject().put("score", score.toJson().put("competitionId", competitionId))
                      .put("scoreboardVersion", version))));
        });
  }

  static Board.RoundView roundFor(Board board, Integer requested) {
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

  private Future<ScoreRow> insert(SqlClient conn, long competitionId, NewRow r) {
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

  private static Future<ScoreRow> row(SqlClient conn, long competitionId, long scoreId) {
    return conn.preparedQuery("SELECT " + ScoreRow.COLUMNS + ", " + ScoreRow.CURRENT.replace("NOT EXISTS", "EXISTS")
            + " AS superseded " + ScoreRow.FROM + "WHERE s.id = $1 AND s.competition_id = $2")
        .execute(Tuple.of(scoreId, competitionId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("score " + scoreId));
          }
          Row r = rows.iterator().next();
          ScoreRow s = ScoreRow.of(r);
          return r.getBoolean("superseded")
              ? Future.failedFuture(new ApiError(409, "SCORE_SUPERSEDED", "score " + scoreId + " was corrected; act on the current row",
                  new JsonObject().put("scoreId", scoreId)))
              : Future.succeededFuture(s);
        });
  }

  // ---- corrections, checks, publication, visibility ----

  /**
   * A correction: a new row superseding the current one, with who and a required reason. Before
   * publication the head judge, an organiser or the judge themself may correct; after it only an
   * organiser, and the row is marked as corrected after publication.
   */
  public Future<Reply> correctScore(Tx tx, Caller caller, long competitionId, long scoreId, JsonObject req) {
    String reason = req.getString("reason");
    if (reason == null || reason.isBlank()) {
      return Future.failedFuture(ApiError.unprocessable("REASON_REQUIRED", "a correction needs a reason"));
    }
    SqlClient conn = tx.conn();
    return lock(conn, competitionId)
        .compose(v -> Access.of(conn, caller, competitionId))
        .compose(access -> row(conn, competitionId, scoreId).compose(old -> Board.load(conn, competitionId).compose(board -> {
          Board.RoundView round = board.round(old.round());
          boolean official = round != null && round.official();
          if (official && !access.organiser()) {
            throw new ApiError(403, "ORGANISER_REQUIRED", "this round is official: only an organiser may correct it");
          }
          if (!access.headOrOrganiser() && old.judgeId() != caller.userId()) {
            throw ApiError.forbidden("only the head judge, an organiser or the judge who gave it may correct a score");
          }
          NewRow row = NewRow.correcting(old);
          Submission.correction(board.format, req, row);
          row.enteredBy = caller.userId();
          row.reason = reason.trim();
          row.afterPublication = official;
          return insert(conn, competitionId, row)
              .compose(score -> scored(tx, board, score)
                  .map(version -> Reply.created(new JsonObject().put("score", score.toJson().put("competitionId", competitionId))
                      .put("scoreboardVersion", version))));
        })));
  }

  /** The double check: a head judge or organiser other than the one who entered the row confirms it. */
  public Future<Reply> checkScore(Tx tx, Caller caller, long competitionId, long scoreId) {
    SqlClient conn = tx.conn();
    return lock(conn, competitionId)
        .compose(v -> Access.of(conn, caller, competitionId))
        .compose(access -> {
          if (!access.headOrOrganiser()) {
            throw new ApiError(403, "HEAD_JUDGE_REQUIRED", "only a head judge or an organiser checks scores");
          }
          return row(conn, competitionId, scoreId);
        })
        .compose(s -> {
          if (s.enteredBy() == caller.userId()) {
            throw ApiError.conflict("CHECKER_IS_ENTERER", "a score is checked by someone other than who entered it");
          }
          return conn.preparedQuery("INSERT INTO score_checks (score_id, checked_by) VALUES ($1, $2) ON CONFLICT DO NOTHING")
              .execute(Tuple.of(scoreId, caller.userId()));
        })
        .compose(v -> row(conn, competitionId, scoreId))
        .map(s -> Reply.ok(new JsonObject().put("score", s.toJson().put("competitionId", competitionId))));
  }

  /** Publishes the current round OFFICIAL: head judges and organisers, only when every result is in. */
  public Future<Reply> publishScoreboard(Tx tx, Caller caller, long competitionId, JsonObject req) {
    SqlClient conn = tx.conn();
    return lock(conn, competitionId)
        .compose(v -> Access.of(conn, caller, competitionId))
        .compose(access -> {
          if (!access.headOrOrganiser()) {
            throw new ApiError(403, "HEAD_JUDGE_REQUIRED", "only a head judge or an organiser publishes results");
          }
          return Board.load(conn, competitionId);
        })
        .compose(board -> {
          Board.RoundView round = board.currentRound();
          Integer asked = req.getInteger("round");
          if (round.official()) {
            throw ApiError.conflict("ALREADY_OFFICIAL", "the results are already official");
          }
          if (asked != null && asked != round.round()) {
            throw new ApiError(409, "ROUND_NOT_CURRENT", "round " + round.round() + " is the one to publish now",
                new JsonObject().put("round", round.round()));
          }
          List<Long> incomplete = round.incomplete();
          if (!incomplete.isEmpty()) {
            throw new ApiError(409, "PANEL_INCOMPLETE", incomplete.size() + " entr" + (incomplete.size() == 1 ? "y is" : "ies are")
                + " still waiting for marks", new JsonObject().put("entries", new JsonArray(incomplete)));
          }
          boolean last = round.round() == board.format.common().rounds().size();
          return conn.preparedQuery("INSERT INTO scoreboard_rounds (competition_id, round, status, published_by, published_at) "
                  + "VALUES ($1, $2, 'OFFICIAL', $3, now()) ON CONFLICT (competition_id, round) DO UPDATE "
                  + "SET status = 'OFFICIAL', published_by = EXCLUDED.published_by, published_at = EXCLUDED.published_at")
              .execute(Tuple.of(competitionId, round.round(), caller.userId()))
              .compose(v -> action(conn, competitionId, round.round(), "PUBLISH", caller))
              .compose(v -> refresh(tx, board, last))
              .map(version -> Reply.ok(new JsonObject().put("competitionId", competitionId).put("round", round.round())
                  .put("status", "OFFICIAL").put("scoreboardVersion", version)));
        });
  }

  /** Hides a competition's results from the public, or releases them; organisers only. */
  public Future<Reply> setVisibility(Tx tx, Caller caller, long competitionId, JsonObject req) {
    SqlClient conn = tx.conn();
    boolean hidden = req.getBoolean("hidden");
    return lock(conn, competitionId)
        .compose(v -> Access.of(conn, caller, competitionId))
        .compose(access -> {
          if (!access.organiser()) {
            throw ApiError.forbidden("only the event's organisers hide or release results");
          }
          return Board.load(conn, competitionId);
        })
        .compose(board -> conn.preparedQuery("INSERT INTO scoreboard_visibility (competition_id, hidden, changed_by) "
                + "VALUES ($1, $2, $3) ON CONFLICT (competition_id) DO UPDATE "
                + "SET hidden = EXCLUDED.hidden, changed_by = EXCLUDED.changed_by, changed_at = now()")
            .execute(Tuple.of(competitionId, hidden, caller.userId()))
            .compose(v -> action(conn, competitionId, null, hidden ? "HIDE" : "RELEASE", caller))
            .compose(v -> refresh(tx, board, true))
            .map(version -> Reply.ok(new JsonObject().put("competitionId", competitionId).put("hidden", hidden)
                .put("scoreboardVersion", version))));
  }

  private static Future<Void> action(SqlClient conn, long competitionId, Integer round, String action, Caller caller) {
    return conn.preparedQuery("INSERT INTO scoreboard_actions (competition_id, round, action, actor) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(competitionId, round, action, caller.userId())).mapEmpty();
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

  /**
   * The scoreboard's delta of one stored row (the row's line and the lines whose rank moved),
   * from the board loaded once before the write and the same board with the row; then the medals
   * when official places may have moved.
   */
  Future<Long> scored(Tx tx, Board before, ScoreRow row) {
    Board after = before.with(row);
    JsonObject delta = JsonDiff.diff(before.snapshot(), after.snapshot());
    Future<Long> version = topics.append(tx, scoreboardTopic(before.competitionId), delta);
    return after.finalOfficial() ? version.compose(v -> topics.refresh(tx, medalsTopic(before.eventId)).map(v)) : version;
  }

  // ---- reads ----

  /** The scoreboard snapshot; a hidden one only for the competition's organisers and judges. */
  public Future<JsonObject> scoreboard(Caller caller, long competitionId) {
    return Access.of(pool, caller, competitionId)
        .compose(access -> access.hidden() && !access.staff()
            ? Future.failedFuture(new ApiError(403, "SCOREBOARD_HIDDEN", "the results of this competition are not released yet"))
            : topics.snapshot(scoreboardTopic(competitionId)))
        .map(TopicLog.Snapshot::toJson);
  }

  public Future<JsonObject> medalTable(long eventId) {
    return pool.preparedQuery("SELECT 1 FROM events WHERE id = $1").execute(Tuple.of(eventId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("event " + eventId))
            : topics.snapshot(medalsTopic(eventId)))
        .map(TopicLog.Snapshot::toJson);
  }

  /** Every score row ever written (corrections with who, when and why), checks and publications, in order. */
  public Future<JsonObject> audit(Caller caller, long competitionId) {
    return Access.of(pool, caller, competitionId).compose(access -> {
      if (!access.staff()) {
        throw ApiError.forbidden("the audit is for the competition's organisers and judges");
      }
      return names(competitionId).compose(names -> pool.preparedQuery("SELECT " + ScoreRow.COLUMNS + ", e.display_name AS entry_name "
              + ScoreRow.FROM + "JOIN entries e ON e.id = s.entry_id WHERE s.competition_id = $1 ORDER BY s.id")
          .execute(Tuple.of(competitionId))
          .compose(scores -> pool.preparedQuery("SELECT round, action, actor, at FROM scoreboard_actions "
                  + "WHERE competition_id = $1 ORDER BY id").execute(Tuple.of(competitionId))
              .compose(actions -> declarationsAudit(competitionId).map(declared -> {
                List<JsonObject> items = new ArrayList<>();
                for (Row r : scores) {
                  ScoreRow s = ScoreRow.of(r);
                  items.add(s.toJson().put("kind", s.supersedes() == null ? "SCORE" : "CORRECTION").put("at", s.createdAt().toString())
                      .put("entryName", r.getString("entry_name")).put("judgeName", names.get(s.judgeId()))
                      .put("by", s.enteredBy()).put("byName", names.get(s.enteredBy())));
                  if (s.checkedBy() != null) {
                    items.add(new JsonObject().put("kind", "CHECK").put("scoreId", s.id()).put("at", s.checkedAt().toString())
                        .put("by", s.checkedBy()).put("byName", names.get(s.checkedBy())).put("entryId", s.entryId())
                        .put("entryName", r.getString("entry_name")));
                  }
                }
                for (Row r : actions) {
                  items.add(new JsonObject().put("kind", r.getString("action")).put("round", r.getInteger("round"))
                      .put("at", r.getOffsetDateTime("at").toString()).put("by", r.getLong("actor"))
                      .put("byName", names.get(r.getLong("actor"))));
                }
                items.addAll(declared);
                items.sort((a, b) -> java.time.OffsetDateTime.parse(a.getString("at"))
                    .compareTo(java.time.OffsetDateTime.parse(b.getString("at"))));
                return new JsonObject().put("competitionId", competitionId).put("items", new JsonArray(items));
              }))));
    });
  }

  /** Every declared difficulty (and change of one, with its reason), for the audit. */
  private Future<List<JsonObject>> declarationsAudit(long competitionId) {
    return pool.preparedQuery("SELECT d.id, d.entry_id, e.display_name AS entry_name, d.round, d.attempt, d.code, d.difficulty, "
            + "d.declared_by, u.display_name AS by_name, d.supersedes, d.reason, d.created_at FROM attempt_declarations d "
            + "JOIN entries e ON e.id = d.entry_id JOIN users u ON u.id = d.declared_by WHERE d.competition_id = $1 ORDER BY d.id")
        .execute(Tuple.of(competitionId))
        .map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new JsonObject().put("kind", "DECLARATION").put("declarationId", r.getLong("id"))
                .put("entryId", r.getLong("entry_id")).put("entryName", r.getString("entry_name")).put("round", r.getInteger("round"))
                .put("attempt", r.getInteger("attempt")).put("code", r.getString("code"))
                .put("difficulty", ScoreRow.plain(r.getBigDecimal("difficulty"))).put("supersedes", r.getLong("supersedes"))
                .put("reason", r.getString("reason")).put("at", r.getOffsetDateTime("created_at").toString())
                .put("by", r.getLong("declared_by")).put("byName", r.getString("by_name")));
          }
          return out;
        });
  }

  /**
   * The head judge's view of the current round: every entry's current rows with who entered and
   * who checked them, and the judges whose marks stray from the panel flagged.
   */
  public Future<JsonObject> review(Caller caller, long competitionId) {
    return Access.of(pool, caller, competitionId).compose(access -> {
      if (!access.headOrOrganiser()) {
        throw new ApiError(403, "HEAD_JUDGE_REQUIRED", "the review is for head judges and organisers");
      }
      return names(competitionId).compose(names -> ReviewPanel.assigned(pool, competitionId).compose(assigned ->
          Board.load(pool, competitionId).map(board -> {
        Board.RoundView round = board.currentRound();
        ReviewPanel panel = ReviewPanel.of(assigned, board, board.current.stream().filter(s -> s.round() == round.round()).toList());
        JsonArray entries = new JsonArray();
        Map<Long, Standings.Line> lines = new HashMap<>();
        if (round.lines() != null) {
          round.lines().forEach(l -> lines.put(l.entryId(), l));
        }
        for (long entryId : round.field()) {
          List<ScoreRow> rows = board.current.stream()
              .filter(s -> s.round() == round.round() && s.entryId() == entryId).toList();
          Set<Long> flagged = flagged(board.format, rows);
          JsonArray scores = new JsonArray();
          for (ScoreRow s : rows) {
            scores.add(s.toJson().put("judgeName", names.get(s.judgeId())).put("enteredByName", names.get(s.enteredBy()))
                .put("checkedByName", s.checkedBy() == null ? null : names.get(s.checkedBy()))
                .put("flagged", flagged.contains(s.id())));
          }
          Standings.Line l = lines.get(entryId);
          Board.Entry e = board.entries.get(entryId);
          JsonObject detail = new JsonObject();
          if (l != null) {
            BoardSnapshot.work(board, l, detail);
          }
          entries.add(new JsonObject().put("id", entryId).put("name", e.name()).put("unit", e.unit())
              .put("rank", l == null ? null : l.rank())
              .put("result", l == null || l.result() == null ? null : l.result().toPlainString())
              .put("status", l == null ? null : l.status()).put("complete", l == null || l.complete())
              .put("flagged", !flagged.isEmpty()).put("scores", scores).mergeIn(detail));
          if (panel != null) {
            entries.getJsonObject(entries.size() - 1).put("waitingFor", panel.waitingFor(rows, l != null && l.complete()));
          }
        }
        JsonObject out = new JsonObject().put("competitionId", competitionId).put("name", board.name)
            .put("type", board.format.type()).put("decimals", board.format.decimals()).put("round", round.round()).put("status", round.status())
            .put("hidden", board.hidden).put("organiser", access.organiser()).put("entries", entries);
        if (panel != null) {
          out.put("panel", panel.json());
        }
        BoardSnapshot.describe(board.format, out);
        return out;
      })));
    });
  }

  /**
   * The rows whose judge strays from the rest of their panel: each attempt (and each part of a
   * combined attempt) is a panel of its own.
   */
  private static Set<Long> flagged(Format format, List<ScoreRow> rows) {
    Set<Long> out = new java.util.HashSet<>();
    Map<String, Map<Long, Map<String, BigDecimal>>> panels = new LinkedHashMap<>();
    for (ScoreRow s : rows) {
      JudgedFormat j = panelOf(format, s);
      if (j != null) {
        panels.computeIfAbsent(s.attempt() + "/" + s.part(), k -> new LinkedHashMap<>())
            .put(s.id(), s.criterionMarks(j.criteria().get(0).name()));
      }
    }
    panels.forEach((k, panel) -> out.addAll(PanelAggregation.outliers(panelOf(format, rows.stream()
        .filter(s -> panel.containsKey(s.id())).findFirst().orElseThrow()), panel)));
    return out;
  }

  private static JudgedFormat panelOf(Format format, ScoreRow s) {
    if (format instanceof JudgedFormat j) {
      return j;
    }
    if (format instanceof gala.scoring.rules.CombinedFormat c && s.part() != null && c.part(s.part()) != null) {
      return c.part(s.part()).panel();
    }
    return null;
  }

  private Future<Map<Long, String>> names(long competitionId) {
    return pool.preparedQuery("SELECT DISTINCT u.id, u.display_name FROM users u WHERE u.id IN ("
            + "SELECT judge_id FROM scores WHERE competition_id = $1 UNION SELECT entered_by FROM scores WHERE competition_id = $1 "
            + "UNION SELECT ck.checked_by FROM score_checks ck JOIN scores s ON s.id = ck.score_id WHERE s.competition_id = $1 "
            + "UNION SELECT actor FROM scoreboard_actions WHERE competition_id = $1)")
        .execute(Tuple.of(competitionId))
        .map(rows -> {
          Map<Long, String> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getLong("id"), r.getString("display_name")));
          return out;
        });
  }

  /** The competitions the caller judges, with the entries they already marked, for the judge page. */
  public Future<JsonArray> myAssignments(Caller caller) {
    return pool.preparedQuery("SELECT c.id, c.event_id, c.name, c.format, j.is_head, "
            + "ARRAY(SELECT s.entry_id FROM scores s WHERE s.competition_id = c.id AND s.judge_id = j.user_id "
            + "  AND s.supersedes IS NULL ORDER BY s.entry_id) AS scored, "
            // The judge's seat, numbered as the board numbers the marks (Board.load: by assignment).
            + "(SELECT count(*) FROM competition_judges o WHERE o.competition_id = c.id "
            + "  AND (o.assigned_at, o.user_id) <= (j.assigned_at, j.user_id)) AS seat "
            + "FROM competition_judges j JOIN competitions c ON c.id = j.competition_id WHERE j.user_id = $1 ORDER BY c.id")
        .execute(Tuple.of(caller.userId()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("competitionId", r.getLong("id")).put("eventId", r.getLong("event_id"))
              .put("name", r.getString("name")).put("format", (JsonObject) r.getValue("format"))
              .put("head", r.getBoolean("is_head")).put("seat", r.getLong("seat"))
              .put("scoredEntryIds", new JsonArray(Arrays.asList(r.getArrayOfLongs("scored"))))));
          return out;
        });
  }
}
