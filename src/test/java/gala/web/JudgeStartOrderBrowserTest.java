package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A judge's tablet lists the athletes in start order (by bib) from the first moment: while the start
 * list is on its way it shows no list rather than one in another order. It used to show the board's
 * rows in id order and re-sort them when the start list came, so a tap in that moment picked another
 * athlete (FrontDoorJourneyBrowserTest once marked the wrong entry under load this way).
 */
class JudgeStartOrderBrowserTest extends BrowserTestBase {

  @BeforeAll
  static void start() {
    startAll("朗诵比赛日");
  }

  @Test
  void theListComesInStartOrderNeverInAnotherOneFirst() {
    long competition = api.createJudgedCompetition(organiser, eventId, "朗诵", 10, 1);
    long first = api.registerAthlete(organiser, competition, "王芳", null);
    long second = api.registerAthlete(organiser, competition, "李明", null);
    long third = api.registerAthlete(organiser, competition, "张伟", null);
    // Bibs the other way round: the start order is third, second, first.
    int bib = 30;
    for (long entry : List.of(first, second, third)) {
      Api.Response set = api.patchOnce("/api/v1/entries/" + entry, organiser, new JsonObject().put("bib", bib));
      assertEquals(200, set.status(), set.text());
      bib -= 10;
    }
    JsonObject judge = api.signup("judge-" + UUID.randomUUID() + "@example.cn", "participant");
    api.assignJudge(organiser, competition, Api.userId(judge));

    try (BrowserContext tablet = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(800, 1280))) {
      tablet.addInitScript("localStorage.setItem('gala.session', " + Json.encode(judge.encode()) + ");");
      // The start list (the public entries) is held back until the test has looked at the page.
      List<Route> held = new ArrayList<>();
      tablet.route("**/api/v1/competitions/" + competition + "/entries*", held::add);
      Page page = tablet.newPage();
      page.navigate(url("/judge.html?lang=zh&competition=" + competition));
      // The board has come (the page keeps it for offline use as it draws it); the start list has not.
      waitFor(page, "localStorage.getItem('gala.judge.board." + competition + "') !== null");
      assertEquals(1, held.size(), "the start list was asked for and is held");
      assertEquals(0, page.locator(".entry[data-entry-id]").count(), "no list in another order while the start list is on its way");
      held.forEach(Route::resume);
      assertThat(page.locator(".entry[data-entry-id]")).hasCount(3, COUNT);
      assertThat(page.locator(".entry[data-entry-id]").nth(0)).hasAttribute("data-entry-id", String.valueOf(third), ATTR);
      assertThat(page.locator(".entry[data-entry-id]").nth(2)).hasAttribute("data-entry-id", String.valueOf(first), ATTR);
    }
  }
}
