package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An organiser gives an athlete another bib at the door, in the browser (setEntryBib had no page):
 * the number in the row is a button that opens a small form; a number another athlete wears is
 * refused with that athlete's name, a number that is none with a sentence, on a phone and a laptop.
 */
class BibDeskBrowserTest extends BrowserTestBase {
  static JsonObject session;

  @BeforeAll
  static void start() {
    startNode();
    session = api.signup("org-" + UUID.randomUUID() + "@example.com", "organiser");
    organiser = Api.token(session);
    eventId = api.createEvent(organiser, "号码");
  }

  @Test
  void anOrganiserChangesABibOnAPhoneInChineseAndATakenNumberIsRefusedByName() {
    long comp = api.createJudgedCompetition(organiser, eventId, "跳远", 10, 1);
    long ann = api.registerAthlete(organiser, comp, "安娜", null);
    long bo = api.registerAthlete(organiser, comp, "博文", null);
    Page phone = device(session, 360, 740);
    phone.navigate(url("/entries.html?competition=" + comp + "&lang=zh"));
    Locator annRow = phone.locator("tr[data-entry-id='" + ann + "']");
    annRow.locator("button.bib-edit").click();
    annRow.locator("input.bib-input").fill("77");
    annRow.locator("button.bib-save").click();
    assertThat(phone.locator("#message")).hasText("安娜 的号码已改为 77。", TEXT);
    assertThat(annRow.locator("button.bib-edit")).hasText("77", TEXT);
    assertEquals(77, api.get("/api/v1/entries/" + ann, organiser).json().getInteger("bib"));

    Locator boRow = phone.locator("tr[data-entry-id='" + bo + "']");
    String before = boRow.locator("button.bib-edit").textContent();
    boRow.locator("button.bib-edit").click();
    boRow.locator("input.bib-input").fill("77");
    boRow.locator("button.bib-save").click();
    assertThat(phone.locator("#message")).hasText("该号码已分配给 安娜。", TEXT);
    screenshot(phone, "bib-refused-360-zh.png");
    boRow.locator("button.bib-cancel").click();
    assertThat(boRow.locator("button.bib-edit")).hasText(before, TEXT);
    assertEquals(360.0, ((Number) phone.evaluate("document.documentElement.scrollWidth")).doubleValue(), "no sideways scroll");
    phone.context().close();
  }

  @Test
  void onALaptopInEnglishANumberThatIsNoneIsRefusedBeforeAnythingIsSent() {
    long comp = api.createJudgedCompetition(organiser, eventId, "High jump", 10, 1);
    long cy = api.registerAthlete(organiser, comp, "Cy Park", null);
    Page laptop = device(session, 1920, 1080);
    laptop.navigate(url("/entries.html?competition=" + comp + "&lang=en"));
    Locator row = laptop.locator("tr[data-entry-id='" + cy + "']");
    row.locator("button.bib-edit").click();
    row.locator("input.bib-input").fill("0");
    row.locator("button.bib-save").click();
    assertThat(laptop.locator("#message")).hasText("A bib is a whole number from 1 to 999999.", TEXT);
    screenshot(laptop, "bib-refused-1920-en.png");
    // The filter card's buttons keep their whole English label inside the card.
    double overflow = ((Number) laptop.evaluate("(() => { const card = document.querySelector('.filters').getBoundingClientRect();"
        + " return Math.max(...[...document.querySelectorAll('.filters > button, .filters > .button')]"
        + ".map((b) => Math.max(b.getBoundingClientRect().right - card.right, b.scrollWidth - b.clientWidth))); })()")).doubleValue();
    assertTrue(overflow <= 0, "a filter button's label sticks out by " + overflow + " px");
    // Nobody waits: a sentence instead of an empty picker; no unit to filter or badge by in an event without units.
    assertThat(laptop.locator("#reorder-none")).hasText("Nobody is on the waitlist.", TEXT);
    assertThat(laptop.locator("#reorder-entry")).isHidden(HIDDEN);
    boolean units = !api.get("/api/v1/events/" + eventId + "/units", organiser).json().getJsonArray("items").isEmpty();
    assertEquals(units, laptop.locator("#filter-unit").isVisible(), "the unit filter is there exactly when the event has units");
    assertEquals(units, laptop.locator("#badges-unit").isVisible(), "per-unit badges are offered exactly when the event has units");
    row.locator("input.bib-input").fill("1234");
    row.locator("button.bib-save").click();
    assertThat(laptop.locator("#message")).hasText("Cy Park now wears bib 1234.", TEXT);
    assertThat(row.locator("button.bib-edit")).hasText("1234", TEXT);
    laptop.context().close();
  }
}
