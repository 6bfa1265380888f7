package gala.access;

import gala.platform.ApiError;
import gala.platform.ContractValidation;
import gala.platform.Caller;
import gala.platform.Http;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Puts {@link Access} in front of every operation of the contract, by the rule its {@code x-access}
 * line declares. The check runs before request validation, so a stranger learns nothing about a
 * private event from how its requests are validated, and a refused request never reaches a handler.
 * Gala refuses to start when an operation declares no rule, an unknown one, or a rule that needs an
 * id the path does not have.
 */
public final class Guard {
  public static final String EXTENSION = "x-access";
  private static final String UNREADABLE_ID = "gala.access.unreadableId";

  private Guard() {}

  /** Call before any feature mounts its handlers: the guard and then validation run first. */
  public static void install(Vertx vertx, RouterBuilder rb, OpenAPIContract contract, SqlClient db, KnownJudges known) {
    RequestValidator validator = ContractValidation.create(vertx, contract);
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    List<String> problems = new ArrayList<>();
    for (Operation op : contract.operations()) {
      Object declared = op.getExtensions().get(EXTENSION);
      Rule rule = declared instanceof String s ? Rule.parse(s) : null;
      Target.Kind kind = targetKind(op);
      if (rule == null) {
        problems.add(op.getOperationId() + " (" + EXTENSION + ": " + declared + ")");
        continue;
      }
      if (rule.needsTarget && kind == null) {
        problems.add(op.getOperationId() + " (" + rule.text + " needs an id in the path)");
        continue;
      }
      OpenAPIRoute route = rb.getRoute(op.getOperationId());
      route.setDoValidation(false);
      // A mark asks the database once per judge and node, not per mark (see KnownJudges).
      KnownJudges remembers = rule == Rule.JUDGE && kind == Target.Kind.COMPETITION
          && KnownJudges.RECHECKED.contains(op.getOperationId()) ? known : null;
      route.addHandler(rc -> check(rc, db, rule, kind, remembers));
      route.addHandler(rc -> extractor.extractValidatableRequest(rc, op)
          .compose(req -> validator.validate(req, op.getOperationId()))
          .onSuccess(valid -> {
            ApiError unreadable = rc.get(UNREADABLE_ID);
            if (unreadable != null) {
              rc.fail(unreadable);
              return;
            }
            rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, valid);
            rc.next();
          })
          .onFailure(e -> rc.fail(e instanceof ValidatorException ? new HttpException(400, e.getMessage(), e) : e)));
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("openapi.yaml: every operation declares who may call it with " + EXTENSION
          + " (" + String.join(", ", ruleNames()) + "); fix " + String.join("; ", problems));
    }
  }

  /** The kind of the most specific id in the operation's path, or null when it has none. */
  static Target.Kind targetKind(Operation op) {
    Target.Kind best = null;
    for (Parameter p : op.getParameters()) {
      Target.Kind k = p.getIn() == Location.PATH ? Target.BY_PARAM.get(p.getName()) : null;
      if (k != null && (best == null || k.ordinal() < best.ordinal())) {
        best = k;
      }
    }
    return best;
  }

  private static List<String> ruleNames() {
    List<String> names = new ArrayList<>();
    for (Rule r : Rule.values()) {
      names.add(r.text);
    }
    return names;
  }

  private static void check(RoutingContext rc, SqlClient db, Rule rule, Target.Kind kind, KnownJudges known) {
    Caller caller = Caller.optional(rc);
    if (!rule.needsTarget) {
      ApiError refusal = rule.decide(caller);
      if (refusal != null) {
        rc.fail(refusal);
        return;
      }
      rc.put(Grant.KEY, new Grant(rule, null, null));
      rc.next();
      return;
    }
    String raw = rc.pathParam(kind.param);
    Long id = Target.canonicalId(raw);
    if (id == null) {
      // Not an id at all: validation names what is wrong with it (400); an id in another spelling
      // (01, +1) that validation lets pass names nothing (404, after validation).
      rc.put(UNREADABLE_ID, ApiError.notFound(new Target(kind, 0).noun() + " " + raw));
      rc.next();
      return;
    }
    Target target = new Target(kind, id);
    boolean remembered = known != null && caller != null && !caller.isAdmin();
    Standing yes = remembered ? known.get(id, caller.userId()) : null;
    if (yes != null) {
      rc.put(Grant.KEY, new Grant(rule, target, yes));
      rc.next();
      return;
    }
    Access.require(db, caller, target, rule).onComplete(ar -> {
      if (ar.failed()) {
        rc.fail(ar.cause());
        return;
      }
      Standing standing = ar.result();
      if (remembered) {
        known.put(id, caller.userId(), standing);
      }
      rc.put(Grant.KEY, new Grant(rule, target, standing));
      if (rule == Rule.PUBLIC_OR_MEMBER && !standing.seesPersonalData()) {
        rc.put(Http.SHAPER, (UnaryOperator<JsonObject>) PersonalData::strip);
      }
      rc.next();
    });
  }
}
