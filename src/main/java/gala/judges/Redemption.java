package gala.judges;

import gala.auth.AuthService;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.Tx;
import gala.scoring.ScoringService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Redeeming a judge code: a signed-in account in one call, or a person without one who signs up
 * (or signs in) in the same call. The code is checked before any account is made, and again under
 * its row lock in the one transaction that creates the account, assigns the judge, spends a use and
 * opens the session; any refusal leaves nothing behind.
 */
final class Redemption {
  private final Database db;
  private final AuthService auth;
  private final ScoringService scoring;

  Redemption(JudgeCodes codes, ScoringService scoring) {
    this.db = codes.db();
    this.auth = codes.auth();
    this.scoring = scoring;
  }

  /** Who redeems: an account id, or a new account to create (its password already hashed). */
  private record Redeemer(JsonObject user, String email, String displayName, String hash, boolean fresh) {}

  Future<Reply> redeem(Caller caller, JsonObject req) {
    JsonObject signup = req.getJsonObject("signup");
    JsonObject login = req.getJsonObject("login");
    return JudgeCodes.find(db.pool(), req, false)
        .compose(valid -> {
          if (caller != null) {
            return Future.succeededFuture(new Redeemer(new JsonObject().put("id", caller.userId()), null, null, null, false));
          }
          if (login != null) {
            return auth.verify(login.getString("email"), login.getString("password"))
                .map(u -> new Redeemer(u, null, null, null, true));
          }
          if (signup != null) {
            // A retried sign-up (the first answer was lost) finds its account: the same password signs in.
            return auth.verify(signup.getString("email"), signup.getString("password"))
                .map(u -> new Redeemer(u, null, null, null, true))
                .recover(e -> auth.hash(signup.getString("password")).map(h -> new Redeemer(null,
                    signup.getString("email"), signup.getString("displayName"), h, true)));
          }
          return Future.failedFuture(new ApiError(401, "SIGN_IN_REQUIRED",
              "sign in, or give signup or login details, to redeem a judge code"));
        })
        .compose(who -> db.inTransaction(tx -> JudgeCodes.find(tx.conn(), req, true)
            .compose(code -> account(tx, who).compose(user -> assign(tx, code, user)
                .compose(out -> who.fresh() ? auth.openSession(tx.conn(), user).map(s -> out.put("session", s))
                    : Future.succeededFuture(out))))
            .map(out -> who.user() == null ? Reply.created(out) : Reply.ok(out))));
  }

  private Future<JsonObject> account(Tx tx, Redeemer who) {
    if (who.user() != null) {
      return Future.succeededFuture(who.user());
    }
    return auth.insertUser(tx.conn(), who.email(), who.displayName(), who.hash(), "participant", null);
  }

  /**
   * Assigns the user (head judge if the code says so). Someone already judging the competition
   * spends no use; a head-judge code still makes them head.
   */
  private Future<JsonObject> assign(Tx tx, Row code, JsonObject user) {
    long userId = user.getLong("id");
    long competitionId = code.getLong("competition_id");
    boolean head = code.getBoolean("is_head");
    JsonObject assignment = new JsonObject().put("competitionId", competitionId).put("competition", code.getString("competition"))
        .put("eventId", code.getLong("event_id")).put("event", code.getString("event"));
    // Under the results lock, the scoreboard refreshed: a judge removed earlier and back by code has
    // their marks' seat again.
    return scoring.changePanel(tx, competitionId, () -> tx.conn()
        .preparedQuery("SELECT is_head FROM competition_judges WHERE competition_id = $1 AND user_id = $2 FOR UPDATE")
        .execute(Tuple.of(competitionId, userId))
        .compose(rows -> {
          if (rows.size() == 1) {
            boolean wasHead = rows.iterator().next().getBoolean(0);
            Future<?> upgrade = head && !wasHead
                ? tx.conn().preparedQuery("UPDATE competition_judges SET is_head = TRUE WHERE competition_id = $1 AND user_id = $2")
                    .execute(Tuple.of(competitionId, userId))
                : Future.succeededFuture();
            return upgrade.map(v -> new JsonObject().put("assignment", assignment.put("head", head || wasHead))
                .put("alreadyAssigned", true));
          }
          return tx.conn().preparedQuery("INSERT INTO competition_judges (competition_id, user_id, is_head, assigned_by, via_code_id) "
                  + "SELECT $1, $2, $3, created_by, id FROM judge_codes WHERE id = $4")
              .execute(Tuple.of(competitionId, userId, head, code.getLong("id")))
              .compose(v -> tx.conn().preparedQuery("UPDATE judge_codes SET uses = uses + 1 WHERE id = $1")
                  .execute(Tuple.of(code.getLong("id"))))
              .compose(v -> tx.conn().preparedQuery("INSERT INTO judge_code_redemptions (code_id, user_id) VALUES ($1, $2) "
                  + "ON CONFLICT (code_id, user_id) DO UPDATE SET redeemed_at = now()")
                  .execute(Tuple.of(code.getLong("id"), userId)))
              .map(v -> new JsonObject().put("assignment", assignment.put("head", head)).put("alreadyAssigned", false));
        }));
  }
}
