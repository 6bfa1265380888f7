package gala.draws;

import gala.platform.Caller;
import gala.platform.Http;
import gala.platform.Idempotency;
import gala.platform.Reply;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** generateDraw and recordMatchResult (idempotent writes), getDraw. */
public final class DrawRoutes {
  private final DrawService draws;
  private final Idempotency idempotency;

  public DrawRoutes(DrawService draws, Idempotency idempotency) {
    this.draws = draws;
    this.idempotency = idempotency;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("generateDraw").addHandler(idempotency.route((tx, caller, rc, body) ->
        draws.generate(tx, caller, Http.pathId(rc, "competitionId"), body)));
    rb.getRoute("recordMatchResult").addHandler(idempotency.route((tx, caller, rc, body) ->
        draws.recordResult(tx, caller, Http.pathId(rc, "competitionId"), Http.pathId(rc, "matchId"), body)));
    rb.getRoute("getDraw").addHandler(Http.handle(rc ->
        draws.get(Caller.optional(rc), Http.pathId(rc, "competitionId")).map(Reply::ok)));
  }
}
