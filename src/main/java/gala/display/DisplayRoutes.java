package gala.display;

import gala.platform.CodeGuesses;
import gala.platform.Http;
import gala.platform.Idempotency;
import gala.platform.Reply;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** controlDisplay and forgetScreen (idempotent), and announceScreen (a PUT keyed by the screen's id). */
public final class DisplayRoutes {
  private final DisplayControl control;
  private final Screens screens;
  private final Idempotency idempotency;

  public DisplayRoutes(DisplayControl control, Screens screens, Idempotency idempotency) {
    this.control = control;
    this.screens = screens;
    this.idempotency = idempotency;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("controlDisplay").addHandler(idempotency.route((tx, caller, rc, body) ->
        control.control(tx, caller, Http.pathId(rc, "eventId"), body)));
    rb.getRoute("forgetScreen").addHandler(idempotency.route((tx, caller, rc, body) ->
        screens.forget(tx, Http.pathId(rc, "eventId"), rc.pathParam("screenId"))));
    rb.getRoute("announceScreen").addHandler(Http.handle(rc ->
        screens.announce(Http.pathId(rc, "eventId"), rc.pathParam("screenId"), Http.body(rc), CodeGuesses.address(rc))
            .map(Reply::ok)));
  }
}
