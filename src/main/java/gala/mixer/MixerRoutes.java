package gala.mixer;

import gala.platform.Caller;
import gala.platform.Http;
import gala.platform.Idempotency;
import gala.platform.Reply;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** createMixer, listMixers, getMixer, joinMixer, checkInMixer, startMixerRound, getMyMixerSeat, submitLikes, getMyMatches, getMixerStats, listMixerParticipants;
 * createMixerSeries, listMixerSeries, rateMixer, getMixerRatings; the host's getMixerPlan, endMixerRound, setMixerRoundEnd, moveMixerSeat, markMixerGone. */
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
    rb.getRoute("joinMixer").addHandler(idempotency.route((tx, caller, rc, body) ->
        mixers.profiles().join(tx, caller, Http.pathId(rc, "mixerId"), body)));
    rb.getRoute("checkInMixer").addHandler(idempotency.route((tx, caller, rc, body) ->
        mixers.profiles().checkIn(tx, caller, Http.pathId(rc, "mixerId"), body)));
    rb.getRoute("startMixerRound").addHandler(idempotency.route((tx, caller, rc, body) ->
        mixers.rounds().start(tx, caller, Http.pathId(rc, "mixerId"))));
    rb.getRoute("getMyMixerSeat").addHandler(Http.handle(rc ->
        mixers.likes().mySeat(Caller.of(rc), Http.pathId(rc, "mixerId")).map(Reply::ok)));
    rb.getRoute("submitLikes").addHandler(idempotency.route((tx, caller, rc, body) ->
        mixers.likes().submitLikes(tx, caller, Http.pathId(rc, "mixerId"), body)));
    rb.getRoute("getMyMatches").addHandler(Http.handle(rc ->
        mixers.likes().myMatches(Caller.of(rc), Http.pathId(rc, "mixerId")).map(Reply::ok)));
    rb.getRoute("getMixerStats").addHandler(Http.handle(rc ->
        mixers.stats(Caller.of(rc), Http.pathId(rc, "mixerId")).map(Reply::ok)));
    MixerSeries series = mixers.series();
    rb.getRoute("createMixerSeries").addHandler(Http.handle(rc -> series.create(Caller.of(rc), Http.body(rc))));
    rb.getRoute("listMixerSeries").addHandler(Http.handle(rc ->
        series.list(Caller.of(rc)).map(items -> Reply.ok(new JsonObject().put("items", items)))));
    MixerRatings ratings = mixers.ratings();
    rb.getRoute("rateMixer").addHandler(idempotency.route((tx, caller, rc, body) ->
        ratings.rate(tx, caller, Http.pathId(rc, "mixerId"), body)));
    rb.getRoute("getMixerRatings").addHandler(Http.handle(rc ->
        ratings.summary(Caller.of(rc), Http.pathId(rc, "mixerId")).map(Reply::ok)));
    MixerHost host = mixers.host();
    rb.getRoute("getMixerPlan").addHandler(Http.handle(rc ->
        host.plan(Caller.of(rc), Http.pathId(rc, "mixerId")).map(Reply::ok)));
    rb.getRoute("endMixerRound").addHandler(idempotency.route((tx, caller, rc, body) ->
        host.endRound(tx, caller, Http.pathId(rc, "mixerId"))));
    rb.getRoute("setMixerRoundEnd").addHandler(idempotency.route((tx, caller, rc, body) ->
        host.setRoundEnd(tx, caller, Http.pathId(rc, "mixerId"), body)));
    rb.getRoute("moveMixerSeat").addHandler(idempotency.route((tx, caller, rc, body) ->
        host.move(tx, caller, Http.pathId(rc, "mixerId"), body)));
    rb.getRoute("markMixerGone").addHandler(idempotency.route((tx, caller, rc, body) ->
        host.markGone(tx, caller, Http.pathId(rc, "mixerId"), Http.pathId(rc, "userId"))));
    rb.getRoute("listMixerParticipants").addHandler(Http.handle(rc ->
        mixers.participants(Caller.of(rc), Http.pathId(rc, "mixerId"))
            .map(items -> Reply.ok(new JsonObject().put("items", items)))));
  }
}
