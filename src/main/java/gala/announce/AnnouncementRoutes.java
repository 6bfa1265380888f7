package gala.announce;

import gala.platform.Caller;
import gala.platform.Http;
import gala.platform.Idempotency;
import gala.platform.Reply;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** broadcastAnnouncement (idempotent) and listAnnouncements. */
public final class AnnouncementRoutes {
  private final AnnouncementService announcements;
  private final Idempotency idempotency;

  public AnnouncementRoutes(AnnouncementService announcements, Idempotency idempotency) {
    this.announcements = announcements;
    this.idempotency = idempotency;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("broadcastAnnouncement").addHandler(idempotency.route((tx, caller, rc, body) ->
        announcements.broadcast(tx, caller, Http.pathId(rc, "eventId"), body)));
    rb.getRoute("listAnnouncements").addHandler(Http.handle(rc ->
        announcements.list(Caller.optional(rc), Http.pathId(rc, "eventId")).map(Reply::ok)));
  }
}
