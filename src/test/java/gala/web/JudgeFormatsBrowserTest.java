package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import gala.Gala;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Chromium;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The judge page for every format, in headless Chromium against a real node: weighted criteria with
 * a difficulty, timed attempts with DNF, a free head-to-head result and a drawn match; each checked
 * through the API scoreboard (and the draw).
 */
class JudgeFormatsBrowserTest extends BrowserTestBase {


  @BeforeAll
  static void start() {
    startAll("Formats Gala");
  }

  @Test
  void weightedCriteriaWithDifficulty() {
    JsonObject format = new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 1)
        .put("min", 0).put("max", 10).put("decimals", 2).put("difficulty", true)
        .put("criteria", new JsonArray()
            .add(new JsonObject().put("name", "execution").put("weight", 0.6))
            .add(new JsonObject().put("name", "artistry").put("weight", 0.4)));
    long c = competition("Floor", format);
    long a = api.registerAthlete(organiser, c, "Athlete A", null);
    long b = api.registerAthlete(organiser, c, "Athlete B", null);
    signIn(c, judge(c));

    assertThat(page.locator("input.criterion")).hasCount(2, COUNT);
    assertThat(page.locator("#mark-field")).isHidden(HIDDEN);
    assertThat(page.locator("#difficulty-field")).isVisible(VISIBLE);
    screenshot(page, "gala-judge-criteria.png");

