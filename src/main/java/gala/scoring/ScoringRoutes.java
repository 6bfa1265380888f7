package gala.scoring;

import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Http;
import gala.platform.Idempotency;
import gala.platform.Reply;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * assignJudge, submitScore, correctScore, checkScore, publishScoreboard, setScoreboardVisibility
 * (all retryable writes idempotent), getScoreboard, getScoreReview, getAudit, getMedalTable,
 * listMyAssignments.
 */
public final class ScoringRoutes {
  private final ScoringService scoring;
  private final Idempotency idempotency;
  private final Database db;

  public ScoringRoutes(ScoringService scoring, Idempotency idempotency, Database db) {
    this.scoring = scoring;
    this.idempotency = idempotency;
    this.db = db;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("assignJudge").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long competitionId = Http.pathId(rc, "competitionId");
      return db.inTransaction(tx -> scoring.assignJudge(tx, caller, competitionId, Http.body(rc))).map(Reply::created);
    }));
    rb.getRoute("submitScore").addHandler(idempotency.route((tx, caller, rc, body) ->
        scoring.submitScore(tx, caller, Http.pathId(rc, "competitionId"), body)));
    rb.getRoute("correctScore").addHandler(idempotency.route((tx, caller, rc, body) ->
        scoring.correctScore(tx, caller, Http.pathId(rc, "competitionId"), Http.pathId(rc, "scoreId"), body)));
    rb.getRoute("checkScore").addHandler(idempotency.route((tx, caller, rc, body) ->
        scoring.checkScore(tx, caller, Http.pathId(rc, "competitionId"), Http.pathId(rc, "scoreId"))));
    rb.getRoute("publishScoreboard").addHandler(idempotency.route((tx, caller, rc, body) ->
        scoring.publishScoreboard(tx, caller, Http.pathId(rc, "competitionId"), body)));
    rb.getRoute("setScoreboardVisibility").addHandler(idempotency.route((tx, caller, rc, body) ->
        scoring.setVisibility(tx, caller, Http.pathId(rc, "competitionId"), body)));
    rb.getRoute("getScoreboard").addHandler(Http.handle(rc ->
        scoring.scoreboard(Caller.optional(rc), Http.pathId(rc, "competitionId")).map(Reply::ok)));
    rb.getRoute("getScoreReview").addHandler(Http.handle(rc ->
        scoring.review(Caller.of(rc), Http.pathId(rc, "competitionId")).map(Reply::ok)));
    rb.getRoute("getAudit").addHandler(Http.handle(rc ->
        scoring.audit(Caller.of(rc), Http.pathId(rc, "competitionId")).map(Reply::ok)));
    rb.getRoute("getMedalTable").addHandler(Http.handle(rc ->
        scoring.medalTable(Http.pathId(rc, "eventId")).map(Reply::ok)));
    rb.getRoute("listMyAssignments").addHandler(Http.handle(rc ->
        scoring.myAssignments(Caller.of(rc)).map(items -> Reply.ok(new JsonObject().put("items", items)))));
  }
}
