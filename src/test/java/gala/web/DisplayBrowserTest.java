package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The big screen at 1920x1080 in real Chromium: one paging cycle shows every one of 60 entries of a
 * long competition at a size readable from the back of a hall, the other competition as OFFICIAL,
 * the medal table and the "on now" view as pages of their own; an urgent announcement takes the
 * whole screen (with its sound, the display having been started with one click) and leaves by itself.
 */
class DisplayBrowserTest extends BrowserTestBase {

  @BeforeAll
  static void start() {
    startAll("全市职工运动会");
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  @Test
  void everyRowOfEveryBoardWithinOneCycleAndAnUrgentNoticeComesAndGoes() {
    long unitA = api.createUnit(organiser, eventId, "交通局");
    long unitB = api.createUnit(organiser, eventId, "教育局");
    long big = api.createJudgedCompetition(organiser, eventId, "广播体操", 80, 1);
    List<Long> entries = new ArrayList<>();
    for (int k = 0; k < 60; k++) {
      entries.add(api.registerAthlete(organiser, big, "选手" + (k + 1), k % 2 == 0 ? unitA : unitB));
    }
    long small = api.createJudgedCompetition(organiser, eventId, "演讲比赛", 10, 1);
    long a = api.registerAthlete(organiser, small, "王芳", unitA);
    long b = api.registerAthlete(organiser, small, "李娜", unitB);
    JsonObject judge = api.signup("judge-" + UUID.randomUUID() + "@example.com", "participant");
    String judgeToken = Api.token(judge);
    api.assignJudge(organiser, big, Api.userId(judge));
    api.assignJudge(organiser, small, Api.userId(judge));
    assertEquals(201, api.submitScore(judgeToken, small, a, "9.1", key()).status());
    assertEquals(201, api.submitScore(judgeToken, small, b, "8.7", key()).status());
    assertEquals(200, api.post("/api/v1/competitions/" + small + "/scoreboard/publish", organiser, "{}", key()).status());
    for (int k = 0; k < 6; k++) { // the long one is under way: on now
      assertEquals(201, api.submitScore(judgeToken, big, entries.get(k), "7." + k, key()).status());
    }

    page.setViewportSize(1920, 1080);
    page.navigate(url("/display.html?lang=zh&seconds=3&urgent=4&event=" + eventId));
    page.locator("#start-display").click();
    assertThat(page.locator("#start-bar")).isHidden(HIDDEN);

    // One full cycle: from the first page seen until it comes round again.
    assertThat(page.locator("body[data-page]:not([data-page=''])")).hasCount(1, COUNT);
    String first = (String) page.evaluate("document.body.dataset.page");
    Set<String> pagesSeen = new LinkedHashSet<>();
    Set<Long> bigSeen = new HashSet<>();
    String now = first;
    boolean sawOfficial = false;
    boolean sawProvisional = false;
    do {
      // What is on screen right now, read in one go (a page lasts three seconds).
      @SuppressWarnings("unchecked")
      Map<String, Object> seen = (Map<String, Object>) page.evaluate("() => ({"
          + " page: document.body.dataset.page, status: document.querySelector('#sb-status').textContent,"
          + " ids: [...document.querySelectorAll('#board:not([hidden]) #rows tr')].map(tr => Number(tr.dataset.entryId)),"
          + " rowHeight: document.querySelector('#board:not([hidden]) #rows tr')?.getBoundingClientRect().height ?? 0,"
          + " unitShown: !!document.querySelector('#board:not([hidden]) th.unit')?.checkVisibility(),"
          + " fits: document.documentElement.scrollWidth <= innerWidth"
          + "   && (document.querySelector('#board:not([hidden]) #rows')?.getBoundingClientRect().bottom ?? 0) <= innerHeight,"
          + " medal: [...document.querySelectorAll('#medals:not([hidden]) #medal-rows tr')].map(tr => tr.querySelector('.unit').textContent + ':' + tr.querySelector('.gold').textContent),"
          + " onNow: [...document.querySelectorAll('#on-now:not([hidden]) li')].map(li => li.dataset.competitionId + ':' + li.querySelector('.progress').textContent)"
          + "})");
      now = (String) seen.get("page");
      pagesSeen.add(now);
      if (now.startsWith("board:" + big + ":")) {
        sawProvisional |= "暂定成绩".equals(seen.get("status"));
        for (Object id : (List<?>) seen.get("ids")) {
          bigSeen.add(((Number) id).longValue());
        }
        double rowHeight = ((Number) seen.get("rowHeight")).doubleValue();
        assertTrue(rowHeight >= 0.03 * 1080, "a row is at least 3% of the screen height: " + rowHeight);
        assertTrue((Boolean) seen.get("fits"), "the page's rows fit the screen");
        assertTrue((Boolean) seen.get("unitShown"), "the units of the big board are shown");
      } else if (now.startsWith("board:" + small + ":")) {
        sawOfficial |= "正式成绩".equals(seen.get("status"));
      } else if (now.equals("medals")) {
        assertEquals("交通局:1", ((List<?>) seen.get("medal")).get(0));
      } else if (now.equals("now")) {
        assertEquals(List.of(big + ":已完成 6/60"), seen.get("onNow"));
      }
      assertThat(page.locator("body")).not().hasAttribute("data-page", now, ATTR);
      now = (String) page.evaluate("document.body.dataset.page");
    } while (!now.equals(first));
    assertEquals(new HashSet<>(entries), bigSeen, "every entry of the 60 on screen within one cycle; pages " + pagesSeen);
    assertTrue(pagesSeen.contains("medals") && pagesSeen.contains("now"), "medal table and on-now pages: " + pagesSeen);
    assertTrue(pagesSeen.stream().filter(p -> p.startsWith("board:" + big + ":")).count() >= 2, "the long board over several pages");
    assertTrue(sawOfficial && sawProvisional, "PROVISIONAL and OFFICIAL shown");
    screenshot(page, "gala-display.png");

    // A mark that comes in while the screen pages: its row is highlighted when its page comes round.
    long late = entries.get(40);
    assertEquals(201, api.submitScore(judgeToken, big, late, "9.9", key()).status());
    assertThat(page.locator("#rows tr.changed[data-entry-id='" + late + "'] td.result")).hasText("9.90",
        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(60_000));

    // The organiser's laptop (display.html&control) holds, pins, and skips every screen of the event.
    String orgEmail = "org2-" + UUID.randomUUID() + "@example.com";
    JsonObject org2 = api.signup(orgEmail, "organiser");
    assertEquals(201, api.post("/api/v1/events/" + eventId + "/organisers", organiser,
        new JsonObject().put("email", orgEmail)).status());
    com.microsoft.playwright.BrowserContext laptopContext = browser.newContext();
    laptopContext.addInitScript("localStorage.setItem('gala.session', " + io.vertx.core.json.Json.encode(org2.encode()) + ");");
    Page laptop = laptopContext.newPage();
    laptop.navigate(url("/display.html?lang=zh&seconds=3&control&event=" + eventId));
    assertThat(laptop.locator("#control-state")).hasText("所有大屏：轮播中", TEXT);
    assertThat(laptop.locator("body[data-page]:not([data-page=''])")).hasCount(1, COUNT);
    // Hold every screen (the laptop's too), then pin the page the laptop shows on all of them.
    laptop.locator("#control-hold").click();
    assertThat(page.locator("body")).hasAttribute("data-control", "hold", ATTR);
    assertThat(laptop.locator("body")).hasAttribute("data-control", "hold", ATTR);
    String pinned = laptop.locator("body").getAttribute("data-page");
    laptop.locator("#control-pin").click();
    assertThat(laptop.locator("#control-state")).hasText("所有大屏：固定显示一页", TEXT);
    assertThat(page.locator("body")).hasAttribute("data-control", "pin", ATTR);
    assertThat(page.locator("body")).hasAttribute("data-page", pinned, ATTR);
    laptop.locator("#control-skip").click();
    assertThat(page.locator("body")).hasAttribute("data-control", "run", ATTR);
    assertThat(page.locator("body")).not().hasAttribute("data-page", pinned, ATTR);
    laptopContext.close();

    // An urgent announcement: full screen, with its sound, and gone by itself after its time.
    assertEquals(201, api.post("/api/v1/events/" + eventId + "/announcements", organiser,
        new JsonObject().put("text", "请所有运动员到检录处集合").put("audience", "event").put("priority", "urgent").encode(), key()).status());
    assertThat(page.locator("#urgent")).isVisible(VISIBLE);
    assertThat(page.locator("#urgent-text")).hasText("请所有运动员到检录处集合", TEXT);
    assertTrue(page.locator("#urgent").boundingBox().height >= 1080, "the notice takes the whole screen");
    assertThat(page.locator("body[data-ann-beeps]")).hasCount(1, COUNT); // the sound played
    screenshot(page, "gala-display-urgent.png");
    assertThat(page.locator("#urgent")).isHidden(HIDDEN);
    String after = (String) page.evaluate("document.body.dataset.page");
    assertThat(page.locator("body")).not().hasAttribute("data-page", after, ATTR); // paging goes on
  }

  @Test
  void anOrganiserPinsHoldsAndSkipsEachScreenOfTheHallOnItsOwn() {
    String orgEmail = "hall-" + UUID.randomUUID() + "@example.com";
    String org = Api.token(api.signup(orgEmail, "organiser"));
    long ev = api.createEvent(org, "职工趣味运动会");
    long tug = api.createJudgedCompetition(org, ev, "拔河", 10, 1);
    long rope = api.createJudgedCompetition(org, ev, "跳绳", 10, 1);
    api.registerAthlete(org, tug, "第一队", null);
    api.registerAthlete(org, rope, "张敏", null);

    // Two screens of the hall, each its own machine (its own browser storage), named in their address.
    BrowserContext standContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 720));
    BrowserContext deskContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 720));
    Page stand = standContext.newPage();
    Page desk = deskContext.newPage();
    stand.navigate(url("/display.html?lang=zh&seconds=2&name=主席台&event=" + ev));
    desk.navigate(url("/display.html?lang=zh&seconds=2&name=检录处&event=" + ev));
    // Each screen sets its id once it has announced itself; wait for both before reading them.
    assertThat(stand.locator("body[data-screen-id]")).hasCount(1, COUNT);
    assertThat(desk.locator("body[data-screen-id]")).hasCount(1, COUNT);
    String standId = stand.locator("body").getAttribute("data-screen-id");
    String deskId = desk.locator("body").getAttribute("data-screen-id");
    assertTrue(!standId.equals(deskId), "two machines, two screens");

    // The organiser's console, signed in on the page, lists both by name.
    page.navigate(url("/display-console.html?lang=zh&event=" + ev));
    signIn(page, orgEmail);
    Locator standCard = page.locator("li.screen[data-screen-id='" + standId + "']");
    Locator deskCard = page.locator("li.screen[data-screen-id='" + deskId + "']");
    assertThat(standCard.locator(".screen-name")).hasText("主席台", TEXT);
    assertThat(deskCard.locator(".screen-name")).hasText("检录处", TEXT);
    assertThat(standCard.locator(".screen-state")).hasText("跟随所有屏幕（轮播中）", TEXT);
    // The console gives the address to open on a screen, with the name it will list the screen by.
    page.locator("#screen-name").fill("主席台");
    assertThat(page.locator("#display-link")).hasAttribute("href",
        "/display.html?event=" + ev + "&name=" + java.net.URLEncoder.encode("主席台", java.nio.charset.StandardCharsets.UTF_8), ATTR);

    // Pin the tug of war on the main stand only: it stays there; the desk screen goes on paging.
    standCard.locator("select.pin-page").selectOption("board:" + tug);
    standCard.locator("button.pin").click();
    assertThat(standCard.locator(".screen-state")).hasText("固定显示：拔河", TEXT);
    assertThat(stand.locator("body")).hasAttribute("data-page", "board:" + tug + ":0", ATTR);
    assertThat(stand.locator("body")).hasAttribute("data-screen-control", "own", ATTR);
    assertThat(stand.locator("#sb-name")).hasText("拔河", TEXT);
    assertThat(desk.locator("body")).hasAttribute("data-control", "run", ATTR);
    assertThat(desk.locator("body")).hasAttribute("data-screen-control", "all", ATTR);
    String deskPage = desk.locator("body").getAttribute("data-page");
    assertThat(desk.locator("body")).not().hasAttribute("data-page", deskPage, ATTR); // still paging
    assertThat(stand.locator("body")).hasAttribute("data-page", "board:" + tug + ":0", ATTR); // still pinned

    // Hold the desk screen on its page; skip it once: it moves one page on and holds again.
    deskCard.locator("button.hold").click();
    assertThat(desk.locator("body")).hasAttribute("data-control", "hold", ATTR);
    assertThat(deskCard.locator(".screen-state")).hasText("已暂停在当前页", TEXT);
    String held = desk.locator("body").getAttribute("data-page");
    deskCard.locator("button.skip").click();
    assertThat(desk.locator("body")).not().hasAttribute("data-page", held, ATTR);
    String skippedTo = desk.locator("body").getAttribute("data-page");
    assertThat(stand.locator("body")).hasAttribute("data-page", "board:" + tug + ":0", ATTR);
    desk.waitForTimeout(2500); // longer than a page lasts: a held screen stays
    assertEquals(skippedTo, desk.locator("body").getAttribute("data-page"));

    // The main stand follows all screens again; then every screen is pinned to the rope skipping at once.
    standCard.locator("button.follow").click();
    assertThat(stand.locator("body")).hasAttribute("data-screen-control", "all", ATTR);
    page.locator("li.all select.pin-page").selectOption("board:" + rope);
    page.locator("li.all button.pin").click();
    assertThat(stand.locator("body")).hasAttribute("data-page", "board:" + rope + ":0", ATTR);
    assertThat(desk.locator("body")).hasAttribute("data-page", "board:" + rope + ":0", ATTR);
    assertThat(deskCard.locator(".screen-state")).hasText("跟随所有屏幕（固定显示：跳绳）", TEXT);
    assertThat(page.locator("li.screen button.follow")).hasCount(0, COUNT);

    // In English too; and a signed-in stranger's console is refused with a sentence.
    page.locator(".lang-toggle").click();
    assertThat(deskCard.locator(".screen-state")).hasText("follows all screens (pinned: 跳绳)", TEXT);
    BrowserContext strangerContext = browser.newContext();
    JsonObject stranger = api.signup("x-" + UUID.randomUUID() + "@example.com", "participant");
    strangerContext.addInitScript("localStorage.setItem('gala.session', " + io.vertx.core.json.Json.encode(stranger.encode()) + ");");
    Page console = strangerContext.newPage();
    console.navigate(url("/display-console.html?lang=en&event=" + ev));
    console.locator("li.screen[data-screen-id='" + deskId + "'] button.skip").click();
    assertThat(console.locator("#message")).hasText("You are not allowed to do this.", TEXT);
    assertEquals("board:" + rope + ":0", desk.locator("body").getAttribute("data-page"));
    strangerContext.close();
    standContext.close();
    deskContext.close();
  }

  @Test
  void theConsoleFitsAPhoneAndAScreenShowsNoRoundNameForACompetitionOfOneRound() {
    String orgEmail = "phone-" + UUID.randomUUID() + "@example.com";
    JsonObject org = api.signup(orgEmail, "organiser");
    long ev = api.createEvent(Api.token(org), "职工文化艺术节");
    long speech = api.createJudgedCompetition(Api.token(org), ev, "演讲比赛《劳动最光荣》（青年组）决赛", 10, 1);
    api.registerAthlete(Api.token(org), speech, "王芳", null);
    BrowserContext hallContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1920, 1080));
    Page hall = hallContext.newPage();
    hall.navigate(url("/display.html?lang=zh&seconds=2&name=主席台&event=" + ev));
    assertThat(hall.locator("body[data-screen-id]")).hasCount(1, COUNT);
    String hallId = hall.locator("body").getAttribute("data-screen-id");
    // A second screen opened without a name, on a PC set to English.
    BrowserContext lobbyContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 720));
    Page lobby = lobbyContext.newPage();
    lobby.navigate(url("/display.html?lang=en&seconds=2&event=" + ev));
    assertThat(lobby.locator("body[data-screen-id]")).hasCount(1, COUNT);
    String lobbyId = lobby.locator("body").getAttribute("data-screen-id");

    // The organiser's phone: every screen's controls within 360 px, nothing to scroll sideways.
    BrowserContext phoneContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780));
    phoneContext.addInitScript("localStorage.setItem('gala.session', " + io.vertx.core.json.Json.encode(org.encode()) + ");");
    Page phone = phoneContext.newPage();
    phone.navigate(url("/display-console.html?lang=zh&event=" + ev));
    Locator card = phone.locator("li.screen[data-screen-id='" + hallId + "']");
    assertThat(card.locator(".screen-name")).hasText("主席台", TEXT);
    // The unnamed one in the console's language ("屏幕 3F2A", not the English PC's "Screen 3F2A").
    assertThat(phone.locator("li.screen[data-screen-id='" + lobbyId + "'] .screen-name"))
        .hasText("屏幕 " + lobbyId.substring(1, 5).toUpperCase(), TEXT);
    // Its code once (its name is its code), a named screen's beside its name.
    String lobbyHead = phone.locator("li.screen[data-screen-id='" + lobbyId + "'] .screen-head").textContent();
    assertEquals(1, lobbyHead.split(lobbyId.substring(1, 5).toUpperCase(), -1).length - 1, lobbyHead);
    assertThat(card.locator(".screen-code")).hasText("#" + hallId.substring(1, 5).toUpperCase(), TEXT);
    lobbyContext.close();
    assertEquals(360.0, ((Number) phone.evaluate("document.documentElement.scrollWidth")).doubleValue(), "no sideways scroll");
    for (Locator pin : phone.locator("button.pin").all()) {
      assertTrue(pin.boundingBox().x + pin.boundingBox().width <= 360, "Pin within the phone's width");
    }

    // Pinned on the hall's screen: its name, and no "final" (a single round's stored name) beside it.
    card.locator("select.pin-page").selectOption("board:" + speech);
    card.locator("button.pin").click();
    assertThat(hall.locator("body")).hasAttribute("data-page", "board:" + speech + ":0", ATTR);
    assertThat(hall.locator("#sb-name")).hasText("演讲比赛《劳动最光荣》（青年组）决赛", TEXT);
    assertThat(hall.locator("#sb-round")).hasText("", TEXT);
    // Nobody on this board has a unit: the hall sees no empty unit column (the board itself shown).
    assertThat(hall.locator("#board")).isVisible(VISIBLE);
    assertThat(hall.locator("#board th.name")).isVisible(VISIBLE);
    assertThat(hall.locator("#board th.unit")).isHidden(HIDDEN);
    assertThat(hall.locator("#rows tr td.name")).hasText("王芳", TEXT);
    phoneContext.close();
    hallContext.close();
  }

  /**
   * A projector opening on an event of three competitions starts with the first page of all three
   * and counts them: it used to show whichever board answered first as "1 / 1" for a whole period,
   * then jump to the page after that one, skipping the boards before it.
   */
  /**
   * Screens that went quiet (a hall PC that cleared its storage comes back as a new screen) show
   * "从列表移除" on the console; the organiser takes one off and the other stays, live.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"zh", "en"})
  void anOrganiserTakesAQuietScreenOffTheConsole(String lang) {
    JsonObject org = api.signup("quiet-" + UUID.randomUUID() + "@example.com", "organiser");
    long ev = api.createEvent(Api.token(org), "职工运动会");
    for (String[] screen : new String[][] {{"oldhallpc-1", "旧主机"}, {"mainstand-1", "主席台"}}) {
      Api.Response r = api.send("PUT", "/api/v1/events/" + ev + "/screens/" + screen[0], null, "application/json",
          new JsonObject().put("name", screen[1]).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
      assertEquals(200, r.status(), r.text());
    }
    Page console = device(org, 1280, 800);
    // Ten minutes on: neither screen has announced itself since (they do once a minute while open).
    console.clock().install(new com.microsoft.playwright.Clock.InstallOptions().setTime(System.currentTimeMillis() + 10 * 60_000L));
    console.navigate(url("/display-console.html?lang=" + lang + "&event=" + ev));
    Locator old = console.locator("li.screen[data-screen-id='oldhallpc-1']");
    Locator stand = console.locator("li.screen[data-screen-id='mainstand-1']");
    assertThat(old).hasAttribute("data-stale", "true", ATTR);
    assertThat(old.locator("button.forget")).hasText("zh".equals(lang) ? "从列表移除" : "Remove from the list", TEXT);
    screenshot(console, "gala-console-quiet-" + lang + "-1280.png");
    console.setViewportSize(390, 844);
    screenshot(console, "gala-console-quiet-" + lang + "-390.png");
    old.locator("button.forget").click();
    assertThat(old).hasCount(0, COUNT);
    assertThat(stand.locator(".screen-name")).hasText("主席台", TEXT);
    assertThat(console.locator("#message")).isHidden(HIDDEN);
    console.context().close();
  }

  @Test
  void aScreenOpensOnTheFirstPageAndCountsEveryPage() {
    String org = Api.token(api.signup("count-" + UUID.randomUUID() + "@example.com", "organiser"));
    long ev = api.createEvent(org, "职工趣味运动会");
    List<Long> ids = new java.util.ArrayList<>();
    for (String name : List.of("跳绳", "拔河", "踢毽子")) {
      long c = api.createJudgedCompetition(org, ev, name, 10, 1);
      api.registerAthlete(org, c, "王芳", null);
      ids.add(c);
    }
    try (BrowserContext hallContext = browser.newContext(new Browser.NewContextOptions().setViewportSize(1920, 1080))) {
      Page hall = hallContext.newPage();
      hall.navigate(url("/display.html?lang=zh&seconds=120&event=" + ev));
      assertThat(hall.locator("#display-page-of")).hasText("1 / 3", TEXT);
      assertThat(hall.locator("body")).hasAttribute("data-page", "board:" + ids.get(0) + ":0", ATTR);
    }
  }
}
