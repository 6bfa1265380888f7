package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Chromium;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The draw page in headless Chromium: an organiser draws a knockout from the page with their own
 * seed order and records results there; a spectator's bracket follows live (winners advance, the
 * champion appears) without a reload, in both languages; round-robin pairings fill in live too.
 */
class DrawBrowserTest extends BrowserTestBase {
  private static final double WAIT_MS = 15_000;
  private static final LocatorAssertions.HasAttributeOptions ATTR = new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.HasTextOptions TEXT = new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.ContainsTextOptions CONTAINS = new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.IsVisibleOptions VISIBLE = new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.HasCountOptions COUNT = new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS);


  @BeforeAll
  static void start() {
    startNode();
  }

  private static long headToHead(String organiser, long event, String name) {
    Api.Response r = api.post("/api/v1/events/" + event + "/competitions", organiser,
        new JsonObject().put("name", name).put("capacity", 16).put("format", new JsonObject().put("type", "head_to_head")));
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }

  private static JsonObject drawData(long competition) {
    return api.get("/api/v1/competitions/" + competition + "/draw", null).json().getJsonObject("data");
  }

  private static JsonObject match(JsonObject draw, int round, int slot) {
    for (Object o : draw.getJsonArray("matches")) {
      JsonObject m = (JsonObject) o;
      if (m.getInteger("round") == round && m.getInteger("slot") == slot) {
        return m;
      }
    }
    throw new AssertionError("no match " + round + "/" + slot);
  }

  @Test
  void organiserDrawsAKnockoutFromThePageAndTheSpectatorsBracketFollowsLive() {
    String orgEmail = "org-" + UUID.randomUUID() + "@draw.test";
    String organiser = Api.token(api.signup(orgEmail, "organiser"));
    long event = api.createEvent(organiser, "职工乒乓球赛");
    long comp = headToHead(organiser, event, "男子单打");
    List<Long> e = new ArrayList<>();
    for (String n : List.of("张伟", "李强", "王磊", "赵敏")) {
      e.add(api.registerAthlete(organiser, comp, n, null));
    }
    JsonObject judgeSession = api.signup("judge-" + UUID.randomUUID() + "@draw.test", "participant");
    api.assignJudge(organiser, comp, Api.userId(judgeSession));

    try (BrowserContext orgContext = browser.newContext(); BrowserContext fanContext = browser.newContext()) {
      Page fan = fanContext.newPage();
      fan.navigate(url("/draw.html?competition=" + comp + "&lang=en"));
      assertThat(fan.locator("#not-drawn")).hasText("Not drawn yet.", TEXT);
      assertThat(fan.locator("#live-state")).hasAttribute("data-state", "live", ATTR);
      fan.evaluate("window.__marker = 1");

      Page desk = orgContext.newPage();
      desk.navigate(url("/draw.html?competition=" + comp + "&lang=zh"));
      desk.locator("#signin-card summary").click();
      signIn(desk, orgEmail);
      desk.locator("#create-card summary").click();
      assertThat(desk.locator("#seeds li")).hasCount(4, COUNT);
      desk.locator("#kind").selectOption("single_elimination");
      // 赵敏 up to seed 1: the seed order is 赵敏, 张伟, 李强, 王磊.
      desk.locator("#seeds li[data-entry-id='" + e.get(3) + "'] button").click();
      desk.locator("#seeds li[data-entry-id='" + e.get(3) + "'] button").click();
      desk.locator("#seeds li[data-entry-id='" + e.get(3) + "'] button").click();
      assertThat(desk.locator("#seeds li").first()).hasAttribute("data-entry-id", String.valueOf(e.get(3)), ATTR);
      desk.locator("#generate").click();

      // The spectator's bracket appears live: two semi-finals and a final to be decided.
      assertThat(fan.locator("#bracket .match")).hasCount(3, COUNT);
      assertThat(fan.locator("#draw-kind")).hasText("Single elimination", TEXT);
      JsonObject draw = drawData(comp);
      assertEquals(new JsonArray(List.of(e.get(3), e.get(0), e.get(1), e.get(2))),
          draw.getJsonArray("entries").stream().map(o -> ((JsonObject) o).getLong("id")).collect(JsonArray::new, JsonArray::add, JsonArray::addAll));
      JsonObject semi1 = match(draw, 1, 0); // seed 1 v seed 4: 赵敏 v 王磊
      JsonObject semi2 = match(draw, 1, 1); // seed 2 v seed 3: 张伟 v 李强
      JsonObject fin = match(draw, 2, 0);
      assertEquals(e.get(3), semi1.getLong("a"));
      Locator finalBox = fan.locator("#bracket .match[data-match-id='" + fin.getLong("id") + "']");
      assertThat(finalBox.locator(".side.tbd")).hasCount(2, COUNT);

      // The organiser records the first semi-final on the page: 赵敏 wins 3:1 and moves on.
      Locator form = desk.locator("form.entry-form[data-match-id='" + semi1.getLong("id") + "']");
      // A screen reader names each box by its side, not "A" and "B".
      assertThat(form.locator(".score-a")).hasAttribute("aria-label", "赵敏 的比分", ATTR);
      assertThat(form.locator(".score-b")).hasAttribute("aria-label", "王磊 的比分", ATTR);
      form.locator(".score-a").fill("3");
      form.locator(".score-b").fill("1");
      form.locator("button").click();
      assertThat(finalBox.locator(".side[data-entry-id='" + e.get(3) + "']")).isVisible(VISIBLE);
      assertThat(fan.locator("#bracket .match[data-match-id='" + semi1.getLong("id") + "'] .side.won"))
          .hasAttribute("data-entry-id", String.valueOf(e.get(3)), ATTR);
      assertThat(fan.locator("#standings tr[data-entry-id='" + e.get(3) + "'] .points")).hasText("3", TEXT);

      // A judge's result through the API reaches both pages the same way.
      boolean zhangIsA = semi2.getLong("a").equals(e.get(0));
      Api.Response r = api.post("/api/v1/competitions/" + comp + "/draw/matches/" + semi2.getLong("id") + "/result",
          Api.token(judgeSession), new JsonObject().put("scoreA", zhangIsA ? 0 : 2).put("scoreB", zhangIsA ? 2 : 0).encode(),
          UUID.randomUUID().toString());
      assertEquals(201, r.status(), r.text());
      assertThat(finalBox.locator(".side[data-entry-id='" + e.get(1) + "']")).isVisible(VISIBLE);
      assertThat(desk.locator("form.entry-form[data-match-id='" + fin.getLong("id") + "']")).isVisible(VISIBLE);

      // A tie in a knockout is refused on the page and nothing changes.
      Locator finalForm = desk.locator("form.entry-form[data-match-id='" + fin.getLong("id") + "']");
      finalForm.locator(".score-a").fill("1");
      finalForm.locator(".score-b").fill("1");
      finalForm.locator("button").click();
      assertThat(desk.locator("#message")).hasText("淘汰赛必须分出胜负。", TEXT);
      finalForm.locator(".score-a").fill("2");
      finalForm.locator(".score-b").fill("3");
      finalForm.locator("button").click();
      assertThat(fan.locator("#champion")).hasText("Champion: 李强", TEXT);
      assertThat(fan.locator("#draw-round")).hasText("All matches played", TEXT);
      fan.locator(".lang-toggle").click();
      assertThat(fan.locator("#champion")).hasText("冠军：李强", TEXT);
      assertThat(fan.locator("#bracket .round").last().locator("h3")).hasText("决赛", TEXT);
      assertEquals(1, ((Number) fan.evaluate("window.__marker")).intValue(), "the spectator's page never reloaded");
      screenshot(fan, "gala-draw-bracket.png");
      screenshot(desk, "gala-draw-desk.png");
    }
  }

  @Test
  void roundRobinPairingsFillInLiveAndTheRefusalOfARedrawIsShown() {
    String orgEmail = "org-rr-" + UUID.randomUUID() + "@draw.test";
    String organiser = Api.token(api.signup(orgEmail, "organiser"));
    long event = api.createEvent(organiser, "棋类联赛");
    long comp = headToHead(organiser, event, "象棋循环赛");
    for (String n : List.of("Ann", "Bo", "Cy")) {
      api.registerAthlete(organiser, comp, n, null);
    }
    assertEquals(201, api.post("/api/v1/competitions/" + comp + "/draw", organiser,
        new JsonObject().put("kind", "round_robin").encode(), UUID.randomUUID().toString()).status());
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      // The start page links a head-to-head competition to its draw.
      page.navigate(url("/?lang=en"));
      Locator link = page.locator("li[data-competition-id='" + comp + "'] a.draw-link");
      assertThat(link).hasText("Draw", TEXT);
      link.click();
      page.waitForURL("**/draw.html?competition=" + comp);
      assertThat(page.locator("#rounds section.round")).hasCount(3, COUNT);
      assertThat(page.locator("#rounds tr.match-row")).hasCount(6, COUNT);
      JsonObject first = match(drawData(comp), 1, 0);
      if (first.getBoolean("bye")) {
        first = match(drawData(comp), 1, 1);
      }
      assertEquals(201, api.post("/api/v1/competitions/" + comp + "/draw/matches/" + first.getLong("id") + "/result",
          organiser, new JsonObject().put("scoreA", 4).put("scoreB", 4).encode(), UUID.randomUUID().toString()).status());
      Locator row = page.locator("#rounds tr.match-row[data-match-id='" + first.getLong("id") + "']");
      assertThat(row.locator("td.score")).hasText("4 : 4", TEXT);
      assertThat(row).hasAttribute("data-decided", "true", ATTR);

      page.locator("#signin-card summary").click();
      signIn(page, orgEmail);
      page.locator("#create-card summary").click();
      // The form sends the seeds it lists: wait for them, as a person sees them before generating.
      assertThat(page.locator("#seeds li")).hasCount(3, COUNT);
      page.locator("#kind").selectOption("swiss");
      page.locator("#generate").click();
      assertThat(page.locator("#message")).hasText("This competition already has results; its draw cannot change.", TEXT);
      assertEquals("round_robin", drawData(comp).getString("kind"));
      screenshot(page, "gala-draw-round-robin.png");
    }
  }

  @Test
  void aTeamCompetitionsStandingsListTeams() {
    String org = Api.token(api.signup("team-" + java.util.UUID.randomUUID() + "@example.com", "organiser"));
    long event = api.createEvent(org, "职工拔河赛");
    Api.Response r = api.post("/api/v1/events/" + event + "/competitions", org, new JsonObject().put("name", "拔河")
        .put("capacity", 8).put("entryType", "team").put("teamSize", 2).put("format", new JsonObject().put("type", "head_to_head")));
    assertEquals(201, r.status(), r.text());
    long tug = r.json().getLong("id");
    long unit = api.createUnit(org, event, "市电力局");
    for (String team : new String[] {"电力一队", "电力二队"}) {
      assertEquals(201, api.post("/api/v1/competitions/" + tug + "/entries", org, new JsonObject().put("teamName", team).put("unitId", unit)
          .put("members", new io.vertx.core.json.JsonArray().add(new JsonObject().put("displayName", team + "甲"))
              .add(new JsonObject().put("displayName", team + "乙"))).encode(), java.util.UUID.randomUUID().toString()).status());
    }
    page.setViewportSize(360, 780);
    page.navigate(url("/draw.html?lang=zh&competition=" + tug));
    assertThat(page.locator("#standings thead th >> nth=1")).hasText("队伍", TEXT);
    page.locator(".lang-toggle").click();
    assertThat(page.locator("#standings thead th >> nth=1")).hasText("Team", TEXT);
  }

  /**
   * On a tablet, the match result boxes are offered to the competition's judges and the event's
   * organisers, the draw form to the organisers only: a judge of another competition (or any
   * participant) signed in used to get both, and only a refusal after pressing.
   */
  @Test
  void onlyTheCompetitionsJudgesGetResultBoxesAndOnlyOrganisersTheDrawForm() {
    String org = Api.token(api.signup("staff-" + UUID.randomUUID() + "@draw.test", "organiser"));
    long event = api.createEvent(org, "职工羽毛球赛");
    long comp = headToHead(org, event, "女子单打");
    long other = headToHead(org, event, "男子单打");
    for (String n : List.of("张伟", "李强", "王磊", "赵敏")) {
      api.registerAthlete(org, comp, n, null);
    }
    JsonObject ours = api.signup("judge-" + UUID.randomUUID() + "@draw.test", "participant");
    api.assignJudge(org, comp, Api.userId(ours));
    JsonObject theirs = api.signup("judge-" + UUID.randomUUID() + "@draw.test", "participant");
    api.assignJudge(org, other, Api.userId(theirs));
    Api.Response drawn = api.post("/api/v1/competitions/" + comp + "/draw", org,
        new JsonObject().put("kind", "round_robin").encode(), UUID.randomUUID().toString());
    assertEquals(201, drawn.status(), drawn.text());

    for (JsonObject who : List.of(ours, theirs)) {
      try (BrowserContext tablet = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(768, 1024))) {
        tablet.addInitScript("localStorage.setItem('gala.session', " + io.vertx.core.json.Json.encode(who.encode()) + ");");
        Page p = tablet.newPage();
        p.navigate(url("/draw.html?lang=zh&competition=" + comp));
        assertThat(p.locator("#rounds .match-row")).hasCount(6, COUNT);
        assertThat(p.locator("#desk")).isVisible(VISIBLE); // signed in: name and sign out
        if (who == ours) {
          assertThat(p.locator("form.entry-form")).hasCount(6, COUNT);
        } else {
          waitFor(p, "document.querySelectorAll('#rounds .match-row').length === 6");
          assertEquals(0, p.locator("form.entry-form").count(), "no result boxes for a judge of another competition");
        }
        assertThat(p.locator("#create-card")).isHidden(HIDDEN);
      }
    }
  }

  /** Screenshots for a human look, only when -Dgala.screenshots=DIR is given. */
}
