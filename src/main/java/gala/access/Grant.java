package gala.access;

import io.vertx.ext.web.RoutingContext;

/**
 * What the guard decided for this request: the operation's rule, its target and the caller's standing
 * (null for rules without a target). Handlers read it instead of asking the database again.
 */
public record Grant(Rule rule, Target target, Standing standing) {
  static final String KEY = "gala.access.grant";

  /** The grant of the request; the guard ran before any handler, so there always is one. */
  public static Grant of(RoutingContext rc) {
    Grant g = rc.get(KEY);
    if (g == null) {
      throw new IllegalStateException("no access decision for " + rc.request().path() + ": the guard did not run");
    }
    return g;
  }

  /** Whether personal data of the target (birth dates, e-mail, check-in codes, guardians) may be shown. */
  public boolean personalData() {
    return standing == null || standing.seesPersonalData();
  }
}
