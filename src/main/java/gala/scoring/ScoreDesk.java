package gala.scoring;

import gala.access.Access;
import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The scoring desk's writes beside the judges' submissions: assigning judges, corrections (a new
 * row superseding the old, with who and why), the double check, publication and visibility. Each
 * runs in the caller's transaction under the competition's results lock and refreshes the
 * scoreboard (and the medals when official places may move) through {@link ScoringService}.
 */
final class ScoreDesk {
  private final ScoringService scoring;

  ScoreDesk(ScoringService scoring) {
    this.scoring = scoring;
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
          return scoring.changePanel(tx, competitionId, () -> conn.preparedQuery(
                  "INSERT INTO competition_judges (competition_id, user_id, is_head, assigned_by) "
                  + "VALUES ($1, $2, $3, $4) ON CONFLICT (competition_id, user_id) DO UPDATE SET is_head = EXCLUDED.is_head")
              .execute(Tuple.of(competitionId, u.getLong("id"), req.getBoolean("head", false), caller.userId())))
              .map(r -> new JsonObject().put("competitionId", competitionId).put("userId", u.getLong("id"))
                  .put("displayName", u.getString("display_name")).put("head", req.getBoolean("head", false)));
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
    return ScoringService.lock(conn, competitionId)
        .compose(v -> Access.competition(conn, caller, competitionId))
        .compose(access -> row(conn, competitionId, scoreId).compose(old -> Board.load(conn, competitionId).compose(board -> {
          Board.RoundView round = board.round(old.round());
          boolean official = round != null && round.official();
          if (official && !access.organises()) {
            throw new ApiError(403, "ORGANISER_REQUIRED", "this round is official: only an organiser may correct it");
          }
          if (!access.reviews() && old.judgeId() != caller.userId()) {
            throw ApiError.forbidden("only the head judge, an organiser or the judge who gave it may correct a score");
          }
          NewRow row = NewRow.correcting(old);
          Submission.correction(board.format, req, row);
          row.enteredBy = caller.userId();
          row.reason = reason.trim();
          row.afterPublication = official;
          return Marking.insert(conn, competitionId, row)
              .compose(score -> scoring.scored(tx, board, score)
                  .map(version -> Reply.created(new JsonObject().put("score", score.toJson().put("competitionId", competitionId))
                      .put("scoreboardVersion", version))));
        })));
  }

  /** The double check: a head judge or organiser other than the one who entered the row confirms it. */
  public Future<Reply> checkScore(Tx tx, Caller caller, long competitionId, long scoreId) {
    SqlClient conn = tx.conn();
    return ScoringService.lock(conn, competitionId)
        .compose(v -> Access.competition(conn, caller, competitionId))
        .compose(access -> {
          if (!access.reviews()) {
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
    return ScoringService.lock(conn, competitionId)
        .compose(v -> Access.competition(conn, caller, competitionId))
        .compose(access -> {
          if (!access.reviews()) {
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
              .compose(v -> scoring.refresh(tx, board, last))
              .map(version -> Reply.ok(new JsonObject().put("competitionId", competitionId).put("round", round.round())
                  .put("status", "OFFICIAL").put("scoreboardVersion", version)));
        });
  }

  /** Hides a competition's results from the public, or releases them; organisers only. */
  public Future<Reply> setVisibility(Tx tx, Caller caller, long competitionId, JsonObject req) {
    SqlClient conn = tx.conn();
    boolean hidden = req.getBoolean("hidden");
    return ScoringService.lock(conn, competitionId)
        .compose(v -> Access.competition(conn, caller, competitionId))
        .compose(access -> {
          if (!access.organises()) {
            throw ApiError.forbidden("only the event's organisers hide or release results");
          }
          return Board.load(conn, competitionId);
        })
        .compose(board -> conn.preparedQuery("INSERT INTO scoreboard_visibility (competition_id, hidden, changed_by) "
                + "VALUES ($1, $2, $3) ON CONFLICT (competition_id) DO UPDATE "
                + "SET hidden = EXCLUDED.hidden, changed_by = EXCLUDED.changed_by, changed_at = now()")
            .execute(Tuple.of(competitionId, hidden, caller.userId()))
            .compose(v -> action(conn, competitionId, null, hidden ? "HIDE" : "RELEASE", caller))
            .compose(v -> scoring.refresh(tx, board, true))
            .map(version -> Reply.ok(new JsonObject().put("competitionId", competitionId).put("hidden", hidden)
                .put("scoreboardVersion", version))));
  }

  private static Future<Void> action(SqlClient conn, long competitionId, Integer round, String action, Caller caller) {
    return conn.preparedQuery("INSERT INTO scoreboard_actions (competition_id, round, action, actor) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(competitionId, round, action, caller.userId())).mapEmpty();
  }
}
