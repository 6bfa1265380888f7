package gala.events;

import gala.platform.Caller;
import gala.platform.CodeGuesses;
import gala.platform.Http;
import gala.platform.Reply;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * listMyUnits, joinUnit, listUnitMembers, addUnitMember, removeUnitMember, createUnitJoinCode,
 * listUnitJoinCodes, revokeUnitJoinCode. Who may manage a unit (its contact, the organisers) is
 * decided by gala.access (x-access: self on the unit).
 */
public final class UnitRoutes {
  private final UnitMembers units;

  public UnitRoutes(UnitMembers units) {
    this.units = units;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("listMyUnits").addHandler(Http.handle(rc ->
        units.mine(Caller.of(rc)).map(items -> Reply.ok(new JsonObject().put("items", items)))));
    // A join code is short: refused codes are counted per address, like wrong passwords.
    rb.getRoute("joinUnit").addHandler(Http.handle(rc -> units.guesses().attempt(CodeGuesses.address(rc),
        () -> units.join(Caller.of(rc), Http.body(rc).getString("code")))));
    rb.getRoute("listUnitMembers").addHandler(Http.handle(rc ->
        units.members(Http.pathId(rc, "unitId")).map(items -> Reply.ok(new JsonObject().put("items", items)))));
    rb.getRoute("addUnitMember").addHandler(Http.handle(rc ->
        units.add(Caller.of(rc), Http.pathId(rc, "unitId"), Http.body(rc).getString("email"))));
    rb.getRoute("removeUnitMember").addHandler(Http.handle(rc ->
        units.remove(Http.pathId(rc, "unitId"), Http.pathId(rc, "userId")).map(v -> Reply.noContent())));
    rb.getRoute("createUnitJoinCode").addHandler(Http.handle(rc ->
        units.createCode(Caller.of(rc), Http.pathId(rc, "unitId")).map(Reply::created)));
    rb.getRoute("listUnitJoinCodes").addHandler(Http.handle(rc ->
        units.codes(Http.pathId(rc, "unitId")).map(items -> Reply.ok(new JsonObject().put("items", items)))));
    rb.getRoute("revokeUnitJoinCode").addHandler(Http.handle(rc ->
        units.revokeCode(Http.pathId(rc, "unitId"), Http.pathId(rc, "joinCodeId")).map(Reply::ok)));
  }
}
