package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.Route;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Chromium;
import gala.testing.TestGala;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The judge tablet loses the venue's Wi-Fi for two minutes, in real Chromium: the page and its
 * scripts come from the service worker after a reload with no network, marks wait in the IndexedDB outbox with their
 * Idempotency-Keys, a mark out of the format's range is caught before it is queued, and the access
 * token runs out meanwhile (a 10-second lifetime stands in for a long outage). Back online, the
 * session is refreshed and every valid mark is stored exactly once (read back through the audit),
 * while the one the server refuses (the athlete was withdrawn meanwhile) stays on screen in red
 * with the reason until the judge deals with it.
 *
 * <p>Offline is both {@code context.setOffline} (the page's own requests and navigator.onLine) and a
 * context route that aborts every request, which with Playwright's service-worker network events
 * also covers the worker's fetches (setOffline alone does not reach them in Chromium).
 */
class JudgeOfflineBrowserTest extends BrowserTestBase {
  private static String organiserEmail;

  @BeforeAll
  static void start() {
    Chromium.require();
    gala = TestGala.start("--access-token-seconds=10");
    api = new Api(gala.port());
    playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")));
    browser = playwright.chromium().launch(Chromium.options());
    organiserEmail = "org-" + UUID.randomUUID() + "@example.com";
    api.signup(organiserEmail, "organiser");
    eventId = api.createEvent(organiser(), "Offline Gala");
  }

  /** A fresh organiser token (they live ten seconds here). */
  private static String organiser() {
    return login(organiserEmail);
  }

  private static String login(String email) {
    return Api.token(api.login(email));
  }

  @Test
  void marksEnteredOfflineAcrossAReloadAreStoredOnceAndARefusalStaysInFrontOfTheJudge() {
    JsonObject format = new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 1)
        .put("min", 0).put("max", 10).put("decimals", 1);
    Api.Response created = api.post("/api/v1/events/" + eventId + "/competitions", organiser(),
        new JsonObject().put("name", "Floor").put("capacity", 20).put("format", format));
    assertEquals(201, created.status(), created.text());
    long c = created.json().getLong("id");
    List<Long> athletes = new ArrayList<>();
    for (int k = 0; k < 11; k++) {
      athletes.add(api.registerAthlete(organiser(), c, "Athlete " + (char) ('A' + k), null));
    }
    String judgeEmail = "judge-" + UUID.randomUUID() + "@example.com";
    api.assignJudge(organiser(), c, Api.userId(api.signup(judgeEmail, "participant")));

    page.navigate(url("/judge.html?lang=zh&competition=" + c));
    signIn(page, judgeEmail);
    assertThat(page.locator(".entry")).hasCount(11, COUNT);
    // Start order and bibs from the start list.
    assertThat(entry(athletes.get(0)).locator(".start-no")).hasText("第1位", TEXT);
    assertThat(entry(athletes.get(0)).locator(".bib")).containsText("号", CONTAINS);
    // The service worker controls the page: the tablet says it works without network.
    assertThat(page.locator("#offline-ready")).hasText("✓ 断网也可评分", TEXT);

    List<String> blocked = Collections.synchronizedList(new ArrayList<>());
    Consumer<Route> cut = route -> {
      blocked.add(route.request().url());
      route.abort("internetdisconnected");
    };
    context.setOffline(true);
    context.route("**/*", cut);
    long offlineAt = System.nanoTime();

    Map<Long, String> typed = new HashMap<>();
    for (int k = 0; k < 5; k++) {
      typed.put(athletes.get(k), "8." + k);
      enter(athletes.get(k), "8." + k);
      assertThat(entry(athletes.get(k))).hasAttribute("data-state", "pending", ATTR);
    }
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "5", ATTR);
    assertThat(myMark(athletes.get(4))).hasText("8.4 · 待发送", TEXT);

    // 950 on a 0-10 panel: said at once, never queued, and the athlete is still to score.
    entry(athletes.get(5)).click();
    keys("950");
    page.locator("#submit-score").click();
    assertThat(page.locator("#message")).hasText("950 超出范围 0 – 10，未保存，请重新输入。", TEXT);
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "5", ATTR);
    assertThat(entry(athletes.get(5))).hasAttribute("data-state", "todo", ATTR);
    page.locator("#mark").fill("");

    // A reload with no network, after longer than Chromium lets an idle service worker live (30 s):
    // the page comes from the (restarted) worker, the marks from IndexedDB.
    offlineFor(offlineAt, 45);
    Response reloaded = page.reload();
    assertTrue(reloaded.fromServiceWorker(), "the reloaded page came from the service worker");
    // (The worker's own fetch fails either by the offline emulation, when Chromium restarted the worker
    // after it was set, or by the route above; which one varies, so only the outcome is asserted.)
    assertThat(page.locator(".entry")).hasCount(11, COUNT);
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "5", ATTR);
    assertThat(page.locator("#pending-sync")).containsText("离线", CONTAINS);
    assertThat(myMark(athletes.get(0))).hasText("8.0 · 待发送", TEXT);

    // Meanwhile the desk withdraws athlete H; the tablet cannot know.
    long withdrawn = athletes.get(7);
    assertEquals(200, api.deleteOnce("/api/v1/entries/" + withdrawn, organiser()).status());

    for (int k = 5; k < 10; k++) {
      typed.put(athletes.get(k), "9." + k);
      enter(athletes.get(k), "9." + k);
    }
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "10", ATTR);
    assertThat(page.locator("#pending-sync")).not().containsText("已全部同步");
    // The access token runs out while the tablet is offline (it lives ten seconds here).
    long expiresMs = ((Number) page.evaluate("() => JSON.parse(atob(JSON.parse(localStorage.getItem('gala.session'))"
        + ".accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000")).longValue();
    long nowMs = ((Number) page.evaluate("() => Date.now()")).longValue();
    page.waitForTimeout(Math.max(0, expiresMs - nowMs) + 1000);
    assertTrue((Boolean) page.evaluate("t => Date.now() > t", (double) expiresMs), "the stored access token has expired");
    offlineFor(offlineAt, 120); // two minutes without network in all

    context.unroute("**/*", cut);
    context.setOffline(false);
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "0", ATTR);
    assertThat(page.locator("#pending-sync")).hasAttribute("data-refused", "1", ATTR);
    assertThat(page.locator("#pending-sync")).hasText("1 个分数被拒绝，请修改或放弃", TEXT);
    Locator refused = page.locator("li[data-entry-id='" + withdrawn + "'] li.refused");
    assertThat(refused.locator(".mark-chip")).hasText("9.7 · 被拒绝", TEXT);
    assertThat(refused.locator(".reason")).hasText("该选手不是有效参赛者（已退出或在候补中）。", TEXT);
    assertThat(entry(withdrawn)).hasAttribute("data-state", "refused", ATTR);
    assertThat(myMark(athletes.get(9))).hasText("9.9 · 已保存", TEXT);

    // Fixing it: the athlete is gone, so the judge discards the mark after confirming.
    refused.locator("button.discard").click();
    page.locator(".confirm-dialog button.confirm").click();
    assertThat(page.locator("#pending-sync")).hasText("已全部同步", TEXT);
    assertThat(page.locator("li[data-entry-id='" + withdrawn + "']")).hasCount(0, COUNT);

    // Exactly the nine valid marks, once each, with the values typed.
    JsonArray audit = api.get("/api/v1/competitions/" + c + "/audit", organiser()).json().getJsonArray("items");
    Map<Long, Integer> perEntry = new HashMap<>();
    for (Object o : audit) {
      JsonObject item = (JsonObject) o;
      if ("SCORE".equals(item.getString("kind"))) {
        perEntry.merge(item.getLong("entryId"), 1, Integer::sum);
      }
    }
    typed.remove(withdrawn);
    assertEquals(typed.keySet(), perEntry.keySet(), "stored marks: " + audit.encodePrettily());
    perEntry.forEach((entry, n) -> assertEquals(1, n, "entry " + entry + " stored once"));
    for (Object o : Api.rows(api.scoreboard(c))) {
      JsonObject row = (JsonObject) o;
      if (typed.containsKey(row.getLong("id"))) {
        assertEquals(Double.parseDouble(typed.get(row.getLong("id"))), Double.parseDouble(row.getString("result")), 1e-9, row.encode());
      }
    }
  }

  @Test
  void aMarkRefusedOnlineIsFixedAndResentAndTheJudgeFindsAthletesBySearchAndStartOrder() {
    JsonObject format = new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 1)
        .put("min", 0).put("max", 10).put("decimals", 1);
    Api.Response created = api.post("/api/v1/events/" + eventId + "/competitions", organiser(),
        new JsonObject().put("name", "Beam").put("capacity", 20).put("format", format));
    assertEquals(201, created.status(), created.text());
    long c = created.json().getLong("id");
    long first = api.registerAthlete(organiser(), c, "Lin Xia", null);
    long second = api.registerAthlete(organiser(), c, "Zhou Mei", null);
    long third = api.registerAthlete(organiser(), c, "Wu Lan", null);
    String judgeEmail = "judge-" + UUID.randomUUID() + "@example.com";
    api.assignJudge(organiser(), c, Api.userId(api.signup(judgeEmail, "participant")));

    page.navigate(url("/judge.html?lang=zh&competition=" + c));
    signIn(page, judgeEmail);
    assertThat(page.locator(".entry")).hasCount(3, COUNT);
    // Search by name, then "next athlete" follows the start order.
    page.locator("#search").fill("zhou");
    assertThat(page.locator(".entry")).hasCount(1, COUNT);
    assertThat(page.locator(".entry").first()).hasAttribute("data-entry-id", String.valueOf(second), ATTR);
    page.locator("#search").fill("");
    page.locator("#next-entry").click();
    assertThat(page.locator("#selected-entry")).containsText("Lin Xia", CONTAINS);

    // Meanwhile the desk narrows the range to 0-5; the tablet still knows 0-10, so 8 goes out and is refused.
    JsonObject narrower = format.copy().put("max", 5);
    Api.Response changed = api.patch("/api/v1/competitions/" + c, organiser(), new JsonObject().put("format", narrower));
    assertEquals(200, changed.status(), changed.text());
    keys("8");
    page.locator("#submit-score").click();
    Locator refused = page.locator("li[data-entry-id='" + first + "'] li.refused");
    assertThat(refused.locator(".mark-chip")).hasText("8 · 被拒绝", TEXT);
    assertThat(refused.locator(".reason")).not().hasText("", TEXT);
    assertThat(page.locator("#pending-sync")).hasAttribute("data-refused", "1", ATTR);
    assertThat(page.locator("#pending-sync")).not().containsText("已全部同步");
    // The selection moved on to the next athlete; the refused mark is still in front of the judge.
    assertThat(page.locator("#selected-entry")).containsText("Zhou Mei", CONTAINS);

    refused.locator("button.fix").click();
    assertThat(page.locator("#selected-entry")).containsText("Lin Xia", CONTAINS);
    assertThat(page.locator("#mark")).hasValue("8");
    page.locator("#mark").fill("4.5");
    page.locator("#submit-score").click();
    assertThat(myMark(first)).hasText("4.5 · 已保存", TEXT);
    assertThat(page.locator("li[data-entry-id='" + first + "'] li.refused")).hasCount(0, COUNT);
    assertThat(page.locator("#pending-sync")).hasText("已全部同步", TEXT);
    assertThat(page.locator("#selected-entry")).containsText("Zhou Mei", CONTAINS);

    JsonArray audit = api.get("/api/v1/competitions/" + c + "/audit", organiser()).json().getJsonArray("items");
    long scores = audit.stream().filter(o -> "SCORE".equals(((JsonObject) o).getString("kind"))).count();
    assertEquals(1, scores, audit.encodePrettily());
    assertThat(entry(third)).hasAttribute("data-state", "todo", ATTR); // Wu Lan is still to score

    // The venue's Wi-Fi with no way out: the browser still says it is online, the send fails, and
    // the sync line says the tablet is offline until a retry gets through.
    Consumer<Route> noWayOut = route -> route.abort("internetdisconnected");
    context.route("**/api/v1/**", noWayOut);
    entry(third).click();
    assertThat(page.locator("#selected-entry")).containsText("Wu Lan", CONTAINS);
    keys("3.5"); // within the narrowed 0-5
    page.locator("#submit-score").click();
    assertThat(entry(third)).hasAttribute("data-state", "pending", ATTR);
    assertEquals(true, page.evaluate("() => navigator.onLine"), "the tablet's browser says it is online");
    assertThat(page.locator("#pending-sync")).hasText("待同步：1 · 离线：分数保存在本机，联网后自动发送", TEXT);
    context.unroute("**/api/v1/**", noWayOut);
    assertThat(myMark(third)).hasText("3.5 · 已保存", TEXT);
    assertThat(page.locator("#pending-sync")).hasText("已全部同步", TEXT);
  }

  @Test
  void aProblemSignalledFromTheTabletReachesTheHeadJudgeLive() {
    long c = api.createJudgedCompetition(organiser(), eventId, "Rings", 10, 2);
    long athlete = api.registerAthlete(organiser(), c, "Athlete Z", null);
    String judgeEmail = "judge-" + UUID.randomUUID() + "@example.com";
    api.assignJudge(organiser(), c, Api.userId(api.signup(judgeEmail, "participant")));
    String headEmail = "head-" + UUID.randomUUID() + "@example.com";
    JsonObject head = api.signup(headEmail, "participant");
    assertEquals(201, api.post("/api/v1/competitions/" + c + "/judges", organiser(),
        new JsonObject().put("userId", Api.userId(head)).put("head", true)).status());

    // The head judge's review desk names every judge of the panel still to mark, also one who marked nothing yet.
    Page desk = context.browser().newContext().newPage();
    desk.navigate(url("/headjudge.html?lang=zh&competition=" + c));
    signIn(desk, headEmail);
    assertThat(desk.locator("#hj-status")).hasText("暂定成绩", TEXT);
    assertThat(desk.locator("#problems-panel")).isHidden(HIDDEN);
    Locator waiting = desk.locator("tr[data-entry-id='" + athlete + "'] .waiting-for");
    assertThat(waiting).containsText(judgeEmail.substring(0, judgeEmail.indexOf('@')), CONTAINS);
    assertThat(waiting).containsText(headEmail.substring(0, headEmail.indexOf('@')), CONTAINS);
    assertEquals(201, api.submitScore(login(headEmail), c, athlete, "9", UUID.randomUUID().toString()).status());
    assertThat(waiting).not().containsText(headEmail.substring(0, headEmail.indexOf('@')));
    desk.locator("#order").click();
    assertThat(desk.locator("#order")).hasText("按名次", TEXT);

    page.navigate(url("/judge.html?lang=zh&competition=" + c));
    signIn(page, judgeEmail);
    // The panel's progress in words (it was a bare "1/2").
    assertThat(page.locator("li[data-entry-id='" + athlete + "'] .marks")).hasText("1/2 位裁判已评", TEXT);
    entry(athlete).click();
    page.locator("#signal-problem").click();
    page.locator("#problem-send").click();
    assertThat(page.locator("#problem-dialog")).isVisible(VISIBLE); // nothing said yet: it stays open
    page.locator("#problem-text").fill("Start list shows the wrong apparatus");
    page.locator("#problem-send").click();
    assertThat(page.locator("#my-problems li").first()).hasAttribute("data-state", "saved", ATTR);

    Locator problem = desk.locator("#problems li").first();
    assertThat(problem.locator(".problem-text")).hasText("Start list shows the wrong apparatus", TEXT);
    assertThat(problem).containsText("Athlete Z", CONTAINS);
    problem.locator("button.resolve").click();
    assertThat(desk.locator("#problems-panel")).isHidden(HIDDEN);
    desk.context().close();
  }

  /** Lets the outage last until {@code seconds} after it began: its length is what is tested. */
  private void offlineFor(long since, int seconds) {
    long left = seconds * 1000L - (System.nanoTime() - since) / 1_000_000;
    if (left > 0) {
      page.waitForTimeout(left);
    }
  }

  private Locator entry(long entryId) {
    return page.locator(".entry[data-entry-id='" + entryId + "']");
  }

  private Locator myMark(long entryId) {
    return page.locator("li[data-entry-id='" + entryId + "'] .my-marks .mark-chip").first();
  }

  /** Types on the on-screen keypad. */
  private void keys(String text) {
    for (char ch : text.toCharArray()) {
      page.locator(".keypad .key[data-key='" + ch + "']").click();
    }
  }

  private void enter(long entryId, String value) {
    entry(entryId).click();
    assertThat(page.locator("#selected-entry")).containsText("Athlete", CONTAINS);
    keys(value);
    page.locator("#submit-score").click();
  }
}
