package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The winner opens 我的报名 on their phone after the results are official and presses 退赛: the page
 * says, in its language, why not, and the entry stays confirmed; a latecomer's 报名 is told why not too.
 */
class OfficialResultsBrowserTest extends BrowserTestBase {

  @BeforeAll
  static void start() {
    startAll("市职工技能大赛");
  }

  @Test
  void aWinnerIsToldWhyTheyNoLongerWithdrawFromOfficialResults() {
    Reg reg = new Reg(api);
    long c = reg.competition(organiser, eventId, new JsonObject().put("name", "焊工技能赛"));
    JsonObject athlete = reg.signup("welder-" + UUID.randomUUID() + "@official.test", "participant", Dates.aged(31));
    Api.Response entered = reg.register(Api.token(athlete), c, new JsonObject().put("gender", "M"));
    assertEquals(201, entered.status(), entered.text());
    long entry = entered.json().getLong("id");
    JsonObject judge = reg.signup("head-" + UUID.randomUUID() + "@official.test", "participant", null);
    assertEquals(201, api.post("/api/v1/competitions/" + c + "/judges", organiser,
        new JsonObject().put("userId", Api.userId(judge)).put("head", true)).status());
    assertEquals(201, api.submitScore(Api.token(judge), c, entry, "9.2", key()).status());
    assertEquals(200, api.post("/api/v1/competitions/" + c + "/scoreboard/publish", Api.token(judge), "{}", key()).status());

    Page phone = device(athlete, 390, 844);
    refused(phone, "zh", "退赛", "确认退赛", "该项目成绩已正式公布，不能再退出；如需更正请联系组委会。");
    screenshot(phone, "official-withdraw-refused-390-zh.png");
    refused(phone, "en", "Withdraw", null,
        "This competition's results are official, so the entry can no longer be withdrawn; ask the organisers to correct the record.");
    screenshot(phone, "official-withdraw-refused-390-en.png");
    assertEquals("CONFIRMED", api.get("/api/v1/entries/" + entry, organiser).json().getString("status"));

    // Someone who comes late: the event page offers no 报名 for it (it still does for the next
    // competition), and the registration page (a link kept from before) says why, with no form.
    long next = reg.competition(organiser, eventId, new JsonObject().put("name", "电工技能赛"));
    JsonObject late = reg.signup("late-" + UUID.randomUUID() + "@official.test", "participant", Dates.aged(28));
    Page other = device(late, 390, 844);
    closed(other, "zh", "该项目成绩已正式公布，不再接受报名。", c, next);
    closed(other, "en", "This competition's results are official; registration is closed.", c, next);
    screenshot(other, "official-register-closed-390-en.png");

    // And if the page was open before the results became official, the server's refusal says the same.
    JsonObject early = reg.signup("early-" + UUID.randomUUID() + "@official.test", "participant", Dates.aged(35));
    Page open = device(early, 390, 844);
    long third = reg.competition(organiser, eventId, new JsonObject().put("name", "钳工技能赛"));
    open.navigate(url("/register.html?competition=" + third + "&lang=zh"));
    assertThat(open.locator("#register-button")).isVisible(VISIBLE);
    long placeholder = api.registerAthlete(organiser, third, "孙七", null);
    assertEquals(201, api.post("/api/v1/competitions/" + third + "/judges", organiser,
        new JsonObject().put("userId", Api.userId(judge)).put("head", true)).status());
    assertEquals(201, api.submitScore(Api.token(judge), third, placeholder, "7.0", key()).status());
    assertEquals(200, api.post("/api/v1/competitions/" + third + "/scoreboard/publish", Api.token(judge), "{}", key()).status());
    open.locator("#register-button").click();
    assertThat(open.locator("#message")).containsText("该项目成绩已正式公布，不再接受报名。", CONTAINS);
    assertEquals(1, api.get("/api/v1/competitions/" + c + "/entries", organiser).json().getJsonArray("items").size());
    assertEquals(1, api.get("/api/v1/competitions/" + third + "/entries", organiser).json().getJsonArray("items").size());
  }

  private static void closed(Page phone, String lang, String sentence, long official, long next) {
    phone.navigate(url("/event.html?event=" + eventId + "&lang=" + lang));
    assertThat(phone.locator("#competitions li[data-competition-id='" + next + "'] .register-link")).hasCount(1, COUNT);
    assertThat(phone.locator("#competitions li[data-competition-id='" + official + "'] .register-link")).hasCount(0, COUNT);
    phone.navigate(url("/register.html?competition=" + official + "&lang=" + lang));
    assertThat(phone.locator("#message")).hasText(sentence, TEXT);
    assertThat(phone.locator("#register-form")).isHidden(HIDDEN);
  }

  private static void refused(Page phone, String lang, String button, String confirm, String sentence) {
    phone.navigate(url("/my.html?lang=" + lang));
    Locator card = phone.locator(".my-entry");
    assertThat(card).hasAttribute("data-status", "CONFIRMED", ATTR);
    assertThat(card.locator("button.withdraw")).hasText(button, TEXT);
    card.locator("button.withdraw").click();
    if (confirm != null) {
      assertThat(phone.locator(".confirm-dialog button.confirm")).hasText(confirm, TEXT);
    }
    phone.locator(".confirm-dialog button.confirm").click();
    assertThat(phone.locator("#message")).hasText(sentence, TEXT);
    assertThat(card).hasAttribute("data-status", "CONFIRMED", ATTR);
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }
}
