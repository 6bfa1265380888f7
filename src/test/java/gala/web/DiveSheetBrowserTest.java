package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An athlete hands in their own dive sheet from "my registrations" on a phone, in Chinese and in
 * English: the link is there only for a competition whose format declares a difficulty per attempt;
 * it opens a sheet of the athlete's entry alone (not the other divers'), saves it, keeps it after a
 * reload, and a code outside the competition's table is refused in a sentence.
 */
class DiveSheetBrowserTest extends BrowserTestBase {

  @BeforeAll
  static void start() {
    startAll("跳水公开赛");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zh", "en"})
  void anAthleteHandsInTheirOwnDiveSheetFromMyRegistrations(String lang) {
    boolean zh = "zh".equals(lang);
    JsonObject table = new JsonObject().put("109C", 3.7).put("307C", 3.4).put("6245D", 3.4);
    JsonObject diving = new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 3).put("min", 0)
        .put("max", 10).put("decimals", 1).put("attempts", 3).put("combine", "sum")
        .put("difficulty", new JsonObject().put("table", table));
    long platform = created(api.post("/api/v1/events/" + eventId + "/competitions", organiser, new JsonObject()
        .put("name", "10米跳台 " + lang).put("capacity", 10).put("format", diving)));
    long speech = created(api.post("/api/v1/events/" + eventId + "/competitions", organiser, new JsonObject()
        .put("name", "演讲 " + lang).put("capacity", 10).put("format", new JsonObject().put("type", "judged")
            .put("aggregate", "mean").put("judges", 1).put("min", 0).put("max", 10).put("decimals", 1))));
    String email = "diver-" + UUID.randomUUID() + "@example.com";
    String diver = Api.token(api.signup(email, "participant"));
    long mine = created(register(diver, platform));
    long myTalk = created(register(diver, speech));
    long someoneElses = created(register(Api.token(api.signup("other-" + UUID.randomUUID() + "@example.com", "participant")), platform));

    page.setViewportSize(390, 844);
    java.util.List<String> competitionReads = new java.util.concurrent.CopyOnWriteArrayList<>();
    page.onRequest(r -> {
      if (r.url().matches(".*/api/v1/competitions/\\d+$")) {
        competitionReads.add(r.url());
      }
    });
    page.navigate(url("/my.html?lang=" + lang));
    signIn(page, email);
    Locator card = page.locator(".my-entry[data-entry-id='" + mine + "']");
    assertThat(card.locator(".sheet-link")).hasText(zh ? "申报动作" : "Hand in my dive sheet", TEXT);
    assertThat(page.locator(".my-entry[data-entry-id='" + myTalk + "'] h2")).isVisible(VISIBLE);
    assertThat(page.locator(".my-entry[data-entry-id='" + myTalk + "'] .sheet-link")).hasCount(0);
    // An entry made meanwhile (another tab) arrives live, with its dive sheet link too.
    long springboard = created(api.post("/api/v1/events/" + eventId + "/competitions", organiser, new JsonObject()
        .put("name", "3米跳板 " + lang).put("capacity", 10).put("format", diving)));
    long later = created(register(diver, springboard));
    assertThat(page.locator(".my-entry[data-entry-id='" + later + "'] .sheet-link")).isVisible(VISIBLE);
    assertEquals(java.util.List.of(), competitionReads, "the rows say where a dive sheet applies: no read per competition");

    card.locator(".sheet-link").click();
    Locator sheet = page.locator("form.sheet[data-entry-id='" + mine + "']");
    assertThat(sheet).isVisible(VISIBLE);
    assertThat(page.locator("form.sheet")).hasCount(1, COUNT);
    assertThat(page.locator("form.sheet[data-entry-id='" + someoneElses + "']")).hasCount(0);
    sheet.locator("input[data-attempt='1']").fill("109C");
    sheet.locator("input[data-attempt='2']").fill("999Z");
    sheet.locator(".save").click();
    assertThat(page.locator("#message")).hasText(zh ? "动作代码 999Z 不在本比赛的难度表中。"
        : "Code 999Z is not in this competition's difficulty table.", TEXT);
    sheet.locator("input[data-attempt='2']").fill("307C");
    sheet.locator(".save").click();
    assertThat(page.locator("#message")).containsText(zh ? "的动作申报" : "is saved", CONTAINS);

    // After a reload the sheet is filled from the live scoreboard: the server holds it.
    page.reload();
    assertThat(sheet.locator("input[data-attempt='1']")).hasValue("109C", new com.microsoft.playwright.assertions
        .LocatorAssertions.HasValueOptions().setTimeout(WAIT_MS));
    assertThat(sheet.locator("input[data-attempt='2']")).hasValue("307C");
  }

  private static Response register(String token, long competition) {
    return api.post("/api/v1/competitions/" + competition + "/entries", token, "{}", UUID.randomUUID().toString());
  }

  private static long created(Response r) {
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }
}
