package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A participant in the browser: registering while signed out leads through sign-up and back to
 * the same registration; the division's limits are on the form and a refusal names the rule with
 * the person's facts; the profile keeps gender and birth date once given; sign out from the header.
 */
class AccountBrowserTest extends BrowserTestBase {
  private static long competition;

  @BeforeAll
  static void start() {
    startAll("Account test meet");
    JsonObject format = new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 1)
        .put("min", 0).put("max", 10).put("decimals", 2);
    competition = api.post("/api/v1/events/" + eventId + "/competitions", organiser, new JsonObject().put("name", "青年演讲")
        .put("capacity", 10).put("format", format).put("divisions", new JsonArray()
            .add(new JsonObject().put("code", "Y").put("name", "青年组").put("minAge", 18).put("maxAge", 35)))).json().getLong("id");
  }

  @Test
  void aSignedOutParticipantSignsUpAndComesBackToTheRegistration() {
    page.navigate(url("/register.html?competition=" + competition + "&lang=en"));
    assertThat(page.locator("#comp-name")).hasText("青年演讲", TEXT);
    page.locator("#session .signup-link").click();
    // Where sign-up leads, in words, not as an address.
    assertThat(page.locator("#next-note")).hasText("After signing in you go back to: the registration page", TEXT);
    page.locator("#signup-name").fill("Wang Fang");
    page.locator("#signup-email").fill("wf-" + UUID.randomUUID() + "@example.cn");
    page.locator("#signup-password").fill("correct horse 9");
    page.locator("#signup-submit").click();

    // Back on the same registration, signed in; the division says who may enter.
    assertThat(page.locator("#comp-name")).hasText("青年演讲", TEXT);
    assertThat(page.locator("#register-form")).isVisible(VISIBLE);
    assertThat(page.locator("#division option[value=Y]")).hasText("青年组 (ages 18-35)", TEXT);
    page.locator("#gender").selectOption("F");
    page.locator("#birth-date").fill("1970-03-01");
    page.locator("#division").selectOption("Y");
    page.locator("#register-button").click();
    // The age rule, not a gender one; with the server's details once it sends them (front-api), else the rule alone.
    assertThat(page.locator("#message")).hasText(java.util.regex.Pattern.compile(
        "Wang Fang is 56 on the first day of the event; division 青年组 is 18-35\\.|The age does not fit this division\\."), TEXT);

    // The header knows who this is and what they may use; the profile has the facts given once.
    assertThat(page.locator("gala-header .account-name")).hasText("Wang Fang", TEXT);
    assertThat(page.locator("gala-header [data-nav=organise]")).isHidden(HIDDEN);
    page.navigate(url("/account.html?mode=profile&lang=zh"));
    page.locator("#profile-birth").fill("2999-01-01");
    page.locator("#profile-save").click();
    assertThat(page.locator("#message")).hasText("出生日期不能晚于今天。", TEXT);
    page.locator("#profile-gender").selectOption("F");
    page.locator("#profile-birth").fill("1998-03-01");
    page.locator("#profile-organisation").fill("市邮政局");
    page.locator("#profile-save").click();
    assertThat(page.locator("#message")).hasText("已保存。", TEXT);
    // Given once, they are the server's facts now: shown, not editable.
    assertThat(page.locator("#profile-gender")).isDisabled();
    assertThat(page.locator("#profile-birth")).hasValue("1998-03-01");
    page.navigate(url("/register.html?competition=" + competition + "&lang=en"));
    assertThat(page.locator("#profile-facts")).hasText("Gender and birth date come from your profile: Female, 1998-03-01. Profile", TEXT);
    page.locator("#register-button").click();
    assertThat(page.locator("#result")).hasAttribute("data-status", "CONFIRMED", ATTR);
    page.navigate(url("/account.html?mode=profile&lang=zh"));
    page.locator("#current-password").fill("wrong password");
    page.locator("#new-password").fill("another long one");
    page.locator("#password-save").click();
    assertThat(page.locator("#message")).hasText("当前密码不正确。", TEXT);

    page.locator("gala-header .account-menu summary").click();
    page.locator("gala-header .sign-out").click();
    assertThat(page.locator("gala-header .sign-in")).isVisible(VISIBLE);
  }
}
