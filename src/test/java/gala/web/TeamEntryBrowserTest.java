package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
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
 * A unit's contact enters a team on a 375 px phone: the form names its columns (name, gender, birth
 * date) for every member, a member left without a name is refused with a sentence, and the team is
 * entered for the contact's unit; in Chinese and in English.
 */
class TeamEntryBrowserTest extends BrowserTestBase {

  @BeforeAll
  static void start() {
    startAll("全市职工运动会");
  }

  @Test
  void aUnitContactEntersATeamOfTwoOnAPhone() {
    String contactEmail = "contact-" + UUID.randomUUID() + "@example.com";
    JsonObject contact = api.signup(contactEmail, "participant");
    long unit = api.post("/api/v1/events/" + eventId + "/units", organiser,
        new JsonObject().put("name", "市电力局").put("contactEmail", contactEmail)).json().getLong("id");
    JsonObject format = new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 1)
        .put("min", 0).put("max", 10).put("decimals", 2);
    long tug = api.post("/api/v1/events/" + eventId + "/competitions", organiser, new JsonObject().put("name", "拔河")
        .put("capacity", 8).put("entryType", "team").put("teamSize", 2).put("format", format)).json().getLong("id");

    BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(375, 800));
    phone.addInitScript("localStorage.setItem('gala.session', " + Json.encode(contact.encode()) + ");");
    Page p = phone.newPage();
    p.navigate(url("/register.html?lang=zh&competition=" + tug));
    assertThat(p.locator("#unit")).hasValue(String.valueOf(unit));
    assertThat(p.locator("#members .member-head")).hasText("姓名性别出生日期", TEXT);
    Locator members = p.locator("#members .member:not(.member-head)");
    assertThat(members).hasCount(2, COUNT);
    assertEquals(375.0, ((Number) p.evaluate("document.documentElement.scrollWidth")).doubleValue(), "no sideways scroll");
    // Each column title sits above its field.
    double genderTitle = p.locator("#members .member-head span").nth(1).boundingBox().x;
    double genderField = members.first().locator(".member-gender").boundingBox().x;
    assertTrue(Math.abs(genderTitle - genderField) < 2, "the gender title above the gender field");

    p.locator("#team-name").fill("电力一队");
    members.nth(0).locator(".member-name").fill("王强");
    members.nth(0).locator(".member-gender").selectOption("M");
    members.nth(0).locator(".member-birth").fill("1990-04-01");
    p.locator("#register-button").click();
    assertThat(p.locator("#message")).isVisible(VISIBLE);
    assertTrue(!p.locator("#message").textContent().isBlank() && !p.locator("#message").textContent().matches(".*[A-Z_]{6,}.*"),
        "a sentence, not a code: " + p.locator("#message").textContent());
    assertEquals(0, api.get("/api/v1/competitions/" + tug + "/entries", organiser).json().getJsonArray("items").size());

    members.nth(1).locator(".member-name").fill("刘伟");
    members.nth(1).locator(".member-gender").selectOption("M");
    members.nth(1).locator(".member-birth").fill("1988-09-12");
    p.locator("#register-button").click();
    assertThat(p.locator("#result")).containsText("电力一队", CONTAINS);
    assertThat(p.locator("#result")).containsText("已确认参赛", CONTAINS);

    // In English the columns say so too.
    p.locator(".lang-toggle").click();
    assertThat(p.locator("#members .member-head")).hasText("NameGenderBirth date", TEXT);
    phone.close();
  }
}
