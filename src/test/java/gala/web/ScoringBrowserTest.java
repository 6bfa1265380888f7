package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.Gala;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Chromium;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scoring pages in real headless Chromium: the public competition and event pages follow
 * scores, publication and the medal table live; the head judge corrects with a reason, checks and
 * publishes, and the public page follows.
 */
class ScoringBrowserTest extends BrowserTestBase {


  @BeforeAll
  static void start() {
    startAll("Scoring Gala");
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private long competition(String name, int judges) {
    JsonObject format = new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", judges)
        .put("min", 0).put("max", 10).put("decimals", 2).put("tieBreaks", new JsonArray().add("highest_mark"));
    Api.Response r = api.post("/api/v1/events/" + eventId + "/competitions", organiser,
        new JsonObject().put("name", name).put("capacity", 20).put("format", format));
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }

  private String judge(long competition, boolean head, String email) {
    JsonObject s = api.signup(email, "participant");
    assertEquals(201, api.post("/api/v1/competitions/" + competition + "/judges", organiser,
        new JsonObject().put("userId", Api.userId(s)).put("head", head)).status());
    return Api.token(s);
  }

  private long score(String judge, long competition, long entry, String value) {
    Api.Response r = api.submitScore(judge, competition, entry, value, key());
    assertEquals(201, r.status(), r.text());
    return r.json().getJsonObject("score").getLong("id");
  }

  @Test
  void publicCompetitionAndEventPagesFollowScoresPublicationAndMedalsLive() {
    long unitA = api.createUnit(organiser, eventId, "交通局");
    long unitB = api.createUnit(organiser, eventId, "教育局");
    long c = competition("演讲比赛", 2);
    long a = api.registerAthlete(organiser, c, "王芳", unitA);
    long b = api.registerAthlete(organiser, c, "李娜", unitB);
    String head = judge(c, true, "head-" + UUID.randomUUID() + "@example.com");
    String j2 = judge(c, false, "j2-" + UUID.randomUUID() + "@example.com");
    score(head, c, a, "9.0");

    page.navigate(url("/scoreboard.html?competition=" + c + "&lang=zh"));
    Locator rowA = page.locator("tr[data-entry-id='" + a + "']");
    Locator rowB = page.locator("tr[data-entry-id='" + b + "']");
    assertThat(page.locator("#sb-status")).hasText("暂定成绩", TEXT);
    assertThat(rowA.locator("td.result")).hasText("等待评分 1/2", TEXT);
    assertThat(page.locator("#tiebreaks")).containsText("最高单项分", CONTAINS);
    page.evaluate("window.__marker = 1");

    score(j2, c, a, "9.0");
    score(head, c, b, "8.5");
    score(j2, c, b, "9.5"); // both 9.00; B's highest mark 9.5 decides
    assertThat(rowB).hasAttribute("data-rank", "1", ATTR);
    assertThat(rowA).hasAttribute("data-rank", "2", ATTR);
    assertThat(rowB).hasAttribute("data-decided-by", "highest_mark", ATTR);
    assertThat(rowB.locator("td.name")).containsText("按“最高单项分”区分", CONTAINS);
    assertThat(rowB.locator("td.result")).hasText("9.00", TEXT);

    Page eventPage = context.newPage();
    eventPage.navigate(url("/event.html?event=" + eventId + "&lang=zh"));
    assertThat(eventPage.locator("#ev-title")).hasText("Scoring Gala", TEXT);
    assertThat(eventPage.locator("#no-medals")).isVisible();
    assertThat(eventPage.locator("li[data-competition-id='" + c + "']")).hasAttribute("data-status", "PROVISIONAL", ATTR);
    eventPage.evaluate("window.__marker = 2");

    assertEquals(200, api.post("/api/v1/competitions/" + c + "/scoreboard/publish", head, "{}", key()).status());
    assertThat(page.locator("#sb-status")).hasText("正式成绩", TEXT);
    assertThat(page.locator("#sb-status")).hasAttribute("data-status", "OFFICIAL", ATTR);
    Locator firstUnit = eventPage.locator("#medal-rows tr").first();
    assertThat(firstUnit.locator(".unit-name")).hasText("教育局", TEXT);
    assertThat(firstUnit.locator(".gold")).hasText("1", TEXT);
    assertThat(firstUnit.locator(".points")).hasText("9", TEXT);
    assertThat(eventPage.locator("li[data-competition-id='" + c + "']")).hasAttribute("data-status", "OFFICIAL", ATTR);

    eventPage.locator(".lang-toggle").click();
    assertThat(eventPage.locator("h2").first()).hasText("Medal table", TEXT);
    assertThat(eventPage.locator("li[data-competition-id='" + c + "'] .badge")).hasText("Official", TEXT);
    // On a phone the whole medal table stays on its card (its fixed-width count columns once pushed Points past the edge).
    eventPage.setViewportSize(360, 740);
    assertEquals(Boolean.TRUE, eventPage.evaluate("() => { const t = document.getElementById('medals'); "
        + "return t.getBoundingClientRect().right <= t.closest('.card').getBoundingClientRect().right + 1; }"),
        "the medal table fits its card at 360 px");
    page.locator(".lang-toggle").click();
    assertThat(page.locator("#sb-status")).hasText("Official", TEXT);
    assertThat(rowB.locator("td.name")).containsText("by highest single mark", CONTAINS);
    screenshot(page, "gala-scoring-board.png");
    screenshot(eventPage, "gala-scoring-event.png");
    assertEquals(1, ((Number) page.evaluate("window.__marker")).intValue(), "the scoreboard never reloaded");
    assertEquals(2, ((Number) eventPage.evaluate("window.__marker")).intValue(), "the event page never reloaded");
  }

  @Test
  void theHeadJudgeCorrectsWithAReasonChecksAndPublishesWhileThePublicPageFollows() {
    long c = competition("书法比赛", 3);
    long a = api.registerAthlete(organiser, c, "张伟", null);
    String headEmail = "head-" + UUID.randomUUID() + "@example.com";
    String head = judge(c, true, headEmail);
    String j2 = judge(c, false, "j2-" + UUID.randomUUID() + "@example.com");
    String j3 = judge(c, false, "j3-" + UUID.randomUUID() + "@example.com");
    score(head, c, a, "8.0");
    score(j2, c, a, "8.2");
    long typo = score(j3, c, a, "2.0"); // meant 8.0: far from the panel, flagged
    // A second athlete, registered later and ranked first: the review lists by rank.
    long b = api.registerAthlete(organiser, c, "李娜", null);
    score(head, c, b, "9.0");
    score(j2, c, b, "9.0");
    score(j3, c, b, "9.0");

    Page spectator = context.newPage();
    spectator.navigate(url("/scoreboard.html?competition=" + c + "&lang=zh"));
    Locator publicRow = spectator.locator("tr[data-entry-id='" + a + "']");
    assertThat(publicRow.locator("td.result")).hasText("6.07", TEXT);

    page.navigate(url("/headjudge.html?competition=" + c + "&lang=zh"));
    signIn(page, headEmail);
    Locator typoRow = page.locator("tr[data-score-id='" + typo + "']");
    assertThat(typoRow).hasAttribute("data-flagged", "true", ATTR);
    assertThat(page.locator("#hj-status")).hasText("暂定成绩", TEXT);
    assertThat(page.locator("#entries > tr").first()).hasAttribute("data-entry-id", String.valueOf(b), ATTR);
    assertThat(page.locator("#entries > tr").nth(1)).hasAttribute("data-entry-id", String.valueOf(a), ATTR);
    // Check and Correct stand in columns, also on the head judge's own marks (no Check there), on a laptop and a phone.
    assertEquals(List.of(1, 1), buttonColumns(page), () -> "one x for every Correct, one for every Check: " + buttonEdges(page));
    page.setViewportSize(390, 844);
    assertEquals(List.of(1, 1), buttonColumns(page), () -> "on a phone too: " + buttonEdges(page));
    page.setViewportSize(1280, 720);

    typoRow.locator("button.correct").click();
    typoRow.locator("input.new-value").fill("8.0");
    typoRow.locator("button.save").click();
    assertThat(page.locator("#message")).hasText("请填写更正原因。", TEXT);
    assertThat(publicRow.locator("td.result")).hasText("6.07", TEXT);

    typoRow.locator("input.reason").fill("裁判3误录为2.0");
    typoRow.locator("button.save").click();
    assertThat(page.locator("#message")).hasText("已保存", TEXT);
    assertThat(publicRow.locator("td.result")).hasText("8.07", TEXT);
    Locator corrected = page.locator("tr[data-entry-id='" + a + "'] table.scores tr").nth(2);
    assertThat(corrected.locator("td.value")).containsText("裁判3误录为2.0", CONTAINS);
    assertThat(corrected).hasAttribute("data-flagged", "false", ATTR);

    Locator j2Row = page.locator("tr[data-entry-id='" + a + "'] table.scores tr").nth(1);
    j2Row.locator("button.check").click();
    assertThat(j2Row).hasAttribute("data-checked", "true", ATTR);
    assertThat(j2Row.locator("td.checked")).containsText("复核", CONTAINS);

    page.locator("#publish").click();
    // It asks first and says what publishing does.
    assertThat(page.locator(".confirm-dialog")).containsText("此后只有组委会能通过“更正”", CONTAINS);
    assertThat(page.locator("#hj-status")).not().hasText("正式成绩");
    page.locator(".confirm-dialog button.confirm").click();
    assertThat(page.locator("#hj-status")).hasText("正式成绩", TEXT);
    assertThat(spectator.locator("#sb-status")).hasText("正式成绩", TEXT);
    assertThat(page.locator("#audit li[data-kind='CORRECTION']")).containsText("裁判3误录为2.0", CONTAINS);
    assertThat(page.locator("#audit li[data-kind='PUBLISH']")).hasCount(1);

    screenshot(page, "gala-scoring-headjudge.png");
    // After publication the head judge may no longer correct: the page says why.
    Locator again = page.locator("tr[data-entry-id='" + a + "'] table.scores tr").nth(0);
    again.locator("button.correct").click();
    again.locator("input.new-value").fill("9");
    again.locator("input.reason").fill("late change");
    again.locator("button.save").click();
    assertThat(page.locator("#message")).hasText("正式公布后只有组委会可以更正。", TEXT);
    assertThat(publicRow.locator("td.result")).hasText("8.07", TEXT);
  }

  /** How many different left edges the review's Correct buttons have, and its Check buttons. */
  private static Object buttonColumns(Page page) {
    return page.evaluate("() => ['button.correct', 'button.check'].map((s) => new Set([...document.querySelectorAll('table.scores ' + s)]"
        + ".map((b) => Math.round(b.getBoundingClientRect().left))).size)");
  }

  /** The left edges themselves, for the failure message. */
  private static Object buttonEdges(Page page) {
    return page.evaluate("() => [...document.querySelectorAll('table.scores button')].map((b) => b.className + '@'"
        + " + Math.round(b.getBoundingClientRect().left)).join(' ')");
  }
}
