package gala;

import gala.testing.ApiTestBase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api.Response;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpsApiTest extends ApiTestBase {
  @Test
  void healthAndReadiness() {
    assertEquals(200, api.get("/health", null).status());
    Response ready = api.get("/ready", null);
    assertEquals(200, ready.status());
    JsonObject checks = ready.json().getJsonObject("checks");
    assertEquals("UP", checks.getString("database"));
    assertEquals("DISABLED", checks.getString("cluster"));
  }

  @Test
  void prometheusMetricsIncludeHttpTraffic() {
    api.get("/health", null);
    Response metrics = api.get("/metrics", null);
    assertEquals(200, metrics.status());
    assertTrue(metrics.text().contains("vertx_http_server_requests_total"), metrics.text().substring(0, 300));
  }

  @Test
  void theContractIsServedAndNamesEveryOperation() {
    Response doc = api.get("/openapi.yaml", null);
    assertEquals(200, doc.status());
    for (String op : List.of("signup", "login", "refreshToken", "logout", "createEvent", "listEvents", "getEvent",
        "createUnit", "listUnits", "createCompetition", "listCompetitions", "getCompetition", "registerEntry",
        "listEntries", "assignJudge", "submitScore", "getScoreboard", "getMe", "listMyAssignments", "health", "ready",
        "metrics", "getOpenApi")) {
      assertTrue(doc.text().contains("operationId: " + op + "\n"), "operation " + op + " is in the contract");
    }
  }

  @Test
  void theBrowserUiIsServedAtTheRoot() {
    Response index = api.get("/", null);
    assertEquals(200, index.status());
    assertTrue(index.text().contains("<html"), "index.html is served");
  }

  @Test
  void wrongMethodsAndUnknownPathsAreJsonErrors() {
    Response r = api.get("/api/v1/auth/login", null);
    assertTrue(r.status() == 404 || r.status() == 405, "GET on a POST-only route: " + r.status());
    assertTrue(r.json().containsKey("error"));
  }
}
