package gala;

import gala.testing.ApiTestBase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of response (page, script, API answer, refusal, unknown path, contract) carries the security headers. */
class SecurityHeadersApiTest extends ApiTestBase {
  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    Map<String, Response> responses = new LinkedHashMap<>();
    responses.put("page", api.get("/index.html", null));
    responses.put("root", api.get("/", null));
    responses.put("script", api.get("/js/api.js", null));
    responses.put("api", api.get("/api/v1/events", null));
    responses.put("refusal 401", api.post("/api/v1/events", null, "{}"));
    responses.put("unknown path", api.get("/no-such-page", null));
    responses.put("contract", api.get("/openapi.yaml", null));
    responses.put("health", api.get("/health", null));
    responses.put("too large", api.post("/api/v1/auth/login", null, "{\"email\":\"" + "x".repeat(300 * 1024) + "\"}"));
    assertEquals(413, responses.get("too large").status(), "a JSON body over 256 KiB");
    assertEquals("PAYLOAD_TOO_LARGE", responses.get("too large").errorCode());
    assertEquals(401, responses.get("refusal 401").status());
    assertEquals(404, responses.get("unknown path").status());
    for (Map.Entry<String, Response> e : responses.entrySet()) {
      Response r = e.getValue();
      String csp = r.header("Content-Security-Policy");
      assertTrue(csp != null && csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'")
          && csp.contains("object-src 'none'"), e.getKey() + ": " + csp);
      String scripts = csp.replaceAll(".*script-src ([^;]*).*", "$1");
      assertFalse(scripts.contains("unsafe-inline") || scripts.contains("unsafe-eval"), e.getKey() + " allows inline script: " + csp);
      assertEquals("nosniff", r.header("X-Content-Type-Options"), e.getKey());
      assertEquals("strict-origin-when-cross-origin", r.header("Referrer-Policy"), e.getKey());
      assertEquals("DENY", r.header("X-Frame-Options"), e.getKey());
    }
  }
}
