package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A removal whose reply is lost on the way back (venue Wi-Fi): the server did it, the page says the
 * connection failed, and the person presses the button again. The page sends the same
 * Idempotency-Key, so the second press gets the first answer (done) instead of "not found" or
 * "already withdrawn".
 */
class RetriedRemovalsBrowserTest extends BrowserTestBase {
  static JsonObject session;

  @BeforeAll
  static void start() {
    startNode();
    session = api.signup("org-" + UUID.randomUUID() + "@example.com", "organiser");
    organiser = Api.token(session);
    eventId = api.createEvent(organiser, "Retries");
  }

  @Test
  void aRecordRemovedWhoseReplyWasLostIsGoneAfterTheSecondPressInChinese() {
    long comp = api.createJudgedCompetition(organiser, eventId, "跳水", 10, 1);
    String records = "/api/v1/competitions/" + comp + "/records";
    Api.Response made = api.post(records, organiser, new JsonObject().put("kind", "meet").put("value", 9.5)
        .put("holder", "王宗源").encode(), UUID.randomUUID().toString());
    assertEquals(201, made.status(), made.text());
    long record = made.json().getLong("id");

    Page phone = device(session, 360, 740);
    List<String> keys = new ArrayList<>();
    phone.route("**/api/v1/competitions/" + comp + "/records/" + record, route -> {
      keys.add(route.request().headerValue("idempotency-key"));
      if (keys.size() == 1) {
        route.fetch(); // the server removes it; its answer never reaches the phone
        route.abort("internetdisconnected");
      } else {
        route.resume();
      }
    });
    phone.navigate(url("/records.html?competition=" + comp + "&lang=zh"));
    Locator row = phone.locator("tr[data-record-id='" + record + "']");
    row.locator("button.remove").click();
    phone.locator(".confirm-dialog button.confirm").click();
    assertThat(phone.locator("#message")).hasText("网络连接失败，请检查网络后重试。", TEXT);
    assertThat(row).hasCount(1, COUNT);
    row.locator("button.remove").click();
    phone.locator(".confirm-dialog button.confirm").click();
    assertThat(row).hasCount(0, COUNT);
    assertThat(phone.locator("#message")).isHidden(HIDDEN);
    assertEquals(2, keys.size());
    assertNotNull(keys.get(0), "the removal carries an Idempotency-Key");
    assertEquals(keys.get(0), keys.get(1), "the second press of the same removal reuses its key");
    assertEquals(0, api.get(records, null).json().getJsonArray("items").size());
    phone.context().close();
  }

  @Test
  void anOrganiserWithdrawsAnAthleteAtTheDeskInEnglishAndTheWaitlistMovesUp() {
    long comp = api.createJudgedCompetition(organiser, eventId, "Long jump", 1, 1);
    long first = api.registerAthlete(organiser, comp, "Ann Lee", null);
    long second = api.registerAthlete(organiser, comp, "Bo Chen", null);
    Page laptop = device(session, 1366, 768);
    List<String> keys = new ArrayList<>();
    laptop.onRequest(r -> {
      if ("DELETE".equals(r.method())) {
        keys.add(r.headerValue("idempotency-key"));
      }
    });
    laptop.navigate(url("/entries.html?competition=" + comp + "&lang=en"));
    laptop.locator("tr[data-entry-id='" + first + "'] button.withdraw-row").click();
    assertThat(laptop.locator(".confirm-dialog")).containsText("Ann Lee", CONTAINS);
    laptop.locator(".confirm-dialog button.confirm").click();
    assertThat(laptop.locator("#message")).hasText("Ann Lee has been withdrawn.", TEXT);
    assertThat(laptop.locator("tr[data-entry-id='" + second + "']").first()).hasAttribute("data-status", "CONFIRMED", ATTR);
    assertEquals(1, keys.size());
    assertNotNull(keys.get(0), "the withdrawal carries an Idempotency-Key");
    laptop.context().close();
  }
}
