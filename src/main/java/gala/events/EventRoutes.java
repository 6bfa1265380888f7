package gala.events;

import gala.platform.Caller;
import gala.platform.Http;
import gala.platform.Reply;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * createEvent, updateEvent, listEvents, getEvent, createUnit, updateUnit, listUnits, createCompetition,
 * updateCompetition, listCompetitions, getCompetition, listOrganisers, addOrganiser, removeOrganiser.
 */
public final class EventRoutes {
  private final EventService events;
  private final Organisers organisers;

  public EventRoutes(EventService events, Organisers organisers) {
    this.events = events;
    this.organisers = organisers;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("createEvent").addHandler(Http.handle(rc ->
        events.createEvent(Caller.of(rc), Http.body(rc)).map(Reply::created)));
    rb.getRoute("listEvents").addHandler(Http.handle(rc ->
        events.listEvents(Caller.optional(rc), rc.queryParams().get("when"))
            .map(items -> Reply.ok(new JsonObject().put("items", items)))));
    rb.getRoute("listOrganisers").addHandler(Http.handle(rc ->
        organisers.list(Caller.of(rc), Http.pathId(rc, "eventId")).map(items -> Reply.ok(new JsonObject().put("items", items)))));
    rb.getRoute("addOrganiser").addHandler(Http.handle(rc ->
        organisers.add(Caller.of(rc), Http.pathId(rc, "eventId"), Http.body(rc).getString("email"))
            .map(a -> a.added() ? Reply.created(a.organiser()) : Reply.ok(a.organiser()))));
    rb.getRoute("removeOrganiser").addHandler(Http.handle(rc ->
        organisers.remove(Caller.of(rc), Http.pathId(rc, "eventId"), Http.pathId(rc, "userId")).map(v -> Reply.noContent())));
    // Reads of an event's data: gala.access decided who may see them (x-access: public-or-member).
    rb.getRoute("getEvent").addHandler(Http.handle(rc ->
        events.getEvent(Http.pathId(rc, "eventId")).map(Reply::ok)));
    rb.getRoute("updateEvent").addHandler(Http.handle(rc ->
        events.updateEvent(Caller.of(rc), Http.pathId(rc, "eventId"), Http.body(rc)).map(Reply::ok)));
    rb.getRoute("updateUnit").addHandler(Http.handle(rc ->
        events.updateUnit(Caller.of(rc), Http.pathId(rc, "unitId"), Http.body(rc)).map(Reply::ok)));
    rb.getRoute("updateCompetition").addHandler(Http.handle(rc ->
        events.updateCompetition(Caller.of(rc), Http.pathId(rc, "competitionId"), Http.body(rc)).map(Reply::ok)));
    rb.getRoute("createUnit").addHandler(Http.handle(rc ->
        events.createUnit(Caller.of(rc), Http.pathId(rc, "eventId"), Http.body(rc)).map(Reply::created)));
    rb.getRoute("listUnits").addHandler(Http.handle(rc ->
        events.listUnits(Http.pathId(rc, "eventId")).map(items -> Reply.ok(new JsonObject().put("items", items)))));
    rb.getRoute("createCompetition").addHandler(Http.handle(rc ->
        events.createCompetition(Caller.of(rc), Http.pathId(rc, "eventId"), Http.body(rc)).map(Reply::created)));
    rb.getRoute("listCompetitions").addHandler(Http.handle(rc ->
        events.listCompetitions(Http.pathId(rc, "eventId"))
            .map(items -> Reply.ok(new JsonObject().put("items", items)))));
    rb.getRoute("getCompetition").addHandler(Http.handle(rc ->
        events.getCompetition(Http.pathId(rc, "competitionId")).map(Reply::ok)));
  }
}
