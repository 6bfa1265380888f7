package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The organisers' pages as the people who open them see them, on a phone: a participant who follows
 * a link to the announcements, the import, the mixer console or the head judge's review gets one
 * sentence and the pages they can use, not forms and buttons the server would only refuse; and a
 * head judge whose judged panel is short of judges is told so, and each row says what it waits for.
 */
class OrganiserPagesBrowserTest extends BrowserTestBase {

  @BeforeAll
  static void start() {
    startAll("全市职工运动会");
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  /** A 360 px phone signed in as this session (the page's own storage, as after signing in). */
  private Page phone(JsonObject session) {
    BrowserContext phone = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(360, 780));
    phone.addInitScript("localStorage.setItem('gala.session', " + Json.encode(session.encode()) + ");");
    return phone.newPage();
  }

  @Test
  void aParticipantOnAnOrganisersPageIsToldWhoseItIsAndOfferedTheEvent() {
    long speech = api.createJudgedCompetition(organiser, eventId, "演讲比赛", 10, 1);
    long mixer = api.post("/api/v1/events/" + eventId + "/mixers", organiser, new JsonObject().put("title", "桌游夜")
        .put("mode", "tables").put("tableSize", 3).put("rounds", 2).put("roundSeconds", 600)
        .put("minAge", 18).put("maxAge", 40)).json().getLong("id");
    JsonObject athlete = api.signup("athlete-" + UUID.randomUUID() + "@example.com", "participant");
    Page p = phone(athlete);

    p.navigate(url("/announce.html?lang=zh&event=" + eventId));
    assertThat(p.locator("#gate")).hasText("此页面只供“全市职工运动会”的组织者使用。赛事总览首页", TEXT);
    assertThat(p.locator("#gate a").first()).hasAttribute("href", "/event.html?event=" + eventId, ATTR);
    assertThat(p.locator("#compose")).isHidden(HIDDEN);

    p.navigate(url("/import.html?lang=en&event=" + eventId));
    assertThat(p.locator("#gate p")).hasText("This page is for the organisers of \"全市职工运动会\".", TEXT);
    assertThat(p.locator("#desk")).isHidden(HIDDEN);

    p.navigate(url("/mixer-admin.html?lang=zh&mixer=" + mixer));
    assertThat(p.locator("#gate p")).hasText("此页面只供“全市职工运动会”的组织者使用。", TEXT);
    assertThat(p.locator("#desk")).isHidden(HIDDEN);

    // The review is the head judges' and organisers': the server's refusal, and the public board instead.
    p.navigate(url("/headjudge.html?lang=zh&competition=" + speech));
    assertThat(p.locator("#gate p")).hasText("您不是本比赛的裁判。", TEXT);
    assertThat(p.locator("#gate a")).hasAttribute("href", "/scoreboard.html?competition=" + speech, ATTR);
    assertThat(p.locator("#desk")).isHidden(HIDDEN);
    assertThat(p.locator("#publish")).isHidden(HIDDEN);

    // An address without an event is said in words, not as a developer's "announce.html?event=ID".
    p.navigate(url("/announce.html?lang=en"));
    assertThat(p.locator("#gate p")).hasText("The address names no event: open this page from the organiser console.", TEXT);
    p.context().close();

    // The organiser sees the pages themselves.
    Page org = phone(api.login(organiserEmail()));
    org.navigate(url("/announce.html?lang=zh&event=" + eventId));
    assertThat(org.locator("#compose")).isVisible(VISIBLE);
    org.navigate(url("/mixer-admin.html?lang=zh&mixer=" + mixer));
    assertThat(org.locator("#desk")).isVisible(VISIBLE);
    assertThat(org.locator("#mixer")).hasValue(String.valueOf(mixer));
    assertThat(org.locator("#gate")).hasCount(0, COUNT);
    org.context().close();
  }

