package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.Gala;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Chromium;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browser UI against a real node: the live scoreboard and the judge page, in headless Chromium. */
class ScoreboardBrowserTest extends BrowserTestBase {


  @BeforeAll
  static void start() {
    startAll("Browser Gala");
  }

  private static Locator row(Page page, long entryId) {
    return page.locator("tr[data-entry-id='" + entryId + "']");
  }

  @Test
  void scoreboardUpdatesLiveWithoutReload() {
    long competition = api.createJudgedCompetition(organiser, eventId, "Floor", 10, 1);
    long a = api.registerAthlete(organiser, competition, "Athlete A", null);
    long b = api.registerAthlete(organiser, competition, "Athlete B", null);
    JsonObject judge = api.signup("judge-" + UUID.randomUUID() + "@example.com", "participant");
    api.assignJudge(organiser, competition, Api.userId(judge));
    assertEquals(201, api.submitScore(Api.token(judge), competition, a, "8.0", UUID.randomUUID().toString()).status());

    page.navigate(url("/scoreboard.html?competition=" + competition + "&lang=zh"));
    assertThat(row(page, a)).hasAttribute("data-rank", "1", ATTR);
    assertThat(row(page, a).locator("td.rank")).hasText("1", TEXT);
    assertThat(row(page, a).locator("td.result")).containsText("8", CONTAINS);
    assertThat(row(page, b).locator("td.result")).hasText("等待评分 0/1", TEXT);
    assertThat(page.locator("#sb-name")).hasText("Floor", TEXT);
    assertThat(page.locator("#sb-status")).hasText("暂定成绩", TEXT);
    assertThat(page.locator("#live-state")).hasAttribute("data-state", "live", ATTR);
    screenshot(page, "gala-scoreboard-before.png");

    page.evaluate("window.__marker = 1");
    assertEquals(201, api.submitScore(Api.token(judge), competition, b, "9.5", UUID.randomUUID().toString()).status());

    assertThat(row(page, b)).hasAttribute("data-rank", "1", ATTR);
    assertThat(row(page, a)).hasAttribute("data-rank", "2", ATTR);
    assertThat(row(page, b).locator("td.result")).containsText("9.5", CONTAINS);
    assertThat(page.locator("tbody tr").first()).hasAttribute("data-entry-id", String.valueOf(b), ATTR);
    assertEquals(1, ((Number) page.evaluate("window.__marker")).intValue(), "the page must not reload");
    screenshot(page, "gala-scoreboard-after.png");
  }

  @Test
  void judgeSignsInAndScoresAndTheLanguageToggles() {
    long competition = api.createJudgedCompetition(organiser, eventId, "Vault", 10, 1);
    long c = api.registerAthlete(organiser, competition, "Athlete C", null);
    long d = api.registerAthlete(organiser, competition, "Athlete D", null);
    String email = "judge-" + UUID.randomUUID() + "@example.com";
    JsonObject judge = api.signup(email, "participant");
    api.assignJudge(organiser, competition, Api.userId(judge));

    page.navigate(url("/judge.html?lang=zh"));
    Locator title = page.locator("#page-title");
    Locator brand = page.locator("header .brand");
    assertThat(title).hasText("裁判评分", TEXT);
    assertThat(brand).hasText("Gala 赛事中心", TEXT);
    page.locator(".lang-toggle").click();
    assertThat(title).hasText("Judging", TEXT);
    assertThat(brand).hasText("Gala Competition Hub", TEXT);
    page.locator(".lang-toggle").click();
    assertThat(title).hasText("裁判评分", TEXT);

    signIn(page, email);
    page.locator("#competition").selectOption(String.valueOf(competition));

    Locator entryC = page.locator(".entry[data-entry-id='" + c + "']");
    assertThat(entryC).hasAttribute("data-state", "todo", ATTR);
    entryC.click();
    page.locator("#mark").fill("7.5");
    page.locator("#submit-score").click();
    assertThat(entryC).hasAttribute("data-state", "scored", ATTR);
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "0", ATTR);
    assertEquals("7.50", resultOf(competition, c));
    screenshot(page, "gala-judge.png");

    // A failed send stays in the outbox and is retried with the same Idempotency-Key.
    List<String> keys = Collections.synchronizedList(new ArrayList<>());
    page.onRequest(r -> {
      if (r.url().endsWith("/competitions/" + competition + "/scores")) {
        keys.add(r.headerValue("idempotency-key"));
      }
    });
    String scores = "**/api/v1/competitions/" + competition + "/scores";
    page.route(scores, route -> route.abort("internetdisconnected"));
    Locator entryD = page.locator(".entry[data-entry-id='" + d + "']");
    entryD.click();
    page.locator("#mark").fill("6.25");
    page.locator("#submit-score").click();
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "1", ATTR);
    assertThat(page.locator("#pending-sync")).containsText("待同步：1", CONTAINS);
    assertThat(entryD).hasAttribute("data-state", "pending", ATTR);
    // The page shows the write pending once it is in the outbox, before its first send: the network
    // comes back only after that send was refused, or the first send could succeed (a loaded box).
    page.waitForCondition(() -> !keys.isEmpty());
    page.unroute(scores);
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "0", ATTR);
    assertThat(entryD).hasAttribute("data-state", "scored", ATTR);
    assertEquals("6.25", resultOf(competition, d));
    assertTrue(keys.size() >= 2, "expected a failed send and a retry, saw " + keys);
    assertEquals(1, keys.stream().distinct().count(), "every retry reuses the key: " + keys);
    assertFalse(keys.get(0) == null || keys.get(0).isBlank());
  }

  /** The entry's result on the scoreboard, waiting up to 10 s for it to appear. */
  private static String resultOf(long competition, long entryId) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (true) {
      for (Object o : Api.rows(api.scoreboard(competition))) {
        JsonObject row = (JsonObject) o;
        if (row.getLong("id") == entryId && row.getString("result") != null) {
          return row.getString("result");
        }
      }
      if (System.currentTimeMillis() > deadline) {
        fail("entry " + entryId + " has no result on scoreboard " + competition);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Screenshots for a human look, only when -Dgala.screenshots=DIR is given. */
}
