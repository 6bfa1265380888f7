package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lost phone, in the browser: an admin signs the account out everywhere from the organiser
 * console, and the person's open page on the phone is signed out at once, saying why.
 * And a guessed password: the sign-in page says to wait after too many wrong attempts.
 */
class AccountSafetyBrowserTest extends BrowserTestBase {
  static final String ADMIN = "admin@safety.test";
  static final String PASSWORD = Api.PASSWORD;

  @BeforeAll
  static void start() {
    startGalaWith("--admin-email=" + ADMIN, "--admin-password=" + PASSWORD);
  }

  /** A page of this origin holding the session, as after signing in (set once, so the page may forget it). */
  private static Page signedIn(BrowserContext ctx, JsonObject session) {
    Page p = ctx.newPage();
    p.navigate(url("/health"));
    p.evaluate("s => localStorage.setItem('gala.session', s)", session.encode());
    return p;
  }

  @Test
  void anAdminSignsALostPhoneOutAndThePhoneSaysSo() {
    String email = "phone-owner@safety.test";
    api.signup(email, "participant");
    try (BrowserContext phoneCtx = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
            .setViewportSize(360, 740));
        BrowserContext laptopCtx = browser.newContext()) {
      // Signed up (one sign-in) and then signed in on the phone (a second).
      Page phone = signedIn(phoneCtx, api.login(email));
      phone.navigate(url("/account.html?mode=profile&lang=en"));
      assertThat(phone.locator("#profile-name")).hasValue("phone-owner");

      Page laptop = signedIn(laptopCtx, api.login(ADMIN));
      laptop.navigate(url("/organise.html?lang=en"));
      laptop.locator("#admin summary").click();
      laptop.locator("#signout-email").fill(email);
      laptop.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
          new Page.GetByRoleOptions().setName("Sign this account out everywhere")).click();
      assertThat(laptop.locator("#signout-result")).hasText(email + " is signed out on every device (sign-ins ended: 2).", TEXT);

      // The phone's open page hears it over its live connection and signs itself out at once,
      // before anyone can take another step on it, saying why.
      assertThat(phone.locator("#signed-out-notice")).containsText(
          "You were signed out on this device (sign-out, password change or an administrator); please sign in again.", CONTAINS);
      assertThat(phone.locator("#signin-form")).isVisible(VISIBLE);
      assertThat(phone.locator("#profile-name")).isHidden(HIDDEN);
      assertThat(phone.locator("#title")).hasText("Sign in", TEXT);
      assertEquals("phone-owner", api.get("/api/v1/me", Api.token(api.login(email))).json().getString("displayName"),
          "the signed-out phone changed nothing");
    }
  }

  @Test
  void tooManyWrongPasswordsAreToldToWait() {
    String email = "forgetful@safety.test";
    api.signup(email, "participant");
    page.navigate(url("/account.html?lang=en"));
    page.locator("#signin-email").fill(email);
    for (int i = 0; i < 5; i++) {
      page.locator("#signin-password").fill("wrong guess " + i);
      page.locator("#signin-submit").click();
      assertThat(page.locator("#message")).hasText("Wrong email or password.", TEXT);
      page.evaluate("document.getElementById('message').textContent = ''");
    }
    page.locator("#signin-password").fill(PASSWORD);
    page.locator("#signin-submit").click();
    assertThat(page.locator("#message")).hasText("Too many attempts; please try again in 15 min.", TEXT);
  }
}
