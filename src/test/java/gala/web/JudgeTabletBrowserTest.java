package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The judge's scoring pad on a tablet, held either way, with a real competition's start list (24
 * athletes, longer than the screen). On its side (1024x768) the athlete, the mark box, the keypad
 * and "submit" are all on the first screen: the judge does not scroll before every mark. Upright
 * (768x1024), scrolling down the list keeps the score card below the page's header: its top (the
 * athlete being marked) used to slide under the sticky header.
 */
class JudgeTabletBrowserTest extends BrowserTestBase {
  private static long competition;
  private static JsonObject judge;

  @BeforeAll
  static void start() {
    startAll("全市职工技能大赛");
    competition = api.createJudgedCompetition(organiser, eventId, "演讲比赛《劳动最光荣》", 40, 1);
    long unit = api.createUnit(organiser, eventId, "市交通运输局第三运输公司");
    for (int i = 1; i <= 24; i++) {
      api.registerAthlete(organiser, competition, "选手" + i, unit);
    }
    judge = api.signup("judge-" + UUID.randomUUID() + "@example.cn", "participant");
    api.assignJudge(organiser, competition, Api.userId(judge));
  }

  private BrowserContext tablet(int width, int height) {
    BrowserContext tablet = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)
        .setHasTouch(true).setIsMobile(true));
    tablet.addInitScript("localStorage.setItem('gala.session', " + Json.encode(judge.encode()) + ");");
    return tablet;
  }

  /** Where things are on screen: the header's bottom, the score card, the athlete line, submit, the page's scroll. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> geometry(Page page) {
    return (Map<String, Object>) page.evaluate("""
        () => {
          const box = (id) => document.getElementById(id).getBoundingClientRect();
          return { header: document.querySelector('gala-header').getBoundingClientRect().bottom,
            card: box('score-form').top, submitTop: box('submit-score').top, submitBottom: box('submit-score').bottom,
            screen: innerHeight, scrolled: scrollY,
            line: box('selected-entry').top };
        }""");
  }

  private static double num(Map<String, Object> g, String key) {
    return ((Number) g.get(key)).doubleValue();
  }

  @Test
  void onItsSideTheWholePadIsOnTheFirstScreen() {
    try (BrowserContext tablet = tablet(1024, 768)) {
      Page page = tablet.newPage();
      page.navigate(url("/judge.html?lang=zh&competition=" + competition));
      assertThat(page.locator(".entry[data-entry-id]")).hasCount(24, COUNT);
      page.locator(".entry[data-entry-id]").first().tap();
      assertThat(page.locator("#selected-entry")).containsText("选手1", CONTAINS);
      Map<String, Object> g = geometry(page);
      assertEquals(0.0, num(g, "scrolled"), "the page did not scroll: " + g);
      assertTrue(num(g, "submitBottom") <= num(g, "screen"), "submit is on the first screen: " + g);
      assertTrue(num(g, "card") >= num(g, "header"), "the score card starts below the header: " + g);

      // The keypad is still a finger's size and a mark goes through from this screen.
      double key = ((Number) page.evaluate("document.querySelector('.keypad .key').getBoundingClientRect().height")).doubleValue();
      assertTrue(key >= 44, "keys at least 44 px high: " + key);
      for (String k : List.of("8", ".", "5")) {
        page.locator(".keypad .key", new Page.LocatorOptions().setHasText(k)).first().tap();
      }
      page.locator("#submit-score").tap();
      assertThat(page.locator(".entry[data-entry-id]").first()).hasAttribute("data-state", "scored", ATTR);
      assertThat(page.locator("#pending-sync")).hasText("已全部同步", TEXT);
    }
  }

  /**
   * A weighted panel with a declared difficulty (three boxes: 内容, 技术, 难度系数) on its side: the boxes
   * stand beside the keypad, and "submit" is still on the first screen (it was 150 px below it).
   */
  @Test
  void onItsSideAFormWithCriteriaAndADifficultyStillFitsTheFirstScreen() {
    Api.Response made = api.post("/api/v1/events/" + eventId + "/competitions", organiser, new JsonObject().put("name", "跳水 3米板")
        .put("capacity", 10).put("format", new JsonObject().put("type", "judged").put("judges", 1).put("aggregate", "mean")
            .put("min", 0).put("max", 10).put("decimals", 1).put("attempts", 3).put("combine", "sum").put("difficulty", true)
            .put("criteria", new io.vertx.core.json.JsonArray().add(new JsonObject().put("name", "内容").put("weight", 0.6))
                .add(new JsonObject().put("name", "技术").put("weight", 0.4)))));
    assertEquals(201, made.status(), made.text());
    long diving = made.json().getLong("id");
    api.registerAthlete(organiser, diving, "王芳", null);
    api.assignJudge(organiser, diving, Api.userId(judge));
    try (BrowserContext tablet = tablet(1024, 768)) {
      Page page = tablet.newPage();
      page.navigate(url("/judge.html?lang=zh&competition=" + diving));
      page.locator(".entry[data-entry-id]").first().tap();
      assertThat(page.locator("#criteria input")).hasCount(2, COUNT);
      assertThat(page.locator("#difficulty-field")).isVisible(VISIBLE);
      Map<String, Object> g = geometry(page);
      assertEquals(0.0, num(g, "scrolled"), "the page did not scroll: " + g);
      assertTrue(num(g, "submitBottom") <= num(g, "screen"), "submit is on the first screen: " + g);
      @SuppressWarnings("unchecked")
      Map<String, Object> key = (Map<String, Object>) page.evaluate(
          "(() => { const r = document.querySelector('.keypad .key').getBoundingClientRect(); return { w: r.width, h: r.height }; })()");
      assertTrue(num(key, "w") >= 44 && num(key, "h") >= 44, "keys a finger's size: " + key);
    }
  }

  @Test
  void uprightTheScoreCardStaysBelowTheHeaderWhileTheListScrolls() {
    try (BrowserContext tablet = tablet(768, 1024)) {
      Page page = tablet.newPage();
      page.navigate(url("/judge.html?lang=en&competition=" + competition));
      assertThat(page.locator(".entry[data-entry-id]")).hasCount(24, COUNT);
      // The judge scrolls down to the last athletes of the list and picks one.
      page.locator(".entry[data-entry-id]").last().tap();
      assertThat(page.locator("#selected-entry")).containsText("选手24", CONTAINS);
      Map<String, Object> g = geometry(page);
      assertTrue(num(g, "scrolled") > 200, "the list is longer than the screen and was scrolled: " + g);
      assertTrue(num(g, "card") >= num(g, "header"), "the score card is below the header, not under it: " + g);
      assertTrue(num(g, "line") >= num(g, "header"), "the athlete being marked is in sight, not covered by the header: " + g);
      assertTrue(num(g, "submitBottom") <= num(g, "screen"), "submit is in sight too: " + g);
    }
  }
  /**
   * The head judge's history (and the other times pages print: screens last seen, problems,
   * announcements) is in the page's language, not the browser's: a Chinese page on a tablet set to
   * English said "8:35:43 AM · 录入".
   */
  @Test
  void theHeadJudgesHistoryTellsTheTimeInThePagesLanguage() {
    JsonObject head = api.signup("head-" + UUID.randomUUID() + "@example.cn", "participant");
    Api.Response assigned = api.post("/api/v1/competitions/" + competition + "/judges", organiser,
        new JsonObject().put("userId", Api.userId(head)).put("head", true));
    assertEquals(201, assigned.status(), assigned.text());
    Api.Response mark = api.post("/api/v1/competitions/" + competition + "/scores", Api.token(judge),
        new JsonObject().put("entryId", entry(10)).put("value", 9.1).encode(), UUID.randomUUID().toString());
    assertTrue(mark.status() == 200 || mark.status() == 201, mark.text());
    try (BrowserContext tablet = browser.newContext(new Browser.NewContextOptions().setViewportSize(1024, 768)
        .setHasTouch(true).setLocale("en-US"))) {
      tablet.addInitScript("localStorage.setItem('gala.session', " + Json.encode(head.encode()) + ");");
      Page page = tablet.newPage();
      page.navigate(url("/headjudge.html?lang=zh&competition=" + competition));
      com.microsoft.playwright.Locator entered = page.locator("#audit li", new Page.LocatorOptions().setHasText("选手11"));
      assertThat(entered).containsText("9.1", CONTAINS);
      String line = entered.textContent();
      assertTrue(line.matches("^\\d{1,2}:\\d{2}:\\d{2} · .*") && !line.matches(".*\\b[AP]M\\b.*"),
          "a 24-hour time as Chinese pages write it: " + line);
    }
  }

  /**
   * The head judge's review on an upright tablet (768 px): each athlete a block with the marks at full
   * width, the judge's name and "entered by" each on one line; the four-column table broke 刘裁判 into
   * "刘裁 / 判".
   */
  @Test
  void theReviewOnAnUprightTabletKeepsEachJudgesNameOnOneLine() {
    Api.Response signed = api.post("/api/v1/auth/signup", null, new JsonObject().put("email", "liu-" + UUID.randomUUID() + "@example.cn")
        .put("password", Api.PASSWORD).put("displayName", "刘裁判").put("role", "participant"));
    assertEquals(201, signed.status(), signed.text());
    JsonObject liu = signed.json();
    api.assignJudge(organiser, competition, Api.userId(liu));
    long entry = entry(12);
    Api.Response mark = api.post("/api/v1/competitions/" + competition + "/scores", Api.token(liu),
        new JsonObject().put("entryId", entry).put("value", 8.75).encode(), UUID.randomUUID().toString());
    assertTrue(mark.status() == 200 || mark.status() == 201, mark.text());
    JsonObject head = api.signup("head-" + UUID.randomUUID() + "@example.cn", "participant");
    Api.Response assigned = api.post("/api/v1/competitions/" + competition + "/judges", organiser,
        new JsonObject().put("userId", Api.userId(head)).put("head", true));
    assertEquals(201, assigned.status(), assigned.text());
    try (BrowserContext tablet = tablet(768, 1024)) {
      tablet.addInitScript("localStorage.setItem('gala.session', " + Json.encode(head.encode()) + ");");
      Page page = tablet.newPage();
      page.navigate(url("/headjudge.html?lang=zh&competition=" + competition));
      String mine = "tr[data-entry-id='" + entry + "'] tr[data-score-id]";
      assertThat(page.locator(mine + " td.judge")).hasText("刘裁判", TEXT);
      // The review re-renders as live changes arrive: wait for the laid-out cells rather than read replaced ones.
      String lines = "((sel) => { const td = document.querySelector(sel); if (!td || !td.firstChild) return 0;"
          + " const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length; })";
      waitFor(page, lines + "(\"" + mine + " td.judge\") === 1");
      waitFor(page, lines + "(\"" + mine + " td.entered\") === 1");
    }
  }

  /** The i-th athlete in start order (选手{i+1}); no other test marks 选手11. */
  private static long entry(int i) {
    return api.get("/api/v1/competitions/" + competition + "/entries", organiser).json().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(e -> ("选手" + (i + 1)).equals(e.getString("displayName"))).findFirst().orElseThrow().getLong("id");
  }
}