  @Test
  void aPanelShortOfJudgesIsSaidOnTheReviewAndEachRowWaitsForTheMissingJudge() {
    long duet = api.createJudgedCompetition(organiser, eventId, "双人舞", 10, 2);
    long entry = api.registerAthlete(organiser, duet, "王芳", null);
    JsonObject first = api.signup("judge-" + UUID.randomUUID() + "@example.com", "participant");
    api.assignJudge(organiser, duet, Api.userId(first));
    assertEquals(201, api.submitScore(Api.token(first), duet, entry, "8.5", key()).status());

    Page p = phone(api.login(organiserEmail()));
    p.navigate(url("/headjudge.html?lang=zh&competition=" + duet));
    assertThat(p.locator("#panel-short")).hasText("本项目每位选手需要 2 位裁判评分，目前只分配了 1 位：请在组织者控制台的“裁判”中分配裁判，否则成绩无法完成和公布。", TEXT);
    assertThat(p.locator("tr[data-entry-id='" + entry + "'] .waiting-for")).hasText("还差 1 位裁判评分（尚未分配裁判）", TEXT);
    p.locator(".lang-toggle").click();
    assertThat(p.locator("tr[data-entry-id='" + entry + "'] .waiting-for")).hasText("waiting for one more judge (not assigned yet)", TEXT);

    // A second judge assigned: the notice goes, and the row names the judge it now waits for.
    JsonObject second = api.signup("judge2-" + UUID.randomUUID() + "@example.com", "participant");
    api.assignJudge(organiser, duet, Api.userId(second));
    p.reload();
    assertThat(p.locator("tr[data-entry-id='" + entry + "'] .waiting-for")).hasText("waiting for " + second.getJsonObject("user").getString("displayName"), TEXT);
    assertThat(p.locator("#panel-short")).isHidden(HIDDEN);
    p.context().close();
  }

  @Test
  void theReviewOnAPhoneGivesTheNameItsLineAndTheMarksTheWidth() {
    long trio = api.createJudgedCompetition(organiser, eventId, "三人评审组", 10, 3);
    long entry = api.registerAthlete(organiser, trio, "欧阳娜娜", null);
    for (int j = 0; j < 3; j++) {
      JsonObject judge = api.signup("j" + j + "-" + UUID.randomUUID() + "@example.com", "participant");
      api.assignJudge(organiser, trio, Api.userId(judge));
      assertEquals(201, api.submitScore(Api.token(judge), trio, entry, "8." + j, key()).status());
    }
    Page p = phone(api.login(organiserEmail()));
    p.navigate(url("/headjudge.html?lang=zh&competition=" + trio));
    Locator row = p.locator("tr[data-entry-id='" + entry + "']");
    assertThat(row.locator("tr[data-score-id]")).hasCount(3, COUNT);
    // The name reads on one line (it was one character wide), the marks use the phone's width, nothing scrolls sideways.
    // (The review re-renders as live changes arrive: wait for the laid-out row rather than read a replaced one.)
    String cell = "document.querySelector(\"tr[data-entry-id='" + entry + "'] td.";
    waitFor(p, "(() => { const td = " + cell + "name\"); if (!td || !td.firstChild) return false;"
        + " const r = document.createRange(); r.selectNodeContents(td.firstChild); return r.getClientRects().length === 1; })()");
    waitFor(p, "(() => { const td = " + cell + "marks\"); return !!td && td.getBoundingClientRect().width > 300; })()");
    assertEquals(360, ((Number) p.evaluate("document.documentElement.scrollWidth")).intValue(), "no sideways scroll");
    p.context().close();
  }

