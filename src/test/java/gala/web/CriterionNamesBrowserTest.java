package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Chinese organiser names a judged competition's criteria in Chinese (内容, 技术) in the format form;
 * the judge's tablet asks for a mark per criterion under those names, the head judge's review and
 * the spectator's scoreboard show them. A name with punctuation is refused there, in words.
 */
class CriterionNamesBrowserTest extends BrowserTestBase {

  @BeforeAll
  static void start() {
    startNode();
  }

  /** A page of this size signed in as this session (the page's own storage, as after signing in). */

  @Test
  void aChineseOrganisersCriteriaReachTheJudgeTheHeadJudgeAndTheScoreboard() {
    String organiserEmail = "org-" + UUID.randomUUID() + "@example.cn";
    JsonObject organiserSession = api.signup(organiserEmail, "organiser");
    String organiserToken = Api.token(organiserSession);
    long event = api.createEvent(organiserToken, "青年演讲比赛");

    // ---- the organiser names the criteria in Chinese in the format form ----
    Page desk = device(organiserSession, 1280, 900);
    desk.navigate(url("/organise.html?lang=zh&event=" + event));
    desk.locator("#new-competition").click();
    desk.locator("#c-name").fill("演讲决赛");
    desk.locator("#fmt-type").selectOption("judged");
    desk.locator("#fmt-judges").fill("1");
    desk.locator("#fmt-aggregate").selectOption("mean");
    desk.locator(".add-criterion").click();
    desk.locator(".add-criterion").click();
    Locator rows = desk.locator(".criteria-editor .criterion");
    rows.nth(0).locator(".criterion-name").fill("内容！");
    rows.nth(0).locator(".criterion-weight").fill("0.6");
    rows.nth(1).locator(".criterion-name").fill("技术");
    rows.nth(1).locator(".criterion-weight").fill("0.4");
    desk.locator("#c-save").click();
    assertThat(desk.locator("#message")).hasText("评分标准名称由文字或数字组成（最多 40 个字，不含标点，词之间最多一个空格）。", TEXT);
    rows.nth(0).locator(".criterion-name").fill("内容");
    assertThat(desk.locator("#fmt-example")).containsText("内容（权重 0.6）", CONTAINS);
    desk.locator("#c-save").click();
    assertThat(desk.locator("#message")).hasText("已创建“演讲决赛”。", TEXT);
    Locator item = desk.locator("#competition-list li[data-competition-id]").filter(
        new Locator.FilterOptions().setHas(desk.locator(".competition-name", new Page.LocatorOptions().setHasText("演讲决赛"))));
    long competition = Long.parseLong(item.getAttribute("data-competition-id"));
    long wang = api.registerAthlete(organiserToken, competition, "王芳", null);
    long li = api.registerAthlete(organiserToken, competition, "李明", null);
    String judgeEmail = "judge-" + UUID.randomUUID() + "@example.cn";
    JsonObject judge = api.signup(judgeEmail, "participant");
    api.assignJudge(organiserToken, competition, Api.userId(judge));

    // ---- the spectator's phone follows the board ----
    Page phone = device(null, 390, 844);
    phone.navigate(url("/scoreboard.html?competition=" + competition + "&lang=zh"));
    assertThat(phone.locator("#format-notes")).hasText("成绩 = 0.6 × 内容 + 0.4 × 技术", TEXT);

    // ---- the judge's tablet: one box per criterion, under the organiser's names ----
    Page tablet = device(judge, 800, 1280);
    tablet.navigate(url("/judge.html?lang=zh&competition=" + competition));
    Locator content = tablet.locator("input.criterion[aria-label='内容']");
    Locator technique = tablet.locator("input.criterion[aria-label='技术']");
    assertThat(tablet.locator("#criteria .criterion-field").nth(0)).containsText("内容（权重 0.6）", CONTAINS);
    assertThat(tablet.locator("#criteria .criterion-field").nth(1)).containsText("技术（权重 0.4）", CONTAINS);
    for (long[] marks : new long[][] {{wang, 9, 8}, {li, 7, 10}}) {
      tablet.locator(".entry[data-entry-id='" + marks[0] + "']").click();
      content.fill(String.valueOf(marks[1]));
      technique.fill(String.valueOf(marks[2]));
      tablet.locator("#submit-score").click();
      assertThat(tablet.locator(".entry[data-entry-id='" + marks[0] + "']")).hasAttribute("data-state", "scored", ATTR);
    }
    assertThat(tablet.locator("#message")).containsText("内容 7", CONTAINS);

    // ---- the phone: 0.6 x 9 + 0.4 x 8 = 8.60 ahead of 0.6 x 7 + 0.4 x 10 = 8.20; a tap shows each criterion ----
    Locator wangRow = phone.locator("tr[data-entry-id='" + wang + "']");
    assertThat(wangRow.locator("td.result")).hasText("8.60", TEXT);
    assertThat(phone.locator("tr[data-entry-id='" + li + "'] td.result")).hasText("8.20", TEXT);
    assertThat(wangRow.locator("td.rank")).hasText("1", TEXT);
    wangRow.click();
    Locator detail = phone.locator("tr.detail-row[data-detail-for='" + wang + "']");
    assertThat(detail).containsText("内容 9.0", CONTAINS);
    assertThat(detail).containsText("技术 8.0", CONTAINS);

    // ---- the head judge's review names the criteria too ----
    desk.navigate(url("/headjudge.html?lang=zh&competition=" + competition));
    assertThat(desk.locator("body")).containsText("内容 9 / 技术 8", CONTAINS);
    desk.context().close();
    tablet.context().close();
    phone.context().close();
  }
}
