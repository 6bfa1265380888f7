package gala.judges;

import gala.platform.Http;
import gala.platform.Idempotency;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** reportProblem and resolveProblem (both idempotent). */
public final class ProblemRoutes {
  private final ProblemReports problems;
  private final Idempotency idempotency;

  public ProblemRoutes(ProblemReports problems, Idempotency idempotency) {
    this.problems = problems;
    this.idempotency = idempotency;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("reportProblem").addHandler(idempotency.route((tx, caller, rc, body) ->
        problems.report(tx, caller, Http.pathId(rc, "competitionId"), body)));
    rb.getRoute("resolveProblem").addHandler(idempotency.route((tx, caller, rc, body) ->
        problems.resolve(tx, caller, Http.pathId(rc, "problemId"))));
  }
}
