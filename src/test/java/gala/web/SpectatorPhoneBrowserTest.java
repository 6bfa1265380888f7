package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spectators' phones. A 390 px phone finds a name on the board and a signed-in participant sees
 * their own row marked, in both languages, with nothing wider than the screen. And a phone on a
 * poor connection (Chromium's emulated slow 3G: 2 s latency, 400 kbit/s):
 * the scoreboard's rows come in the first response, so they are on screen after one round trip,
 * and the live page takes over from them. The time to the first row is measured cold (a new
 * context, nothing cached) and printed with the same page on an unthrottled connection as the
 * same-run baseline; the test asserts what a person sees, not the time.
 */
class SpectatorPhoneBrowserTest extends BrowserTestBase {

  @BeforeAll
  static void start() {
    startAll("慢网测试");
  }

  @Test
  void rowsArriveWithThePageOnSlow3g() {
    long c = api.createJudgedCompetition(organiser, eventId, "跳绳", 40, 1);
    List<Long> entries = new ArrayList<>();
    for (int k = 0; k < 30; k++) {
      entries.add(api.registerAthlete(organiser, c, "选手" + (k + 1), null));
    }
    io.vertx.core.json.JsonObject judge = api.signup("judge-" + UUID.randomUUID() + "@example.com", "participant");
    api.assignJudge(organiser, c, Api.userId(judge));
    assertEquals(201, api.submitScore(Api.token(judge), c, entries.get(3), "9.5", UUID.randomUUID().toString()).status());

    BrowserContext plain = browser.newContext();
    BrowserContext phone = browser.newContext();
    try {
      Load baseline = load(plain, c, false, true);
      Load cold = load(phone, c, true, true);
      Load warm = load(phone, c, true, false);
      // The emulation really delays the page itself (not only what comes after it).
      assertTrue(cold.html() >= 2000, "the HTML waited for the emulated 2 s latency: " + cold);
      System.out.printf("scoreboard on slow 3G (2000 ms latency, 400 kbit/s), ms from navigation:"
          + " cold: HTML %d, rows painted %d, live %d; warm: HTML %d, rows painted %d, live %d;"
          + " same-run unthrottled cold baseline: HTML %d, rows painted %d, live %d%n",
          cold.html(), cold.painted(), cold.live(), warm.html(), warm.painted(), warm.live(),
          baseline.html(), baseline.painted(), baseline.live());
    } finally {
      plain.close();
      phone.close();
    }
  }

  @Test
  void aPhoneFindsANameAndAParticipantSeesTheirOwnRow() {
    long c = api.createJudgedCompetition(organiser, eventId, "踢毽子", 40, 1);
    for (int k = 0; k < 12; k++) {
      api.registerAthlete(organiser, c, "队员" + (k + 1), null);
    }
    String email = "me-" + UUID.randomUUID() + "@example.com";
    io.vertx.core.json.JsonObject me = api.signup(email, "participant");
    Api.Response mine = api.post("/api/v1/competitions/" + c + "/entries", Api.token(me), "{}", UUID.randomUUID().toString());
    assertEquals(201, mine.status(), mine.text());
    long myEntry = mine.json().getLong("id");

    page.setViewportSize(390, 844);
    context.addInitScript("localStorage.setItem('gala.session', " + io.vertx.core.json.Json.encode(me.encode()) + ");");
    for (String lang : List.of("zh", "en")) {
      page.navigate(url("/scoreboard.html?lang=" + lang + "&competition=" + c));
      assertThat(page.locator("tbody tr[data-entry-id]")).hasCount(13, COUNT);
      assertThat(page.locator("tr.mine")).hasAttribute("data-entry-id", String.valueOf(myEntry), ATTR);
      assertThat(page.locator("tr.mine")).hasAttribute("aria-current", "true", ATTR);
      page.locator("#sb-search").fill("队员1");
      assertThat(page.locator("tbody tr[data-entry-id]:visible")).hasCount(4, COUNT); // 1, 10, 11, 12
      page.locator("#sb-search").fill("nobody");
      assertThat(page.locator("#sb-no-match")).containsText("nobody", CONTAINS);
      assertThat(page.locator("tbody tr[data-entry-id]:visible")).hasCount(0, COUNT);
      page.locator("#sb-search").fill("");
      assertTrue((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), "no sideways scroll in " + lang);
    }
  }

  /**
   * Times of one load of the board, in ms from the navigation's start: the HTML in the tab (commit),
   * then as the page's own clock has them: the first paint (nothing paints before the page's stylesheets
   * are in, and the rows are in the HTML: the rows' paint) and the live board (status in). Throttled
   * on the page's own DevTools session before it navigates; `cold` also bypasses the cache.
   */
  private Load load(BrowserContext context, long competition, boolean slow3g, boolean cold) {
    Page p = context.newPage();
    try {
      // The tab first opens a tiny page of the same origin, so the navigation measured stays in the
      // renderer the throttling was set on.
      p.navigate(url("/health"));
      CDPSession cdp = context.newCDPSession(p);
      cdp.send("Network.enable");
      JsonObject cache = new JsonObject();
      cache.addProperty("cacheDisabled", cold);
      cdp.send("Network.setCacheDisabled", cache);
      if (slow3g) {
        JsonObject conditions = new JsonObject();
        conditions.addProperty("offline", false);
        conditions.addProperty("latency", 2000);
        conditions.addProperty("downloadThroughput", 400 * 1000 / 8);
        conditions.addProperty("uploadThroughput", 400 * 1000 / 8);
        cdp.send("Network.emulateNetworkConditions", conditions);
      }
      long t0 = System.nanoTime();
      Response first = p.navigate(url("/scoreboard.html?lang=zh&competition=" + competition),
          new Page.NavigateOptions().setWaitUntil(com.microsoft.playwright.options.WaitUntilState.COMMIT).setTimeout(60_000));
      // The page committed: its response reached the tab. (Navigation Timing's responseStart is taken
      // before DevTools' throttling and says ~80 ms even on "slow 3G", so the wall clock is used here.)
      long html = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(first.text().contains("data-entry-id"), "the rows come in the first response");
      assertThat(p.locator("tbody tr[data-entry-id]")).hasCount(30, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(60_000));
      assertThat(p.locator("tbody tr[data-rank='1'] td.name")).hasText("选手4", TEXT);
      // The live page takes over the same rows (no doubles) and puts words to the waiting ones.
      assertThat(p.locator("#sb-status")).hasText("暂定成绩", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(60_000));
      long live = ((Number) p.evaluate("Math.round(performance.now())")).longValue();
      assertThat(p.locator("tbody tr[data-entry-id]")).hasCount(30, COUNT);
      assertThat(p.locator("tbody tr:not([data-rank]) td.result").first()).hasText("等待评分 0/1", TEXT);
      waitFor(p, "performance.getEntriesByName('first-contentful-paint').length > 0");
      @SuppressWarnings("unchecked")
      java.util.Map<String, Number> t = (java.util.Map<String, Number>) p.evaluate("() => ({"
          + " painted: Math.round(performance.getEntriesByName('first-contentful-paint')[0].startTime) })");
      return new Load(html, t.get("painted").longValue(), live);
    } finally {
      p.close();
    }
  }

  record Load(long html, long painted, long live) {}
}
