package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FilePayload;
import gala.Gala;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.Chromium;
import gala.testing.Dates;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering (self, waitlist, live promotion, QR) and importing a spreadsheet, in headless Chromium. */
class RegistrationBrowserTest {
  private static final double WAIT_MS = 15_000;
  private static final LocatorAssertions.HasAttributeOptions ATTR = new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.HasTextOptions TEXT = new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.ContainsTextOptions CONTAINS = new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.IsVisibleOptions VISIBLE = new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.IsHiddenOptions HIDDEN = new LocatorAssertions.IsHiddenOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.HasCountOptions COUNT = new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS);

  private static Gala gala;
  private static Api api;
  private static Reg reg;
  private static Playwright playwright;
  private static Browser browser;
  private static String organiserEmail;
  private static String organiser;
  private static long eventId;
  private final List<BrowserContext> contexts = new ArrayList<>();
  private final List<String> pageErrors = new ArrayList<>();

  @BeforeAll
  static void start() {
    Chromium.require();
    gala = TestGala.start();
    api = new Api(gala.port());
    reg = new Reg(api);
    organiserEmail = "org-" + UUID.randomUUID() + "@example.com";
    organiser = Api.token(reg.signup(organiserEmail, "organiser", null));
    eventId = api.post("/api/v1/events", organiser, new JsonObject().put("title", "市职工运动会").put("startsOn", Dates.inDays(0))
        .put("endsOn", Dates.inDays(1)))
        .json().getLong("id");
    playwright = Playwright.create();
    browser = playwright.chromium().launch(Chromium.options());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    TestGala.stop(gala);
  }

  @BeforeEach
  void clear() {
    pageErrors.clear();
  }

  @AfterEach
  void closeContexts() {
    contexts.forEach(BrowserContext::close);
    contexts.clear();
    assertEquals(List.of(), pageErrors, "no script errors on the pages");
  }

  private Page newPage() {
    BrowserContext context = browser.newContext();
    contexts.add(context);
    Page page = context.newPage();
    page.onPageError(pageErrors::add);
    return page;
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + gala.port() + path;
  }

  private static void signIn(Page page, String email) {
    page.locator("#email").fill(email);
    page.locator("#password").fill("correct horse 9");
    page.locator("#signin-button").click();
  }

  @Test
  void participantsRegisterTheWaitlistedOneIsPromotedLiveAndGetsAQrCode() {
    long comp = reg.competition(organiser, eventId, new JsonObject().put("name", "乒乓球单打").put("capacity", 1));
    String first = "a-" + UUID.randomUUID() + "@example.com";
    String second = "b-" + UUID.randomUUID() + "@example.com";
    reg.signup(first, "participant", null);
    reg.signup(second, "participant", null);

    Page one = newPage();
    one.navigate(url("/register.html?competition=" + comp + "&lang=zh"));
    assertThat(one.locator("#comp-name")).hasText("乒乓球单打", TEXT);
    signIn(one, first);
    one.locator("#register-button").click();
    assertThat(one.locator("#result")).hasAttribute("data-status", "CONFIRMED", ATTR);
    assertThat(one.locator("#result")).containsText("报名成功", CONTAINS);

    Page two = newPage();
    two.navigate(url("/register.html?competition=" + comp + "&lang=en"));
    signIn(two, second);
    two.locator("#register-button").click();
    assertThat(two.locator("#result")).hasAttribute("data-status", "WAITLISTED", ATTR);
    assertThat(two.locator("#result")).containsText("waitlist at position 1", CONTAINS);
    two.locator("#register-button").click();
    assertThat(two.locator("#message")).containsText("is already registered in this competition.", CONTAINS);

    two.navigate(url("/my.html?lang=en"));
    Locator mine = two.locator(".my-entry");
    assertThat(mine).hasAttribute("data-status", "WAITLISTED", ATTR);
    assertThat(mine.locator(".status")).containsText("Waitlist position 1", CONTAINS);
    assertThat(two.locator("#live-state")).hasAttribute("data-state", "live", ATTR);
    two.evaluate("window.__marker = 1");

    one.navigate(url("/my.html?lang=zh"));
    assertThat(one.locator(".my-entry")).hasAttribute("data-status", "CONFIRMED", ATTR);
    assertThat(one.locator(".my-entry img.qr")).isVisible(VISIBLE);
    // Withdrawing and signing out are two different words on one screen: 退赛, 退出登录.
    assertThat(one.locator(".my-entry button.withdraw")).hasText("退赛", TEXT);
    assertThat(one.locator("#signout")).hasText("退出登录", TEXT);
    one.locator(".my-entry button.withdraw").click();
    assertThat(one.locator(".confirm-dialog")).containsText("乒乓球单打", CONTAINS);
    assertThat(one.locator(".confirm-dialog button.confirm")).hasText("确认退赛", TEXT);
    one.locator(".confirm-dialog button.confirm").click();
    assertThat(one.locator(".my-entry")).hasAttribute("data-status", "WITHDRAWN", ATTR);

    // The promotion reaches the waiting participant's open page without a reload.
    assertThat(mine).hasAttribute("data-status", "CONFIRMED", ATTR);
    assertThat(mine.locator(".promoted")).hasText("Moved up from the waitlist", TEXT);
    assertThat(mine.locator("img.qr")).isVisible(VISIBLE);
    assertThat(mine.locator(".code")).hasText(java.util.regex.Pattern.compile("Check-in code: [2-9A-HJKMNP-TV-Z]{6}"), TEXT);
    assertEquals(1, ((Number) two.evaluate("window.__marker")).intValue(), "the page must not reload");
    Object width = mine.locator("img.qr").evaluate("img => img.naturalWidth");
    assertEquals(320, ((Number) width).intValue(), "the QR PNG loaded");
  }

  @Test
  void anOrganiserImportsASpreadsheetWatchesTheProgressAndSeesTheRowErrors() {
    long comp = reg.competition(organiser, eventId, new JsonObject().put("name", "跳绳").put("capacity", 500));
    api.post("/api/v1/events/" + eventId + "/units", organiser, new JsonObject().put("name", "市邮政局"));
    StringBuilder csv = new StringBuilder("\uFEFF姓名,性别,出生日期,项目,单位\n");
    for (int i = 0; i < 1200; i++) {
      csv.append("选手").append(i).append(",").append(i % 2 == 0 ? "男" : "女").append(",1990-01-01,跳绳,市邮政局\n");
    }
    csv.append("坏日期,女,1990-02-31,跳绳,市邮政局\n"); // line 1202
    csv.append("无项目,女,1990-01-01,拔河,市邮政局\n"); // line 1203

    Page page = newPage();
    page.navigate(url("/import.html?event=" + eventId + "&lang=zh"));
    signIn(page, organiserEmail);
    // The template carries the header and the event's competitions by their exact names.
    com.microsoft.playwright.Download template = page.waitForDownload(() -> page.locator("#template").click());
    String blank;
    try {
      blank = Files.readString(template.path(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertEquals("\uFEFF\"姓名\",\"性别\",\"出生日期\",\"项目\",\"组别\",\"单位\"", blank.substring(0, blank.indexOf("\r\n")));
    assertTrue(blank.contains(",\"跳绳\","), blank);
    page.locator("#import-button").click();
    assertThat(page.locator("#message")).hasText("请先选择要导入的 CSV 文件。", TEXT);
    page.locator("#file").setInputFiles(new FilePayload("报名表.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
    page.locator("#import-button").click();
    Locator progress = page.locator("#progress");
    assertThat(progress).hasAttribute("data-total", "1202", ATTR);
    assertThat(progress).hasAttribute("data-done", "1202", ATTR);
    assertThat(page.locator("#job-status")).hasAttribute("data-status", "DONE", ATTR);
    assertThat(page.locator("#progress-text")).hasText("已处理 1202/1202 行 · 导入 1200 · 错误 2", TEXT);
    // Each refused row in a sentence, with what that line of the file says; no codes, no English on a Chinese page.
    Locator badDate = page.locator("#errors tr[data-line='1202']");
    assertThat(badDate).hasAttribute("data-code", "BAD_DATE", ATTR);
    assertThat(badDate.locator(".sentence")).hasText("出生日期格式不正确，例如 1990-05-17。", TEXT);
    assertThat(badDate.locator(".row-text")).hasText("坏日期 · 女 · 1990-02-31 · 跳绳 · 市邮政局", TEXT);
    assertThat(page.locator("#errors tr[data-line='1203'] .sentence")).hasText("本赛事没有这个项目。", TEXT);
    assertThat(page.locator("#errors tr[data-line='1203'] .row-text")).containsText("拔河", CONTAINS);
    assertThat(page.locator("#errors")).not().containsText("UNKNOWN_COMPETITION");
    assertThat(page.locator("#errors")).not().containsText("competition");
    JsonArray entries = reg.entries(comp, null);
    assertEquals(1200, entries.size());

    page.navigate(url("/entries.html?competition=" + comp + "&lang=zh"));
    assertThat(page.locator("#counts")).hasText("已确认 500/500 · 候补 700 · 已签到 0", TEXT);
    page.locator("#filter-q").fill("选手1199");
    assertThat(page.locator("#rows tr:not([hidden])")).hasCount(1);
    assertThat(page.locator("#rows tr:not([hidden]) td.name")).hasText("选手1199", TEXT);
  }

  @Test
  void anOrganiserChecksInByTypedCodeAndTheCountsUpdateLive() {
    long comp = reg.competition(organiser, eventId, new JsonObject().put("name", "拔河").put("capacity", 5));
    String athleteEmail = "c-" + UUID.randomUUID() + "@example.com";
    String athlete = Api.token(reg.signup(athleteEmail, "participant", null));
    reg.register(athlete, comp, new JsonObject());
    reg.register(organiser, comp, new JsonObject().put("displayName", "另一位"));
    String code = api.get("/api/v1/me/entries", athlete).json().getJsonArray("items").getJsonObject(0).getString("checkinCode");

    Page page = newPage();
    page.setViewportSize(360, 780); // the door, on a phone
    page.navigate(url("/entries.html?competition=" + comp + "&lang=zh"));
    signIn(page, organiserEmail);
    assertThat(page.locator("#counts")).hasText("已确认 2/5 · 候补 0 · 已签到 0", TEXT);
    // The code box is on the first screen, above the filters and the list.
    assertTrue(((Boolean) page.locator("#checkin-code").evaluate(
        "el => el.getBoundingClientRect().bottom + window.scrollY <= window.innerHeight")), "the check-in box on the first screen");
    page.locator("#checkin-code").fill(code);
    page.locator("#checkin-form button").click();
    assertThat(page.locator("#checkin-message")).hasAttribute("data-kind", "ok", ATTR);
    assertThat(page.locator("#counts")).hasText("已确认 2/5 · 候补 0 · 已签到 1", TEXT);
    page.locator("#checkin-code").fill(code);
    page.locator("#checkin-form button").click();
    assertThat(page.locator("#checkin-message")).hasAttribute("data-kind", "warn", ATTR);
    assertThat(page.locator("#checkin-message")).containsText("无需重复", CONTAINS);
    page.locator("#checkin-code").fill("G1-forged");
    page.locator("#checkin-form button").click();
    assertThat(page.locator("#checkin-message")).hasText("无效的签到码。", TEXT);
    page.locator(".lang-toggle").click();
    assertThat(page.locator("#counts")).hasText("Confirmed 2/5 · waitlisted 0 · checked in 1", TEXT);
    page.locator("#filter-status").selectOption("CHECKED_IN");
    assertThat(page.locator("#rows tr:not([hidden])")).hasCount(1);
  }

  @Test
  void theDoorAsksBeforeReorderingOrWithdrawingAndTellsOthersItIsTheOrganisers() {
    long comp = reg.competition(organiser, eventId, new JsonObject().put("name", "象棋").put("capacity", 1));
    for (String name : List.of("甲一", "乙二", "丙三")) {
      reg.register(organiser, comp, new JsonObject().put("displayName", name));
    }
    Page page = newPage();
    page.navigate(url("/entries.html?competition=" + comp + "&lang=en"));
    signIn(page, organiserEmail);
    assertThat(page.locator("#counts")).hasText("Confirmed 1/1 · waitlisted 2 · checked in 0", TEXT);

    // A position outside the waitlist is refused in the page, before anything is sent.
    page.locator("#reorder-entry").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("2. 丙三"));
    page.locator("#reorder-position").fill("5");
    page.locator("#reorder-reason").fill("迟到");
    page.locator("#reorder-form button[type=submit]").click();
    assertThat(page.locator("#message")).hasText("The new position must be a whole number from 1 to 2.", TEXT);
    // Reordering asks first and says what happens; cancelling changes nothing.
    page.locator("#reorder-position").fill("1");
    page.locator("#reorder-form button[type=submit]").click();
    assertThat(page.locator(".confirm-dialog h2")).hasText("Move 丙三 on the waitlist?", TEXT);
    page.locator(".confirm-dialog button.cancel").click();
    assertThat(page.locator(".confirm-dialog")).hasCount(0, COUNT);
    assertThat(page.locator("#rows tr[data-status=WAITLISTED] td.bib").first()).hasText("W1", TEXT);
    assertThat(page.locator("#rows tr[data-status=WAITLISTED] td.name").first()).hasText("乙二", TEXT);
    page.locator("#reorder-form button[type=submit]").click();
    page.locator(".confirm-dialog button.confirm").click();
    assertThat(page.locator("#rows tr[data-status=WAITLISTED] td.name").first()).hasText("丙三", TEXT);
    assertThat(page.locator("#changes li")).containsText("迟到", CONTAINS);

    // Withdrawing the confirmed athlete asks first; the head of the waitlist moves up live.
    Locator first = page.locator("#rows tr[data-status=CONFIRMED]");
    assertThat(first.locator("td.name")).hasText("甲一", TEXT);
    first.locator(".withdraw-row").click();
    assertThat(page.locator(".confirm-dialog h2")).hasText("Withdraw 甲一 from \"象棋\"?", TEXT);
    page.locator(".confirm-dialog button.confirm").click();
    assertThat(page.locator("#message")).hasText("甲一 has been withdrawn.", TEXT);
    assertThat(page.locator("#rows tr[data-status=CONFIRMED] td.name")).hasText("丙三", TEXT);
    assertThat(page.locator("#counts")).hasText("Confirmed 1/1 · waitlisted 1 · checked in 0", TEXT);

    // Somebody else signed in is told whose page this is, and offered what they can use.
    String otherEmail = "p-" + UUID.randomUUID() + "@example.com";
    reg.signup(otherEmail, "participant", null);
    Page other = newPage();
    other.navigate(url("/entries.html?competition=" + comp + "&lang=zh"));
    signIn(other, otherEmail);
    assertThat(other.locator("#gate")).containsText("只有“市职工运动会”的组织者可以查看报名名单、为选手签到。", CONTAINS);
    assertThat(other.locator("#desk")).isHidden(HIDDEN);
  }

  @Test
  void theCameraScanChecksInWithJsQr() throws Exception {
    long comp = reg.competition(organiser, eventId, new JsonObject().put("name", "毽球").put("capacity", 5));
    String athlete = Api.token(reg.signup("cam-" + UUID.randomUUID() + "@example.com", "participant", null));
    long entry = reg.register(athlete, comp, new JsonObject()).json().getLong("id");
    // Chromium's fake camera plays a video file: one frame showing the athlete's QR code as served.
    java.awt.image.BufferedImage qr = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
        reg.bytes("/api/v1/entries/" + entry + "/qr", athlete)));
    Path video = Files.createTempFile("gala-qr", ".y4m");
    Files.write(video, y4m(qr));
    try (Browser camera = playwright.chromium().launch(Chromium.options("--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + video))) {
      BrowserContext context = camera.newContext();
      context.grantPermissions(List.of("camera"));
      Page page = context.newPage();
      page.onPageError(pageErrors::add);
      page.navigate(url("/entries.html?competition=" + comp + "&lang=zh"));
      signIn(page, organiserEmail);
      assertThat(page.locator("#counts")).hasText("已确认 1/5 · 候补 0 · 已签到 0", TEXT);
      page.locator("#camera").click();
      assertThat(page.locator("#checkin-message")).hasAttribute("data-kind", "ok", ATTR);
      assertThat(page.locator("#checkin-message")).containsText("签到成功", CONTAINS);
      assertThat(page.locator("#counts")).hasText("已确认 1/5 · 候补 0 · 已签到 1", TEXT);
      assertEquals("CHECKED_IN", api.get("/api/v1/entries/" + entry, null).json().getString("status"));
      context.close();
    } finally {
      Files.deleteIfExists(video);
    }
  }

  /** A one-frame YUV4MPEG2 (4:2:0) video of a greyscale image. */
  private static byte[] y4m(java.awt.image.BufferedImage image) {
    int w = image.getWidth() & ~1;
    int h = image.getHeight() & ~1;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(("YUV4MPEG2 W" + w + " H" + h + " F10:1 Ip A1:1 C420jpeg\nFRAME\n").getBytes(StandardCharsets.US_ASCII));
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.write(image.getRGB(x, y) & 0xff);
      }
    }
    byte[] chroma = new byte[w * h / 2];
    java.util.Arrays.fill(chroma, (byte) 128);
    out.writeBytes(chroma);
    return out.toByteArray();
  }
}
