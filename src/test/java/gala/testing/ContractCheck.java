package gala.testing;

import gala.platform.ApiDocument;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Checks a real response against what {@code openapi.yaml} declares for its operation: the status
 * must be declared, the content type must be one the response declares, and a JSON body must fit
 * the declared schema (validated by vertx-openapi's ResponseValidator). Every request of the shared
 * test client goes through here, so every API test checks the contract as a side effect.
 * Off with {@code -Dgala.contractCheck=false} (the benchmarks, whose clients must not spend CPU on it).
 */
public final class ContractCheck {
  private static final boolean ENABLED = !"false".equals(System.getProperty("gala.contractCheck"));
  private static volatile ContractCheck instance;

  private final JsonObject document;
  private final ResponseValidator validator;
  private final List<Operation> operations = new ArrayList<>();
  /** "operationId status" of every checked response, for coverage reports. */
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  private record Operation(String method, Pattern path, int literalLength, String id, JsonObject model) {}

  private ContractCheck() {
    document = ApiDocument.parse(ApiDocument.text());
    Vertx vertx = Vertx.vertx();
    try {
      OpenAPIContract contract = OpenAPIContract.from(vertx, ApiDocument.forVertx(document))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      validator = ResponseValidator.create(vertx, contract);
    } catch (Exception e) {
      throw new IllegalStateException("openapi.yaml does not load", e);
    }
    JsonObject paths = document.getJsonObject("paths");
    for (String template : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(template);
      String regex = "^" + template.replaceAll("\\{[^/}]+}", "[^/]+") + "$";
      int literal = template.replaceAll("\\{[^/}]+}", "").length();
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject op && op.containsKey("operationId")) {
          operations.add(new Operation(method.toUpperCase(Locale.ROOT), Pattern.compile(regex), literal,
              op.getString("operationId"), op));
        }
      }
    }
    // The most literal template wins (/api/v1/me/entries before /api/v1/me/{x}).
    operations.sort(Comparator.comparingInt(Operation::literalLength).reversed());
  }

  public static ContractCheck get() {
    if (instance == null) {
      synchronized (ContractCheck.class) {
        if (instance == null) {
          instance = new ContractCheck();
        }
      }
    }
    return instance;
  }

  public static boolean enabled() {
    return ENABLED;
  }

  /** The operation a request goes to, or null when it is no operation of the contract (pages, /ws). */
  public String operationId(String method, String pathAndQuery) {
    Operation op = find(method, pathAndQuery);
    return op == null ? null : op.id();
  }

  public Set<String> seen() {
    return Set.copyOf(seen);
  }

  /**
   * Throws AssertionError when the response is not what the contract declares.
   * {@code body} is the text of the body (null for a binary body, whose bytes are not checked).
   */
  public void check(String method, String pathAndQuery, int status, Map<String, String> headers, String body,
      boolean hasBody) {
    Operation op = find(method, pathAndQuery);
    if (op == null) {
      return;
    }
    String what = method + " " + pathAndQuery + " (" + op.id() + ") -> " + status;
    JsonObject response = response(op, status);
    if (response == null) {
      throw new AssertionError("contract: " + what + " is not a declared status of " + op.id()
          + " (declare it in openapi.yaml): " + abbreviate(body));
    }
    seen.add(op.id() + " " + status);
    JsonObject content = response.getJsonObject("content", new JsonObject());
    String contentType = headers.get("content-type");
    String baseType = contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (content.isEmpty()) {
      if (hasBody) {
        throw new AssertionError("contract: " + what + " has a body (" + contentType
            + ") but the contract declares none: " + abbreviate(body));
      }
      return;
    }
    if (baseType == null || !content.containsKey(baseType)) {
      throw new AssertionError("contract: " + what + " answered " + contentType + ", declared: " + content.fieldNames());
    }
    if (!"application/json".equals(baseType)) {
      return;
    }
    Map<String, String> declaredHeaders = new HashMap<>();
    response.getJsonObject("headers", new JsonObject()).fieldNames().forEach(h -> {
      String v = headers.get(h.toLowerCase(Locale.ROOT));
      if (v != null) {
        declaredHeaders.put(h, v);
      }
    });
    try {
      validator.validate(ValidatableResponse.create(status, declaredHeaders, Buffer.buffer(body == null ? "" : body),
              "application/json"), op.id())
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String reason = cause instanceof SchemaValidationException s && s.getOutputUnit() != null
          ? s.getOutputUnit().toString() : String.valueOf(cause.getMessage());
      throw new AssertionError("contract: " + what + " does not fit its declared response: " + reason
          + "\nbody: " + abbreviate(body));
    }
  }

  private Operation find(String method, String pathAndQuery) {
    String path = pathAndQuery.split("\\?", 2)[0];
    for (Operation op : operations) {
      if (op.method().equals(method) && op.path().matcher(path).matches()) {
        return op;
      }
    }
    return null;
  }

  /** The declared response of a status, with a $ref to components/responses resolved. */
  private JsonObject response(Operation op, int status) {
    JsonObject responses = op.model().getJsonObject("responses", new JsonObject());
    JsonObject r = responses.getJsonObject(String.valueOf(status));
    if (r == null) {
      return null;
    }
    String ref = r.getString("$ref");
    if (ref != null) {
      r = document.getJsonObject("components").getJsonObject("responses").getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
    }
    return r;
  }

  private static String abbreviate(String body) {
    if (body == null) {
      return "";
    }
    return body.length() > 600 ? body.substring(0, 600) + "…" : body;
  }
}
