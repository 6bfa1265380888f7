package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A unit's contact hands out a join link, an athlete joins with it and registers for that unit only;
 * when the contact takes them off the unit meanwhile, the register page says so in the page's language.
 */
class UnitMembershipBrowserTest extends BrowserTestBase {
  private final List<BrowserContext> more = new ArrayList<>();
  private final List<String> pageErrors = new ArrayList<>();

  @BeforeAll
  static void start() {
    startAll("市职工运动会");
  }

  @AfterEach
  void closeMore() {
    more.forEach(BrowserContext::close);
    more.clear();
    assertEquals(List.of(), pageErrors, "no script errors on the pages");
  }

  private Page person() {
    BrowserContext c = browser.newContext();
    more.add(c);
    Page p = c.newPage();
    p.onPageError(pageErrors::add);
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"zh", "en"})
  void anAthleteJoinsByTheContactsLinkAndRegistersForThatUnitOnly(String lang) {
    boolean zh = "zh".equals(lang);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String contactEmail = "contact-" + run + "@example.com";
    String athleteEmail = "athlete-" + run + "@example.com";
    String name = "athlete-" + run;
    api.signup(contactEmail, "participant");
    JsonObject athleteSession = api.signup(athleteEmail, "participant");
    String postal = (zh ? "市邮政局" : "Postal Bureau ") + run;
    long unit = api.post("/api/v1/events/" + eventId + "/units", organiser, new JsonObject().put("name", postal)
        .put("contactEmail", contactEmail)).json().getLong("id");
    api.createUnit(organiser, eventId, (zh ? "市教育局" : "Education Bureau ") + run);
    long comp = api.post("/api/v1/events/" + eventId + "/competitions", organiser, new JsonObject().put("name", "跳绳 " + run)
        .put("capacity", 10).put("format", new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 1)
            .put("min", 0).put("max", 10).put("decimals", 2))).json().getLong("id");

    // The contact makes a join code on the units page and sees the code and its link.
    Page contact = person();
    contact.navigate(url("/units.html?lang=" + lang));
    signIn(contact, contactEmail);
    Locator card = contact.locator(".unit-card[data-unit-id='" + unit + "']");
    assertThat(card.locator(".unit-roles")).hasText(zh ? "您是本单位联系人" : "You are this unit's contact", TEXT);
    assertThat(card.locator(".no-members")).isVisible(VISIBLE);
    card.locator(".make-code").click();
    assertThat(card.locator(".new-code .big-code")).isVisible(VISIBLE);
    String link = card.locator(".new-code .join-link").getAttribute("href");
    assertThat(card.locator(".join-code")).hasCount(1, COUNT);

    // The athlete opens the link, signs in and joins.
    Page athlete = person();
    athlete.navigate(url(link + "&lang=" + lang));
    signIn(athlete, athleteEmail);
    athlete.locator("#join-button").click();
    assertThat(athlete.locator("#join-result")).hasText(zh ? "您已加入“市职工运动会”的“" + postal + "”。"
        : "You joined " + postal + " of \"市职工运动会\".", TEXT);
    assertThat(athlete.locator(".unit-card .unit-roles")).hasText(zh ? "您是本单位成员" : "You are a member of this unit", TEXT);

    // A wrong code: the page says so in its language, and nothing changes.
    athlete.locator("#join-code").fill("ZZZZ-ZZZZ");
    athlete.locator("#join-button").click();
    assertThat(athlete.locator("#message")).hasText(zh ? "没有这个入队邀请码，请核对后重新输入。"
        : "There is no such unit join code; check it and type it again.", TEXT);
    assertThat(athlete.locator(".unit-card")).hasCount(1, COUNT);

    // The contact sees the new member.
    contact.reload();
    assertThat(card.locator(".member .member-name")).hasText(name, TEXT);

    // The register form offers their unit and nothing else.
    athlete.navigate(url("/register.html?competition=" + comp + "&lang=" + lang));
    Locator select = athlete.locator("#unit");
    assertThat(select.locator("option")).hasCount(1, COUNT);
    assertThat(select.locator("option")).hasText(postal, TEXT);
    assertThat(select).isDisabled();

    // Meanwhile the contact takes them off the unit: the register page shows the refusal.
    Locator member = card.locator(".member[data-user-id='" + Api.userId(athleteSession) + "']");
    member.locator(".remove-member").click();
    contact.locator("dialog[open] button.confirm").click();
    assertThat(card.locator(".no-members")).isVisible(VISIBLE);
    athlete.locator("#register-button").click();
    assertThat(athlete.locator("#message")).hasText(zh
        ? "您不是「" + postal + "」的成员，不能代表该单位报名。请向单位联系人索取入队邀请码加入单位。"
        : "You are not a member of " + postal + ", so you cannot register for it. Ask its contact for a join code and join the unit first.",
        TEXT);
    assertThat(athlete.locator("#result")).isHidden(HIDDEN);
    JsonArray entries = api.get("/api/v1/competitions/" + comp + "/entries", organiser).json().getJsonArray("items");
    assertEquals(0, entries.size(), "the refused registration wrote nothing");

    // Back in the unit (the contact adds them by e-mail), they register for it.
    contact.locator(".unit-card[data-unit-id='" + unit + "'] .member-email").fill(athleteEmail);
    contact.locator(".unit-card[data-unit-id='" + unit + "'] .add-member button").click();
    assertThat(card.locator(".member .member-name")).hasText(name, TEXT);
    athlete.reload();
    assertThat(athlete.locator("#unit option")).hasText(postal, TEXT);
    athlete.locator("#register-button").click();
    assertThat(athlete.locator("#result")).hasAttribute("data-status", "CONFIRMED", ATTR);
    entries = api.get("/api/v1/competitions/" + comp + "/entries", organiser).json().getJsonArray("items");
    assertEquals(1, entries.size());
    assertEquals(unit, entries.getJsonObject(0).getLong("unitId"));
  }
}
