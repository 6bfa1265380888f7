package gala.auth;

import gala.platform.Caller;
import gala.platform.Http;
import gala.platform.Reply;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** signup, login, refreshToken, logout, getMe. */
public final class AuthRoutes {
  private final AuthService auth;

  public AuthRoutes(AuthService auth) {
    this.auth = auth;
  }

  public void mount(RouterBuilder rb) {
    rb.getRoute("signup").addHandler(Http.handle(rc -> auth.signup(Http.body(rc)).map(Reply::created)));
    rb.getRoute("login").addHandler(Http.handle(rc -> auth.login(Http.body(rc)).map(Reply::ok)));
    rb.getRoute("refreshToken").addHandler(Http.handle(rc ->
        auth.refresh(Http.body(rc).getString("refreshToken")).map(Reply::ok)));
    rb.getRoute("logout").addHandler(Http.handle(rc ->
        auth.logout(Http.body(rc).getString("refreshToken")).map(v -> Reply.noContent())));
    rb.getRoute("getMe").addHandler(Http.handle(rc -> auth.me(Caller.of(rc).userId()).map(Reply::ok)));
  }
}