    // A difficulty out of range is caught before it is queued: said, and the entry is still to score.
    entry(b).click();
    page.locator("input.criterion[data-criterion='execution']").fill("9");
    page.locator("input.criterion[data-criterion='artistry']").fill("9");
    page.locator("#difficulty").fill("12");
    page.locator("#submit-score").click();
    assertThat(page.locator("#message")).containsText("难度系数 12 须大于 0 且不超过 10", CONTAINS);
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "0", ATTR);
    assertThat(entry(b)).hasAttribute("data-state", "todo", ATTR);

    entry(a).click();
    page.locator("input.criterion[data-criterion='execution']").fill("8");
    page.locator("input.criterion[data-criterion='artistry']").fill("7,5");
    page.locator("#difficulty").fill("1.5");
    page.locator("#submit-score").click();
    assertThat(entry(a)).hasAttribute("data-state", "scored", ATTR);
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "0", ATTR);

    // The panel of one: each criterion times its weight, summed, times the difficulty.
    BigDecimal expected = new BigDecimal("8").multiply(new BigDecimal("0.6"))
        .add(new BigDecimal("7.5").multiply(new BigDecimal("0.4")))
        .multiply(new BigDecimal("1.5")).setScale(2, RoundingMode.HALF_UP);
    JsonObject row = waitForRow(c, a, r -> r.getString("result") != null);
    assertEquals(0, expected.compareTo(new BigDecimal(row.getString("result"))), row.encode());
    assertEquals(1, row.getInteger("rank"));
    assertNull(waitForRow(c, b, r -> true).getString("result"), "the refused mark changed nothing");
  }

  @Test
  void timedAttemptsWithOutcomesAndValues() {
    JsonObject format = new JsonObject().put("type", "timed").put("aggregate", "best").put("attempts", 2);
    long c = competition("100m", format);
    long a = api.registerAthlete(organiser, c, "Runner A", null);
    long b = api.registerAthlete(organiser, c, "Runner B", null);
    signIn(c, judge(c));

    assertThat(page.locator("#outcomes")).isVisible(VISIBLE);
    assertThat(page.locator("#mark-label")).hasText("用时（秒）", TEXT);

    entry(a).click();
    assertThat(page.locator("#attempt")).hasAttribute("placeholder", "下一次：第 1 次", ATTR);
    page.locator(".outcome[data-outcome='DNF']").click();
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "0", ATTR);
    assertThat(entry(a).locator(".marks")).hasText("1/2 次", TEXT);

    entry(a).click();
    assertThat(page.locator("#attempt")).hasAttribute("placeholder", "下一次：第 2 次", ATTR);
    screenshot(page, "gala-judge-timed.png");
    page.locator("#mark").fill("12.34");
    page.locator("#submit-score").click();
    assertThat(entry(a)).hasAttribute("data-state", "complete", ATTR);

    // Runner B: a value typed for attempt 2 first, then a DNF on attempt 1.
    entry(b).click();
    page.locator("#attempt").fill("2");
    page.locator("#mark").fill("11.9");
    page.locator("#submit-score").click();
    assertThat(entry(b).locator(".marks")).hasText("1/2 次", TEXT);
    entry(b).click();
    page.locator("#attempt").fill("1");
    page.locator(".outcome[data-outcome='DNF']").click();
    assertThat(entry(b)).hasAttribute("data-state", "complete", ATTR);
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "0", ATTR);

    JsonObject rowA = waitForRow(c, a, r -> r.getBoolean("complete", false));
    JsonObject rowB = waitForRow(c, b, r -> r.getBoolean("complete", false));
    assertEquals(0, new BigDecimal("12.34").compareTo(new BigDecimal(rowA.getString("result"))), rowA.encode());
    assertEquals(0, new BigDecimal("11.9").compareTo(new BigDecimal(rowB.getString("result"))), rowB.encode());
    assertEquals(2, rowA.getInteger("marks"));
    assertEquals(1, rowB.getInteger("rank"), "lower is better");
    assertEquals(2, rowA.getInteger("rank"));
  }

  @Test
  void headToHeadResultWithoutADraw() {
    long c = competition("Table tennis", new JsonObject().put("type", "head_to_head"));
    long a = api.registerAthlete(organiser, c, "Player A", null);
    long b = api.registerAthlete(organiser, c, "Player B", null);
    signIn(c, judge(c));

    assertThat(page.locator("#opponent-fields")).isVisible(VISIBLE);
    assertThat(page.locator("#matches-panel")).isHidden(HIDDEN);
    entry(b).click();
    page.locator("#opponent").selectOption(String.valueOf(a));
    page.locator("#mark").fill("1");
    page.locator("#opponent-value").fill("3");
    screenshot(page, "gala-judge-head-to-head.png");
    page.locator("#submit-score").click();
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "0", ATTR);
    assertThat(page.locator("#message")).containsText("已提交", CONTAINS);

    JsonObject rowA = waitForRow(c, a, r -> r.getInteger("played", 0) == 1);
    JsonObject rowB = waitForRow(c, b, r -> r.getInteger("played", 0) == 1);
    assertEquals(1, rowA.getInteger("won"), rowA.encode());
    assertEquals(3, rowA.getInteger("scoreFor"));
    assertEquals(1, rowB.getInteger("lost"), rowB.encode());
    assertEquals(1, rowB.getInteger("scoreFor"));
    assertEquals(1, rowA.getInteger("rank"));
  }

  @Test
  void drawnHeadToHeadRecordsTheOpenMatch() {
    long c = competition("Chess", new JsonObject().put("type", "head_to_head"));
    long a = api.registerAthlete(organiser, c, "Seed 1", null);
    long b = api.registerAthlete(organiser, c, "Seed 2", null);
    Api.Response drawn = api.post("/api/v1/competitions/" + c + "/draw", organiser,
        new JsonObject().put("kind", "single_elimination").put("entryIds", new JsonArray().add(a).add(b)).encode(),
        UUID.randomUUID().toString());
    assertEquals(201, drawn.status(), drawn.text());
    signIn(c, judge(c));

    // The free entry form gives way to the draw's open matches.
    assertThat(page.locator("#matches-panel")).isVisible(VISIBLE);
    assertThat(page.locator("#workspace")).isHidden(HIDDEN);
    Locator open = page.locator("#matches li[data-state='todo']");
    assertThat(open).hasCount(1, COUNT);
    assertThat(open.locator(".name-a")).hasText("Seed 1", TEXT);
    assertThat(open.locator(".name-b")).hasText("Seed 2", TEXT);
    long matchId = Long.parseLong(open.getAttribute("data-match-id"));

    // Offline first: the result waits in the outbox and is retried with the same Idempotency-Key.
    List<String> keys = Collections.synchronizedList(new ArrayList<>());
    page.onRequest(r -> {
      if (r.url().endsWith("/draw/matches/" + matchId + "/result")) {
        keys.add(r.headerValue("idempotency-key"));
      }
    });
    String route = "**/api/v1/competitions/" + c + "/draw/matches/" + matchId + "/result";
    page.route(route, r -> r.abort("internetdisconnected"));
    open.locator(".score-a").fill("1");
    open.locator(".score-b").fill("2");
    open.locator(".record").click();
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "1", ATTR);
    assertThat(page.locator("#matches li[data-match-id='" + matchId + "']")).hasAttribute("data-state", "pending", ATTR);
    screenshot(page, "gala-judge-match-pending.png");
    // The page shows the write pending once it is in the outbox, before its first send: the network
    // comes back only after that send was refused, or the first send could succeed (a loaded box).
    page.waitForCondition(() -> !keys.isEmpty());
    page.unroute(route);
    assertThat(page.locator("#pending-sync")).hasAttribute("data-count", "0", ATTR);
    assertThat(page.locator("#matches li")).hasCount(0, COUNT);
    assertThat(page.locator("#no-matches")).isVisible(VISIBLE);
    assertTrue(keys.size() >= 2, "expected a failed send and a retry, saw " + keys);
    assertEquals(1, keys.stream().distinct().count(), "every retry reuses the key: " + keys);

    JsonObject match = null;
    for (Object o : api.get("/api/v1/competitions/" + c + "/draw", null).json().getJsonObject("data").getJsonArray("matches")) {
      if (((JsonObject) o).getLong("id") == matchId) {
        match = (JsonObject) o;
      }
    }
    assertTrue(match != null, "match " + matchId + " is in the draw");
    assertEquals(1, match.getInteger("scoreA"));
    assertEquals(2, match.getInteger("scoreB"));
    assertEquals(b, match.getLong("winner"));
    JsonObject rowB = waitForRow(c, b, r -> r.getInteger("played", 0) == 1);
    assertEquals(1, rowB.getInteger("won"), rowB.encode());
    assertEquals(1, rowB.getInteger("rank"));
  }

  private long competition(String name, JsonObject format) {
    Api.Response r = api.post("/api/v1/events/" + eventId + "/competitions", organiser,
        new JsonObject().put("name", name).put("capacity", 16).put("format", format));
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }

  /** A new judge assigned to the competition; returns the email (password as Api.signup sets it). */
  private static String judge(long competition) {
    String email = "judge-" + UUID.randomUUID() + "@example.com";
    JsonObject judge = api.signup(email, "participant");
    api.assignJudge(organiser, competition, Api.userId(judge));
    return email;
  }

  private void signIn(long competition, String email) {
    page.navigate("http://127.0.0.1:" + gala.port() + "/judge.html?lang=zh&competition=" + competition);
    signIn(page, email);
    assertThat(page.locator("#competition")).hasValue(String.valueOf(competition), new LocatorAssertions.HasValueOptions().setTimeout(WAIT_MS));
  }

  private Locator entry(long entryId) {
    return page.locator(".entry[data-entry-id='" + entryId + "']");
  }

  /** The entry's scoreboard row once it satisfies the condition, waiting up to 10 s. */
  private static JsonObject waitForRow(long competition, long entryId, Predicate<JsonObject> ready) {
    long deadline = System.currentTimeMillis() + 10_000;
    JsonObject last = null;
    while (true) {
      for (Object o : Api.rows(api.scoreboard(competition))) {
        JsonObject row = (JsonObject) o;
        if (row.getLong("id") == entryId) {
          last = row;
          if (ready.test(row)) {
            return row;
          }
        }
      }
      if (System.currentTimeMillis() > deadline) {
        fail("entry " + entryId + " of competition " + competition + " did not get there: " + last);
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
