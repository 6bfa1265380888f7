package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An event that is over, as a person sees it on a phone, in each language: its page says it ended and
 * offers no registering (a running one does), its registration page and its mixer's phone link say so
 * instead of a form, a registration sent just after the organiser ended the event is refused in words,
 * and the organiser is pointed to the entries desk to correct the record.
 */
class EndedEventBrowserTest extends BrowserTestBase {
  private String lang;

  @BeforeAll
  static void start() {
    startNode();
  }

  private String s(String zh, String en) {
    return "zh".equals(lang) ? zh : en;
  }

  /** The sentence of REGISTRATION_CLOSED for an event that ended on {@code endedOn}, computed as the page does. */
  private String endedSentence(String endedOn) {
    return s("赛事已于 " + endedOn + " 结束，不再接受报名。", "The event ended on " + endedOn + "; registration is closed.");
  }

  private Page phone(BrowserContext[] holder) {
    holder[0] = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
    return holder[0].newPage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"zh", "en"})
  void anEventThatIsOverOffersNoRegisteringAndSaysWhy(String language) {
    lang = language;
    Reg reg = new Reg(api);
    String orgEmail = "org-" + UUID.randomUUID() + "@ended.test";
    JsonObject orgSession = reg.signup(orgEmail, "organiser", null);
    String org = Api.token(orgSession);
    // Ended two days ago: a mixer night of yesterday is still open until 06:00 this morning (MixerNight).
    long ended = api.post("/api/v1/events", org, new JsonObject().put("title", "上周的运动会").put("startsOn", Dates.inDays(-4))
        .put("endsOn", Dates.inDays(-2))).json().getLong("id");
    long endedComp = reg.competition(org, ended, new JsonObject().put("name", "跳绳"));
    long endedMixer = api.post("/api/v1/events/" + ended + "/mixers", org, new JsonObject().put("title", "上周的交友会")
        .put("mode", "pairs").put("rounds", 1).put("roundSeconds", 300)).json().getLong("id");
    long live = api.createEvent(org, "本周的运动会");
    long liveComp = reg.competition(org, live, new JsonObject().put("name", "拔河"));
    String athleteEmail = "athlete-" + UUID.randomUUID() + "@ended.test";
    reg.signup(athleteEmail, "participant", Dates.aged(30));

    BrowserContext[] ctx = new BrowserContext[1];
    Page phone = phone(ctx);
    try {
      // The event page of the meet that is over: it says so, and no competition offers registering.
      phone.navigate(url("/event.html?event=" + ended + "&lang=" + lang));
      assertThat(phone.locator("#competitions li")).hasCount(1, COUNT);
      assertThat(phone.locator("#ev-ended")).isVisible(VISIBLE);
      assertThat(phone.locator("#ev-ended")).hasText(endedSentence(Dates.inDays(-2)), TEXT);
      assertThat(phone.locator("#competitions .register-link")).hasCount(0, COUNT);

      // A running event offers it, and says nothing of an end.
      phone.navigate(url("/event.html?event=" + live + "&lang=" + lang));
      assertThat(phone.locator("#competitions .register-link")).hasCount(1, COUNT);
      assertThat(phone.locator("#ev-ended")).isHidden(HIDDEN);
      assertThat(phone.locator("#competitions .register-link")).hasText(s("报名", "Register"), TEXT);

      // The registration page of the ended one (a link kept from before): the sentence, no form, no sign-in.
      phone.navigate(url("/register.html?competition=" + endedComp + "&lang=" + lang));
      assertThat(phone.locator("#message")).hasText(endedSentence(Dates.inDays(-2)), TEXT);
      assertThat(phone.locator("#register-form")).isHidden(HIDDEN);
      assertThat(phone.locator("#signin-form")).hasCount(0, COUNT);
      assertThat(phone.locator("#late-entry-link")).hasCount(0, COUNT);

      // The mixer night of the meet that is over: the phone link says so instead of offering sign-in.
      phone.navigate(url("/mixer.html?mixer=" + endedMixer + "&lang=" + lang));
      assertThat(phone.locator("#message")).hasText(s("交友会已于 " + Dates.inDays(-2) + " 结束，不再接受报名。",
          "This mixer ended on " + Dates.inDays(-2) + "; it takes no more sign-ups."), TEXT);
      assertThat(phone.locator("#signin")).isHidden(HIDDEN);
      assertThat(phone.locator("#join")).isHidden(HIDDEN);

      // Signed in on the running one's form while the organiser ends the event early: the server refuses,
      // the page says why, and nothing was entered.
      phone.navigate(url("/register.html?competition=" + liveComp + "&lang=" + lang));
      signIn(phone, athleteEmail);
      assertThat(phone.locator("#register-form")).isVisible(VISIBLE);
      Api.Response cut = reg.patch("/api/v1/events/" + live, org, new JsonObject().put("startsOn", Dates.inDays(-2))
          .put("endsOn", Dates.inDays(-2)));
      assertEquals(200, cut.status(), cut.text());
      phone.locator("#register-button").click();
      assertThat(phone.locator("#message")).hasText(endedSentence(Dates.inDays(-2)), TEXT);
      assertThat(phone.locator("#result")).isHidden(HIDDEN);
      assertEquals(0, reg.entries(liveComp, null).size(), "the refused registration stored nothing");
    } finally {
      ctx[0].close();
    }

    // The organiser, signed in after the meet, is shown where to correct the record.
    BrowserContext laptopContext = browser.newContext();
    try {
      laptopContext.addInitScript("localStorage.setItem('gala.session', " + io.vertx.core.json.Json.encode(orgSession.encode()) + ");");
      Page laptop = laptopContext.newPage();
      laptop.navigate(url("/register.html?competition=" + endedComp + "&lang=" + lang));
      assertThat(laptop.locator("#message")).hasText(endedSentence(Dates.inDays(-2)), TEXT);
      assertThat(laptop.locator("#late-entry-link")).isVisible(VISIBLE);
      assertThat(laptop.locator("#late-entry-link")).hasText(s("作为组织者，您仍可在报名管理中补录或更正报名。",
          "As an organiser you can still add or correct entries on the entries desk."), TEXT);
      assertThat(laptop.locator("#late-entry-link")).hasAttribute("href",
          Pattern.compile("/entries\\.html\\?competition=" + endedComp + "$"), ATTR);
      assertThat(laptop.locator("#register-form")).isHidden(HIDDEN);
    } finally {
      laptopContext.close();
    }
  }
}
