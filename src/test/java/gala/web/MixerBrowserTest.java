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
import gala.testing.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mixer pages in headless Chromium: the organiser checks people in, runs a round with its
 * clock and ends it early; a participant signs up, joins, checks in, sees their partner live, ticks a like, sees
 * the mutual match with the contact the partner chose to share, and rates the evening.
 */
class MixerBrowserTest extends BrowserTestBase {
  private static final double WAIT_MS = 15_000;
  private static final LocatorAssertions.HasAttributeOptions ATTR = new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.HasTextOptions TEXT = new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.ContainsTextOptions CONTAINS = new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT_MS);
  private static final LocatorAssertions.IsVisibleOptions VISIBLE = new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS);


  @BeforeAll
  static void start() {
    startNode();
  }

  @Test
  void organiserRunsARoundAndAParticipantSeesTheirPartnerLiveThenAMutualMatch() {
    String orgEmail = "org-" + UUID.randomUUID() + "@mixer.test";
    String organiser = Api.token(api.signup(orgEmail, "organiser"));
    long event = api.createEvent(organiser, "青年联谊会");
    JsonObject created = api.post("/api/v1/events/" + event + "/mixers", organiser, new JsonObject()
        .put("title", "周五交友夜").put("mode", "pairs").put("rounds", 1).put("roundSeconds", 600)
        .put("minAge", 18).put("maxAge", 40)).json();
    long mixer = created.getLong("id");
    JsonObject bee = api.signup("bee-" + UUID.randomUUID() + "@mixer.test", "participant");
    String beeName = bee.getJsonObject("user").getString("displayName");
    assertEquals(201, api.post("/api/v1/mixers/" + mixer + "/participants", Api.token(bee),
        new JsonObject().put("birthDate", Dates.aged(29)).put("interests", new JsonArray().add("hiking"))
            .put("contact", "wechat:bee").encode(), UUID.randomUUID().toString()).status());
    assertEquals(200, api.post("/api/v1/mixers/" + mixer + "/checkins", Api.token(bee), "{}",
        UUID.randomUUID().toString()).status());

    try (BrowserContext orgContext = browser.newContext(); BrowserContext phoneContext = browser.newContext()) {
      Page admin = orgContext.newPage();
      admin.navigate(url("/mixer-admin.html?mixer=" + mixer + "&lang=zh"));
      signIn(admin, orgEmail);
      assertThat(admin.locator("#clock")).hasText("尚未开始", TEXT);
      assertThat(admin.locator("#live-state")).hasAttribute("data-state", "live", ATTR);

      Page phone = phoneContext.newPage();
      phone.navigate(url("/mixer.html?mixer=" + mixer + "&lang=en"));
      assertThat(phone.locator("#page-title")).hasText("Youth mixer", TEXT);
      phone.locator(".lang-toggle").click();
      assertThat(phone.locator("#page-title")).hasText("青年交友会", TEXT);
      phone.locator(".lang-toggle").click();
      assertThat(phone.locator("#page-title")).hasText("Youth mixer", TEXT);
      String annEmail = "ann-" + UUID.randomUUID() + "@mixer.test";
      phone.locator("#toggle-signup").click();
      // The form says it signs up now, and offers the way back to signing in.
      assertThat(phone.locator("#signin-title")).hasText("Sign up", TEXT);
      assertThat(phone.locator("#toggle-signup")).hasText("Have an account? Sign in", TEXT);
      phone.locator("#email").fill(annEmail);
      phone.locator("#password").fill("a long password 1");
      phone.locator("#display-name").fill("Ann");
      phone.locator("#signin-button").click();
      assertThat(phone.locator("#join-form")).isVisible(VISIBLE);
      phone.locator("#birth-date").fill(Dates.aged(27));
      phone.locator("#interests").fill("hiking, films");
      phone.locator("#join-button").click();
      assertThat(phone.locator("#check-in")).isVisible(VISIBLE);
      phone.locator("#check-in").click();
      assertThat(phone.locator("#checked-in")).isVisible(VISIBLE);
      phone.evaluate("window.__marker = 1");

      // The organiser's door list follows the check-ins live.
      assertThat(admin.locator("#participants li[data-checked-in='true']")).hasCount(2,
          new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
      admin.locator("#start-round").click();
      assertThat(admin.locator("#clock")).hasAttribute("data-open", "true", ATTR);
      assertThat(admin.locator("#clock")).containsText("第 1/1 轮", CONTAINS);

      // The phone shows the partner without a reload, then the host ends the round early.
      assertThat(phone.locator("#seat-line")).hasText("Your partner this round", TEXT);
      assertThat(phone.locator("#with li")).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
      assertThat(phone.locator("#with li").first()).containsText(beeName, CONTAINS);
      assertThat(phone.locator("#clock")).containsText("left", CONTAINS);
      admin.locator("#end-round").click();
      assertThat(admin.locator("#clock")).hasAttribute("data-open", "false", ATTR);
      assertThat(phone.locator("#clock")).hasText("All rounds are over", TEXT);

      long annId = ((Number) phone.evaluate("JSON.parse(localStorage.getItem('gala.session')).user.id")).longValue();
      assertEquals(200, api.post("/api/v1/mixers/" + mixer + "/likes", Api.token(bee),
          new JsonObject().put("likes", new JsonArray().add(annId)).encode(), UUID.randomUUID().toString()).status());
      Locator beeBox = phone.locator("#met li[data-user-id='" + Api.userId(bee) + "'] input");
      assertThat(beeBox).isVisible(VISIBLE);
      beeBox.check();
      phone.locator("#save-likes").click();
      Locator match = phone.locator("#matches li[data-user-id='" + Api.userId(bee) + "']");
      assertThat(match).containsText(beeName, CONTAINS);
      assertThat(match.locator(".contact")).hasText("wechat:bee", TEXT);
      assertEquals(1, ((Number) phone.evaluate("window.__marker")).intValue(), "the phone page never reloaded");

      // After the evening: Ann rates it; the organiser sees the aggregate and the comment, not who.
      assertThat(phone.locator("#rate-card")).isVisible(VISIBLE);
      phone.locator("#rate-form input[name=stars][value='4']").check();
      phone.locator("#rate-comment").fill("Lovely evening");
      phone.locator("#rate-button").click();
      assertThat(phone.locator("#rate-done")).isVisible(VISIBLE);

      admin.reload();
      assertThat(admin.locator("#ratings-summary")).hasText("平均 4 分（1 人评分）", TEXT);
      assertThat(admin.locator("#ratings-comments")).containsText("Lovely evening", CONTAINS);
      assertThat(admin.locator("#ratings-comments")).not().containsText("Ann");
      assertThat(admin.locator("#stat-matches")).containsText("互相喜欢：1 对", CONTAINS);
      assertThat(admin.locator("#stat-meetings")).containsText("新认识：1 对", CONTAINS);
    }
  }

  @Test
  void organiserCreatesAMixerFromThePage() {
    String orgEmail = "org2-" + UUID.randomUUID() + "@mixer.test";
    String organiser = Api.token(api.signup(orgEmail, "organiser"));
    long event = api.createEvent(organiser, "读书会之夜");
    try (BrowserContext context = browser.newContext()) {
      Page admin = context.newPage();
      admin.navigate(url("/mixer-admin.html?event=" + event + "&lang=en"));
      assertThat(admin.locator("#page-title")).hasText("Run a mixer", TEXT);
      signIn(admin, orgEmail);
      admin.locator("#create-card summary").click();
      admin.locator("#m-title").fill("Book tables");
      admin.locator("#m-mode").selectOption("tables");
      admin.locator("#m-size").fill("5");
      admin.locator("#m-rounds").fill("3");
      admin.locator("#m-seconds").fill("300");
      admin.locator("#m-balance").check();
      admin.locator("#create-button").click();
      assertThat(admin.locator("#clock")).hasText("Not started yet", TEXT);
      assertThat(admin.locator("#participants-title")).hasText("Participants (0/0 checked in)", TEXT);
      JsonObject mixer = api.get("/api/v1/events/" + event + "/mixers", null).json().getJsonArray("items").getJsonObject(0);
      assertEquals("Book tables", mixer.getString("title"));
      assertEquals("tables", mixer.getString("mode"));
      assertEquals(5, mixer.getInteger("tableSize"));
      assertEquals(3, mixer.getInteger("rounds"));
      assertEquals(300, mixer.getInteger("roundSeconds"));
      assertEquals(true, mixer.getBoolean("genderBalance"));
      admin.locator(".lang-toggle").click();
      assertThat(admin.locator("#clock")).hasText("尚未开始", TEXT);
    }
  }
}
