package gala.platform;

import io.vertx.core.Future;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Response helpers and the one place where failures become JSON errors. */
public final class Http {
  private static final Logger LOG = LoggerFactory.getLogger(Http.class);

  private Http() {}

  /** Wraps a handler that answers with a future Reply; failures go to the failure handler. */
  public static Handler<RoutingContext> handle(Function<RoutingContext, Future<Reply>> handler) {
    return rc -> {
      Future<Reply> reply;
      try {
        reply = handler.apply(rc);
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onSuccess(r -> send(rc, r)).onFailure(rc::fail);
    };
  }

  /**
   * Where the access guard leaves a request's response shaper (gala.access.PersonalData): every
   * successful JSON body of that request passes through it.
   */
  public static final String SHAPER = "gala.http.shaper";
  /** JSON answers shorter than this go uncompressed (pages, scripts and long lists still travel gzipped). */
  static final int COMPRESS_FROM_CHARS = 1024;
  /** As ASCII bytes once, not validated and encoded again from a String on every answer. */
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json; charset=utf-8");

  public static void send(RoutingContext rc, Reply reply) {
    if (rc.response().ended()) {
      return;
    }
    rc.response().setStatusCode(reply.status());
    if (reply.body() == null) {
      rc.response().end();
    } else {
      UnaryOperator<JsonObject> shaper = reply.status() < 300 ? rc.get(SHAPER) : null;
      JsonObject body = shaper == null ? reply.body() : shaper.apply(reply.body().copy());
      String text = body.encode();
      if (text.length() < COMPRESS_FROM_CHARS) {
        // Below about a packet, gzip costs the server CPU on every answer and saves the phone nothing;
        // "identity" tells Vert.x's compressor to leave this one alone (it removes the header itself).
        rc.response().putHeader(HttpHeaders.CONTENT_ENCODING, HttpHeaders.IDENTITY);
      }
      rc.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(text);
    }
  }

  public static JsonObject body(RoutingContext rc) {
    JsonObject body = rc.body().asJsonObject();
    return body == null ? new JsonObject() : body;
  }

  public static long pathId(RoutingContext rc, String name) {
    return id(rc.pathParam(name), name, "path");
  }

  /** An optional id in the query string (null when absent); beyond 2^63-1 it is 400, never a 500. */
  public static Long queryId(RoutingContext rc, String name) {
    String value = rc.queryParams().get(name);
    return value == null ? null : id(value, name, "query");
  }

  private static long id(String value, String name, String in) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ApiError(400, "VALIDATION_FAILED", name + " must be an integer id below 2^63",
          new JsonObject().put("field", name).put("in", in).put("rule", "id"));
    }
  }

  /** Maps any failure of a route to a JSON error: 4xx for the client's mistakes, 500 only for ours. */
  public static void failure(RoutingContext rc) {
    Throwable f = rc.failure();
    ApiError error = toApiError(rc.statusCode(), f);
    if (error.status() == 503) {
      // The database is away: one line per request, not a stack trace each (an outage makes many).
      LOG.warn("request {} {} answered 503: {}", rc.request().method(), rc.request().path(), String.valueOf(f));
    } else if (error.status() >= 500) {
      LOG.error("request {} {} failed", rc.request().method(), rc.request().path(), f);
    }
    if (!rc.response().ended()) {
      if (error.status() == 401) {
        rc.response().putHeader("WWW-Authenticate", "Bearer");
      }
      if (error.status() == 429
          && error.toJson().getJsonObject("error").getJsonObject("details").getValue("retryAfter") instanceof Number wait) {
        rc.response().putHeader("Retry-After", String.valueOf(wait.longValue()));
      }
      if (error.status() == 503 && !rc.response().headers().contains("Retry-After")) {
        rc.response().putHeader("Retry-After", String.valueOf(Faults.RETRY_AFTER_SECONDS));
      }
      send(rc, Reply.of(error));
    }
  }

  /**
   * Requests the HTTP decoder could not read (a request line or headers beyond its limits, a broken
   * request) never reach the router: they get the same JSON error shape, then the connection closes.
   */
  public static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiError error = cause instanceof TooLongHttpLineException
        ? new ApiError(414, "URI_TOO_LONG", "the address is too long")
        : cause instanceof TooLongHttpHeaderException
            ? new ApiError(431, "HEADERS_TOO_LARGE", "the request headers are too large")
            : ApiError.badRequest("BAD_REQUEST", "the request could not be read");
    request.response().setStatusCode(error.status()).putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("connection", "close").end(error.toJson().encode())
        .onComplete(v -> request.connection().close());
  }

  private static ApiError fromValidator(ValidatorException v) {
    String message = v.getMessage() == null ? "invalid request" : v.getMessage();
    if (message.contains("can't be decoded") && !message.contains(" parameter ")) {
      return ApiError.badRequest("MALFORMED_JSON", "the request body is not valid JSON");
    }
    if (v.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER && message.contains(Idempotency.HEADER)) {
      return ApiError.badRequest("IDEMPOTENCY_KEY_REQUIRED", "send an Idempotency-Key header with this request");
    }
    JsonObject details = ValidationDetails.of(v);
    return new ApiError(400, "VALIDATION_FAILED", ValidationDetails.describe(details), details);
  }

  /**
   * The client's mistake behind a failure (a 4xx {@link ApiError} in its cause chain), or null when
   * the failure is ours (database down, a bug): refusals are answers, our failures are retried.
   */
  public static ApiError apiError(Throwable f) {
    for (Throwable t = f; t != null; t = t.getCause()) {
      if (t instanceof ApiError e) {
        return e.status() < 500 ? e : null;
      }
    }
    return null;
  }

  static ApiError toApiError(int status, Throwable f) {
    for (Throwable t = f; t != null; t = t.getCause()) {
      if (t instanceof ApiError e) {
        return e;
      }
      if (t instanceof DecodeException) {
        return ApiError.badRequest("MALFORMED_JSON", "the request body is not valid JSON");
      }
      if (t instanceof ValidatorException v) {
        return fromValidator(v);
      }
    }
    ApiError fault = Faults.classify(f);
    if (fault != null) {
      return fault;
    }
    if (f instanceof HttpException h) {
      status = h.getStatusCode();
    }
    return switch (status) {
      case 400 -> ApiError.badRequest("BAD_REQUEST", f == null || f.getMessage() == null ? "bad request" : f.getMessage());
      case 401 -> ApiError.unauthenticated("a valid access token is required");
      case 403 -> ApiError.forbidden("not allowed");
      case 404 -> new ApiError(404, "NOT_FOUND", "no such resource");
      case 405 -> new ApiError(405, "METHOD_NOT_ALLOWED", "method not allowed on this path");
      case 413 -> new ApiError(413, "PAYLOAD_TOO_LARGE", "the request body is too large");
      case 415 -> new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "send application/json");
      default -> status >= 400 && status < 500
          ? new ApiError(status, "BAD_REQUEST", "bad request")
          : new ApiError(500, "INTERNAL", "internal error");
    };
  }
}
