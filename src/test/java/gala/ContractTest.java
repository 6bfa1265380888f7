package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.ApiDocument;
import gala.testing.ContractCheck;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract tells the truth: every operation declares a schema for every response it gives
 * (the API tests then check each real response against it through {@link ContractCheck}), and the
 * check itself refuses what the contract does not declare.
 */
class ContractTest {
  private static final JsonObject DOC = ApiDocument.parse(ApiDocument.text());
  private static final Map<String, String> JSON = Map.of("content-type", "application/json; charset=utf-8");

  @Test
  void everyOperationDeclaresEveryResponseWithASchema() {
    List<String> problems = new ArrayList<>();
    JsonObject paths = DOC.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      boolean pathParams = item.containsKey("parameters") || path.contains("{");
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject op)) {
          continue;
        }
        String id = op.getString("operationId");
        if (id == null) {
          problems.add(method + " " + path + " has no operationId");
          continue;
        }
        JsonObject responses = op.getJsonObject("responses", new JsonObject());
        for (String status : responses.fieldNames()) {
          JsonObject r = resolve(responses.getJsonObject(status));
          if (!"204".equals(status) && r.getJsonObject("content", new JsonObject()).isEmpty()) {
            problems.add(id + " " + status + " declares no body schema");
          }
          if (status.equals("default")) {
            problems.add(id + " declares a default response: list each status instead");
          }
        }
        boolean api = path.startsWith("/api/");
        boolean hasBody = op.containsKey("requestBody");
        boolean secured = op.containsKey("security");
        boolean retryable = String.valueOf(op.getValue("parameters")).contains("IdempotencyKey");
        require(problems, id, responses, api, "503");
        require(problems, id, responses, hasBody || pathParams || op.containsKey("parameters"), "400");
        require(problems, id, responses, hasBody, "413");
        require(problems, id, responses, secured, "401");
        require(problems, id, responses, path.contains("{"), "404");
        require(problems, id, responses, retryable, "409");
        require(problems, id, responses, retryable, "422");
        if (retryable && !responses.getJsonObject("400", new JsonObject()).getString("$ref", "").endsWith("/BadRetryableRequest")) {
          problems.add(id + " takes an Idempotency-Key: its 400 is #/components/responses/BadRetryableRequest");
        }
      }
    }
    assertEquals(List.of(), problems, "openapi.yaml");
  }

  @Test
  void anUndeclaredStatusFailsTheCheck() {
    AssertionError e = assertThrows(AssertionError.class, () -> ContractCheck.get()
        .check("GET", "/api/v1/events/1", 500, JSON, "{\"error\":{\"code\":\"INTERNAL\",\"message\":\"x\",\"details\":{}}}", true));
    assertTrue(e.getMessage().contains("not a declared status"), e.getMessage());
  }

  @Test
  void aBodyThatDoesNotFitItsSchemaFailsTheCheck() {
    String event = "{\"id\":1,\"title\":\"t\",\"startsOn\":\"2026-12-01\",\"endsOn\":\"2026-12-01\",\"venue\":null,"
        + "\"public\":true,\"registrationOpensAt\":null,\"registrationClosesAt\":null}";
    ContractCheck.get().check("GET", "/api/v1/events/1", 200, JSON, event, true);
    String withoutTitle = event.replace("\"title\":\"t\",", "");
    assertThrows(AssertionError.class, () -> ContractCheck.get().check("GET", "/api/v1/events/1", 200, JSON, withoutTitle, true));
    assertThrows(AssertionError.class, () -> ContractCheck.get()
        .check("GET", "/api/v1/events/1", 404, JSON, "{\"error\":{\"code\":\"not-a-code\"}}", true));
    assertThrows(AssertionError.class, () -> ContractCheck.get()
        .check("GET", "/api/v1/events/1", 200, Map.of("content-type", "text/html"), "<p>", true));
  }

  @Test
  void a503WithoutRetryAfterFailsTheCheck() {
    String unavailable = "{\"error\":{\"code\":\"UNAVAILABLE\",\"message\":\"down\",\"details\":{}}}";
    assertThrows(AssertionError.class, () -> ContractCheck.get().check("GET", "/api/v1/events", 503, JSON, unavailable, true));
    ContractCheck.get().check("GET", "/api/v1/events", 503,
        Map.of("content-type", "application/json", "retry-after", "2"), unavailable, true);
  }

  private static void require(List<String> problems, String id, JsonObject responses, boolean needed, String status) {
    if (needed && !responses.containsKey(status)) {
      problems.add(id + " must declare " + status);
    }
  }

  private static JsonObject resolve(JsonObject response) {
    String ref = response.getString("$ref");
    if (ref == null) {
      return response;
    }
    return DOC.getJsonObject("components").getJsonObject("responses").getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
  }
}
