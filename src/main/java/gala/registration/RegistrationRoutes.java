package gala.registration;

import gala.platform.Caller;
import gala.platform.Http;
import gala.platform.Idempotency;
import gala.platform.Reply;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** registerEntry (idempotent), listEntries. */
public final class RegistrationRoutes {
  private final RegistrationService registrations;
  private final Idempotency idempotency;

  public RegistrationRoutes(RegistrationService registrations, Idempotency idempotency) {
    this.registrations = registrations;
    this.idempotency = idempotency;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("registerEntry").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long competitionId = Http.pathId(rc, "competitionId");
      JsonObject body = Http.body(rc);
      return idempotency.once(caller, Idempotency.requireKey(rc), "POST", rc.request().path(), body,
          tx -> registrations.register(tx, caller, competitionId, body));
    }));
    rb.getRoute("listEntries").addHandler(Http.handle(rc ->
        registrations.listEntries(Http.pathId(rc, "competitionId"))
            .map(items -> Reply.ok(new JsonObject().put("items", items)))));
  }
}
