package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's journey in the browser, from an empty Gala: an organiser sets up a judged
 * multi-attempt competition (three dives, five judges, the middle three marks times the dive's
 * difficulty from a table) and a skills contest (theory 30% + practical 70% + a time bonus) in the
 * organiser console, loads a meet record and the dive sheets in the browser; judges score on their
 * tablets (a dive judge by value only: the difficulty is declared; the contest's desk judge part by part); a
 * spectator's phone shows every attempt, each judge's mark with the dropped ones struck, the
 * record flag (provisional until official) and the contest's formula, in Chinese and English; the
 * results book prints. The refusals along the way read as sentences (a difficulty table line the
 * form cannot read, a record that is no number, a tie-break naming a part that is gone:
 * FORMULA_UNKNOWN_PART).
 */
class ScoringJourneyBrowserTest extends BrowserTestBase {
  private static JsonObject session;

  @BeforeAll
  static void start() {
    startNode();
    session = api.signup("org-" + UUID.randomUUID() + "@example.cn", "organiser");
    organiser = Api.token(session);
    eventId = api.createEvent(organiser, "2026年职工技能运动会");
  }

  private Page signedIn(int width, int height, JsonObject who) {
    BrowserContext c = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height).setAcceptDownloads(true));
    if (who != null) {
      c.addInitScript("localStorage.setItem('gala.session', " + Json.encode(who.encode()) + ");");
    }
    return c.newPage();
  }

  private static long competitionId(Page page, String name) {
    return Long.parseLong(page.locator("#competition-list li[data-competition-id]")
        .filter(new Locator.FilterOptions().setHasText(name)).getAttribute("data-competition-id"));
  }

  @Test
  void anOrganiserSetsUpDivingAndASkillsContestAndThePhoneShowsTheWork() throws Exception {
    Page desk = signedIn(1280, 900, session);
    desk.navigate(url("/organise.html?event=" + eventId + "&lang=zh"));

    // ---- a diving final: 3 dives, 5 judges, middle three marks x the dive's difficulty from a table ----
    desk.locator("#new-competition").click();
    desk.locator("#c-name").fill("男子3米板决赛");
    desk.locator("#fmt-type").selectOption("judged");
    desk.locator("#fmt-judges").fill("5");
    desk.locator("#fmt-aggregate").selectOption("trimmed_sum");
    desk.locator("#fmt-trim").fill("1");
    desk.locator("#fmt-attempts").fill("3");
    desk.locator("#fmt-combine").selectOption("sum");
    desk.locator("#fmt-difficultyKind").selectOption("table");
    desk.locator("#fmt-difficultyTable").fill("107B 3.0\n5154B 3.2\n一个错行");
    desk.locator("#c-save").click();
    assertThat(desk.locator("#message")).hasText("难度表中“一个错行”看不懂：每行写“代码 难度”，如 6245D 3.4。", TEXT);
    desk.locator("#fmt-difficultyTable").fill("107B 3.0\n5154B 3.2\n305C 2.8");
    assertThat(desk.locator("#fmt-example")).containsText("27.00 × 难度系数 3.0 = 81.00", CONTAINS);
    assertThat(desk.locator("#fmt-example")).containsText("每人 3 次，成绩为各次之和。", CONTAINS);
    desk.locator("#c-save").click();
    assertThat(desk.locator("#message")).hasText("已创建“男子3米板决赛”。", TEXT);

    // ---- a skills contest: theory 30% + practical 70% (judged) + a time bonus from a table ----
    desk.locator("#new-competition").click();
    desk.locator("#c-name").fill("电工技能竞赛");
    desk.locator("#fmt-type").selectOption("combined");
    desk.locator("#fmt-formulaKind").selectOption("weighted");
    Locator parts = desk.locator(".parts-editor .part");
    parts.nth(0).locator(".part-name").fill("theory");
    parts.nth(0).locator(".part-label").fill("理论");
    parts.nth(0).locator(".part-weight").fill("0.3");
    desk.locator(".add-part").click();
    parts.nth(1).locator(".part-name").fill("practical");
    parts.nth(1).locator(".part-label").fill("实操");
    parts.nth(1).locator(".part-input").selectOption("judged");
    parts.nth(1).locator(".part-judges").fill("1");
    // Criterion codes are words of letters: the form says so before anything is sent.
    parts.nth(1).locator(".part-criteria").fill("安全 0.4, 工艺 0.6");
    assertThat(desk.locator("#fmt-example")).containsText("分项“实操”的评分标准看不懂：写成“英文代号 权重”，用逗号隔开，代号不重复，最多 10 项，如 safety 0.3, craft 0.7。",
        CONTAINS);
    parts.nth(1).locator(".part-criteria").fill("safety 0.4, craft 0.6");
    parts.nth(1).locator(".part-weight").fill("0.7");
    desk.locator(".add-part").click();
    parts.nth(2).locator(".part-name").fill("time");
    parts.nth(2).locator(".part-label").fill("用时加分");
    parts.nth(2).locator(".part-input").selectOption("timed");
    parts.nth(2).locator(".part-max").fill("7200");
    parts.nth(2).locator(".part-table").fill("1800=5, 2400=3");
    assertThat(desk.locator("#fmt-example")).containsText("计分公式：0.3 × 理论 + 0.7 × 实操 + 用时加分", CONTAINS);
    // A tie-break on the time part, then the part renamed: the server names the refusal.
    desk.locator(".tie-break[data-index='0']").selectOption("part:time");
    parts.nth(2).locator(".part-name").fill("speed");
    desk.locator("#c-save").click();
    assertThat(desk.locator("#message")).hasText("计分公式或同分比较中用到了本赛制没有的部分。", TEXT);
    parts.nth(2).locator(".part-name").fill("time");
    desk.locator("#c-save").click();
    assertThat(desk.locator("#message")).hasText("已创建“电工技能竞赛”。", TEXT);
    long diving = competitionId(desk, "男子3米板决赛");
    long skills = competitionId(desk, "电工技能竞赛");

    // ---- entries, dive sheets and judges (registration and judge codes have their own journey) ----
    long unit = api.createUnit(organiser, eventId, "市电力公司");
    long wang = api.registerAthlete(organiser, diving, "王宗源", unit);
    long xie = api.registerAthlete(organiser, diving, "谢思埸", unit);
    JsonObject tabletJudge = api.signup("judge-" + UUID.randomUUID() + "@example.cn", "participant");
    api.assignJudge(organiser, diving, Api.userId(tabletJudge));
    List<String> panel = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JsonObject j = api.signup("judge-" + UUID.randomUUID() + "@example.cn", "participant");
      api.assignJudge(organiser, diving, Api.userId(j));
      panel.add(Api.token(j));
    }
    long li = api.registerAthlete(organiser, skills, "李工", unit);
    long zhang = api.registerAthlete(organiser, skills, "张工", unit);
    JsonObject skillsJudge = api.signup("judge-" + UUID.randomUUID() + "@example.cn", "participant");
    api.assignJudge(organiser, skills, Api.userId(skillsJudge));

    // ---- the meet record, loaded on the records page ----
    desk.locator("#competition-list li[data-competition-id='" + diving + "'] [data-link=records]").click();
    assertThat(desk.locator("#rec-competition")).hasText("男子3米板决赛", TEXT);
    assertThat(desk.locator("#no-records")).hasText("尚未录入纪录。", TEXT);
    desk.locator("#r-value").fill("很多分");
    desk.locator("#r-holder").fill("何冲");
    desk.locator("#r-save").click();
    assertThat(desk.locator("#message")).hasText("纪录成绩须为数字（时间可写作 1:02.34），最多 4 位小数。", TEXT);
    desk.locator("#r-value").fill("200.00");
    desk.locator("#r-setAt").fill("2022");
    desk.locator("#r-save").click();
    assertThat(desk.locator("#message")).containsText("已保存纪录 200.00（何冲）", CONTAINS);
    assertThat(desk.locator("#record-rows tr")).hasCount(1, COUNT);

    // ---- dive sheets, declared once on the sheets page (judges never type a difficulty) ----
    desk.locator("#sheets-link").click();
    Locator wangSheet = desk.locator("form.sheet[data-entry-id='" + wang + "']");
    wangSheet.locator("input[data-attempt='1']").fill("107B");
    wangSheet.locator("input[data-attempt='2']").fill("999Z");
    wangSheet.locator(".save").click();
    assertThat(desk.locator("#message")).hasText("动作代码 999Z 不在本比赛的难度表中。", TEXT);
    wangSheet.locator("input[data-attempt='2']").fill("5154B");
    wangSheet.locator("input[data-attempt='3']").fill("305C");
    wangSheet.locator(".save").click();
    assertThat(desk.locator("#message")).hasText("已保存“王宗源 · 市电力公司”的动作申报。", TEXT);
    Locator xieSheet = desk.locator("form.sheet[data-entry-id='" + xie + "']");
    xieSheet.locator("input[data-attempt='1']").fill("305C");
    xieSheet.locator("input[data-attempt='2']").fill("107B");
    xieSheet.locator("input[data-attempt='3']").fill("5154B");
    xieSheet.locator(".save").click();
    assertThat(desk.locator("#message")).hasText("已保存“谢思埸 · 市电力公司”的动作申报。", TEXT);
    assertThat(wangSheet.locator(".caption").first()).hasText("第 1 跳 · 3.0", TEXT);

    // ---- the phone follows the diving board from the start ----
    Page phone = signedIn(390, 844, null);
    phone.navigate(url("/scoreboard.html?competition=" + diving + "&lang=zh"));
    assertThat(phone.locator("tr[data-entry-id='" + wang + "'] td.result")).hasText("第 0/3 次试跳/试赛", TEXT);

    // ---- one judge scores on the tablet; the rest of the panel through the API ----
    Page tablet = signedIn(800, 1280, tabletJudge);
    tablet.navigate(url("/judge.html?competition=" + diving + "&lang=zh"));
    String[][] wangMarks = {{"8.5", "8.0", "8.5", "9.0", "8.0"}, {"7.5", "7.0", "7.5", "8.0", "7.5"}, {"9.0", "8.5", "9.0", "9.5", "9.0"}};
    String[][] xieMarks = {{"7.0", "7.0", "6.5", "7.0", "7.5"}, {"8.0", "8.0", "8.0", "8.0", "8.0"}, {"6.0", "6.5", "6.0", "6.0", "5.5"}};
    for (int dive = 0; dive < 3; dive++) {
      for (long entry : List.of(wang, xie)) {
        String[] marks = (entry == wang ? wangMarks : xieMarks)[dive];
        Locator row = tablet.locator(".entry[data-entry-id='" + entry + "']");
        row.click();
        tablet.locator("#mark").fill(marks[0]);
        tablet.locator("#submit-score").click();
        // The tablet counts this judge's dives: after the first of three the row still waits.
        Locator mine = tablet.locator(".entry[data-entry-id='" + entry + "']");
        assertThat(mine.locator(".marks")).hasText("已评 " + (dive + 1) + "/3 次", TEXT);
        assertThat(mine).hasAttribute("data-state", dive == 2 ? "scored" : "todo", ATTR);
        for (int j = 0; j < 4; j++) {
          Api.Response r = api.post("/api/v1/competitions/" + diving + "/scores", panel.get(j),
              new JsonObject().put("entryId", entry).put("value", new BigDecimal(marks[j + 1])).encode(), UUID.randomUUID().toString());
          assertEquals(201, r.status(), r.text());
        }
      }
      // The running total after each dive; complete after the third.
      assertThat(phone.locator("tr[data-entry-id='" + wang + "'] td.result")).hasText(new String[] {"75.00", "147.00", "222.60"}[dive],
          TEXT);
      assertThat(phone.locator("tr[data-entry-id='" + wang + "']")).hasAttribute("data-complete", String.valueOf(dive == 2), ATTR);
    }
    // Wang: (8.5+8.0+8.5) x 3.0 + (7.5+7.5+7.5) x 3.2 + (9.0+9.0+9.0) x 2.8 = 75.00 + 72.00 + 75.60 = 222.60.
    Locator wangRow = phone.locator("tr[data-entry-id='" + wang + "']");
    assertThat(wangRow.locator("td.result")).hasText("222.60", TEXT);
    assertThat(wangRow.locator("td.rank")).hasText("1", TEXT);
    // Xie: (7.0+7.0+7.0) x 2.8 + 24.0 x 3.0 + (6.0+6.0+6.0) x 3.2 = 58.80 + 72.00 + 57.60 = 188.40.
    assertThat(phone.locator("tr[data-entry-id='" + xie + "'] td.result")).hasText("188.40", TEXT);
    assertThat(wangRow.locator(".tag.record")).hasText("破赛会纪录（待确认）", TEXT);
    assertThat(phone.locator("tr[data-entry-id='" + xie + "'] .tag.record")).hasCount(0, COUNT);
    assertThat(phone.locator("#format-notes")).containsText("3 次之和", CONTAINS);
    // A tap opens the work: each dive, its code and difficulty, every judge's mark with the dropped ones struck.
    wangRow.click();
    Locator detail = phone.locator("tr.detail-row[data-detail-for='" + wang + "']");
    assertThat(detail.locator("tr[data-attempt]")).hasCount(3, COUNT);
    Locator dive1 = detail.locator("tr[data-attempt='1']");
    assertThat(dive1.locator("th")).containsText("动作 107B · 难度 3.0", CONTAINS);
    assertThat(dive1.locator(".mark")).hasCount(5, COUNT);
    assertThat(dive1.locator("s.mark.dropped")).hasCount(2, COUNT);
    assertThat(dive1.locator("s.mark.dropped").filter(new Locator.FilterOptions().setHasText("9.0"))).hasCount(1, COUNT);
    assertThat(dive1.locator("td.score")).hasText("75.00", TEXT);
    assertThat(detail.locator(".best")).hasText("最好一次: 75.60", TEXT);
    assertEquals(390, ((Number) phone.evaluate("document.documentElement.scrollWidth")).intValue(), "no sideways scroll on the phone");

    // ---- the skills contest: the desk judge enters each part on the tablet; the formula next to the standings ----
    Page skillsTablet = signedIn(800, 1280, skillsJudge);
    skillsTablet.navigate(url("/judge.html?competition=" + skills + "&lang=zh"));
    // The practical task is marked on its two weighted criteria; theory and time are one number each.
    String[][] entered = {{"theory", "86"}, {"practical", "95", "91"}, {"time", "2100"}, {"theory", "80"}, {"practical", "95", "95"},
        {"time", "1740"}};
    for (int i = 0; i < entered.length; i++) {
      long entry = i < 3 ? li : zhang;
      skillsTablet.locator(".entry[data-entry-id='" + entry + "']").click();
      skillsTablet.locator("#part").selectOption(entered[i][0]);
      if (entered[i].length == 3) {
        assertThat(skillsTablet.locator("#mark-field")).isHidden();
        skillsTablet.locator("input.criterion[data-criterion=safety]").fill(entered[i][1]);
        skillsTablet.locator("input.criterion[data-criterion=craft]").fill(entered[i][2]);
      } else {
        assertThat(skillsTablet.locator("#criteria")).isHidden();
        skillsTablet.locator("#mark").fill(entered[i][1]);
      }
      skillsTablet.locator("#submit-score").click();
      assertThat(skillsTablet.locator("#message")).containsText(entered[i].length == 3 ? "craft " + entered[i][2] : entered[i][1],
          CONTAINS);
      Locator row = skillsTablet.locator(".entry[data-entry-id='" + entry + "']");
      assertThat(row.locator(".marks")).hasText("已录 " + (i % 3 + 1) + "/3 项", TEXT);
      assertThat(row).hasAttribute("data-state", i % 3 == 2 ? "scored" : "todo", ATTR);
    }
    assertThat(skillsTablet.locator("#range")).hasText("范围 0 – 7200", TEXT);
    phone.navigate(url("/scoreboard.html?competition=" + skills + "&lang=en"));
    // Li: practical 0.4 x 95 + 0.6 x 91 = 92.6; 0.3 x 86 + 0.7 x 92.6 + 3 (35 minutes) = 93.62.
    // Zhang: practical 0.4 x 95 + 0.6 x 95 = 95; 0.3 x 80 + 0.7 x 95 + 5 (29 minutes) = 95.50.
    assertThat(phone.locator("tr[data-entry-id='" + zhang + "'] td.result")).hasText("95.50", TEXT);
    assertThat(phone.locator("tr[data-entry-id='" + li + "'] td.result")).hasText("93.62", TEXT);
    assertThat(phone.locator("tbody tr").first()).hasAttribute("data-entry-id", String.valueOf(zhang), ATTR);
    assertThat(phone.locator("#format-notes")).hasText("Formula: 0.3 × 理论 + 0.7 × 实操 + 用时加分", TEXT);
    phone.locator("tr[data-entry-id='" + li + "'] .details-toggle").click();
    Locator time = phone.locator("tr.detail-row[data-detail-for='" + li + "'] .part[data-part=time]");
    assertThat(time).containsText("35:00.00", CONTAINS);
    assertThat(time.locator(".part-points")).hasText("= 3.00", TEXT);
    Locator practical = phone.locator("tr.detail-row[data-detail-for='" + li + "'] .part[data-part=practical]");
    assertThat(practical).containsText("safety 95", CONTAINS);
    assertThat(practical).containsText("craft 91", CONTAINS);
    assertThat(practical.locator(".part-points")).hasText("= 92.60", TEXT);

    // ---- in English, the diving board's record flag; after publication it is official ----
    phone.navigate(url("/scoreboard.html?competition=" + diving + "&lang=en"));
    assertThat(phone.locator("tr[data-entry-id='" + wang + "'] .tag.record")).hasText("Meet record (provisional)", TEXT);
    Api.Response published = api.post("/api/v1/competitions/" + diving + "/scoreboard/publish", organiser, "{}", UUID.randomUUID().toString());
    assertEquals(200, published.status(), published.text());
    assertThat(phone.locator("tr[data-entry-id='" + wang + "'] .tag.record")).hasText("Meet record", TEXT);

    // ---- the results book, downloaded from the records page ----
    desk.navigate(url("/records.html?competition=" + diving + "&lang=zh"));
    Download download = desk.waitForDownload(() -> desk.locator("#pdf-competition").click());
    try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(download.path()))) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("王宗源") && text.contains("222.60") && text.contains("赛会纪录 Meet record"), text);
      assertTrue(text.contains("75.00 (107B × 3.0)"), text);
    }
  }
}
