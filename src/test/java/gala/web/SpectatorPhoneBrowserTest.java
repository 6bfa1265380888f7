package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void rowsArriveWithThePageOnSlow3gAndAtOnceWarmMarkedUpdatingUntilLive() {
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
    plain.addInitScript(STATES);
    phone.addInitScript(STATES);
    try {
      Load baseline = load(plain, c, false, true, null);
      // A spectator watches the board a while: meanwhile its service worker (sw.js, scope
      // /scoreboard.html) installs and keeps the board for the next visit.
      Load cold = load(phone, c, true, true, p -> assertTrue((Boolean) p.evaluate("c => new Promise((resolve) => {"
          + " const t0 = Date.now();"
          + " const look = () => caches.open('gala-scoreboard-v1').then((k) => k.match('/scoreboard.html?competition=' + c))"
          + "   .then((r) => r ? resolve(true) : Date.now() - t0 > 60000 ? resolve(false) : setTimeout(look, 100));"
          + " look(); })", String.valueOf(c)), "the service worker kept the board"));
      // The emulation really delays the page itself (not only what comes after it).
      assertTrue(cold.html() >= 2000, "the HTML waited for the emulated 2 s latency: " + cold);
      assertFalse(cold.fromWorker(), "a first visit comes from the network");
      assertEquals(201, api.submitScore(Api.token(judge), c, entries.get(7), "9.8", UUID.randomUUID().toString()).status());

      Load warm = load(phone, c, true, false, null);
      assertTrue(warm.fromWorker(), "a returning phone gets the page from its service worker");
      // No round trip before the rows: they paint before any answer could have crossed the 2 s latency.
      assertTrue(warm.painted() < 2000, "warm rows painted before any network answer: " + warm);
      // The kept copy said so until the socket caught up, and then showed the new mark live.
      assertTrue(warm.keptCopy(), "the page knew it was a kept copy");
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
   * What the board's state line (#sb-state) said, and how many rows were on screen, each time it
   * changed, from the page's first parse on (page clock, ms), in window.__states.
   */
  private static final String STATES = "(() => { const log = window.__states = [];"
      + " new MutationObserver(() => { const s = document.getElementById('sb-state'); if (!s) return;"
      + "   const last = log[log.length - 1];"
      + "   if (last && last.state === s.dataset.state && last.text === s.textContent) return;"
      + "   log.push({ state: s.dataset.state, text: s.textContent, t: Math.round(performance.now()),"
      + "     rows: document.querySelectorAll('#rows tr[data-entry-id]').length }); })"
      + " .observe(document, { subtree: true, childList: true, attributes: true, characterData: true }); })()";

  /**
   * One load of the board, times in ms from the navigation's start: the HTML in the tab (commit),
   * then as the page's own clock has them: the first paint (nothing paints before the page's
   * stylesheets are in, and the rows are in the HTML: the rows' paint) and the state line turning
   * "live". Throttled on the page's own DevTools session before it navigates; `cold` also bypasses
   * the cache. Asserts what a person sees on the way: rows from the first paint on, said to be
   * "updating" (with their time) until the socket has the board, then "live" with the same rows.
   * {@code before} runs on the page before it closes.
   */
  private Load load(BrowserContext context, long competition, boolean slow3g, boolean cold, java.util.function.Consumer<Page> before) {
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
      assertThat(p.locator("#sb-state")).hasAttribute("data-state", "live", new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
      assertThat(p.locator("#sb-state")).hasText("实时成绩", TEXT);
      assertThat(p.locator("#board")).hasAttribute("data-state", "live", ATTR);
      // The live page took over the same rows (no doubles) and puts words to the waiting ones.
      assertThat(p.locator("#sb-status")).hasText("暂定成绩", TEXT);
      assertThat(p.locator("tbody tr[data-entry-id]")).hasCount(30, COUNT);
      assertThat(p.locator("tbody tr[data-rank='1'] td.name")).hasText(cold ? "选手4" : "选手8", TEXT);
      assertThat(p.locator("tbody tr:not([data-rank]) td.result").first()).hasText("等待评分 0/1", TEXT);
      waitFor(p, "performance.getEntriesByName('first-contentful-paint').length > 0");
      @SuppressWarnings("unchecked")
      java.util.Map<String, Object> t = (java.util.Map<String, Object>) p.evaluate("() => ({"
          + " painted: Math.round(performance.getEntriesByName('first-contentful-paint')[0].startTime),"
          + " kept: document.body.dataset.kept === 'true', states: window.__states })");
      @SuppressWarnings("unchecked")
      List<java.util.Map<String, Object>> states = (List<java.util.Map<String, Object>>) t.get("states");
      // From the first record on the rows are there and said to be a copy ("updating"), never "live"
      // before the socket has the board; the last record is "live".
      java.util.Map<String, Object> at = states.get(0);
      assertEquals("updating", at.get("state"), "first state: " + states);
      assertEquals(30, ((Number) states.get(states.size() - 1).get("rows")).intValue(), "rows: " + states);
      assertTrue(!slow3g || states.stream().anyMatch(s -> "updating".equals(s.get("state")) && String.valueOf(s.get("text")).matches(".*\\d{1,2}:\\d{2}.* 的成绩，正在更新…")),
          "the copy says the time of its rows: " + states);
      int live = -1;
      for (int k = 0; k < states.size(); k++) {
        if ("live".equals(states.get(k).get("state"))) {
          live = k;
          break;
        }
      }
      assertTrue(live > 0, "updating before live: " + states);
      assertTrue(states.subList(live, states.size()).stream().allMatch(s -> "live".equals(s.get("state"))), "then live: " + states);
      if (before != null) {
        before.accept(p);
      }
      return new Load(html, ((Number) t.get("painted")).longValue(), ((Number) states.get(live).get("t")).longValue(),
          first.fromServiceWorker(), (Boolean) t.get("kept"));
    } finally {
      p.close();
    }
  }

  record Load(long html, long painted, long live, boolean fromWorker, boolean keptCopy) {}
}
