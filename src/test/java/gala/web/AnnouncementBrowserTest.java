package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import gala.Gala;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Chromium;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Announcements in real Chromium: live and after being offline, urgent banners, unread counts, the display page. */
class AnnouncementBrowserTest extends BrowserTestBase {
  private static final double WAIT_MS = 10_000;
  private static final LocatorAssertions.HasTextOptions TEXT = new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.IsVisibleOptions VISIBLE = new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.IsHiddenOptions HIDDEN = new LocatorAssertions.IsHiddenOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.HasAttributeOptions ATTR = new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS);
  private static final String MARKUP = "<img src=x onerror=\"window.__pwned=1\"><b>not bold</b>";


  @BeforeAll
  static void start() {
    startNode("--autoplay-policy=no-user-gesture-required");
    organiser = Api.token(api.signup("org-" + UUID.randomUUID() + "@example.com", "organiser"));
  }

  private static long broadcast(long event, JsonObject body) {
    Api.Response r = api.post("/api/v1/events/" + event + "/announcements", organiser, body.encode(),
        UUID.randomUUID().toString());
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }

  private static void waitLive(Page page) {
    waitFor(page, "window.galaAnnouncements && window.galaAnnouncements.live.state === 'live'");
  }

  private static Locator tickerItem(Page page, long id) {
    return page.locator(".ann-ticker .ann-item[data-announcement-id='" + id + "']");
  }

  @Test
  void anOfflineScreenShowsTheAnnouncementWhenItReconnects() {
    long event = api.createEvent(organiser, "Offline Gala");
    try (BrowserContext online = browser.newContext(); BrowserContext offline = browser.newContext()) {
      Page a = online.newPage();
      Page b = offline.newPage();
      a.navigate(url("/?event=" + event + "&lang=en"));
      b.navigate(url("/?event=" + event + "&lang=en"));
      waitLive(a);
      waitLive(b);
      offline.setOffline(true);
      waitFor(b, "window.galaAnnouncements.live.state !== 'live'");

      long normal = broadcast(event, new JsonObject().put("text", "Lunch at the north gate " + MARKUP).put("audience", "event"));
      long urgent = broadcast(event, new JsonObject().put("text", "Swimming final moves to 15:30").put("audience", "event")
          .put("priority", "urgent"));

      assertThat(tickerItem(a, normal)).hasText("Lunch at the north gate " + MARKUP, TEXT);
      assertThat(a.locator(".ann-banner .ann-text")).hasText("Swimming final moves to 15:30", TEXT);
      assertThat(a.locator(".ann-banner")).hasAttribute("data-announcement-id", String.valueOf(urgent), ATTR);
      assertEquals("Urgent announcementSwimming final moves to 15:30Got it", a.locator(".ann-banner").textContent());
      // The offline screen has nothing yet (its socket is down while the device is offline).
      b.waitForTimeout(500);
      assertEquals(0, tickerItem(b, normal).count());
      assertTrue(b.locator(".ann-banner").isHidden());

      offline.setOffline(false);
      assertThat(tickerItem(b, normal)).hasText("Lunch at the north gate " + MARKUP, TEXT);
      assertThat(b.locator(".ann-banner .ann-text")).hasText("Swimming final moves to 15:30", TEXT);

      screenshot(a, "gala-announcements.png");
      // On a phone the ticker stays one line, inside the room the page keeps free for it at its bottom.
      b.setViewportSize(360, 740);
      assertEquals(Boolean.TRUE, b.evaluate("() => document.querySelector('.ann-ticker').getBoundingClientRect().height"
          + " <= parseFloat(getComputedStyle(document.body).paddingBottom) + 1"), "the ticker fits the page's bottom padding at 360 px");
      for (Page p : List.of(a, b)) {
        // Text stays text: no element from the announcement exists, no script ran.
        assertEquals(0, p.locator(".ann-ticker img, .ann-ticker b").count());
        assertNull(p.evaluate("window.__pwned"));
        assertEquals(1, tickerItem(p, normal).count(), "shown once");
      }

      // The urgent banner stays until dismissed, also across a reload.
      a.locator(".ann-banner .ann-dismiss").click();
      assertThat(a.locator(".ann-banner")).isHidden(HIDDEN);
      a.reload();
      waitLive(a);
      assertThat(tickerItem(a, normal)).isVisible(VISIBLE);
      assertTrue(a.locator(".ann-banner").isHidden());
      assertThat(b.locator(".ann-banner")).isVisible(VISIBLE);
    }
  }

  @Test
  void signedInUsersSeeAListWithUnreadCountsAndOnlyTheirAudiences() {
    long event = api.createEvent(organiser, "Unread Gala");
    long competition = api.createJudgedCompetition(organiser, event, "Rope", 10, 1);
    JsonObject participant = api.signup("p-" + UUID.randomUUID() + "@example.com", "participant");
    assertEquals(201, api.post("/api/v1/competitions/" + competition + "/entries", Api.token(participant), "{}",
        UUID.randomUUID().toString()).status());
    broadcast(event, new JsonObject().put("text", "Welcome").put("audience", "event"));
    broadcast(event, new JsonObject().put("text", "Entrants: warm-up at 9").put("audience", "participants"));
    broadcast(event, new JsonObject().put("text", "Judges: meet at the desk").put("audience", "judges"));
    try (BrowserContext ctx = browser.newContext()) {
      String session = new JsonObject().put("accessToken", Api.token(participant))
          .put("refreshToken", participant.getString("refreshToken")).put("user", participant.getJsonObject("user")).encode();
      ctx.addInitScript("localStorage.setItem('gala.session', " + JsonObject.of("s", session).getValue("s").toString()
          .transform(AnnouncementBrowserTest::jsString) + ")");
      Page page = ctx.newPage();
      page.navigate(url("/scoreboard.html?competition=" + competition + "&lang=en"));
      Locator count = page.locator(".ann-bell .ann-count");
      assertThat(count).hasText("2", TEXT);
      page.locator(".ann-bell").click();
      Locator items = page.locator(".ann-panel li");
      assertThat(items).hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
      assertThat(items.first().locator(".ann-text")).hasText("Entrants: warm-up at 9", TEXT);
      assertEquals(0, page.locator("text=Judges: meet at the desk").count(), "judges-only never reaches a participant");
      page.locator(".ann-panel button").click();
      assertThat(count).isHidden(HIDDEN);
      broadcast(event, new JsonObject().put("text", "Another one").put("audience", "event"));
      assertThat(count).hasText("1", TEXT);
    }
  }

  @Test
  void theDisplayPagePagesThroughScoreboardsAndSoundsUrgentAnnouncements() {
    long event = api.createEvent(organiser, "Display Gala");
    api.createJudgedCompetition(organiser, event, "First board", 10, 1);
    api.createJudgedCompetition(organiser, event, "Second board", 10, 1);
    try (BrowserContext ctx = browser.newContext()) {
      Page page = ctx.newPage();
      page.navigate(url("/display.html?event=" + event + "&seconds=5&lang=en"));
      waitLive(page);
      assertThat(page.locator("#sb-name")).hasText("First board", TEXT);
      assertThat(page.locator("#sb-name")).hasText("Second board", TEXT);
      long urgent = broadcast(event, new JsonObject().put("text", "Evacuate hall B").put("audience", "event")
          .put("priority", "urgent"));
      assertThat(page.locator(".ann-banner")).hasAttribute("data-announcement-id", String.valueOf(urgent), ATTR);
      assertThat(page.locator("body")).hasAttribute("data-ann-beeps", "1", ATTR);
      screenshot(page, "gala-display.png");
    }
  }

  @Test
  void theOrganiserBroadcastsFromTheAnnouncePageAndSeesHowManyScreensGotIt() {
    JsonObject org = api.signup("org-" + UUID.randomUUID() + "@example.com", "organiser");
    long event = api.createEvent(Api.token(org), "Organiser Gala");
    try (BrowserContext screenCtx = browser.newContext(); BrowserContext orgCtx = browser.newContext()) {
      Page screen = screenCtx.newPage();
      screen.navigate(url("/?event=" + event + "&lang=en"));
      waitLive(screen);
      String session = new JsonObject().put("accessToken", Api.token(org))
          .put("refreshToken", org.getString("refreshToken")).put("user", org.getJsonObject("user")).encode();
      orgCtx.addInitScript("localStorage.setItem('gala.session', " + jsString(session) + ")");
      Page page = orgCtx.newPage();
      page.navigate(url("/announce.html?event=" + event + "&lang=en"));
      Locator form = page.locator("#compose");
      assertThat(form).isVisible(VISIBLE);

      // A clear error for a schedule in the past, and nothing sent.
      form.locator("textarea[name=text]").fill("Too late");
      form.locator("input[name=sendAt]").fill("2020-01-01T10:00");
      form.locator("button[type=submit]").click();
      assertThat(page.locator("#message")).hasText("The send time must be in the future.", TEXT);
      form.locator("input[name=sendAt]").fill("");

      form.locator("textarea[name=text]").fill("Tug-of-war moves indoors");
      form.locator("button[type=submit]").click();
      assertThat(page.locator("#message")).hasText("Sent.", TEXT);
      assertThat(screen.locator(".ann-ticker .ann-item")).hasText("Tug-of-war moves indoors", TEXT);
      Locator row = page.locator("#sent-list li[data-state='sent']");
      assertThat(row.locator(".ann-text")).hasText("Tug-of-war moves indoors", TEXT);
      // The screen and the organiser's own page each received it; counts arrive within a few seconds.
      assertThat(row.locator(".muted")).containsText("Delivered to 2 screens",
          new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT_MS));
      assertEquals(1, page.locator("#sent-list li").count(), "the refused one was not stored");
      screenshot(page, "gala-announce-page.png");
    }
  }

  @Test
  void aJudgeWhoSignsInOnTheJudgePageGetsTheJudgesAnnouncementsOfTheirEvent() {
    long event = api.createEvent(organiser, "Judges Gala");
    long competition = api.createJudgedCompetition(organiser, event, "Diving", 10, 1);
    String email = "judge-" + UUID.randomUUID() + "@example.com";
    JsonObject judge = api.signup(email, "participant");
    api.assignJudge(organiser, competition, Api.userId(judge));
    long forJudges = broadcast(event, new JsonObject().put("text", "Judges: calibration at 8:30").put("audience", "judges"));
    try (BrowserContext ctx = browser.newContext()) {
      Page page = ctx.newPage();
      page.navigate(url("/judge.html?lang=en"));
      waitLive(page);
      page.waitForTimeout(500);
      assertEquals(0, tickerItem(page, forJudges).count(), "not before signing in");
      signIn(page, email);
      assertThat(tickerItem(page, forJudges)).hasText("Judges: calibration at 8:30", TEXT);
      assertThat(page.locator(".ann-bell .ann-count")).hasText("1", TEXT);
    }
  }

  /** Screenshots for a human look, only when -Dgala.screenshots=DIR is given. */

  private static String jsString(String s) {
    return new io.vertx.core.json.JsonArray().add(s).encode().replaceAll("^\\[|\\]$", "");
  }

  @Test
  void aMixersPageShowsItsOwnEventsNoticesNotEveryEvents() {
    long meet = api.createEvent(organiser, "职工运动会");
    long night = api.createEvent(organiser, "青年交友会");
    long mixer = api.post("/api/v1/events/" + night + "/mixers", organiser, new JsonObject().put("title", "桌游夜")
        .put("mode", "tables").put("tableSize", 3).put("rounds", 2).put("roundSeconds", 600)
        .put("minAge", 18).put("maxAge", 40)).json().getLong("id");
    long meetNotice = broadcast(meet, new JsonObject().put("text", "各代表队请到北门检录").put("audience", "event").put("priority", "normal"));
    long nightNotice = broadcast(night, new JsonObject().put("text", "七点开始签到").put("audience", "event").put("priority", "normal"));
    page.setViewportSize(360, 780);
    page.navigate(url("/mixer.html?lang=zh&mixer=" + mixer));
    assertThat(tickerItem(page, nightNotice)).hasText("七点开始签到", TEXT);
    waitLive(page);
    assertEquals("[" + night + "]", page.evaluate("JSON.stringify(window.galaAnnouncements.eventIds)"), "the page follows the mixer's event only");
    assertEquals(0, tickerItem(page, meetNotice).count(), "the sports meet's notice is not the mixer guests'");
  }
  /**
   * A registration page whose competition cannot be loaded yet (the database is away: 503) follows no
   * event's notices meanwhile, not every listed event's; once the competition loads, its own event's only.
   */
  @Test
  void aPageWhoseEventCannotBeLoadedYetFollowsNoOtherEventsNotices() {
    long meet = api.createEvent(organiser, "职工运动会（检录）");
    long festival = api.createEvent(organiser, "职工文化节");
    long speech = api.createJudgedCompetition(organiser, meet, "演讲比赛", 10, 1);
    long ours = broadcast(meet, new JsonObject().put("text", "演讲比赛改到三楼").put("audience", "event").put("priority", "normal"));
    long theirs = broadcast(festival, new JsonObject().put("text", "文化节开幕式推迟").put("audience", "event").put("priority", "normal"));
    boolean[] down = {true};
    page.route("**/api/v1/competitions/" + speech, route -> {
      if (down[0]) {
        route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(503).setContentType("application/json")
            .setHeaders(java.util.Map.of("retry-after", "1"))
            .setBody("{\"code\":\"UNAVAILABLE\",\"message\":\"database unavailable\"}"));
      } else {
        route.resume();
      }
    });
    page.setViewportSize(390, 844);
    page.navigate(url("/register.html?lang=zh&competition=" + speech));
    waitFor(page, "window.galaAnnouncements !== undefined");
    assertEquals("[]", page.evaluate("JSON.stringify(window.galaAnnouncements.eventIds)"),
        "while the competition cannot be loaded the ticker follows no event (it used to follow every listed one)");
    down[0] = false;
    assertThat(tickerItem(page, ours)).hasText("演讲比赛改到三楼", TEXT);
    assertEquals("[" + meet + "]", page.evaluate("JSON.stringify(window.galaAnnouncements.eventIds)"), "then its own event only");
    assertEquals(0, tickerItem(page, theirs).count(), "the other event's notice never shows on this page");
  }
}
