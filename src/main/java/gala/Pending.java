package gala;

import gala.platform.ApiError;
import gala.platform.Http;
import gala.platform.Reply;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;

/**
 * Operations already in the contract (so pages can be built against them) whose handlers have not
 * landed yet: they answer 501 NOT_IMPLEMENTED instead of falling through. Shrinks to nothing.
 */
final class Pending {
  static final List<String> OPERATIONS = List.of("getBadges");

  private Pending() {}

  static void mount(RouterBuilder rb) {
    for (String op : OPERATIONS) {
      rb.getRoute(op).addHandler(rc -> Http.send(rc,
          Reply.of(new ApiError(501, "NOT_IMPLEMENTED", op + " is in the contract but not built yet"))));
    }
  }
}
