package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import gala.platform.EmbeddedDatabase;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Chromium;
import gala.testing.TempDirs;
import gala.testing.TestGala;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database goes away while people look: the scoreboard, the event page and the registration page on a phone say
 * 服务暂时不可用 and the header's live state stops saying 实时; when PostgreSQL is back the pages load
 * by themselves (no reload) and show the board and the event, and the header says 实时 again.
 */
class OutageBrowserTest extends BrowserTestBase {
  /** Asking again backs off to 15 s between tries; a restart takes a few seconds more. */
  private static final double RECOVERY_MS = 45_000;
  private static final LocatorAssertions.HasTextOptions RECOVERED = new LocatorAssertions.HasTextOptions().setTimeout(RECOVERY_MS);
  private static final LocatorAssertions.HasAttributeOptions RECOVERED_ATTR =
      new LocatorAssertions.HasAttributeOptions().setTimeout(RECOVERY_MS);
  private static final LocatorAssertions.IsHiddenOptions RECOVERED_HIDDEN = new LocatorAssertions.IsHiddenOptions().setTimeout(RECOVERY_MS);
  private static Path dir;
  private static EmbeddedDatabase pg;

  @BeforeAll
  static void start() throws Exception {
    Chromium.require();
    dir = TempDirs.create("gala-outage-browser");
    pg = EmbeddedDatabase.start(dir);
    gala = TestGala.start(pg.location("postgres"));
    api = new Api(gala.port());
    playwright = Playwright.create();
    browser = playwright.chromium().launch(Chromium.options());
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    TestGala.stop(gala);
    gala = null;
    if (pg != null) {
      pg.close();
    }
  }

  private static Page phone() {
    BrowserContext c = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780));
    return c.newPage();
  }

  @Test
  void pagesSayTheServiceIsAwayAndLoadByThemselvesWhenItIsBack() throws Exception {
    String organiser = Api.token(api.signup("org-" + UUID.randomUUID() + "@example.cn", "organiser"));
    long event = api.createEvent(organiser, "职工运动会");
    long competition = api.createJudgedCompetition(organiser, event, "跳绳", 20, 1);
    long wang = api.registerAthlete(organiser, competition, "王芳", null);
    var athlete = new gala.registration.Reg(api).signup("athlete-" + UUID.randomUUID() + "@example.cn", "participant", "1995-05-05");
    assertEquals(201, new gala.registration.Reg(api).register(Api.token(athlete), competition, new io.vertx.core.json.JsonObject()).status());
    var judge = api.signup("judge-" + UUID.randomUUID() + "@example.cn", "participant");
    api.assignJudge(organiser, competition, Api.userId(judge));
    assertEquals(201, api.submitScore(Api.token(judge), competition, wang, "8.5", UUID.randomUUID().toString()).status());

    // Before the outage: the event page loads and says nothing is wrong.
    Page before = phone();
    before.navigate(url("/event.html?event=" + event + "&lang=zh"));
    assertThat(before.locator("#competitions li[data-competition-id='" + competition + "']")).containsText("跳绳", CONTAINS);
    assertThat(before.locator("#live-state")).hasAttribute("data-state", "live", ATTR);
    assertThat(before.locator("#message")).isHidden(HIDDEN);
    before.context().close();

    int port = pg.port();
    pg.close(); // a clean stop: PostgreSQL ends every session and refuses new ones
    pg = null;

    Page board = phone();
    board.navigate(url("/scoreboard.html?competition=" + competition + "&lang=zh"));
    assertThat(board.locator("#message")).hasText("服务暂时不可用，请稍后重试。", TEXT);
    assertThat(board.locator("#live-state")).hasAttribute("data-state", "unavailable", ATTR);
    assertThat(board.locator("#live-state .label")).hasText("暂不可用", TEXT);
    Page eventPage = phone();
    eventPage.navigate(url("/event.html?event=" + event + "&lang=zh"));
    assertThat(eventPage.locator("#message")).containsText("服务暂时不可用，请稍后重试。", CONTAINS);
    assertThat(eventPage.locator("#live-state")).hasAttribute("data-state", "unavailable", ATTR);
    Page register = phone();
    register.navigate(url("/register.html?competition=" + competition + "&lang=zh"));
    assertThat(register.locator("#message")).containsText("服务暂时不可用，请稍后重试。", CONTAINS);
    assertThat(register.locator("#live-state")).hasAttribute("data-state", "unavailable", ATTR);

    Page mine = phone();
    mine.context().addInitScript("localStorage.setItem('gala.session', " + io.vertx.core.json.Json.encode(athlete.encode()) + ");");
    mine.navigate(url("/my.html?lang=zh"));
    assertThat(mine.locator("#message")).containsText("服务暂时不可用，请稍后重试。", CONTAINS);
    assertThat(mine.locator("#live-state")).hasAttribute("data-state", "unavailable", ATTR);

    pg = EmbeddedDatabase.start(dir, port, true);

    // Back by themselves: the board's row, the event's title and competitions; no sentence left; live again.
    assertThat(board.locator("tr[data-entry-id='" + wang + "'] td.result")).hasText("8.50", RECOVERED);
    assertThat(board.locator("#message")).isHidden(RECOVERED_HIDDEN);
    assertThat(board.locator("#live-state")).hasAttribute("data-state", "live", RECOVERED_ATTR);
    assertThat(board.locator("#live-state .label")).hasText("实时", TEXT);
    assertThat(eventPage.locator("#ev-title")).hasText("职工运动会", RECOVERED);
    assertThat(eventPage.locator("#competitions li[data-competition-id='" + competition + "']")).containsText("跳绳", CONTAINS);
    assertThat(eventPage.locator("#message")).isHidden(RECOVERED_HIDDEN);
    assertThat(eventPage.locator("#live-state")).hasAttribute("data-state", "live", RECOVERED_ATTR);
    assertThat(register.locator("#comp-name")).hasText("跳绳", RECOVERED);
    assertThat(register.locator("#message")).isHidden(RECOVERED_HIDDEN);
    assertThat(register.locator("#live-state")).hasAttribute("data-state", "live", RECOVERED_ATTR);
    assertThat(mine.locator(".my-entry")).hasAttribute("data-status", "CONFIRMED", RECOVERED_ATTR);
    assertThat(mine.locator("#message")).isHidden(RECOVERED_HIDDEN);
    assertThat(mine.locator("#live-state")).hasAttribute("data-state", "live", RECOVERED_ATTR);
    mine.context().close();
    board.context().close();
    eventPage.context().close();
    register.context().close();
  }
}
