package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13's journey, from an empty Gala, in the browser only, once in each language: an organiser
 * signs up, creates the event, a six-dive final (five judges, the middle three marks times the
 * dive's difficulty from a table) and a skills contest (theory 30% + a practical task marked on two
 * weighted criteria 70% + a time bonus from a table) in the format form, imports the entries, invites
 * the judges by code, loads a meet record and declares the dive sheets; five judges redeem the code on
 * their tablets and mark every dive (the tablet counts each judge's dives); the contest's judge
 * enters it part by part; a spectator's phone shows the running totals, every dive with each judge's
 * mark and the dropped ones struck, the record flag (provisional until the organiser publishes on the
 * head judge's page) and the contest's formula; the results book prints. The refusals along the way
 * read as sentences: a difficulty table line the form cannot read, criteria named twice, a
 * tie-break naming a part that is gone (FORMULA_UNKNOWN_PART), a record that is no number, a dive
 * code outside the table (DIFFICULTY_NOT_IN_TABLE), a mark out of range on the tablet.
 */
class ScoringJourneyBrowserTest extends BrowserTestBase {
  private static final String PASSWORD = "correct horse 9";
  private static final int JUDGES = 5;
  private static final int DIVES = 6;
  private String lang;

  // Dive sheets and each judge's marks, dive by dive. Wang: middle three x DD =
  // 25.0x3.0 + 22.5x3.2 + 27.0x2.8 + 24.0x3.0 + 21.0x3.0 + 25.5x3.4
  // = 75.00 + 72.00 + 75.60 + 72.00 + 63.00 + 86.70 = 444.30.
  private static final String[] WANG_SHEET = {"107B", "5154B", "305C", "205B", "405B", "6245D"};
  private static final String[][] WANG = {{"8.5", "8.0", "8.5", "9.0", "8.0"}, {"7.5", "7.0", "7.5", "8.0", "7.5"},
      {"9.0", "8.5", "9.0", "9.5", "9.0"}, {"8.0", "8.0", "7.5", "8.0", "8.5"}, {"7.0", "7.5", "7.0", "6.5", "7.0"},
      {"8.5", "9.0", "8.5", "8.0", "8.5"}};
  private static final String[] WANG_RUNNING = {"75.00", "147.00", "222.60", "294.60", "357.60", "444.30"};
  // Xie: 21.0x2.8 + 24.0x3.0 + 18.0x3.2 + 22.5x3.0 + 23.5x3.0 + 19.5x3.4
  // = 58.80 + 72.00 + 57.60 + 67.50 + 70.50 + 66.30 = 392.70.
  private static final String[] XIE_SHEET = {"305C", "107B", "5154B", "405B", "205B", "6245D"};
  private static final String[][] XIE = {{"7.0", "7.0", "6.5", "7.0", "7.5"}, {"8.0", "8.0", "8.0", "8.0", "8.0"},
      {"6.0", "6.5", "6.0", "6.0", "5.5"}, {"7.5", "7.5", "7.0", "7.5", "8.0"}, {"8.0", "7.5", "8.0", "8.0", "7.5"},
      {"6.5", "6.5", "7.0", "6.0", "6.5"}};

  @BeforeAll
  static void start() {
    startNode(); // an empty Gala: no demo, no account, no event
  }

  /** The sentence a person reads in the journey's language. */
  private String s(String zh, String en) {
    return "zh".equals(lang) ? zh : en;
  }

  private Page newPage(int width, int height) {
    BrowserContext c = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height).setAcceptDownloads(true));
    return c.newPage();
  }

  private static long competitionId(Page page, String name) {
    Locator item = page.locator("#competition-list li[data-competition-id]").filter(
        new Locator.FilterOptions().setHas(page.locator(".competition-name", new Page.LocatorOptions().setHasText(name))));
    return Long.parseLong(item.getAttribute("data-competition-id"));
  }

  /** An entry's id as the public start list shows it (to find its row; nothing is set up this way). */
  private static long entryId(long competitionId, String name) {
    for (Object o : api.get("/api/v1/competitions/" + competitionId + "/entries", null).json().getJsonArray("items")) {
      JsonObject e = (JsonObject) o;
      if (name.equals(e.getString("displayName")) || name.equals(e.getString("name"))) {
        return e.getLong("id");
      }
    }
    throw new AssertionError("no entry " + name);
  }

  /** A judge redeems the organiser's code on a tablet of their own, signing up there; the tablet opens the desk. */
  private Page tablet(String code, String name, long competitionId) {
    Page tablet = newPage(800, 1280);
    tablet.navigate(url("/judge-join.html?code=" + code + "&lang=" + lang));
    tablet.locator("#su-name").fill(name);
    tablet.locator("#su-email").fill("judge-" + UUID.randomUUID() + "@example.cn");
    tablet.locator("#su-password").fill(PASSWORD);
    tablet.locator("#su-submit").click();
    try {
      // Sign-up (Argon2id) and redemption in one request: on a loaded machine this takes a while.
      tablet.waitForURL("**/judge.html?competition=" + competitionId, new Page.WaitForURLOptions().setTimeout(3 * WAIT_MS));
    } catch (com.microsoft.playwright.TimeoutError e) {
      throw new AssertionError("the judge's tablet stayed on " + tablet.url() + " saying: " + tablet.locator("#message").textContent(), e);
    }
    return tablet;
  }

  /** A new judge code for a competition, made in the console, for {@code uses} judges. */
  private static String judgeCode(Page desk, long competitionId, int uses) {
    desk.locator("#judge-competition").selectOption(String.valueOf(competitionId));
    desk.locator("#code-uses").fill(String.valueOf(uses));
    desk.locator("#code-create").click();
    Locator card = desk.locator(".code-card[data-state=active]");
    assertThat(card).hasCount(1, COUNT);
    return card.locator(".short-code").textContent().trim();
  }

  @ParameterizedTest
  @ValueSource(strings = {"zh", "en"})
  void anOrganiserRunsADivingFinalAndASkillsContestFromAnEmptyGala(String language) throws Exception {
    lang = language;
    emptyGala();
    LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));

    // ---- the organiser signs up from the home page and creates the event ----
    Page desk = newPage(1280, 900);
    desk.navigate(url("/?lang=" + lang));
    assertThat(desk.locator("#no-events")).hasText(s("暂无赛事。", "No events yet."), TEXT);
    desk.locator("gala-header .sign-up").first().click();
    desk.locator("#signup-name").fill("市总工会组委会");
    desk.locator("#signup-email").fill("zuweihui-" + UUID.randomUUID() + "@example.cn");
    desk.locator("#signup-password").fill(PASSWORD);
    desk.locator("input[name=role][value=organiser]").check();
    desk.locator("#signup-submit").click();
    desk.locator("#go-organise").click(new Locator.ClickOptions().setTimeout(WAIT_MS));
    desk.locator("#ev-title").fill("2026年职工技能运动会");
    desk.locator("#ev-starts").fill(today.toString());
    desk.locator("#ev-ends").fill(today.plusDays(1).toString());
    desk.locator("#ev-save").click();
    assertThat(desk.locator("#message")).hasText(s("已创建“2026年职工技能运动会”。", "Created \"2026年职工技能运动会\"."), TEXT);
    desk.locator("#unit-name").fill("市电力公司");
    desk.locator("#unit-save").click();
    assertThat(desk.locator("#unit-list li[data-unit-id]")).hasCount(1, COUNT);

    // ---- a six-dive final: five judges, the middle three marks x the dive's difficulty from a table ----
    desk.locator("#new-competition").click();
    desk.locator("#c-name").fill("男子3米板决赛");
    desk.locator("#fmt-type").selectOption("judged");
    desk.locator("#fmt-judges").fill(String.valueOf(JUDGES));
    desk.locator("#fmt-aggregate").selectOption("trimmed_sum");
    desk.locator("#fmt-trim").fill("1");
    desk.locator("#fmt-attempts").fill(String.valueOf(DIVES));
    desk.locator("#fmt-combine").selectOption("sum");
    desk.locator("#fmt-difficultyKind").selectOption("table");
    desk.locator("#fmt-difficultyTable").fill("107B 3.0\n5154B 3.2\n一个错行");
    desk.locator("#c-save").click();
    assertThat(desk.locator("#message")).hasText(s("难度表中“一个错行”看不懂：每行写“代码 难度”，如 6245D 3.4。",
        "The difficulty table line \"一个错行\" cannot be read: write \"code difficulty\", like 6245D 3.4."), TEXT);
    desk.locator("#fmt-difficultyTable").fill("107B 3.0\n5154B 3.2\n305C 2.8\n205B 3.0\n405B 3.0\n6245D 3.4");
    assertThat(desk.locator("#fmt-example")).containsText(s("× 难度系数 3.0 =", "× difficulty 3.0 ="), CONTAINS);
    assertThat(desk.locator("#fmt-example")).containsText(s("每人 6 次，成绩为各次之和。", "6 attempts each; the result is their sum."),
        CONTAINS);
    desk.locator("#c-save").click();
    assertThat(desk.locator("#message")).hasText(s("已创建“男子3米板决赛”。", "Created \"男子3米板决赛\"."), TEXT);

    // ---- a skills contest: theory 30% + practical 70% (judged on two weighted criteria) + a time bonus ----
    String theory = s("理论", "Theory");
    String practicalLabel = s("实操", "Practical");
    String timeLabel = s("用时加分", "Time bonus");
    String safety = s("安全", "safety");
    String craft = s("工艺", "craft");
    desk.locator("#new-competition").click();
    desk.locator("#c-name").fill("电工技能竞赛");
    desk.locator("#fmt-type").selectOption("combined");
    desk.locator("#fmt-formulaKind").selectOption("weighted");
    Locator parts = desk.locator(".parts-editor .part");
    parts.nth(0).locator(".part-name").fill("theory");
    parts.nth(0).locator(".part-label").fill(theory);
    parts.nth(0).locator(".part-weight").fill("0.3");
    desk.locator(".add-part").click();
    parts.nth(1).locator(".part-name").fill("practical");
    parts.nth(1).locator(".part-label").fill(practicalLabel);
    parts.nth(1).locator(".part-input").selectOption("judged");
    parts.nth(1).locator(".part-judges").fill("1");
    // Criteria are named in the organiser's words, each once: the form says so before anything is sent.
    parts.nth(1).locator(".part-criteria").fill(safety + " 0.4, " + safety + " 0.6");
    assertThat(desk.locator("#fmt-example")).containsText(s(
        "分项“实操”的评分标准看不懂：写成“名称 权重”，用逗号隔开，名称不重复，最多 10 项，如 安全 0.3, 工艺 0.7。",
        "The criteria of \"Practical\" cannot be read: write \"name weight\" separated by commas, each name once, at most 10, "
            + "like Safety 0.3, Craft 0.7."), CONTAINS);
    parts.nth(1).locator(".part-criteria").fill(safety + " 0.4, " + craft + " 0.6");
    parts.nth(1).locator(".part-weight").fill("0.7");
    desk.locator(".add-part").click();
    parts.nth(2).locator(".part-name").fill("time");
    parts.nth(2).locator(".part-label").fill(timeLabel);
    parts.nth(2).locator(".part-input").selectOption("timed");
    parts.nth(2).locator(".part-max").fill("7200");
    parts.nth(2).locator(".part-table").fill("1800=5, 2400=3");
    String formula = "0.3 × " + theory + " + 0.7 × " + practicalLabel + " + " + timeLabel;
    assertThat(desk.locator("#fmt-example")).containsText(s("计分公式：", "Formula: ") + formula, CONTAINS);
    // A tie-break on the time part, then the part renamed: the server names the refusal.
    desk.locator(".tie-break[data-index='0']").selectOption("part:time");
    parts.nth(2).locator(".part-name").fill("speed");
    desk.locator("#c-save").click();
    assertThat(desk.locator("#message")).hasText(s("计分公式或同分比较中用到了本赛制没有的部分。",
        "The formula or a tie-break names a part this format does not have."), TEXT);
    parts.nth(2).locator(".part-name").fill("time");
    desk.locator("#c-save").click();
    assertThat(desk.locator("#message")).hasText(s("已创建“电工技能竞赛”。", "Created \"电工技能竞赛\"."), TEXT);
    long diving = competitionId(desk, "男子3米板决赛");
    long skills = competitionId(desk, "电工技能竞赛");
    String console = desk.url();

    // ---- the entries, from the unit's spreadsheet ----
    desk.locator("[data-link=import]").first().click();
    String csv = s("\uFEFF姓名,性别,出生日期,项目,单位\n", "name,gender,birthDate,competition,unit\n")
        + "王宗源,男,2001-10-01,男子3米板决赛,市电力公司\n谢思埸,男,1996-02-28,男子3米板决赛,市电力公司\n"
        + "李工,男,1985-03-12,电工技能竞赛,市电力公司\n张工,女,1990-07-21,电工技能竞赛,市电力公司\n";
    desk.locator("#file").setInputFiles(new FilePayload("报名表.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
    desk.locator("#import-button").click();
    assertThat(desk.locator("#job-status")).hasAttribute("data-status", "DONE", ATTR);
    long wang = entryId(diving, "王宗源");
    long xie = entryId(diving, "谢思埸");
    long li = entryId(skills, "李工");
    long zhang = entryId(skills, "张工");

    // ---- the meet record, loaded on the records page ----
    desk.navigate(console);
    desk.locator("#competition-list li[data-competition-id='" + diving + "'] [data-link=records]").click();
    assertThat(desk.locator("#rec-competition")).hasText("男子3米板决赛", TEXT);
    assertThat(desk.locator("#no-records")).hasText(s("尚未录入纪录。", "No records loaded yet."), TEXT);
    desk.locator("#r-value").fill(s("很多分", "lots"));
    desk.locator("#r-holder").fill("何冲");
    desk.locator("#r-save").click();
    assertThat(desk.locator("#message")).hasText(s("纪录成绩须为数字（时间可写作 1:02.34），最多 4 位小数。",
        "A record is a number (a time may be typed as 1:02.34) with at most 4 decimals."), TEXT);
    desk.locator("#r-value").fill("400.00");
    desk.locator("#r-setAt").fill("2022");
    desk.locator("#r-save").click();
    assertThat(desk.locator("#message")).containsText(s("已保存纪录 400.00（何冲）", "Record 400.00 (何冲) saved"), CONTAINS);
    assertThat(desk.locator("#record-rows tr")).hasCount(1, COUNT);

    // ---- the dive sheets, declared once (judges never type a difficulty); a code outside the table is refused ----
    desk.locator("#sheets-link").click();
    Locator wangSheet = desk.locator("form.sheet[data-entry-id='" + wang + "']");
    for (int d = 0; d < DIVES; d++) {
      wangSheet.locator("input[data-attempt='" + (d + 1) + "']").fill(d == 1 ? "999Z" : WANG_SHEET[d]);
    }
    wangSheet.locator(".save").click();
    assertThat(desk.locator("#message")).hasText(s("动作代码 999Z 不在本比赛的难度表中。",
        "Code 999Z is not in this competition's difficulty table."), TEXT);
    wangSheet.locator("input[data-attempt='2']").fill(WANG_SHEET[1]);
    wangSheet.locator(".save").click();
    assertThat(desk.locator("#message")).hasText(s("已保存“王宗源 · 市电力公司”的动作申报。", "The sheet of \"王宗源 · 市电力公司\" is saved."),
        TEXT);
    Locator xieSheet = desk.locator("form.sheet[data-entry-id='" + xie + "']");
    for (int d = 0; d < DIVES; d++) {
      xieSheet.locator("input[data-attempt='" + (d + 1) + "']").fill(XIE_SHEET[d]);
    }
    xieSheet.locator(".save").click();
    assertThat(desk.locator("#message")).hasText(s("已保存“谢思埸 · 市电力公司”的动作申报。", "The sheet of \"谢思埸 · 市电力公司\" is saved."),
        TEXT);
    assertThat(wangSheet.locator(".caption").first()).hasText(s("第 1 跳 · 3.0", "Attempt 1 · 3.0"), TEXT);

    // ---- the judges: one code for the five-judge panel, one for the contest; each redeems it on a tablet ----
    desk.navigate(console);
    String panelCode = judgeCode(desk, diving, JUDGES);
    List<Page> panel = new ArrayList<>();
    for (int j = 0; j < JUDGES; j++) {
      panel.add(tablet(panelCode, s("裁判", "Judge ") + (j + 1), diving));
    }
    desk.navigate(console);
    desk.locator("#judge-competition").selectOption(String.valueOf(diving));
    assertThat(desk.locator("#judge-list li[data-user-id]")).hasCount(JUDGES, COUNT);

    // ---- the phone follows the diving board from the start ----
    Page phone = newPage(390, 844);
    phone.navigate(url("/scoreboard.html?competition=" + diving + "&lang=" + lang));
    assertThat(phone.locator("tr[data-entry-id='" + wang + "'] td.result")).hasText(s("已完成 0/6 次", "0 of 6 attempts done"), TEXT);

    // ---- every judge marks every dive on their tablet; a mark out of range is refused there, in words ----
    for (int d = 0; d < DIVES; d++) {
      for (long entry : List.of(wang, xie)) {
        String[] marks = (entry == wang ? WANG : XIE)[d];
        for (int j = 0; j < JUDGES; j++) {
          Page t = panel.get(j);
          t.locator(".entry[data-entry-id='" + entry + "']").click();
          if (d == 0 && j == 0 && entry == wang) {
            t.locator("#mark").fill("85");
            t.locator("#submit-score").click();
            assertThat(t.locator("#message")).hasText(s("85 超出范围 0 – 10，未保存，请重新输入。",
                "85 is outside 0 – 10: not saved, enter it again."), TEXT);
          }
          t.locator("#mark").fill(marks[j]);
          t.locator("#submit-score").click();
        }
      }
      // Each tablet counts its own judge's dives: after the first of six the row still waits for the next.
      for (Page t : panel) {
        Locator row = t.locator(".entry[data-entry-id='" + xie + "']");
        assertThat(row.locator(".marks")).hasText(s("已评 " + (d + 1) + "/6 次", (d + 1) + " of 6 attempts marked"), TEXT);
        assertThat(row).hasAttribute("data-state", d == DIVES - 1 ? "scored" : "todo", ATTR);
      }
      // The phone shows the running total after each dive; complete after the sixth.
      assertThat(phone.locator("tr[data-entry-id='" + wang + "'] td.result")).hasText(WANG_RUNNING[d], TEXT);
      assertThat(phone.locator("tr[data-entry-id='" + wang + "']")).hasAttribute("data-complete", String.valueOf(d == DIVES - 1), ATTR);
    }
    Locator wangRow = phone.locator("tr[data-entry-id='" + wang + "']");
    assertThat(wangRow.locator("td.rank")).hasText("1", TEXT);
    assertThat(phone.locator("tr[data-entry-id='" + xie + "'] td.result")).hasText("392.70", TEXT);
    assertThat(wangRow.locator(".tag.record")).hasText(s("破赛会纪录（待确认）", "Meet record (provisional)"), TEXT);
    assertThat(phone.locator("tr[data-entry-id='" + xie + "'] .tag.record")).hasCount(0, COUNT);
    assertThat(phone.locator("#format-notes")).containsText(s("6 次之和", "sum of 6 attempts"), CONTAINS);
    // A tap opens the work: each dive, its code and difficulty, every judge's mark with the dropped ones struck.
    wangRow.click();
    Locator detail = phone.locator("tr.detail-row[data-detail-for='" + wang + "']");
    assertThat(detail.locator("tr[data-attempt]")).hasCount(DIVES, COUNT);
    Locator dive1 = detail.locator("tr[data-attempt='1']");
    assertThat(dive1.locator("th")).containsText(s("动作 107B · 难度 3.0", "Dive 107B"), CONTAINS);
    assertThat(dive1.locator(".mark")).hasCount(JUDGES, COUNT);
    assertThat(dive1.locator("s.mark.dropped")).hasCount(2, COUNT);
    assertThat(dive1.locator("s.mark.dropped").filter(new Locator.FilterOptions().setHasText("9.0"))).hasCount(1, COUNT);
    assertThat(dive1.locator("td.score")).hasText("75.00", TEXT);
    assertThat(detail.locator(".best")).hasText(s("最好一次: 86.70", "Best: 86.70"), TEXT);
    assertEquals(390, ((Number) phone.evaluate("document.documentElement.scrollWidth")).intValue(), "no sideways scroll on the phone");

    // ---- the contest: its judge enters each part on the tablet (the practical task on its criteria) ----
    desk.navigate(console);
    Page contest = tablet(judgeCode(desk, skills, 1), s("裁判 刘", "Judge Liu"), skills);
    String[][] entered = {{"theory", "86"}, {"practical", "95", "91"}, {"time", "2100"}, {"theory", "80"}, {"practical", "95", "95"},
        {"time", "1740"}};
    for (int i = 0; i < entered.length; i++) {
      long entry = i < 3 ? li : zhang;
      contest.locator(".entry[data-entry-id='" + entry + "']").click();
      contest.locator("#part").selectOption(entered[i][0]);
      if (entered[i].length == 3) {
        assertThat(contest.locator("#mark-field")).isHidden(HIDDEN);
        contest.locator("input.criterion[data-criterion='" + safety + "']").fill(entered[i][1]);
        contest.locator("input.criterion[data-criterion='" + craft + "']").fill(entered[i][2]);
      } else {
        assertThat(contest.locator("#criteria")).isHidden(HIDDEN);
        contest.locator("#mark").fill(entered[i][1]);
      }
      contest.locator("#submit-score").click();
      assertThat(contest.locator("#message")).containsText(entered[i].length == 3 ? craft + " " + entered[i][2] : entered[i][1], CONTAINS);
      Locator row = contest.locator(".entry[data-entry-id='" + entry + "']");
      assertThat(row.locator(".marks")).hasText(s("已录 " + (i % 3 + 1) + "/3 项", (i % 3 + 1) + " of 3 parts entered"), TEXT);
      assertThat(row).hasAttribute("data-state", i % 3 == 2 ? "scored" : "todo", ATTR);
    }
    assertThat(contest.locator("#range")).hasText(s("范围 0 – 7200", "range 0 – 7200"), TEXT);
    phone.navigate(url("/scoreboard.html?competition=" + skills + "&lang=" + lang));
    // Li: practical 0.4 x 95 + 0.6 x 91 = 92.6; 0.3 x 86 + 0.7 x 92.6 + 3 (35 minutes) = 93.62.
    // Zhang: practical 0.4 x 95 + 0.6 x 95 = 95; 0.3 x 80 + 0.7 x 95 + 5 (29 minutes) = 95.50.
    assertThat(phone.locator("tr[data-entry-id='" + zhang + "'] td.result")).hasText("95.50", TEXT);
    assertThat(phone.locator("tr[data-entry-id='" + li + "'] td.result")).hasText("93.62", TEXT);
    assertThat(phone.locator("tbody tr").first()).hasAttribute("data-entry-id", String.valueOf(zhang), ATTR);
    // The formula next to the standings, and how the practical part's points are made from its criteria.
    assertThat(phone.locator("#format-notes")).hasText(s("计分公式：", "Formula: ") + formula + " · " + practicalLabel
        + " = 0.4 × " + safety + " + 0.6 × " + craft, TEXT);
    phone.locator("tr[data-entry-id='" + li + "'] .details-toggle").click();
    Locator liDetail = phone.locator("tr.detail-row[data-detail-for='" + li + "']");
    Locator time = liDetail.locator(".part[data-part=time]");
    assertThat(time).containsText("35:00.00", CONTAINS);
    assertThat(time.locator(".part-points")).hasText("= 3.00", TEXT);
    Locator practical = liDetail.locator(".part[data-part=practical]");
    assertThat(practical).containsText(safety + " 95", CONTAINS);
    assertThat(practical).containsText(craft + " 91", CONTAINS);
    assertThat(practical.locator(".part-points")).hasText("= 92.60", TEXT);

    // ---- the organiser publishes the final on the head judge's page: the record is no longer provisional ----
    phone.navigate(url("/scoreboard.html?competition=" + diving + "&lang=" + lang));
    assertThat(phone.locator("tr[data-entry-id='" + wang + "'] .tag.record")).hasText(s("破赛会纪录（待确认）", "Meet record (provisional)"),
        TEXT);
    desk.navigate(url("/headjudge.html?competition=" + diving + "&lang=" + lang));
    desk.locator("#publish").click();
    desk.locator(".confirm-dialog button.confirm").click();
    assertThat(desk.locator("#hj-status")).hasText(s("正式成绩", "Official"), TEXT);
    assertThat(phone.locator("tr[data-entry-id='" + wang + "'] .tag.record")).hasText(s("破赛会纪录", "Meet record"), TEXT);

    // ---- the results book, downloaded from the records page ----
    desk.navigate(url("/records.html?competition=" + diving + "&lang=" + lang));
    Download download = desk.waitForDownload(() -> desk.locator("#pdf-competition").click());
    try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(download.path()))) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("王宗源") && text.contains("444.30") && text.contains("赛会纪录 Meet record"), text);
      assertTrue(text.contains("75.00 (107B × 3.0)"), text);
    }
  }
}
