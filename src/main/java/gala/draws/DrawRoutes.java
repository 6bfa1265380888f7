package gala.draws;

import gala.platform.Caller;
import gala.platform.Http;
import gala.platform.Idempotency;
import gala.platform.Reply;
import io.vertx.core.json.JsonObject;
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
    rb.getRoute("generateDraw").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long competitionId = Http.pathId(rc, "competitionId");
      JsonObject body = Http.body(rc);
      return idempotency.once(caller, Idempotency.requireKey(rc), "POST", rc.request().path(), body,
          tx -> draws.generate(tx, caller, competitionId, body));
    }));
    rb.getRoute("recordMatchResult").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long competitionId = Http.pathId(rc, "competitionId");
      long matchId = Http.pathId(rc, "matchId");
      JsonObject body = Http.body(rc);
      return idempotency.once(caller, Idempotency.requireKey(rc), "POST", rc.request().path(), body,
          tx -> draws.recordResult(tx, caller, competitionId, matchId, body));
    }));
    rb.getRoute("getDraw").addHandler(Http.handle(rc ->
        draws.get(Caller.optional(rc), Http.pathId(rc, "competitionId")).map(Reply::ok)));
  }
}
