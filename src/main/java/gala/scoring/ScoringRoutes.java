package gala.scoring;

import gala.events.EventAccess;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Http;
import gala.platform.Idempotency;
import gala.platform.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * assignJudge, submitScore, correctScore, checkScore, publishScoreboard, setScoreboardVisibility,
 * declareAttempts, createRecord, deleteRecord (all retryable writes idempotent), getScoreboard,
 * getScoreReview, getAudit, getMedalTable, listMyAssignments, listRecords, and the results exports
 * (exportCompetitionResults, exportEventResults as CSV, exportEventResultsJson, and the printable
 * results books exportCompetitionResultsPdf, exportEventResultsPdf).
 */
public final class ScoringRoutes {
  private final ScoringService scoring;
  private final Idempotency idempotency;
  private final Database db;
  private final RecordService records;
  private final ResultsExport exports;

  public ScoringRoutes(ScoringService scoring, Idempotency idempotency, Database db) {
    this.scoring = scoring;
    this.idempotency = idempotency;
    this.db = db;
    this.records = new RecordService(db.pool(), scoring);
    this.exports = new ResultsExport(db.pool());
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("assignJudge").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long competitionId = Http.pathId(rc, "competitionId");
      return db.inTransaction(tx -> scoring.assignJudge(tx, caller, competitionId, Http.body(rc))).map(Reply::created);
    }));
    // Concurrent marks on this node share a transaction (group commit), whatever competitions they score,
    // under those competitions' results locks: decided and stored as one set per competition (MarkSet);
    // marks that declare a difficulty go one by one, in their competition's own group.
    rb.getRoute("submitScore").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long competitionId = Http.pathId(rc, "competitionId");
      JsonObject body = Http.body(rc);
      String key = Idempotency.requireKey(rc);
      String path = rc.request().path();
      if (MarkSet.fits(body)) {
        return idempotency.batched(MarkSet.GROUP, MarkSet::lockAll, (tx, locked, requests) -> scoring.submitSets(tx, frames(locked), requests),
            caller, key, "POST", path, body, competitionId);
      }
      Idempotency.Group group = new Idempotency.Group("scores:" + competitionId, conn -> ScoringService.lockResults(conn, competitionId));
      return idempotency.grouped(group, caller, key, "POST", path, body, tx -> scoring.submitGrouped(tx, caller, competitionId, body));
    }));
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
    rb.getRoute("getScoreboardRound").addHandler(Http.handle(rc -> scoring.scoreboardRound(Caller.optional(rc),
        Http.pathId(rc, "competitionId"), (int) Http.pathId(rc, "round")).map(Reply::ok)));
    rb.getRoute("getScoreReview").addHandler(Http.handle(rc ->
        scoring.review(Caller.of(rc), Http.pathId(rc, "competitionId")).map(Reply::ok)));
    rb.getRoute("getAudit").addHandler(Http.handle(rc ->
        scoring.audit(Caller.of(rc), Http.pathId(rc, "competitionId")).map(Reply::ok)));
    rb.getRoute("getMedalTable").addHandler(Http.handle(rc ->
        scoring.medalTable(Http.pathId(rc, "eventId")).map(Reply::ok)));
    rb.getRoute("listMyAssignments").addHandler(Http.handle(rc ->
        scoring.myAssignments(Caller.of(rc)).map(items -> Reply.ok(new JsonObject().put("items", items)))));
    rb.getRoute("declareAttempts").addHandler(idempotency.route((tx, caller, rc, body) ->
        Declarations.declare(scoring, tx, caller, Http.pathId(rc, "competitionId"), body)));
    rb.getRoute("listRecords").addHandler(Http.handle(rc ->
        records.list(Caller.optional(rc), Http.pathId(rc, "competitionId")).map(Reply::ok)));
    rb.getRoute("createRecord").addHandler(idempotency.route((tx, caller, rc, body) ->
        records.create(tx, caller, Http.pathId(rc, "competitionId"), body)));
    rb.getRoute("deleteRecord").addHandler(idempotency.route((tx, caller, rc, body) ->
        records.delete(tx, caller, Http.pathId(rc, "competitionId"), Http.pathId(rc, "recordId"))));
    rb.getRoute("exportCompetitionResults").addHandler(rc -> file(rc, EventAccess.eventOf(db.pool(), Http.pathId(rc, "competitionId"))
        .compose(event -> exports.load(Caller.optional(rc), event, Http.pathId(rc, "competitionId")))
        .map(er -> ResultsExport.csv(er.boards(), provisional(rc))), "text/csv; charset=utf-8",
        "results-competition-" + rc.pathParam("competitionId") + ".csv"));
    rb.getRoute("exportEventResults").addHandler(rc -> file(rc, exports.load(Caller.optional(rc), Http.pathId(rc, "eventId"), null)
        .map(er -> ResultsExport.csv(er.boards(), provisional(rc))), "text/csv; charset=utf-8",
        "results-event-" + rc.pathParam("eventId") + ".csv"));
    rb.getRoute("exportEventResultsJson").addHandler(rc -> file(rc, exports.load(Caller.optional(rc), Http.pathId(rc, "eventId"), null)
        .map(er -> ResultsExport.json(er, provisional(rc)).encodePrettily()), "application/json",
        "results-event-" + rc.pathParam("eventId") + ".json"));
    rb.getRoute("exportCompetitionResultsPdf").addHandler(rc -> pdf(rc, EventAccess.eventOf(db.pool(), Http.pathId(rc, "competitionId"))
        .compose(event -> exports.load(Caller.optional(rc), event, Http.pathId(rc, "competitionId"))),
        "results-competition-" + rc.pathParam("competitionId") + ".pdf"));
    rb.getRoute("exportEventResultsPdf").addHandler(rc -> pdf(rc, exports.load(Caller.optional(rc), Http.pathId(rc, "eventId"), null),
        "results-event-" + rc.pathParam("eventId") + ".pdf"));
  }

  /** The results book of what {@code results} loaded, drawn off the event loop. */
  private static void pdf(RoutingContext rc, Future<ResultsExport.EventResults> results, String name) {
    boolean provisional = provisional(rc);
    try {
      results.compose(er -> rc.vertx().executeBlocking(() -> ResultsBook.render(er.event().getString("name"), er.boards(), provisional), false))
          .onSuccess(bytes -> rc.response().putHeader("content-type", "application/pdf")
              .putHeader("content-disposition", "inline; filename=\"" + name + "\"")
              .putHeader("cache-control", "no-store").end(io.vertx.core.buffer.Buffer.buffer(bytes)))
          .onFailure(rc::fail);
    } catch (RuntimeException e) {
      rc.fail(e);
    }
  }

  private static boolean provisional(RoutingContext rc) {
    return "true".equals(rc.queryParams().get("provisional"));
  }

  /** A download: the body with its type and a file name, or the usual JSON error. */
  private static void file(RoutingContext rc, Future<String> body, String type, String name) {
    try {
      body.onSuccess(b -> rc.response().putHeader("content-type", type)
              .putHeader("content-disposition", "attachment; filename=\"" + name + "\"")
              .putHeader("cache-control", "no-store").end(b))
          .onFailure(rc::fail);
    } catch (RuntimeException e) {
      rc.fail(e);
    }
  }

  /** The board frames MarkSet.lockAll read behind a batch's locks, by competition. */
  @SuppressWarnings("unchecked")
  private static java.util.Map<Long, io.vertx.sqlclient.Row> frames(Object locked) {
    return (java.util.Map<Long, io.vertx.sqlclient.Row>) locked;
  }
}
