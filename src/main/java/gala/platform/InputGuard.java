package gala.platform;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Refuses, before any handler or the contract validator sees them, the inputs that no schema rule
 * describes but PostgreSQL or Java would choke on: a NUL character in a JSON string, a key, the path
 * or a query parameter (PostgreSQL text cannot hold one), and a JSON integer beyond 64 bits (which
 * {@code getLong} would silently wrap). Both answer 400 VALIDATION_FAILED naming the field.
 */
public final class InputGuard {
  /** The longest nesting a body may have; deeper ones are refused before any recursion. */
  static final int MAX_DEPTH = 64;

  private InputGuard() {}

  public static void handle(RoutingContext rc) {
    try {
      check(rc);
    } catch (ApiError e) {
      rc.fail(e);
      return;
    }
    rc.next();
  }

  private static void check(RoutingContext rc) {
    if (rc.request().path().indexOf('\0') >= 0) {
      throw nul("path", "path");
    }
    for (Map.Entry<String, String> q : rc.queryParams()) {
      if (q.getKey().indexOf('\0') >= 0 || q.getValue().indexOf('\0') >= 0) {
        throw nul(q.getKey().replace('\0', '?'), "query");
      }
    }
    String type = rc.request().getHeader("content-type");
    // A GET may name a JSON content type too (some clients send the header on every request) but has no body:
    // length() is then -1 and the text null, nothing to check.
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("json") || rc.body().length() <= 0) {
      return;
    }
    Object json;
    try {
      String text = rc.body().asString();
      if (text == null) {
        return;
      }
      json = text.trim().startsWith("[") ? rc.body().asJsonArray(-1) : rc.body().asJsonObject(-1);
    } catch (DecodeException | ClassCastException e) {
      return; // not JSON: the contract validator answers MALFORMED_JSON
    }
    walk(json, "", 0);
  }

  private static void walk(Object value, String field, int depth) {
    if (depth > MAX_DEPTH) {
      throw ApiError.invalid(field, "maxDepth", "the body nests deeper than " + MAX_DEPTH + " levels",
          new JsonObject().put("limit", MAX_DEPTH));
    }
    if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        if (e.getKey().indexOf('\0') >= 0) {
          throw nul(child(field, e.getKey().replace('\0', '?')), "body");
        }
        walk(e.getValue(), child(field, e.getKey()), depth + 1);
      }
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        walk(a.getValue(i), field + "[" + i + "]", depth + 1);
      }
    } else if (value instanceof String s) {
      if (s.indexOf('\0') >= 0) {
        throw nul(field, "body");
      }
    } else if (value instanceof BigInteger || value instanceof BigDecimal
        || value instanceof Double d && !Double.isFinite(d)) {
      throw ApiError.invalid(field, "maximum", field + " is beyond the 64-bit range",
          new JsonObject().put("limit", Long.MAX_VALUE));
    }
  }

  private static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  private static ApiError nul(String field, String in) {
    return new ApiError(400, "VALIDATION_FAILED", field + " contains a NUL character",
        new JsonObject().put("field", field).put("in", in).put("rule", "characters"));
  }
}
