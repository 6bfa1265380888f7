package gala;

import gala.access.Guard;
import gala.live.LiveGateway;
import gala.platform.ApiDocument;
import gala.platform.Caller;
import gala.platform.Faults;
import gala.platform.Http;
import gala.platform.InputGuard;
import gala.platform.Reply;
import gala.platform.SecurityHeaders;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.JWTAuthHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP and WebSocket front door, one instance per core. Routes come from the OpenAPI contract
 * (requests are validated against it); each feature mounts its handlers by operationId.
 */
final class HttpVerticle extends VerticleBase {
  /** JSON bodies beyond this are refused with 413 before any handler runs. */
  static final long BODY_LIMIT = 256 * 1024;
  static final long UPLOAD_LIMIT = 10 * 1024 * 1024;
  static final int WS_FRAME_LIMIT = 64 * 1024;
  private final Gala app;

  HttpVerticle(Gala app) {
    this.app = app;
  }

  @Override
  public Future<?> start() {
    // A contract the parser chokes on has been seen to never complete: fail the start instead of hanging.
    // Parsing and copying the YAML takes seconds on a loaded machine: a worker does it, not the event loop.
    return vertx.executeBlocking(() -> ApiDocument.forVertx(ApiDocument.parse(app.contractText())))
        .compose(document -> OpenAPIContract.from(vertx, document))
        .timeout(60, TimeUnit.SECONDS).compose(contract -> {
      RouterBuilder rb = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
      BodyHandler jsonBody = BodyHandler.create().setBodyLimit(BODY_LIMIT).setHandleFileUploads(false);
      // A unit's spreadsheet (importEntries) may be larger than any JSON body; beyond this it is 413.
      BodyHandler uploadBody = BodyHandler.create().setBodyLimit(UPLOAD_LIMIT).setHandleFileUploads(false);
      rb.rootHandler(rc -> (rc.request().path().endsWith("/imports") ? uploadBody : jsonBody).handle(rc));
      rb.rootHandler(InputGuard::handle);
      rb.rootHandler(this::optionalUser);
      // optionalUser verified the token and set the user: the handler then skips a second verification.
      rb.security("bearerAuth").httpHandler(JWTAuthHandler.create(app.jwt()));
      // Who may call what: every operation's x-access rule, checked before validation and handlers.
      Guard.install(vertx, rb, contract, app.database().accessPool(), app.knownJudges());
      app.mountRoutes(rb);
      rb.getRoute("health").addHandler(rc -> Http.send(rc, Reply.ok(new JsonObject().put("status", "UP"))));
      rb.getRoute("ready").addHandler(this::ready);
      rb.getRoute("metrics").addHandler(PrometheusScrapingHandler.create((PrometheusMeterRegistry) app.metrics()));
      rb.getRoute("getOpenApi").addHandler(rc -> rc.response()
          .putHeader("content-type", "application/yaml; charset=utf-8").end(app.contractText()));

      Router router = rb.createRouter();
      router.get("/scoreboard.html").handler(app.scoreboardPage()::handle); // rows in the first response
      router.route("/*").handler(StaticHandler.create("web").setCachingEnabled(true).setMaxAgeSeconds(60));
      router.route().failureHandler(Http::failure);
      router.errorHandler(404, Http::failure);
      router.errorHandler(405, Http::failure);

      LiveGateway gateway = app.newGateway(vertx);
      HttpServerOptions options = new HttpServerOptions()
          .setHost(app.config().host())
          .setPort(app.config().httpPort())
          .setMaxWebSocketFrameSize(WS_FRAME_LIMIT)
          .setMaxWebSocketMessageSize(WS_FRAME_LIMIT)
          // permessage-deflate stays off: Vert.x 5.0.10 is exposed to a decompression bomb (CVE-2026-102467).
          .setPerMessageWebSocketCompressionSupported(false)
          .setPerFrameWebSocketCompressionSupported(false)
          .setCompressionSupported(true);
      return vertx.createHttpServer(options)
          .webSocketHandshakeHandler(gateway::handshake)
          .webSocketHandler(gateway::connect)
          .requestHandler(req -> {
            SecurityHeaders.apply(req.response());
            router.handle(req);
          })
          .invalidRequestHandler(req -> {
            SecurityHeaders.apply(req.response());
            Http.invalidRequest(req);
          })
          .listen()
          .onSuccess(server -> app.boundPort(server.actualPort()));
    });
  }

  /** Public routes still learn who is asking when a valid token comes along; an invalid one is ignored there. */
  private void optionalUser(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      rc.next();
      return;
    }
    app.jwt().authenticate(new TokenCredentials(header.substring(7).trim())).onComplete(ar -> {
      if (ar.succeeded()) {
        rc.put(Caller.CONTEXT_KEY, Caller.fromPrincipal(ar.result().principal()));
        // One verification per request: the security handler of a secured route finds the user set.
        ((io.vertx.ext.web.impl.UserContextInternal) rc.userContext()).setUser(ar.result());
      }
      rc.next();
    });
  }

  /** Ready when the database answers and, clustered, the node has joined; 503 with Retry-After otherwise. */
  private void ready(RoutingContext rc) {
    JsonObject cluster = app.clusterMembership();
    String clusterStatus = cluster.getString("status");
    Future<Boolean> startup = app.started().otherwise(false);
    app.database().pool().query("SELECT 1").execute()
        .timeout(5, TimeUnit.SECONDS)
        .map(r -> "UP").otherwise("DOWN")
        .compose(db -> startup.map(db))
        .onComplete(db -> {
          String dbStatus = db.result();
          boolean started = startup.result();
          boolean up = started && "UP".equals(dbStatus) && ("UP".equals(clusterStatus) || "DISABLED".equals(clusterStatus));
          JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN")
              .put("checks", new JsonObject().put("database", dbStatus).put("cluster", clusterStatus)
                  .put("startup", started ? "UP" : "STARTING"));
          if (cluster.containsKey("members")) {
            body.put("cluster", new JsonObject().put("members", cluster.getInteger("members"))
                .put("expected", cluster.getInteger("expected")));
          }
          if (!up) {
            rc.response().putHeader("Retry-After", String.valueOf(Faults.RETRY_AFTER_SECONDS));
          }
          Http.send(rc, new Reply(up ? 200 : 503, body));
        });
  }

}
