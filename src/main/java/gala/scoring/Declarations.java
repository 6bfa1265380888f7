package gala.scoring;

import gala.access.Access;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.Tx;
import gala.scoring.rules.Difficulty;
import gala.scoring.rules.JudgedFormat;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * declareAttempts: an attempt's degree of difficulty (a dive's number and its DD from the format's
 * table) is declared once, before or with the marks, by the organiser, the head judge or the athlete
 * (a dive sheet), instead of typed by every judge. A declaration is never updated: a change
 * supersedes it; once the attempt has marks only the head judge or an organiser may change it, with
 * a reason. Every item is checked before anything is written.
 */
final class Declarations {
  private Declarations() {}

  private record Item(int attempt, Difficulty.Declared declared, Board.Declaration existing) {}

  static Future<Void> insert(SqlClient conn, long competitionId, long entryId, int round, int attempt, Difficulty.Declared d,
      long by, Long supersedes, String reason) {
    return conn.preparedQuery("INSERT INTO attempt_declarations (competition_id, entry_id, round, attempt, code, difficulty, "
            + "declared_by, supersedes, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .execute(Tuple.from(new Object[] {competitionId, entryId, round, attempt, d.code(), d.value(), by, supersedes, reason}))
        .recover(x -> Future.failedFuture(x instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiError.conflict("DIFFICULTY_ALREADY_DECLARED", "attempt " + attempt + " was declared meanwhile") : x))
        .mapEmpty();
  }

  static Future<Reply> declare(ScoringService scoring, Tx tx, Caller caller, long competitionId, JsonObject req) {
    SqlClient conn = tx.conn();
    long entryId = req.getLong("entryId");
    return ScoringService.lock(conn, competitionId)
        .compose(v -> Access.competition(conn, caller, competitionId))
        .compose(access -> Marking.activeEntry(conn, competitionId, entryId)
            .compose(v -> Board.load(conn, competitionId))
            .compose(board -> {
              if (!(board.format instanceof JudgedFormat j) || !j.difficulty().declared()) {
                throw ApiError.unprocessable("FIELD_NOT_FOR_FORMAT", "this competition declares no difficulty");
              }
              boolean staff = access.reviews();
              Board.Entry entry = board.entries.get(entryId);
              boolean athlete = entry != null && entry.userId() != null && entry.userId() == caller.userId();
              if (!staff && !athlete) {
                throw ApiError.forbidden("the organiser, the head judge or the athlete declares an attempt's difficulty");
              }
              Board.RoundView round = Marking.roundFor(board, req.getInteger("round"));
              if (!round.has(entryId)) {
                throw ApiError.conflict("ENTRY_NOT_IN_ROUND", "entry " + entryId + " is not in round " + round.round());
              }
              String reason = req.getString("reason");
              List<Item> items = items(board, j, req, entryId, round.round(), staff, reason);
              Future<Void> writes = Future.succeededFuture();
              for (Item it : items) {
                writes = writes.compose(x -> insert(conn, competitionId, entryId, round.round(), it.attempt(), it.declared(),
                    caller.userId(), it.existing() == null ? null : it.existing().id(),
                    reason == null || reason.isBlank() ? null : reason.trim()));
              }
              return writes.compose(x -> scoring.refresh(tx, board, board.finalOfficial()))
                  .map(version -> {
                    JsonArray out = new JsonArray();
                    for (Item it : items) {
                      out.add(new JsonObject().put("attempt", it.attempt()).put("code", it.declared().code())
                          .put("difficulty", ScoreRow.plain(it.declared().value())));
                    }
                    return Reply.ok(new JsonObject().put("competitionId", competitionId).put("entryId", entryId)
                        .put("round", round.round()).put("declared", out).put("scoreboardVersion", version));
                  });
            }));
  }

  /** Every declaration asked for, checked; the ones equal to the current declaration are left out. */
  private static List<Item> items(Board board, JudgedFormat j, JsonObject req, long entryId, int round, boolean staff,
      String reason) {
    List<Item> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (Object o : req.getJsonArray("attempts")) {
      JsonObject a = (JsonObject) o;
      int n = a.getInteger("attempt");
      if (n < 1 || n > j.attempts()) {
        throw new ApiError(422, "UNKNOWN_ATTEMPT", "this competition has " + j.attempts() + " attempt(s)",
            new JsonObject().put("attempt", n).put("attempts", j.attempts()));
      }
      if (!seen.add(n)) {
        throw new ApiError(422, "DUPLICATE_ATTEMPT", "attempt " + n + " is listed twice", new JsonObject().put("attempt", n));
      }
      Difficulty.Declared d = Submission.resolve(j.difficulty(), a);
      Board.Declaration existing = board.declaration(entryId, round, n);
      if (existing != null && existing.difficulty().compareTo(d.value()) == 0
          && (d.code() == null ? existing.code() == null : d.code().equals(existing.code()))) {
        continue;
      }
      boolean marked = board.currentRows(entryId, round).stream().anyMatch(s -> s.attempt() == n);
      if (marked && !staff) {
        throw new ApiError(409, "ATTEMPT_ALREADY_MARKED", "attempt " + n + " has marks: the head judge changes its difficulty",
            new JsonObject().put("attempt", n));
      }
      if (marked && (reason == null || reason.isBlank())) {
        throw new ApiError(422, "REASON_REQUIRED", "attempt " + n + " has marks: a change of its difficulty needs a reason",
            new JsonObject().put("attempt", n));
      }
      out.add(new Item(n, d, existing));
    }
    return out;
  }
}