  @Test
  void theEventPageOffersTheHeadJudgesReviewOnlyToThoseWhoReview() {
    long relay = api.createJudgedCompetition(organiser, eventId, "朗诵", 10, 1);
    Page spectator = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(360, 780)).newPage();
    spectator.navigate(url("/event.html?lang=zh&event=" + eventId));
    Locator item = spectator.locator("#competitions li[data-competition-id='" + relay + "']");
    assertThat(item).containsText("成绩榜", CONTAINS);
    assertThat(item.locator(".review-link")).hasCount(0, COUNT);
    spectator.context().close();
    Page org = phone(api.login(organiserEmail()));
    org.navigate(url("/event.html?lang=zh&event=" + eventId));
    assertThat(org.locator("#competitions li[data-competition-id='" + relay + "'] .review-link")).hasText("裁判长审核", TEXT);
    org.context().close();
  }

  @Test
  void aHeadJudgeWhoseSessionEndedIsOfferedTheSignInAgain() {
    long solo = api.createJudgedCompetition(organiser, eventId, "独奏", 10, 1);
    // A session the server no longer honours (expired for good, or signed out everywhere), kept by the browser.
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String expired = b64.encodeToString("{\"alg\":\"ES256\"}".getBytes()) + "." + b64.encodeToString("{\"sub\":\"1\",\"iat\":1,\"exp\":2}".getBytes())
        + ".c2ln";
    JsonObject stale = api.login(organiserEmail()).copy().put("accessToken", expired).put("refreshToken", "stale");
    BrowserContext c = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(360, 780));
    c.addInitScript("if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1');"
        + " localStorage.setItem('gala.session', " + Json.encode(stale.encode()) + "); }");
    Page p = c.newPage();
    p.navigate(url("/headjudge.html?lang=zh&competition=" + solo));
    // Not a dead end: the sign-in form is there, and signing in opens the review.
    assertThat(p.locator("#signin-form")).isVisible(VISIBLE);
    signIn(p, organiserEmail());
    assertThat(p.locator("#desk")).isVisible(VISIBLE);
    assertThat(p.locator("#signin-form")).hasCount(0, COUNT);
    c.close();
  }

  @Test
  void aCorrectionBeingTypedSurvivesTheMarksThatArriveMeanwhile() {
    long solo = api.createJudgedCompetition(organiser, eventId, "独唱", 10, 2);
    long a = api.registerAthlete(organiser, solo, "张敏", null);
    long b = api.registerAthlete(organiser, solo, "李娜", null);
    JsonObject one = api.signup("j1-" + UUID.randomUUID() + "@example.com", "participant");
    JsonObject two = api.signup("j2-" + UUID.randomUUID() + "@example.com", "participant");
    api.assignJudge(organiser, solo, Api.userId(one));
    api.assignJudge(organiser, solo, Api.userId(two));
    assertEquals(201, api.submitScore(Api.token(one), solo, a, "8.1", key()).status());

    Page p = phone(api.login(organiserEmail()));
    p.setViewportSize(1366, 900);
    p.navigate(url("/headjudge.html?lang=zh&competition=" + solo));
    p.locator("tr[data-entry-id='" + a + "'] tr[data-score-id] .correct").click();
    p.locator("form.fix .new-value").fill("8.4");
    p.locator("form.fix .reason").fill("录入错误");
    // Another judge's mark arrives while the head judge types: the review shows it ...
    assertEquals(201, api.submitScore(Api.token(two), solo, b, "7.7", key()).status());
    assertThat(p.locator("tr[data-entry-id='" + b + "'] tr[data-score-id]")).hasCount(1, COUNT);
    // ... and what was typed is still there, and is what is saved.
    assertThat(p.locator("form.fix .new-value")).hasValue("8.4");
    assertThat(p.locator("form.fix .reason")).hasValue("录入错误");
    p.locator("form.fix .save").click();
    assertThat(p.locator("#message")).hasText("已保存", TEXT);
    assertThat(p.locator("tr[data-entry-id='" + a + "'] .value").first()).containsText("8.4", CONTAINS);
    p.context().close();
  }

  @Test
  void theConsoleSaysWhichCompetitionsAreForTeams() {
    JsonObject format = new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 1)
        .put("min", 0).put("max", 10).put("decimals", 2);
    long relay = api.post("/api/v1/events/" + eventId + "/competitions", organiser, new JsonObject().put("name", "4x100米接力")
        .put("capacity", 12).put("entryType", "team").put("teamSize", 4).put("format", format)).json().getLong("id");
    Page p = phone(api.login(organiserEmail()));
    p.navigate(url("/organise.html?lang=zh&event=" + eventId));
    assertThat(p.locator("li[data-competition-id='" + relay + "'] .comp-summary")).hasText("名额 12 · 裁判打分（如演讲、体操、跳水） · 团体，每队 4 人", TEXT);
    // On a phone the event picker gets the row's whole width under its label, not a cut half of it
    // (measured once the console shows: the lists fill while it is still hidden).
    assertThat(p.locator("#event-select")).isVisible(VISIBLE);
    double picker = ((Number) p.evaluate("document.getElementById('event-select').getBoundingClientRect().width")).doubleValue();
    assertTrue(picker >= 300, "the event picker is " + picker + " px wide on a 360 px phone");
    p.locator(".lang-toggle").click();
    assertThat(p.locator("li[data-competition-id='" + relay + "'] .comp-summary")).containsText("teams of 4", CONTAINS);
    p.context().close();
  }

  private static String organiserEmail() {
    return api.get("/api/v1/me", organiser).json().getString("email");
  }
}
