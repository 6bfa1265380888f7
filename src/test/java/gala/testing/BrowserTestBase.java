package gala.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import gala.Gala;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What most browser test classes share: one Gala node with an organiser and an event, one
 * Chromium, and a fresh context and page per test. A subclass calls {@link #startAll} from its
 * {@code @BeforeAll}.
 */
public abstract class BrowserTestBase {
  protected static final double WAIT_MS = 10_000;
  protected static final LocatorAssertions.HasAttributeOptions ATTR = new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS);
  protected static final LocatorAssertions.HasTextOptions TEXT = new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS);
  protected static final LocatorAssertions.ContainsTextOptions CONTAINS = new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT_MS);
  protected static final LocatorAssertions.IsVisibleOptions VISIBLE = new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS);
  protected static final LocatorAssertions.IsHiddenOptions HIDDEN = new LocatorAssertions.IsHiddenOptions().setTimeout(WAIT_MS);
  protected static final LocatorAssertions.HasCountOptions COUNT = new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS);

  protected static Gala gala;
  protected static Api api;
  protected static Playwright playwright;
  protected static Browser browser;
  protected static String organiser;
  protected static long eventId;
  protected BrowserContext context;
  protected Page page;
  /** Whether no journey has used the node {@link #startNode} started yet (see {@link #emptyGala}). */
  private static boolean untouched;

  /** Starts Gala (fresh database) and Chromium (with any extra switches). */
  protected static void startNode(String... chromiumArgs) {
    start(new String[0], chromiumArgs);
  }

  /** Starts Gala with these flags (fresh database) and Chromium. */
  protected static void startGalaWith(String... galaFlags) {
    start(galaFlags, new String[0]);
  }

  private static void start(String[] galaFlags, String[] chromiumArgs) {
    Chromium.require();
    gala = TestGala.start(galaFlags);
    api = new Api(gala.port());
    playwright = Playwright.create();
    browser = playwright.chromium().launch(Chromium.options(chromiumArgs));
    untouched = true;
  }

  /**
   * An empty Gala for a journey that starts from nothing: the node {@link #startNode} started the
   * first time, a fresh node on a fresh database every time after.
   */
  protected static void emptyGala() {
    if (!untouched) {
      TestGala.stop(gala);
      gala = TestGala.start();
      api = new Api(gala.port());
    }
    untouched = false;
  }

  /** Signs in on the page's sign-in form, with the password {@link Api#signup} gives every account. */
  protected static void signIn(Page page, String email) {
    page.locator("#email").fill(email);
    page.locator("#password").fill(Api.PASSWORD);
    page.locator("#signin-button").click();
  }

  /** {@link #startNode}, then an organiser and their event. */
  protected static void startAll(String eventTitle) {
    startNode();
    organiser = Api.token(api.signup("org-" + UUID.randomUUID() + "@example.com", "organiser"));
    eventId = api.createEvent(organiser, eventTitle);
  }

  @AfterAll
  static void stopAll() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    if (playwright != null) {
      playwright.close();
      playwright = null;
    }
    TestGala.stop(gala);
    gala = null;
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext();
    page = context.newPage();
  }

  @AfterEach
  void closePage() {
    if (context != null) {
      context.close();
    }
  }

  /**
   * Waits until the JavaScript expression {@code condition} is true in the page (at most WAIT_MS).
   * Playwright's waitForFunction compiles its predicate with eval, which Gala's Content-Security-Policy
   * refuses; this polls from a function Playwright calls directly, which the policy allows.
   */
  protected static void waitFor(Page page, String condition) {
    page.evaluate("([limit]) => new Promise((resolve, reject) => {"
        + " const t0 = Date.now();"
        + " const tick = () => { if (" + condition + ") resolve(true);"
        + " else if (Date.now() - t0 > limit) reject(new Error('timed out waiting for: ' + " + io.vertx.core.json.Json.encode(condition) + "));"
        + " else setTimeout(tick, 50); };"
        + " tick(); })", java.util.List.of(WAIT_MS));
  }

  /**
   * A page in a browser of its own, {@code width} x {@code height}, signed in as {@code session} (an
   * answer of sign-up or sign-in, kept where the pages keep it) or signed out (null).
   */
  protected static Page device(io.vertx.core.json.JsonObject session, int width, int height) {
    BrowserContext c = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
    if (session != null) {
      c.addInitScript("localStorage.setItem('gala.session', " + io.vertx.core.json.Json.encode(session.encode()) + ");");
    }
    return c.newPage();
  }

  /** A full-page screenshot into the directory -Dgala.screenshots names (none without it). */
  protected static void screenshot(Page page, String name) {
    String dir = System.getProperty("gala.screenshots");
    if (dir != null && !dir.isBlank()) {
      page.bringToFront(); // a background tab never paints, so its screenshot would wait forever
      page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Paths.get(dir, name)).setFullPage(true));
    }
  }

  protected static String url(String path) {
    return "http://127.0.0.1:" + gala.port() + path;
  }
}
