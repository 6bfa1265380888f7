package gala.home;

import gala.auth.Profiles;
import gala.events.EventService;
import gala.platform.Caller;
import gala.platform.Http;
import gala.platform.Reply;
import gala.registration.RegistrationService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * getHome: what the start page shows, in one call. A read model over other features (events,
 * the person's profile and roles, their entries); nothing leans on it.
 */
public final class HomeRoutes {
  private static final int RECENT = 10;
  private final EventService events;
  private final Profiles profiles;
  private final RegistrationService registrations;

  public HomeRoutes(EventService events, Profiles profiles, RegistrationService registrations) {
    this.events = events;
    this.profiles = profiles;
    this.registrations = registrations;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("getHome").addHandler(Http.handle(rc -> home(Caller.optional(rc)).map(Reply::ok)));
  }

  Future<JsonObject> home(Caller caller) {
    Future<JsonArray> current = events.listEvents(caller, "current");
    Future<JsonArray> past = events.listEvents(caller, "past");
    Future<JsonObject> me = caller == null ? Future.succeededFuture(null) : profiles.me(caller.userId());
    Future<JsonArray> entries = caller == null ? Future.succeededFuture(new JsonArray()) : registrations.listMyEntries(caller);
    return Future.all(current, past, me, entries).map(all -> {
      JsonArray recent = new JsonArray();
      for (int i = 0; i < Math.min(RECENT, past.result().size()); i++) {
        recent.add(past.result().getValue(i));
      }
      JsonArray live = new JsonArray();
      entries.result().forEach(o -> {
        if (!"WITHDRAWN".equals(((JsonObject) o).getString("status"))) {
          live.add(o);
        }
      });
      JsonObject person = me.result();
      return new JsonObject().put("events", current.result()).put("recent", recent).put("me", person)
          .put("myEntries", live)
          .put("judging", person == null ? new JsonArray() : person.getJsonObject("roles").getJsonArray("judgeOf"));
    });
  }
}
