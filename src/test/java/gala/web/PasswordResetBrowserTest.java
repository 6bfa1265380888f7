package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The forgotten-password path in the browser: an administrator makes a one-time reset code in the
 * console and hands it over; the person types it (in any case, with a dash) under "Forgotten your
 * password?" and is signed in with the new password. A wrong code is said in words.
 */
class PasswordResetBrowserTest extends BrowserTestBase {
  private static final String ADMIN = "root@reset.test";

  @BeforeAll
  static void start() {
    startGalaWith("--admin-email=" + ADMIN, "--admin-password=admin password 1");
  }

  @Test
  void anAdministratorsResetCodeLetsThePersonChooseANewPassword() {
    String email = "forgot-" + UUID.randomUUID() + "@example.cn";
    api.signup(email, "participant");

    // The administrator signs in and makes the code in the console.
    page.navigate(url("/account.html?mode=signin&lang=en"));
    page.locator("#signin-email").fill(ADMIN);
    page.locator("#signin-password").fill("admin password 1");
    page.locator("#signin-submit").click();
    page.waitForURL("**/organise.html**", new Page.WaitForURLOptions().setTimeout(WAIT_MS));
    page.locator("#admin summary").click();
    page.locator("#admin #reset-email").fill(email);
    page.locator("#reset-create").click();
    assertThat(page.locator("#reset-result")).containsText("Reset code for " + email + ": ", CONTAINS);
    Matcher m = Pattern.compile(": (\\S+) \\(valid until").matcher(page.locator("#reset-result").textContent());
    assertTrue(m.find(), "the console shows the code");
    String code = m.group(1);
    page.locator("gala-header .account-menu summary").click();
    page.locator("gala-header .sign-out").click();
    assertThat(page.locator("gala-header .sign-in")).isVisible(VISIBLE);

    // The person, on their own phone, in Chinese.
    Page phone = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(390, 844)).newPage();
    phone.navigate(url("/account.html?mode=signin&lang=zh"));
    phone.locator("[data-goto=forgot]").click();
    phone.locator("#reset-email").fill(email);
    phone.locator("#reset-code").fill("ZZZZZZZZZZ");
    phone.locator("#reset-password").fill("a brand new password");
    phone.locator("#reset-submit").click();
    assertThat(phone.locator("#message")).hasText("重置码无效或已过期，请向管理员重新索取。", TEXT);
    phone.locator("#reset-code").fill(code.toLowerCase().substring(0, 5) + "-" + code.toLowerCase().substring(5));
    phone.locator("#reset-submit").click();
    assertThat(phone.locator("gala-header .account-name")).hasText(email.substring(0, email.indexOf('@')), TEXT);
    phone.context().close();
  }
}
