package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import gala.testing.BrowserTestBase;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9's journey, from an empty Gala, in the browser only, once in each language: an organiser
 * signs up, creates an event, two units, a judged and a timed competition, imports a spreadsheet,
 * prints the badges (each QR in the PDF decodes to a code the door accepts), checks people in by
 * search and by typed code, and invites a judge by code (a revoked code is refused); the judge
 * redeems it on a tablet and scores; the organiser publishes; a spectator's phone shows the
 * official result, in both languages. The refusals along the way are asserted as a person reads them.
 */
class FrontDoorJourneyBrowserTest extends BrowserTestBase {
  private static final String PASSWORD = "correct horse 9";
  private String lang;

  @BeforeAll
  static void start() {
    startNode(); // an empty Gala: no demo, no account, no event
  }

  /** The sentence a person reads in the journey's language. */
  private String s(String zh, String en) {
    return "zh".equals(lang) ? zh : en;
  }

  private String other() {
    return "zh".equals(lang) ? "en" : "zh";
  }

  private Page newPage(int width, int height) {
    BrowserContext c = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
        .setViewportSize(width, height).setAcceptDownloads(true));
    return c.newPage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"zh", "en"})
  void anOrganiserRunsAMeetFromAnEmptyGalaToAnOfficialResult(String language) throws Exception {
    lang = language;
    emptyGala();
    String email = "zuweihui-" + UUID.randomUUID() + "@example.cn";
    LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));

    // ---- the organiser signs up from the home page ----
    page.setViewportSize(1280, 900);
    page.navigate(url("/?lang=" + lang));
    assertThat(page.locator("#no-events")).hasText(s("暂无赛事。", "No events yet."), TEXT);
    assertThat(page.locator("#go-organise")).hasCount(0);
    page.locator("gala-header .sign-up").first().click();
    page.locator("#signup-name").fill("市总工会组委会");
    page.locator("#signup-email").fill(email);
    page.locator("#signup-password").fill("short");
    page.locator("input[name=role][value=organiser]").check();
    page.locator("#signup-submit").click();
    assertThat(page.locator("#message")).hasText(s("密码至少 8 个字符。", "The password needs at least 8 characters."), TEXT);
    page.locator("#signup-password").fill(PASSWORD);
    page.locator("#signup-submit").click();
    // Back home, which now offers organising (and nothing for judges).
    page.locator("#go-organise").click(new Locator.ClickOptions().setTimeout(WAIT_MS));
    assertThat(page.locator("gala-header [data-nav=judge]")).isHidden(HIDDEN);

    // ---- event, units, competitions ----
    page.locator("#ev-title").fill("2026年市职工运动会");
    page.locator("#ev-starts").fill(today.toString());
    page.locator("#ev-ends").fill(today.minusDays(1).toString());
    page.locator("#ev-save").click();
    assertThat(page.locator("#message")).hasText(s("结束日期不能早于开始日期。", "The end date cannot be before the start date."), TEXT);
    page.locator("#ev-ends").fill(today.plusDays(1).toString());
    page.locator("#ev-venue").fill("市体育中心");
    page.locator("#ev-save").click();
    assertThat(page.locator("#message")).hasText(s("已创建“2026年市职工运动会”。", "Created \"2026年市职工运动会\"."), TEXT);
    // Each unit is saved before the next is typed (the form empties itself once a save is in).
    List<String> units = List.of("市邮政局", "市教育局");
    for (int i = 0; i < units.size(); i++) {
      page.locator("#unit-name").fill(units.get(i));
      page.locator("#unit-save").click();
      assertThat(page.locator("#unit-list li[data-unit-id] .unit-name")).hasCount(i + 1, COUNT);
    }
    page.locator("#unit-name").fill("市邮政局");
    page.locator("#unit-save").click();
    assertThat(page.locator("#message")).hasText(s("本赛事已有同名单位。", "This event already has a unit with that name."), TEXT);
    assertThat(page.locator("#unit-list li[data-unit-id]")).hasCount(2, COUNT);

    page.locator("#new-competition").click();
    page.locator("#c-name").fill("演讲比赛");
    page.locator("#c-capacity").fill("20");
    page.locator("#fmt-judges").fill("1");
    page.locator("#fmt-aggregate").selectOption("mean");
    page.locator("#fmt-max").fill("0");
    page.locator("#c-save").click();
    assertThat(page.locator("#message")).hasText(s("最高分须大于最低分。", "The highest mark must be above the lowest."), TEXT);
    page.locator("#fmt-max").fill("10");
    assertThat(page.locator("#fmt-example")).containsText(s("最终成绩", "Result"), CONTAINS);
    page.locator("#c-save").click();
    assertThat(page.locator("#message")).hasText(s("已创建“演讲比赛”。", "Created \"演讲比赛\"."), TEXT);
    page.locator("#new-competition").click();
    page.locator("#c-name").fill("100米");
    page.locator("#fmt-type").selectOption("timed");
    assertThat(page.locator("#fmt-example")).containsText(s("越小越好", "lower is better"), CONTAINS);
    page.locator("#c-save").click();
    assertThat(page.locator("#competition-list li[data-competition-id]")).hasCount(2, COUNT);
    long speech = competitionId(page, "演讲比赛");
    long sprint = competitionId(page, "100米");
    String console = page.url();

    // ---- import a unit's spreadsheet ----
    page.locator("[data-link=import]").click();
    String header = s("\uFEFF姓名,性别,出生日期,项目,单位\n", "name,gender,birthDate,competition,unit\n");
    String csv = header + "王芳,女,1990-05-17,演讲比赛,市邮政局\n李强,男,1988-02-03,演讲比赛,市教育局\n"
        + "张伟,男,1992-11-30,演讲比赛,市邮政局\n陈静,女,1995-07-07,100米,市教育局\n赵磊,男,1991-01-09,100米,市邮政局\n";
    page.locator("#file").setInputFiles(new FilePayload("报名表.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
    page.locator("#import-button").click();
    assertThat(page.locator("#job-status")).hasAttribute("data-status", "DONE", ATTR);
    assertThat(page.locator("#progress-text")).hasText(s("已处理 5/5 行 · 导入 5 · 错误 0", "5/5 rows · imported 5 · errors 0"), TEXT);

    // ---- badges: one per entry, every QR decodes to a code the door accepts ----
    page.navigate(url("/entries.html?competition=" + speech + "&lang=" + lang));
    assertThat(page.locator("#counts")).hasText(s("已确认 3/20 · 候补 0 · 已签到 0", "Confirmed 3/20 · waitlisted 0 · checked in 0"), TEXT);
    Download download = page.waitForDownload(() -> page.locator("#badges-competition").click());
    byte[] pdf = Files.readAllBytes(download.path());
    List<String> codes = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      for (String name : List.of("王芳", "李强", "张伟")) {
        assertTrue(text.contains(name), "the badges name " + name);
      }
      assertTrue(!text.contains("陈静"), "only this competition's entries");
      // The bib's label is in the page's language (a Chinese badge said "No. 1").
      assertTrue(text.contains(s("号码 1", "No. 1")) && !text.contains(s("No.", "号码")), "the bib's label in the page's language: " + text);
      PDFRenderer renderer = new PDFRenderer(doc);
      for (int p = 0; p < doc.getNumberOfPages(); p++) {
        codes.addAll(qrCodes(renderer.renderImageWithDPI(p, 200, ImageType.GRAY)));
      }
    }
    assertEquals(3, new LinkedHashSet<>(codes).size(), "one QR per entry: " + codes);

    // Check in by search and the row's button.
    page.locator("#filter-q").fill("王芳");
    assertThat(page.locator("#rows tr:not([hidden])")).hasCount(1, COUNT);
    page.locator("#rows tr:not([hidden]) .checkin-row").click();
    assertThat(page.locator("#checkin-message")).hasAttribute("data-kind", "ok", ATTR);
    assertThat(page.locator("#checkin-message")).containsText(s("王芳 签到成功", "王芳 checked in"), CONTAINS);
    page.locator("#filter-q").fill("");
    // Check in by typed codes from the badges (lower case and a dash: the door does not mind).
    for (String code : codes) {
      page.locator("#checkin-code").fill(code.toLowerCase().substring(0, 3) + "-" + code.toLowerCase().substring(3));
      com.microsoft.playwright.Response answer = page.waitForResponse(r -> r.url().endsWith("/api/v1/checkins"),
          () -> page.locator("#checkin-form button").click());
      assertEquals(200, answer.status(), "the door accepts the badge's code " + code);
    }
    assertThat(page.locator("#checkin-message")).not().hasAttribute("data-kind", "error");
    assertThat(page.locator("#counts")).hasText(s("已确认 3/20 · 候补 0 · 已签到 3", "Confirmed 3/20 · waitlisted 0 · checked in 3"), TEXT);
    page.locator("#checkin-code").fill("ZZZZZZ");
    page.locator("#checkin-form button").click();
    assertThat(page.locator("#checkin-message")).hasText(s("无效的签到码。", "Not a valid check-in code."), TEXT);
    // A badge of this competition scanned at the 100 m door is refused by name.
    page.navigate(url("/entries.html?competition=" + sprint + "&lang=" + lang));
    assertThat(page.locator("#counts")).hasText(s("已确认 2/50 · 候补 0 · 已签到 0", "Confirmed 2/50 · waitlisted 0 · checked in 0"), TEXT);
    page.locator("#checkin-code").fill(codes.get(0));
    page.locator("#checkin-form button").click();
    assertThat(page.locator("#checkin-message")).containsText(s("报名的是“演讲比赛”，不是本项目，未签到", "is entered in \"演讲比赛\", not this competition: not checked in"), CONTAINS);

    // ---- a judge by code ----
    page.navigate(console);
    page.locator("#judge-competition").selectOption(String.valueOf(speech));
    // A field out of range is refused in the page before sending, and again by the server, in words.
    page.locator("#code-hours").fill("5000");
    page.locator("#code-create").click();
    assertThat(page.locator("#message")).hasText(s("“有效期（小时）”须为 1 至 2160 的整数。", "\"Valid for (hours)\" must be a whole number from 1 to 2160."), TEXT);
    Object refusal = page.evaluate("async (cid) => { const { api } = await import('/js/api.js'); const { errorText } = await import('/js/i18n.js');"
        + " try { await api(`/competitions/${cid}/judge-codes`, { method: 'POST', body: { validHours: 5000 } }); return 'accepted'; }"
        + " catch (e) { return errorText(e); } }", String.valueOf(speech));
    assertEquals(s("有效期（小时）不能大于 2160。", "The hours valid must be at most 2160."), refusal);
    page.locator("#code-hours").fill("48");
    page.locator("#code-create").click();
    Locator card = page.locator(".code-card[data-state=active]");
    assertThat(card).hasCount(1, COUNT);
    String judgeCode = card.locator(".short-code").textContent().trim();

    Page tablet = newPage(800, 1280);
    tablet.navigate(url("/judge-join.html?code=" + judgeCode + "&lang=" + lang));
    assertThat(tablet.locator("#invite-line")).hasText(s("邀请您担任“2026年市职工运动会”的“演讲比赛”裁判。", "You are invited to judge \"演讲比赛\" at \"2026年市职工运动会\"."), TEXT);
    tablet.locator("#su-name").fill("裁判 Liu");
    tablet.locator("#su-email").fill("judge-" + UUID.randomUUID() + "@example.cn");
    tablet.locator("#su-password").fill(PASSWORD);
    tablet.locator("#su-submit").click();
    tablet.waitForURL("**/judge.html?competition=" + speech, new Page.WaitForURLOptions().setTimeout(WAIT_MS));
    Locator entries = tablet.locator(".entry[data-entry-id]");
    assertThat(entries).hasCount(3, COUNT);
    String[] marks = {"9.10", "8.75", "9.40"};
    for (int i = 0; i < 3; i++) {
      Locator entry = entries.nth(i);
      entry.click();
      tablet.locator("#mark").fill(marks[i]);
      tablet.locator("#submit-score").click();
      assertThat(entry).hasAttribute("data-state", "scored", ATTR);
    }
    // The code was for one judge: a second tablet is told so.
    Page second = newPage(800, 1280);
    second.navigate(url("/judge-join.html?code=" + judgeCode.toLowerCase() + "&lang=" + lang));
    assertThat(second.locator("#message")).hasText(s("该裁判邀请码的使用次数已用完，请向组委会索取新的邀请码。", "This judge code has been used up; ask the organisers for a new one."), TEXT);

    // The console lists the new judge; a second code, revoked there, is refused on the tablet.
    page.navigate(console);
    page.locator("#judge-competition").selectOption(String.valueOf(speech));
    assertThat(page.locator("#judge-list li[data-user-id] strong")).hasText("裁判 Liu", TEXT);
    page.locator("#code-create").click();
    Locator fresh = page.locator(".code-card[data-state=active]");
    assertThat(fresh).hasCount(1, COUNT);
    String revoked = fresh.locator(".short-code").textContent().trim();
    fresh.locator(".revoke").click();
    assertThat(page.locator(".confirm-dialog")).containsText(revoked, CONTAINS);
    page.locator(".confirm-dialog button.confirm").click();
    assertThat(page.locator(".code-card[data-state=revoked]")).hasCount(1, COUNT);
    second.navigate(url("/judge-join.html?code=" + revoked + "&lang=" + lang));
    assertThat(second.locator("#message")).hasText(s("该裁判邀请码已被组委会作废。", "The organisers have revoked this judge code."), TEXT);

    // ---- the organiser publishes; a spectator's phone shows the official result ----
    page.navigate(url("/headjudge.html?competition=" + speech + "&lang=" + lang));
    page.locator("#publish").click();
    page.locator(".confirm-dialog button.confirm").click();
    assertThat(page.locator("#hj-status")).hasText(s("正式成绩", "Official"), TEXT);
    // Published results change only in the open: a correction with a reason, marked on the public board.
    page.locator("tr[data-score-id] .correct").first().click();
    page.locator("form.fix .new-value").fill("9.95");
    page.locator("form.fix .reason").fill(s("录入错误", "typed wrongly"));
    page.locator("form.fix .save").click();
    assertThat(page.locator("#message")).hasText(s("已保存", "Saved"), TEXT);

    Page phone = newPage(360, 740);
    phone.navigate(url("/scoreboard.html?competition=" + speech + "&lang=" + lang));
    assertThat(phone.locator("#sb-status")).hasText(s("正式成绩", "Official"), TEXT);
    Locator first = phone.locator("#rows tr").first();
    assertThat(first).containsText("9.95", CONTAINS);
    assertThat(first.locator(".tag.corrected")).hasText(s("公布后更正", "corrected after publication"), TEXT);
    phone.locator(".lang-toggle").click();
    assertThat(phone.locator("#sb-status")).hasText("zh".equals(other()) ? "正式成绩" : "Official", TEXT);
    assertEquals(360, ((Number) phone.evaluate("document.documentElement.scrollWidth")).intValue(), "no sideways scroll on the phone");
  }

  private static long competitionId(Page page, String name) {
    Locator item = page.locator("#competition-list li[data-competition-id]").filter(
        new Locator.FilterOptions().setHas(page.locator(".competition-name", new Page.LocatorOptions().setHasText(name))));
    return Long.parseLong(item.getAttribute("data-competition-id"));
  }

  /** Every QR code on a rendered page, as ZXing reads it. */
  private static List<String> qrCodes(BufferedImage image) {
    try {
      Result[] results = new QRCodeMultiReader().decodeMultiple(
          new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))), Map.of(DecodeHintType.TRY_HARDER, true));
      List<String> out = new ArrayList<>();
      for (Result r : results) {
        out.add(r.getText());
      }
      return out;
    } catch (NotFoundException e) {
      return List.of();
    }
  }
}
