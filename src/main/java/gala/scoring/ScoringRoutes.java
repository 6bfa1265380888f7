package gala.scoring;

import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Http;
import gala.platform.Idempotency;
import gala.platform.Reply;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** assignJudge, submitScore (idempotent), getScoreboard, listMyAssignments. */
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
    rb.getRoute("submitScore").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long competitionId = Http.pathId(rc, "competitionId");
      JsonObject body = Http.body(rc);
      return idempotency.once(caller, Idempotency.requireKey(rc), "POST", rc.request().path(), body,
          tx -> scoring.submitScore(tx, caller, competitionId, body));
    }));
    rb.getRoute("getScoreboard").addHandler(Http.handle(rc ->
        scoring.scoreboard(Http.pathId(rc, "competitionId")).map(Reply::ok)));
    rb.getRoute("listMyAssignments").addHandler(Http.handle(rc ->
        scoring.myAssignments(Caller.of(rc)).map(items -> Reply.ok(new JsonObject().put("items", items)))));
  }
}
