package gala.judges;

import gala.platform.Caller;
import gala.platform.CodeGuesses;
import gala.platform.Http;
import gala.platform.Reply;
import gala.platform.print.QrCode;
import gala.scoring.ScoringService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * createJudgeCode, listJudgeCodes, revokeJudgeCode, getJudgeCodeQr, previewJudgeCode,
 * redeemJudgeCode, listJudges, removeJudge.
 */
public final class JudgeRoutes {
  private final JudgeCodes codes;
  private final Redemption redemption;
  private final Judges judges;
  private final CodeGuesses guesses;

  public JudgeRoutes(JudgeCodes codes, ScoringService scoring) {
    this.codes = codes;
    this.redemption = new Redemption(codes, scoring);
    this.judges = new Judges(codes.db(), scoring);
    this.guesses = codes.guesses();
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("createJudgeCode").addHandler(Http.handle(rc ->
        codes.create(Caller.of(rc), Http.pathId(rc, "competitionId"), Http.body(rc)).map(Reply::created)));
    rb.getRoute("listJudgeCodes").addHandler(Http.handle(rc ->
        codes.list(Caller.of(rc), Http.pathId(rc, "competitionId")).map(items -> Reply.ok(new JsonObject().put("items", items)))));
    rb.getRoute("revokeJudgeCode").addHandler(Http.handle(rc ->
        codes.revoke(Caller.of(rc), Http.pathId(rc, "codeId")).map(Reply::ok)));
    rb.getRoute("getJudgeCodeQr").addHandler(this::qr);
    // A code is short: refused codes are counted per address, like wrong passwords.
    rb.getRoute("previewJudgeCode").addHandler(Http.handle(rc -> guesses.attempt(CodeGuesses.address(rc),
        () -> codes.preview(Http.body(rc))).map(Reply::ok)));
    rb.getRoute("redeemJudgeCode").addHandler(Http.handle(rc -> guesses.attempt(CodeGuesses.address(rc),
        () -> redemption.redeem(Caller.optional(rc), Http.body(rc)))));
    rb.getRoute("listJudges").addHandler(Http.handle(rc ->
        judges.list(Caller.of(rc), Http.pathId(rc, "competitionId")).map(items -> Reply.ok(new JsonObject().put("items", items)))));
    rb.getRoute("removeJudge").addHandler(Http.handle(rc ->
        judges.remove(Caller.of(rc), Http.pathId(rc, "competitionId"), Http.pathId(rc, "userId")).map(v -> Reply.noContent())));
  }

  /** The QR holds the redemption page's absolute URL on the host the organiser reached. */
  private void qr(RoutingContext rc) {
    try {
      String origin = rc.request().scheme() + "://" + rc.request().authority();
      codes.codeFor(Caller.of(rc), Http.pathId(rc, "codeId"))
          .compose(code -> rc.vertx().executeBlocking(() -> QrCode.png(origin + JudgeCodes.PAGE + code, 360), false))
          .onSuccess(png -> rc.response().putHeader("content-type", "image/png")
              .putHeader("cache-control", "private, no-store").end(Buffer.buffer(png)))
          .onFailure(rc::fail);
    } catch (RuntimeException e) {
      rc.fail(e);
    }
  }
}
