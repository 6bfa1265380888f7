package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An open page's live connection follows the session, as the person sees it: a page left open
 * outlives its short access token and keeps receiving its private updates (the connection renews
 * the token before the server would sign it out); a session ended elsewhere signs the open page
 * out at once, without any click, and the page says so in its language and offers to sign in.
 */
class LiveSignOutBrowserTest extends BrowserTestBase {
  static long competition;
  static long second;

  @BeforeAll
  static void start() {
    // Short access tokens, so the test sees a page outlive several of them.
    startGalaWith("--access-token-seconds=6");
    organiser = Api.token(api.signup("org-" + UUID.randomUUID() + "@live-signout.test", "organiser"));
    eventId = api.createEvent(organiser, "夜跑");
    competition = api.createJudgedCompetition(organiser, eventId, "五公里", 50, 1);
    second = api.createJudgedCompetition(organiser, eventId, "十公里", 50, 1);
  }

  private static void register(String token, long competitionId) {
    Api.Response r = api.post("/api/v1/competitions/" + competitionId + "/entries", token,
        new JsonObject().encode(), UUID.randomUUID().toString());
    assertEquals(201, r.status(), r.text());
  }

  /** My registrations open on this page, signed in with session (as after signing in). */
  private void openMyPage(JsonObject session, String lang) {
    page.navigate(url("/health"));
    page.evaluate("s => localStorage.setItem('gala.session', s)", session.encode());
    page.navigate(url("/my.html?lang=" + lang));
    assertThat(page.locator("#entries h2").first()).isVisible(VISIBLE);
  }

  @Test
  void aSessionEndedElsewhereSignsTheOpenPageOutAndSaysWhy() {
    for (String lang : List.of("zh", "en")) {
      String email = "runner-" + lang + "-" + UUID.randomUUID() + "@live-signout.test";
      api.signup(email, "participant");
      JsonObject session = api.login(email);
      register(Api.token(session), competition);
      openMyPage(session, lang);
      assertThat(page.locator("#entries h2")).hasText("五公里", TEXT);

      // The person signs this session out from another device.
      Api.Response out = api.post("/api/v1/auth/logout", null,
          new JsonObject().put("refreshToken", session.getString("refreshToken")));
      assertEquals(204, out.status(), out.text());

      String sentence = lang.equals("zh")
          ? "您已在此设备上退出登录（退出、修改密码或管理员操作），请重新登录。"
          : "You were signed out on this device (sign-out, password change or an administrator); please sign in again.";
      assertThat(page.locator("#signed-out-notice")).containsText(sentence, CONTAINS);
      assertThat(page.locator("#signed-out-notice a")).hasText(lang.equals("zh") ? "重新登录" : "Sign in again", TEXT);
      assertThat(page.locator("#signin-form")).isVisible(VISIBLE);
      assertThat(page.locator("gala-header .account-link.sign-in")).isVisible(VISIBLE);
      assertThat(page.locator("#entries h2")).hasCount(0, COUNT);
      assertEquals(null, page.evaluate("localStorage.getItem('gala.session')"), "the page forgot the session");

      page.locator("#signed-out-notice a").click();
      page.waitForURL("**/account.html?next=**");
    }
  }

  @Test
  void anOpenPageOutlivesItsAccessTokenAndKeepsItsLiveUpdates() {
    String email = "keeper-" + UUID.randomUUID() + "@live-signout.test";
    api.signup(email, "participant");
    JsonObject session = api.login(email);
    register(Api.token(session), competition);
    openMyPage(session, "en");
    assertThat(page.locator("#entries h2")).hasCount(1, COUNT);

    // Past the expiry of the token the page was opened with (and of the renewal after it).
    long exp = tokenExp(Api.token(session));
    page.evaluate("until => new Promise(resolve => setTimeout(resolve, Math.max(0, until - Date.now())))",
        (double) (exp * 1000 + 7000));

    // A change made elsewhere still reaches the page over its private topic.
    register(Api.token(api.login(email)), second);
    assertThat(page.locator("#entries h2")).hasCount(2, COUNT);
    assertThat(page.locator("#entries")).containsText("十公里", CONTAINS);
    assertThat(page.locator("#signed-out-notice")).hasCount(0);
    assertThat(page.locator("#whoami")).isVisible();
  }

  private static long tokenExp(String token) {
    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
        java.nio.charset.StandardCharsets.UTF_8);
    return new JsonObject(payload).getLong("exp");
  }
}
