package gala.mixer;

import gala.platform.Caller;
import gala.platform.Http;
import gala.platform.Idempotency;
import gala.platform.Reply;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** createMixer, listMixers, getMixer, joinMixer, checkInMixer, startMixerRound, getMyMixerSeat, submitLikes, getMyMatches, getMixerStats, listMixerParticipants. */
public final class MixerRoutes {
  private final MixerService mixers;
  private final Idempotency idempotency;

  public MixerRoutes(MixerService mixers, Idempotency idempotency) {
    this.mixers = mixers;
    this.idempotency = idempotency;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("createMixer").addHandler(Http.handle(rc ->
        mixers.create(Caller.of(rc), Http.pathId(rc, "eventId"), Http.body(rc))));
    rb.getRoute("listMixers").addHandler(Http.handle(rc ->
        mixers.list(Http.pathId(rc, "eventId")).map(items -> Reply.ok(new JsonObject().put("items", items)))));
    rb.getRoute("getMixer").addHandler(Http.handle(rc -> mixers.get(Http.pathId(rc, "mixerId")).map(Reply::ok)));
    rb.getRoute("joinMixer").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long mixerId = Http.pathId(rc, "mixerId");
      JsonObject body = Http.body(rc);
      return idempotency.once(caller, Idempotency.requireKey(rc), "POST", rc.request().path(), body,
          tx -> mixers.join(tx, caller, mixerId, body));
    }));
    rb.getRoute("checkInMixer").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long mixerId = Http.pathId(rc, "mixerId");
      JsonObject body = Http.body(rc);
      return idempotency.once(caller, Idempotency.requireKey(rc), "POST", rc.request().path(), body,
          tx -> mixers.checkIn(tx, caller, mixerId, body));
    }));
    rb.getRoute("startMixerRound").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long mixerId = Http.pathId(rc, "mixerId");
      return idempotency.once(caller, Idempotency.requireKey(rc), "POST", rc.request().path(), Http.body(rc),
          tx -> mixers.startRound(tx, caller, mixerId));
    }));
    rb.getRoute("getMyMixerSeat").addHandler(Http.handle(rc ->
        mixers.mySeat(Caller.of(rc), Http.pathId(rc, "mixerId")).map(Reply::ok)));
    rb.getRoute("submitLikes").addHandler(Http.handle(rc -> {
      Caller caller = Caller.of(rc);
      long mixerId = Http.pathId(rc, "mixerId");
      JsonObject body = Http.body(rc);
      return idempotency.once(caller, Idempotency.requireKey(rc), "POST", rc.request().path(), body,
          tx -> mixers.submitLikes(tx, caller, mixerId, body));
    }));
    rb.getRoute("getMyMatches").addHandler(Http.handle(rc ->
        mixers.myMatches(Caller.of(rc), Http.pathId(rc, "mixerId"))
            .map(items -> Reply.ok(new JsonObject().put("items", items)))));
    rb.getRoute("getMixerStats").addHandler(Http.handle(rc ->
        mixers.stats(Caller.of(rc), Http.pathId(rc, "mixerId")).map(Reply::ok)));
    rb.getRoute("listMixerParticipants").addHandler(Http.handle(rc ->
        mixers.participants(Caller.of(rc), Http.pathId(rc, "mixerId"))
            .map(items -> Reply.ok(new JsonObject().put("items", items)))));
  }
}
