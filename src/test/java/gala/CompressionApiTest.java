package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Browsers always accept gzip: pages, scripts, the contract and long JSON lists travel compressed,
 * while a short JSON answer (most writes and refusals) is sent as it is, since compressing a few
 * hundred bytes costs the server CPU on every request and saves the phone nothing.
 */
class CompressionApiTest extends ApiTestBase {
  private static final Map<String, String> BROWSER = Map.of("Accept-Encoding", "gzip, deflate, br");

  private static Response get(String path, String token) {
    return api.send("GET", path, token, null, null, null, BROWSER);
  }

  @Test
  void longAnswersAreCompressedAndShortJsonIsNot() {
    assertEquals("gzip", get("/openapi.yaml", null).header("Content-Encoding"), "the contract");
    assertEquals("gzip", get("/js/api.js", null).header("Content-Encoding"), "a script");
    assertEquals("gzip", get("/index.html", null).header("Content-Encoding"), "a page");

    Response health = get("/health", null);
    assertEquals(200, health.status());
    assertNull(health.header("Content-Encoding"), "a short JSON answer");
    assertTrue(health.text().contains("UP"), health.text());
    Response refusal = get("/api/v1/me", null);
    assertEquals(401, refusal.status());
    assertNull(refusal.header("Content-Encoding"), "a refusal");

    String organiser = Api.token(api.signup("gzip@organiser.test", "organiser"));
    for (int i = 0; i < 12; i++) {
      api.createEvent(organiser, "职工运动会第" + i + "届：田径、游泳、篮球、乒乓球、羽毛球");
    }
    Response list = get("/api/v1/events", organiser);
    assertEquals(200, list.status());
    assertEquals("gzip", list.header("Content-Encoding"), "a long JSON list");
  }
}
