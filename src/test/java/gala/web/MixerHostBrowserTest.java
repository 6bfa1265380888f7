package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.Media;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host's seating plan in Chromium: it fills in live when a round starts, follows a move made on
 * the page and one made from another screen, says in words why a move is refused, ends the round
 * early, prints without the controls, and shows the tables on the projector view.
 */
class MixerHostBrowserTest extends BrowserTestBase {
  private static final double WAIT = 20_000;
  private static final LocatorAssertions.HasCountOptions N = new LocatorAssertions.HasCountOptions().setTimeout(WAIT);
  private static final LocatorAssertions.HasAttributeOptions A = new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT);
  private static final LocatorAssertions.ContainsTextOptions C = new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT);
  private static final LocatorAssertions.IsVisibleOptions V = new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT);
  private static final LocatorAssertions.IsHiddenOptions H = new LocatorAssertions.IsHiddenOptions().setTimeout(WAIT);

  @BeforeAll
  static void start() {
    startNode();
  }

  @Test
  void theHostsPlanFollowsARoundStartAndMovesLive() {
    String orgEmail = "host-" + UUID.randomUUID() + "@mixer.test";
    String host = Api.token(api.signup(orgEmail, "organiser"));
    long event = api.createEvent(host, "桌游交友夜");
    long mixer = api.post("/api/v1/events/" + event + "/mixers", host, new JsonObject().put("title", "桌游夜")
        .put("mode", "tables").put("tableSize", 3).put("rounds", 2).put("roundSeconds", 600)
        .put("minAge", 18).put("maxAge", 40)).json().getLong("id");
    List<Long> people = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      JsonObject p = api.signup("guest" + i + "-" + UUID.randomUUID() + "@mixer.test", "participant");
      people.add(Api.userId(p));
      names.add(p.getJsonObject("user").getString("displayName"));
      assertEquals(201, api.post("/api/v1/mixers/" + mixer + "/participants", Api.token(p),
          new JsonObject().put("birthDate", "1996-04-0" + (i + 1)).put("interests", new JsonArray().add("桌游")).encode(),
          UUID.randomUUID().toString()).status());
      assertEquals(200, api.post("/api/v1/mixers/" + mixer + "/checkins", host,
          new JsonObject().put("userId", Api.userId(p)).encode(), UUID.randomUUID().toString()).status());
    }

    try (BrowserContext laptop = browser.newContext()) {
      Page admin = laptop.newPage();
      admin.navigate(url("/mixer-admin.html?mixer=" + mixer + "&lang=zh"));
      admin.locator("#email").fill(orgEmail);
      admin.locator("#password").fill("correct horse 9");
      admin.locator("#signin-button").click();
      assertThat(admin.locator("#plan-empty")).isVisible(V);
      assertThat(admin.locator("#live-state")).hasAttribute("data-state", "live", A);

      // The round starts: the plan fills in without a reload, two tables of three, every name.
      admin.evaluate("window.__marker = 1");
      admin.locator("#start-round").click();
      assertThat(admin.locator("#plan .plan-table")).hasCount(2, N);
      assertThat(admin.locator("#plan .plan-person")).hasCount(6, N);
      assertThat(admin.locator("#plan-title")).containsText("第 1/2 轮", C);
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
      assertThat(admin.locator("#message")).containsText("第 " + to + " 桌已坐满（最多 4 人）", C);
      assertThat(admin.locator(".plan-person[data-user-id='" + second + "']")).hasAttribute("data-table", from, A);

      // Moved from another screen (a second host's tablet): the plan follows live.
      assertEquals(200, api.post("/api/v1/mixers/" + mixer + "/moves", host,
          new JsonObject().put("userId", Long.parseLong(second)).put("table", 0).encode(),
          UUID.randomUUID().toString()).status());
      Locator resting = admin.locator("#resting .plan-person[data-user-id='" + second + "']");
      assertThat(resting).isVisible(V);
      assertThat(resting).containsText("主持人安排休息", C);

      // Printed: the tables without the buttons.
      admin.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
      assertThat(admin.locator("#end-round")).isHidden(H);
      assertThat(admin.locator("#plan .plan-table").first()).isVisible(V);
      assertThat(admin.locator("#plan select.move").first()).isHidden(H);
      admin.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.SCREEN));

      // The projector view: large tables and names, nothing to click.
      Page projector = laptop.newPage();
      projector.setViewportSize(1920, 1080);
      projector.navigate(url("/mixer-admin.html?mixer=" + mixer + "&view=projector&lang=zh"));
      assertThat(projector.locator("#plan .plan-person")).hasCount(5, N);
      assertThat(projector.locator("#start-round")).isHidden(H);
      assertThat(projector.locator("#plan select.move").first()).isHidden(H);

      // Ended early from the page: the clock stops on both screens.
      admin.locator("#end-round").click();
      assertThat(admin.locator("#clock")).hasAttribute("data-open", "false", A);
      assertThat(projector.locator("#clock")).hasAttribute("data-open", "false", A);
      assertThat(admin.locator("#start-round")).isEnabled();
      assertEquals(1, ((Number) admin.evaluate("window.__marker")).intValue(), "the host's page never reloaded");
    }
  }
}
