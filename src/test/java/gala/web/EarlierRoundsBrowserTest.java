package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A competition in two rounds, followed on a phone: once the final runs, the spectator can still open
 * the prelim (its whole field, who went through, its official time) and come back to the live final,
 * which kept updating meanwhile; the choice survives a reload, and a board the organiser hides takes
 * the earlier round away too.
 */
class EarlierRoundsBrowserTest extends BrowserTestBase {

  @BeforeAll
  static void start() {
    startNode();
  }


  private static Locator row(Page page, long entryId) {
    return page.locator("#rows tr[data-entry-id='" + entryId + "']");
  }

  private static JsonObject attempt(long entry, double value) {
    return new JsonObject().put("entryId", entry).put("value", value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"zh", "en"})
  void aSpectatorOpensThePrelimWhileTheFinalRunsAndComesBack(String lang) {
    emptyGala();
    boolean zh = "zh".equals(lang);
    JsonObject organiserSession = api.signup("org-" + UUID.randomUUID() + "@example.cn", "organiser");
    String organiser = Api.token(organiserSession);
    long event = api.createEvent(organiser, "职工运动会");

    // ---- the organiser sets up a prelim (top 2 go through) and a final in the format form ----
    Page desk = device(organiserSession, 1280, 900);
    desk.navigate(url("/organise.html?lang=" + lang + "&event=" + event));
    desk.locator("#new-competition").click();
    desk.locator("#c-name").fill("立定跳远");
    desk.locator("#fmt-type").selectOption("measured");
    desk.locator("#fmt-attempts").fill("1");
    Locator rounds = desk.locator(".rounds-editor .round");
    // Straight from typing the attempts to "add round" (the typed box's change must not eat the click).
    desk.locator(".add-round").click();
    assertThat(rounds).hasCount(1, COUNT);
    rounds.nth(0).locator(".round-name").fill(zh ? "预赛" : "Prelim");
    rounds.nth(0).locator(".round-advance").selectOption("top");
    rounds.nth(0).locator(".round-advance-value").fill("2");
    desk.locator(".add-round").click();
    assertThat(rounds).hasCount(2, COUNT);
    rounds.nth(1).locator(".round-name").fill(zh ? "决赛" : "Final");
    desk.locator("#c-save").click();
    assertThat(desk.locator("#message")).hasText(zh ? "已创建“立定跳远”。" : "Created \"立定跳远\".", TEXT);
    long competition = Long.parseLong(desk.locator("#competition-list li[data-competition-id]").first().getAttribute("data-competition-id"));
    desk.context().close();

    long[] e = new long[3];
    String[] names = {"王芳", "李强", "张伟"};
    for (int i = 0; i < e.length; i++) {
      e[i] = api.registerAthlete(organiser, competition, names[i], null);
    }
    JsonObject judge = api.signup("judge-" + UUID.randomUUID() + "@example.cn", "participant");
    api.assignJudge(organiser, competition, Api.userId(judge));
    double[] prelim = {2.10, 2.45, 2.30};
    for (int i = 0; i < e.length; i++) {
      score(Api.token(judge), competition, attempt(e[i], prelim[i]));
    }

    // ---- the spectator's phone: one round, no round buttons ----
    Page phone = device(null, 390, 844);
    phone.navigate(url("/scoreboard.html?competition=" + competition + "&lang=" + lang));
    assertThat(row(phone, e[1])).hasAttribute("data-rank", "1", ATTR);
    assertThat(phone.locator("#sb-rounds")).isHidden(HIDDEN);

    // The prelim is published: the final starts with the two who went through, live on the phone.
    assertEquals(200, api.post("/api/v1/competitions/" + competition + "/scoreboard/publish", organiser, "{}",
        UUID.randomUUID().toString()).status());
    assertThat(phone.locator("#rows tr[data-entry-id]")).hasCount(2, COUNT);
    Locator buttons = phone.locator("#sb-rounds button");
    assertThat(buttons).hasCount(2, COUNT);
    assertThat(buttons.nth(0)).hasText(zh ? "预赛" : "Prelim", TEXT);
    assertThat(buttons.nth(1)).hasText(zh ? "决赛（进行中）" : "Final (now)", TEXT);
    assertThat(buttons.nth(1)).hasAttribute("aria-pressed", "true", ATTR);

    // ---- the prelim, on demand: the whole field, who went through, official ----
    buttons.nth(0).click();
    assertThat(buttons.nth(0)).hasAttribute("aria-pressed", "true", ATTR);
    assertThat(phone.locator("#rows tr[data-entry-id]")).hasCount(3, COUNT);
    assertThat(row(phone, e[0]).locator("td.result")).hasText("2.10", TEXT);
    assertThat(row(phone, e[1])).hasAttribute("data-advancing", "true", ATTR);
    assertThat(row(phone, e[1]).locator("td.name")).containsText(zh ? "晋级" : "advances", CONTAINS);
    assertThat(row(phone, e[0])).hasAttribute("data-advancing", "false", ATTR);
    assertThat(phone.locator("#sb-status")).hasText(zh ? "正式成绩" : "Official", TEXT);
    assertThat(phone.locator("#sb-state")).hasText(zh ? "预赛成绩（往轮）" : "Prelim: an earlier round", TEXT);
    assertTrue(phone.url().contains("round=1"), phone.url());
    screenshot(phone, "gala-earlier-round-" + lang + ".png");
    phone.setViewportSize(1920, 1080);
    screenshot(phone, "gala-earlier-round-" + lang + "-1920.png");
    phone.setViewportSize(390, 844);

    // The final goes on meanwhile; the prelim stays on screen, the final has the mark when the spectator comes back.
    score(Api.token(judge), competition, attempt(e[2], 2.50));
    assertThat(row(phone, e[0])).isVisible(VISIBLE);
    assertThat(phone.locator("#rows tr[data-entry-id]")).hasCount(3, COUNT);

    // A reload keeps the round the spectator chose.
    phone.reload();
    assertThat(phone.locator("#sb-rounds button").nth(0)).hasAttribute("aria-pressed", "true", ATTR);
    assertThat(phone.locator("#rows tr[data-entry-id]")).hasCount(3, COUNT);

    phone.locator("#sb-rounds button").nth(1).click();
    assertThat(phone.locator("#rows tr[data-entry-id]")).hasCount(2, COUNT);
    assertThat(row(phone, e[2]).locator("td.result")).hasText("2.50", TEXT);
    assertThat(row(phone, e[2])).hasAttribute("data-rank", "1", ATTR);
    assertThat(phone.locator("#sb-state")).hasText(zh ? "实时成绩" : "Live results", TEXT);
    assertTrue(!phone.url().contains("round="), phone.url());
    score(Api.token(judge), competition, attempt(e[1], 2.60));
    assertThat(row(phone, e[1])).hasAttribute("data-rank", "1", ATTR);

    // ---- the refusal: the organiser hides the results while the prelim is open ----
    phone.locator("#sb-rounds button").nth(0).click();
    assertThat(phone.locator("#rows tr[data-entry-id]")).hasCount(3, COUNT);
    assertEquals(200, api.post("/api/v1/competitions/" + competition + "/scoreboard/visibility", organiser,
        new JsonObject().put("hidden", true).encode(), UUID.randomUUID().toString()).status());
    assertThat(phone.locator("#message")).hasText(zh ? "本项目成绩暂未公开。" : "These results are not released yet.", TEXT);
    assertThat(phone.locator("#board")).isHidden(HIDDEN);
    assertThat(phone.locator("#sb-rounds")).isHidden(HIDDEN);
    assertThat(phone.locator("#empty")).isHidden(HIDDEN); // not "no entries yet" under "not released"
    screenshot(phone, "gala-earlier-round-hidden-" + lang + ".png");
    phone.navigate(url("/scoreboard.html?competition=" + competition + "&round=1&lang=" + lang));
    assertThat(phone.locator("#message")).hasText(zh ? "本项目成绩暂未公开。" : "These results are not released yet.", TEXT);
    assertThat(phone.locator("#rows tr[data-entry-id]:visible")).hasCount(0, COUNT);
    phone.context().close();
  }

  private static void score(String judgeToken, long competition, JsonObject body) {
    Api.Response r = api.post("/api/v1/competitions/" + competition + "/scores", judgeToken, body.encode(), UUID.randomUUID().toString());
    assertEquals(201, r.status(), r.text());
  }
}
