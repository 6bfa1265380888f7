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
import org.junit.jupiter.api.Test;

/**
 * Issue 9's journey, from an empty Gala, in the browser only: an organiser signs up (Chinese),
 * creates an event, two units, a judged and a timed competition, imports a spreadsheet, prints the
 * badges (each QR in the PDF decodes to a code the door accepts), checks people in by search and
 * by typed code, and invites a judge by code; the judge redeems it on a tablet (English) and
 * scores; the organiser publishes; a spectator's phone shows the official result in both
 * languages. The refusals along the way are asserted as a person reads them.
 */
class FrontDoorJourneyBrowserTest extends BrowserTestBase {
  private static final String PASSWORD = "correct horse 9";

  @BeforeAll
  static void start() {
    startNode(); // an empty Gala: no demo, no account, no event
  }

  private Page newPage(int width, int height) {
    BrowserContext c = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
        .setViewportSize(width, height).setAcceptDownloads(true));
    return c.newPage();
  }

  @Test
  void anOrganiserRunsAMeetFromAnEmptyGalaToAnOfficialResult() throws Exception {
    String email = "zuweihui-" + UUID.randomUUID() + "@example.cn";
    LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));

    // ---- the organiser signs up from the home page ----
    page.setViewportSize(1280, 900);
    page.navigate(url("/?lang=zh"));
    assertThat(page.locator("#no-events")).hasText("暂无赛事。", TEXT);
    assertThat(page.locator("#go-organise")).hasCount(0);
    page.locator("gala-header .sign-up").first().click();
    page.locator("#signup-name").fill("市总工会组委会");
    page.locator("#signup-email").fill(email);
    page.locator("#signup-password").fill("short");
    page.locator("input[name=role][value=organiser]").check();
    page.locator("#signup-submit").click();
    assertThat(page.locator("#message")).hasText("密码至少 8 个字符。", TEXT);
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
    assertThat(page.locator("#message")).hasText("结束日期不能早于开始日期。", TEXT);
    page.locator("#ev-ends").fill(today.plusDays(1).toString());
    page.locator("#ev-venue").fill("市体育中心");
    page.locator("#ev-save").click();
    assertThat(page.locator("#message")).hasText("已创建“2026年市职工运动会”。", TEXT);
    // Each unit is saved before the next is typed (the form empties itself once a save is in).
    List<String> units = List.of("市邮政局", "市教育局");
    for (int i = 0; i < units.size(); i++) {
      page.locator("#unit-name").fill(units.get(i));
      page.locator("#unit-save").click();
      assertThat(page.locator("#unit-list li[data-unit-id] .unit-name")).hasCount(i + 1, COUNT);
    }
    page.locator("#unit-name").fill("市邮政局");
    page.locator("#unit-save").click();
    assertThat(page.locator("#message")).hasText("本赛事已有同名单位。", TEXT);
    assertThat(page.locator("#unit-list li[data-unit-id]")).hasCount(2, COUNT);

    page.locator("#new-competition").click();
    page.locator("#c-name").fill("演讲比赛");
    page.locator("#c-capacity").fill("20");
    page.locator("#fmt-judges").fill("1");
    page.locator("#fmt-aggregate").selectOption("mean");
    page.locator("#fmt-max").fill("0");
    page.locator("#c-save").click();
    assertThat(page.locator("#message")).hasText("最高分须大于最低分。", TEXT);
    page.locator("#fmt-max").fill("10");
    assertThat(page.locator("#fmt-example")).containsText("最终成绩", CONTAINS);
    page.locator("#c-save").click();
    assertThat(page.locator("#message")).hasText("已创建“演讲比赛”。", TEXT);
    page.locator("#new-competition").click();
    page.locator("#c-name").fill("100米");
    page.locator("#fmt-type").selectOption("timed");
    assertThat(page.locator("#fmt-example")).containsText("越小越好", CONTAINS);
    page.locator("#c-save").click();
    assertThat(page.locator("#competition-list li[data-competition-id]")).hasCount(2, COUNT);
    long speech = competitionId(page, "演讲比赛");
    long sprint = competitionId(page, "100米");
    String console = page.url();

    // ---- import a unit's spreadsheet ----
    page.locator("[data-link=import]").click();
    String csv = "\uFEFF姓名,性别,出生日期,项目,单位\n王芳,女,1990-05-17,演讲比赛,市邮政局\n李强,男,1988-02-03,演讲比赛,市教育局\n"
        + "张伟,男,1992-11-30,演讲比赛,市邮政局\n陈静,女,1995-07-07,100米,市教育局\n赵磊,男,1991-01-09,100米,市邮政局\n";
    page.locator("#file").setInputFiles(new FilePayload("报名表.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
    page.locator("#import-button").click();
    assertThat(page.locator("#job-status")).hasAttribute("data-status", "DONE", ATTR);
    assertThat(page.locator("#progress-text")).hasText("已处理 5/5 行 · 导入 5 · 错误 0", TEXT);

    // ---- badges: one per entry, every QR decodes to a code the door accepts ----
    page.navigate(url("/entries.html?competition=" + speech + "&lang=zh"));
    assertThat(page.locator("#counts")).hasText("已确认 3/20 · 候补 0 · 已签到 0", TEXT);
    Download download = page.waitForDownload(() -> page.locator("#badges-competition").click());
    byte[] pdf = Files.readAllBytes(download.path());
    List<String> codes = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      for (String name : List.of("王芳", "李强", "张伟")) {
        assertTrue(text.contains(name), "the badges name " + name);
      }
      assertTrue(!text.contains("陈静"), "only this competition's entries");
      PDFRenderer renderer = new PDFRenderer(doc);
      for (int p = 0; p < doc.getNumberOfPages(); p++) {
        codes.addAll(qrCodes(renderer.renderImageWithDPI(p, 200, ImageType.GRAY)));
      }
    }
    assertEquals(3, new LinkedHashSet<>(codes).size(), "one QR per entry: " + codes);

    // Check in by search and the row's button.
    page.locator("#filter-q").fill("王芳");
    assertThat(page.locator("#rows tr")).hasCount(1, COUNT);
    page.locator("#rows tr .checkin-row").click();
    assertThat(page.locator("#checkin-message")).hasAttribute("data-kind", "ok", ATTR);
    assertThat(page.locator("#checkin-message")).containsText("王芳 签到成功", CONTAINS);
    page.locator("#filter-q").fill("");
    // Check in by typed codes from the badges (lower case and a dash: the door does not mind).
    for (String code : codes) {
      page.locator("#checkin-code").fill(code.toLowerCase().substring(0, 3) + "-" + code.toLowerCase().substring(3));
      com.microsoft.playwright.Response answer = page.waitForResponse(r -> r.url().endsWith("/api/v1/checkins"),
          () -> page.locator("#checkin-form button").click());
      assertEquals(200, answer.status(), "the door accepts the badge's code " + code);
    }
    assertThat(page.locator("#checkin-message")).not().hasAttribute("data-kind", "error");
    assertThat(page.locator("#counts")).hasText("已确认 3/20 · 候补 0 · 已签到 3", TEXT);
    page.locator("#checkin-code").fill("ZZZZZZ");
    page.locator("#checkin-form button").click();
    assertThat(page.locator("#checkin-message")).hasText("无效的签到码。", TEXT);
    // A badge of this competition scanned at the 100 m door is refused by name.
    page.navigate(url("/entries.html?competition=" + sprint + "&lang=zh"));
    assertThat(page.locator("#counts")).hasText("已确认 2/50 · 候补 0 · 已签到 0", TEXT);
    page.locator("#checkin-code").fill(codes.get(0));
    page.locator("#checkin-form button").click();
    assertThat(page.locator("#checkin-message")).containsText("报名的是“演讲比赛”，不是本项目，未签到", CONTAINS);

    // ---- a judge by code ----
    page.navigate(console);
    page.locator("#judge-competition").selectOption(String.valueOf(speech));
    page.locator("#code-create").click();
    Locator card = page.locator(".code-card[data-state=active]");
    assertThat(card).hasCount(1, COUNT);
    String judgeCode = card.locator(".short-code").textContent().trim();

    Page tablet = newPage(800, 1280);
    tablet.navigate(url("/judge-join.html?code=" + judgeCode + "&lang=en"));
    assertThat(tablet.locator("#invite-line")).hasText("You are invited to judge \"演讲比赛\" at \"2026年市职工运动会\".", TEXT);
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
    second.navigate(url("/judge-join.html?code=" + judgeCode.toLowerCase() + "&lang=en"));
    assertThat(second.locator("#message")).hasText("This judge code has been used up; ask the organisers for a new one.", TEXT);

    // ---- the organiser publishes; a spectator's phone shows the official result ----
    page.navigate(url("/headjudge.html?competition=" + speech + "&lang=zh"));
    page.locator("#publish").click();
    page.locator(".confirm-dialog button.confirm").click();
    assertThat(page.locator("#hj-status")).hasText("正式成绩", TEXT);

    Page phone = newPage(360, 740);
    phone.navigate(url("/scoreboard.html?competition=" + speech + "&lang=zh"));
    assertThat(phone.locator("#sb-status")).hasText("正式成绩", TEXT);
    Locator first = phone.locator("#rows tr").first();
    assertThat(first).containsText("9.40", CONTAINS);
    phone.locator(".lang-toggle").click();
    assertThat(phone.locator("#sb-status")).hasText("Official", TEXT);
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
