package gala.display;

import gala.platform.Http;
import gala.platform.Idempotency;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** controlDisplay (idempotent). */
public final class DisplayRoutes {
  private final DisplayControl control;
  private final Idempotency idempotency;

  public DisplayRoutes(DisplayControl control, Idempotency idempotency) {
    this.control = control;
    this.idempotency = idempotency;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("controlDisplay").addHandler(idempotency.route((tx, caller, rc, body) ->
        control.control(tx, caller, Http.pathId(rc, "eventId"), body)));
  }
}
