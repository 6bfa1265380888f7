package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.Media;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host's seating plan in Chromium, in Chinese and in English: it fills in live when a round
 * starts, follows a move made on the page and one made from another screen, says in words why a move
 * is refused, ends the round early and prints without the controls; the hall's projector
 * (display.html, no sign-in) shows the tables with public names only and follows the same moves.
 */
class MixerHostBrowserTest extends BrowserTestBase {
  private static final double WAIT = 20_000;
  private static final LocatorAssertions.HasCountOptions N = new LocatorAssertions.HasCountOptions().setTimeout(WAIT);
  private static final LocatorAssertions.HasAttributeOptions A = new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT);
  private static final LocatorAssertions.HasTextOptions T = new LocatorAssertions.HasTextOptions().setTimeout(WAIT);
  private static final LocatorAssertions.ContainsTextOptions C = new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT);
  private static final LocatorAssertions.IsVisibleOptions V = new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT);
  private static final LocatorAssertions.IsHiddenOptions H = new LocatorAssertions.IsHiddenOptions().setTimeout(WAIT);

  @BeforeAll
  static void start() {
    startNode();
  }

  @ParameterizedTest
  @ValueSource(strings = {"zh", "en"})
  void theHostsPlanFollowsARoundStartAndMovesLive(String lang) {
    boolean zh = "zh".equals(lang);
    String orgEmail = "host-" + UUID.randomUUID() + "@mixer.test";
    String host = Api.token(api.signup(orgEmail, "organiser"));
    long event = api.createEvent(host, "桌游交友夜");
    long mixer = api.post("/api/v1/events/" + event + "/mixers", host, new JsonObject().put("title", "桌游夜")
        .put("mode", "tables").put("tableSize", 3).put("rounds", 2).put("roundSeconds", 600)
        .put("minAge", 18).put("maxAge", 40)).json().getLong("id");
    List<Long> people = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String name = "Guest" + i + " " + SURNAMES[i];
      Api.Response signup = api.post("/api/v1/auth/signup", null, new JsonObject()
          .put("email", "guest" + i + "-" + UUID.randomUUID() + "@mixer.test").put("password", "correct horse 9")
          .put("displayName", name).put("role", "participant"));
      assertEquals(201, signup.status(), signup.text());
      JsonObject p = signup.json();
      people.add(Api.userId(p));
      names.add(name);
      assertEquals(201, api.post("/api/v1/mixers/" + mixer + "/participants", Api.token(p),
          new JsonObject().put("birthDate", LocalDate.parse(Dates.aged(30)).minusDays(i).toString()).put("interests", new JsonArray().add("桌游")).encode(),
          UUID.randomUUID().toString()).status());
      assertEquals(200, api.post("/api/v1/mixers/" + mixer + "/checkins", host,
          new JsonObject().put("userId", Api.userId(p)).encode(), UUID.randomUUID().toString()).status());
    }

    try (BrowserContext laptop = browser.newContext()) {
      Page admin = laptop.newPage();
      admin.navigate(url("/mixer-admin.html?mixer=" + mixer + "&lang=" + lang));
      signIn(admin, orgEmail);
      assertThat(admin.locator("#plan-empty")).isVisible(V);
      assertThat(admin.locator("#live-state")).hasAttribute("data-state", "live", A);

      // The round starts: the plan fills in without a reload, two tables of three, every name.
      admin.evaluate("window.__marker = 1");
      admin.locator("#start-round").click();
      assertThat(admin.locator("#plan .plan-table")).hasCount(2, N);
      assertThat(admin.locator("#plan .plan-person")).hasCount(6, N);
      assertThat(admin.locator("#plan-title")).containsText(zh ? "第 1/2 轮" : "round 1/2", C);
      for (String name : names) {
        assertThat(admin.locator("#plan")).containsText(name, C);
      }

      // Moved on the page: the person's row goes to the other table.
      Locator first = admin.locator("#plan .plan-table").first();
      String mover = first.locator(".plan-person").first().getAttribute("data-user-id");
      String from = first.getAttribute("data-table");
      String to = admin.locator("#plan .plan-table").nth(1).getAttribute("data-table");
      admin.locator(".plan-person[data-user-id='" + mover + "'] select.move").selectOption(to);
      assertThat(admin.locator("#plan .plan-table[data-table='" + to + "'] .plan-person[data-user-id='" + mover + "']"))
          .isVisible(V);
      assertThat(admin.locator("#plan .plan-table[data-table='" + to + "'] .plan-person")).hasCount(4, N);

      // A refused move is told in words, and nothing moves.
      String second = first.locator(".plan-person").first().getAttribute("data-user-id");
      admin.locator(".plan-person[data-user-id='" + second + "'] select.move").selectOption(to);
      assertThat(admin.locator("#message")).containsText(zh ? "第 " + to + " 桌已坐满（最多 4 人）"
          : "Table " + to + " is full (at most 4 people).", C);
      assertThat(admin.locator(".plan-person[data-user-id='" + second + "']")).hasAttribute("data-table", from, A);

      // Moved from another screen (a second host's tablet): the plan follows live.
      assertEquals(200, api.post("/api/v1/mixers/" + mixer + "/moves", host,
          new JsonObject().put("userId", Long.parseLong(second)).put("table", 0).encode(),
          UUID.randomUUID().toString()).status());
      Locator resting = admin.locator("#resting .plan-person[data-user-id='" + second + "']");
      assertThat(resting).isVisible(V);
      assertThat(resting).containsText(zh ? "主持人安排休息" : "Resting, moved by the host", C);

      // Printed: the tables without the buttons.
      admin.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
      assertThat(admin.locator("#end-round")).isHidden(H);
      assertThat(admin.locator("#plan .plan-table").first()).isVisible(V);
      assertThat(admin.locator("#plan select.move").first()).isHidden(H);
      admin.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));

      // The hall's projector: display.html without signing in, opened from the host's link; table
      // cards with first names and initials only, and the person the host sent to rest listed so.
      String projectorLink = admin.locator("#project-plan").getAttribute("href");
      assertTrue(projectorLink.startsWith("/display.html?event=" + event + "&mixer=" + mixer), projectorLink);
      try (BrowserContext hall = browser.newContext()) {
        Page projector = hall.newPage();
        projector.setViewportSize(1920, 1080);
        projector.navigate(url(projectorLink + "&lang=" + lang));
        assertThat(projector.locator("#sb-name")).hasText("桌游夜", T);
        assertThat(projector.locator("#mixer-tables .mixer-table")).hasCount(2, N);
        assertThat(projector.locator("#mixer-tables .mixer-table[data-table='" + to + "'] li")).hasCount(4, N);
        assertThat(projector.locator("#mixer-tables .mixer-table[data-table='" + to + "'] h2"))
            .hasText(zh ? "第 " + to + " 桌" : "Table " + to, T);
        String secondName = names.get(people.indexOf(Long.parseLong(second)));
        String publicName = secondName.substring(0, secondName.indexOf(' ')) + " " + secondName.charAt(secondName.indexOf(' ') + 1) + ".";
        assertThat(projector.locator("#mixer-resting")).containsText(publicName, C);
        assertThat(projector.locator("#mixer-resting")).containsText(zh ? "本轮休息" : "Resting this round", C);
        for (String name : names) {
          assertThat(projector.locator("#mixer-board")).not().containsText(name.substring(name.indexOf(' ')));
        }
        assertThat(projector.locator("#sb-round")).containsText(zh ? "第 1/2 轮" : "Round 1 of 2", C);

        // The host brings the rested person back to a table: the hall sees it without a reload.
        projector.evaluate("window.__marker = 1");
        admin.locator(".plan-person[data-user-id='" + second + "'] select.move").selectOption(from);
        assertThat(projector.locator("#mixer-tables .mixer-table[data-table='" + from + "']")).containsText(publicName, C);
        assertThat(projector.locator("#mixer-resting")).isHidden(H);

        // Printed from the hall's page: every table, without the page's buttons.
        projector.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        assertThat(projector.locator("#start-display")).isHidden(H);
        assertThat(projector.locator("#mixer-tables .mixer-table").first()).isVisible(V);
        projector.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));

        // A second projector whose own clock is 25 minutes fast (a hall PC nobody set): the round of
        // ten minutes still counts down by the server's clock; by its own it would say 0:00 left.
        try (BrowserContext fast = browser.newContext()) {
          Page wrongClock = fast.newPage();
          wrongClock.setViewportSize(1920, 1080);
          wrongClock.clock().setFixedTime(System.currentTimeMillis() + 25 * 60_000L);
          wrongClock.navigate(url(projectorLink + "&lang=" + lang));
          assertThat(wrongClock.locator("#mixer-tables .mixer-table")).hasCount(2, N);
          assertThat(wrongClock.locator("#sb-round")).containsText(Pattern.compile("(^|\\D)([1-9]|10):[0-5]\\d"), C);
          assertThat(wrongClock.locator("#sb-round")).containsText(zh ? "剩余" : "left", C);
        }

        // Ended early from the page: the clock stops on the host's screen, the hall's board waits.
        admin.locator("#end-round").click();
        assertThat(admin.locator("#clock")).hasAttribute("data-open", "false", A);
        assertThat(projector.locator("#mixer-waiting")).isVisible(V);
        assertThat(projector.locator("#mixer-tables .mixer-table")).hasCount(0, N);
        assertEquals(1, ((Number) projector.evaluate("window.__marker")).intValue(), "the hall's page never reloaded");
      }
      assertThat(admin.locator("#start-round")).isEnabled();
      assertEquals(1, ((Number) admin.evaluate("window.__marker")).intValue(), "the host's page never reloaded");
    }
  }

  private static final String[] SURNAMES = {"Zhang", "Wang", "Li", "Zhao", "Chen", "Liu"};
}
