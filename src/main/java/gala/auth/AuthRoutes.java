package gala.auth;

import gala.platform.Caller;
import gala.platform.Http;
import gala.platform.Reply;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** signup, login, refreshToken, logout, getMe, updateMe, changePassword, createPasswordReset, completePasswordReset, signOutEverywhere. */
public final class AuthRoutes {
  private final AuthService auth;
  private final Profiles profiles;
  private final PasswordResets resets;
  /** One per node: the verticle instances share it, as they share the node's address space. */
  private final SignInThrottle throttle;

  public AuthRoutes(AuthService auth, Profiles profiles, PasswordResets resets) {
    this.auth = auth;
    this.profiles = profiles;
    this.resets = resets;
    this.throttle = auth.throttle();
  }

  /** The client's address as this node sees it (behind a reverse proxy, the proxy's). */
  private static String address(io.vertx.ext.web.RoutingContext rc) {
    io.vertx.core.net.SocketAddress a = rc.request().remoteAddress();
    return a == null || a.host() == null ? "unknown" : a.host();
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("signup").addHandler(Http.handle(rc -> throttle.signup(address(rc), Http.body(rc).getString("email"),
        () -> auth.signup(Http.body(rc))).map(Reply::created)));
    rb.getRoute("login").addHandler(Http.handle(rc -> throttle.login(address(rc), Http.body(rc).getString("email"),
        () -> auth.login(Http.body(rc))).map(Reply::ok)));
    rb.getRoute("refreshToken").addHandler(Http.handle(rc ->
        auth.refresh(Http.body(rc).getString("refreshToken")).map(Reply::ok)));
    rb.getRoute("logout").addHandler(Http.handle(rc ->
        auth.logout(Http.body(rc).getString("refreshToken")).map(v -> Reply.noContent())));
    rb.getRoute("getMe").addHandler(Http.handle(rc -> profiles.me(Caller.of(rc).userId()).map(Reply::ok)));
    rb.getRoute("updateMe").addHandler(Http.handle(rc ->
        profiles.update(Caller.of(rc).userId(), Http.body(rc)).map(Reply::ok)));
    rb.getRoute("changePassword").addHandler(Http.handle(rc -> resets.change(Caller.of(rc), Http.body(rc)).map(Reply::ok)));
    rb.getRoute("createPasswordReset").addHandler(Http.handle(rc ->
        resets.create(Caller.of(rc), Http.body(rc)).map(Reply::created)));
    rb.getRoute("signOutEverywhere").addHandler(Http.handle(rc ->
        auth.signOutEverywhere(Caller.of(rc), Http.body(rc)).map(Reply::ok)));
    rb.getRoute("completePasswordReset").addHandler(Http.handle(rc -> throttle.passwordReset(address(rc),
        Http.body(rc).getString("email"), () -> resets.complete(Http.body(rc))).map(Reply::ok)));
  }
}
