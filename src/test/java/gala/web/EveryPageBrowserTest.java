package gala.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every page owes a person, checked in real Chromium: every error code the server can answer
 * reads as a sentence in both languages (never the server's English or a JSON pointer); every page
 * in web/ fits a 360 px phone in both languages (no element wider than the screen, buttons keep
 * their words on one line, tap targets at least 44 px); and axe-core finds no critical or serious
 * accessibility violation on any page at a tablet's size, in both languages, signed in and signed out.
 */
class EveryPageBrowserTest extends BrowserTestBase {
  /** UPPER_SNAKE string literals in src/main/java that are not error codes (statuses, kinds, names). */
  private static final Set<String> NOT_CODES = Set.of(
      "CONFIRMED", "WAITLISTED", "WITHDRAWN", "CHECKED_IN", "PENDING", "PROVISIONAL", "OFFICIAL", "VALUE",
      "DONE", "RUNNING", "FAILED", "DOWN", "POST", "PNG", "ES256", "EXISTS", "MALE", "FEMALE",
      "HIDE", "RELEASE", "PUBLISH", "CHECK", "SCORE", "CORRECTION", "OPEN", "FINISHED", "BETWEEN_ROUNDS",
      "ROUND_RUNNING", "NOT_STARTED", "DISABLED", "DENY", "JOINING",
      // attempt results and audit kinds, not error codes
      "DNF", "DNS", "DECLARATION",
      // SQL statements (gala.platform.GroupCommit)
      "BEGIN", "COMMIT", "ROLLBACK");
  private static final Pattern LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\"");

  private static final double PHONE = 360;
  private static String session;
  private static final java.util.Map<String, String> QUERY = new java.util.HashMap<>();

  @BeforeAll
  static void start() {
    startNode();
    JsonObject org = api.signup("scan-" + java.util.UUID.randomUUID() + "@example.com", "organiser");
    session = org.encode();
    String token = Api.token(org);
    eventId = api.post("/api/v1/events", token, new JsonObject().put("title", "全市职工运动会（测试页面）")
        .put("startsOn", Dates.inDays(-1))
        .put("endsOn", Dates.inDays(1)).put("venue", "市体育中心")).json().getLong("id");
    long unit = api.createUnit(token, eventId, "市邮政局");
    long judged = api.createJudgedCompetition(token, eventId, "演讲比赛《劳动最光荣》", 20, 3);
    api.registerAthlete(token, judged, "王芳", unit);
    api.registerAthlete(token, judged, "Alexandra Konstantinopoulou-Smithfield", unit);
    long h2h = api.post("/api/v1/events/" + eventId + "/competitions", token, new JsonObject().put("name", "乒乓球男子单打")
        .put("capacity", 8).put("format", new JsonObject().put("type", "head_to_head"))).json().getLong("id");
    api.registerAthlete(token, h2h, "李强", unit);
    long mixer = api.post("/api/v1/events/" + eventId + "/mixers", token, new JsonObject().put("title", "青年交友会")
        .put("mode", "tables").put("tableSize", 4).put("rounds", 3).put("roundSeconds", 300)).json().getLong("id");
    api.post("/api/v1/events/" + eventId + "/announcements", token, new JsonObject().put("text", "游泳决赛改到15:30，请各代表队相互转告。")
        .put("audience", "event").put("priority", "normal").put("pinned", true).encode(), java.util.UUID.randomUUID().toString());
    QUERY.put("index", "");
    QUERY.put("event", "event=" + eventId);
    QUERY.put("display", "event=" + eventId);
    QUERY.put("display-console", "event=" + eventId);
    QUERY.put("announce", "event=" + eventId);
    QUERY.put("import", "event=" + eventId);
    QUERY.put("organise", "event=" + eventId);
    QUERY.put("mixer-admin", "event=" + eventId + "&mixer=" + mixer);
    QUERY.put("mixer", "mixer=" + mixer);
    QUERY.put("draw", "competition=" + h2h);
    QUERY.put("judge-join", "code=ABCD2345");
    QUERY.put("units", "event=" + eventId);
    for (String page : List.of("scoreboard", "headjudge", "register", "entries", "judge", "records", "sheets")) {
      QUERY.put(page, "competition=" + judged);
    }
  }

  /** Every page in web/, with the query that gives it something to show. */
  static List<String> pages() {
    try (Stream<Path> files = Files.list(Path.of("web"))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html")).sorted()
          .map(n -> {
            String name = n.substring(0, n.length() - 5);
            String q = QUERY.getOrDefault(name, "");
            return "/" + n + "?" + (q.isEmpty() ? "" : q + "&");
          }).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void signIn() {
    context.addInitScript("localStorage.setItem('gala.session', " + io.vertx.core.json.Json.encode(session) + ");");
  }

  /** Waits until the page's scripts have drawn it (network quiet, then a moment for live snapshots). */
  private void open(String path) {
    page.navigate(url(path), new Page.NavigateOptions().setWaitUntil(com.microsoft.playwright.options.WaitUntilState.NETWORKIDLE));
    page.waitForTimeout(300);
  }

  private static final String LAYOUT = """
      () => {
        const out = [];
        const vw = document.documentElement.clientWidth;
        const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
        const visible = (el) => { const r = el.getBoundingClientRect(); const cs = getComputedStyle(el); return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden'; };
        // Inside an element that scrolls or clips sideways, overflow is that element's business.
        const clipped = (el) => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
        if (document.documentElement.scrollWidth > vw + 1) out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + vw);
        for (const el of document.body.querySelectorAll('*')) {
          if (!visible(el) || clipped(el) || getComputedStyle(el).position === 'fixed') continue;
          const r = el.getBoundingClientRect();
          if (r.right > vw + 1 || r.left < -1) out.push('wider than the screen: ' + name(el) + ' [' + Math.round(r.left) + ', ' + Math.round(r.right) + ']');
          // Inside the screen but sticking out of its card (a table's columns past the card's edge).
          const card = el.parentElement && el.parentElement.closest('.card');
          if (card) { const c = card.getBoundingClientRect(); if (r.right > c.right + 1 || r.left < c.left - 1) out.push('sticks out of its card: ' + name(el) + ' [' + Math.round(r.left) + ', ' + Math.round(r.right) + '] card [' + Math.round(c.left) + ', ' + Math.round(c.right) + ']'); }
        }
        for (const el of document.querySelectorAll('button, a.button, [role=tab], summary, select, input:not([type=checkbox]):not([type=radio]):not([type=hidden]):not([type=file])')) {
          if (!visible(el) || el.closest('.ann-ticker, .ann-panel, dialog:not([open])')) continue;
          const r = el.getBoundingClientRect();
          if (r.height < 43.5) out.push('tap target under 44 px: ' + name(el) + ' ' + Math.round(r.height) + ' px');
          if ((el.tagName === 'BUTTON' || el.classList.contains('button')) && el.scrollWidth > el.clientWidth + 1) out.push('button text cut or wrapped: ' + name(el) + ' "' + el.textContent.trim() + '"');
        }
        return [...new Set(out)].slice(0, 15);
      }""";

  @Test
  void everyPageFitsAPhoneInBothLanguages() {
    page.setViewportSize((int) PHONE, 740);
    signIn();
    java.util.Map<String, Object> problems = new java.util.TreeMap<>();
    for (String lang : List.of("zh", "en")) {
      for (String path : pages()) {
        open(path + "lang=" + lang);
        Object found = page.evaluate(LAYOUT);
        if (!((List<?>) found).isEmpty()) {
          problems.put(path + "lang=" + lang, found);
        }
      }
    }
    assertEquals(java.util.Map.of(), problems, "pages that do not fit a 360 px phone");
  }

  @Test
  void noPageHasACriticalOrSeriousAccessibilityViolation() throws IOException {
    String axe = Files.readString(Path.of("src/test/resources/axe-core-4.14.1/axe.min.js"));
    // axe is injected as an inline script, which Gala's Content-Security-Policy rightly refuses.
    context.close();
    // At a tablet's size (768x1024, where the judge, head judge and organiser work), in both languages.
    context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setBypassCSP(true)
        .setViewportSize(768, 1024).setHasTouch(true));
    page = context.newPage();
    java.util.Map<String, Object> problems = new java.util.TreeMap<>();
    for (boolean signedIn : List.of(false, true)) {
      if (signedIn) {
        signIn();
      }
      for (String path : pages()) {
        for (String lang : List.of("zh", "en")) {
          open(path + "lang=" + lang);
          page.addScriptTag(new Page.AddScriptTagOptions().setContent(axe));
          Object found = page.evaluate("""
              async () => {
                const r = await axe.run(document, { resultTypes: ['violations'] });
                return r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')
                  .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | '));
              }""");
          if (!((List<?>) found).isEmpty()) {
            problems.put((signedIn ? "signed in " : "signed out ") + path + "lang=" + lang, found);
          }
        }
      }
    }
    assertEquals(java.util.Map.of(), problems, "critical or serious accessibility violations (axe-core)");
  }

  /**
   * Gala's Content-Security-Policy (no inline script) breaks no page: every page, signed in and out,
   * loads without a policy violation or script error in the console. The same policy does refuse an
   * inline script and an on* attribute that something slipped into a page.
   */
  @Test
  void everyPageKeepsTheContentSecurityPolicy() {
    List<String> problems = new java.util.ArrayList<>();
    String[] current = {""};
    page.onConsoleMessage(m -> {
      if ("error".equals(m.type()) && !m.text().startsWith("Failed to load resource")) {
        problems.add(current[0] + ": " + m.text());
      }
    });
    page.onPageError(e -> problems.add(current[0] + ": uncaught " + e));
    context.addInitScript("document.addEventListener('securitypolicyviolation', (e) => console.error("
        + "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
    for (boolean signedIn : List.of(false, true)) {
      if (signedIn) {
        signIn();
      }
      for (String path : pages()) {
        current[0] = (signedIn ? "signed in " : "signed out ") + path;
        open(path + "lang=" + (signedIn ? "en" : "zh"));
      }
    }
    assertEquals(List.of(), problems, "policy violations or script errors on the pages");

    current[0] = "injected";
    page.evaluate("""
        () => new Promise((resolve) => {
          const s = document.createElement('script');
          s.textContent = 'window.__inline = 1';
          document.body.append(s);
          const img = document.createElement('img');
          img.setAttribute('onerror', 'window.__attr = 1');
          // Listeners run in the order they were added: the attribute's handler (if allowed) first.
          img.addEventListener('error', () => setTimeout(resolve, 0));
          img.src = '/nope.png';
          document.body.append(img);
        })""");
    assertEquals(null, page.evaluate("window.__inline"), "an inline script must not run");
    assertEquals(null, page.evaluate("window.__attr"), "an on* attribute must not run");
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("injected") && p.contains("CSP violation: script-src")),
        "the browser reports the refused inline script: " + problems);
  }

  /** Every UPPER_SNAKE literal of the server's code that is not listed as something else. */
  static Set<String> serverCodes() {
    Set<String> codes = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = LITERAL.matcher(Files.readString(f));
        while (m.find()) {
          String s = m.group(1);
          if (s.length() > 2 && !s.startsWith("GALA_") && !NOT_CODES.contains(s)) {
            codes.add(s);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return codes;
  }

  @Test
  void everyErrorCodeTheServerAnswersReadsAsASentenceInBothLanguages() {
    Set<String> codes = serverCodes();
    assertTrue(codes.size() > 100, "the scan found the server's codes: " + codes.size());
    page.navigate(url("/"));
    Object problems = page.evaluate("""
        async (codes) => {
          const { ERRORS } = await import('/js/i18n/errors.js');
          const i18n = await import('/js/i18n.js');
          const out = [];
          for (const lang of ['zh', 'en']) {
            i18n.setLang(lang);
            for (const code of codes) {
              const entry = ERRORS[code];
              if (!entry || !entry.zh || !entry.en) { out.push(code + ': no zh and en sentence in errors.js'); continue; }
              // The last variant is the one used when details are missing: it must need none.
              const text = i18n.errorText({ code, status: 422, message: 'server text ' + code, details: {} });
              if (!text || /[{}]/.test(text) || text.includes('server text')) out.push(code + ' [' + lang + ']: "' + text + '"');
              else if (lang === 'zh' && !/[\\u4e00-\\u9fff]/.test(text)) out.push(code + ' [zh] is not Chinese: ' + text);
              else if (lang === 'en' && !/[A-Za-z]{3}/.test(text)) out.push(code + ' [en] is not English: ' + text);
            }
          }
          return out;
        }""", List.copyOf(codes));
    assertEquals(List.of(), problems, "codes without a sentence in errors.js");
  }

  @Test
  void detailsAreKeptAndValidatorTextNeverShows() {
    page.navigate(url("/?lang=en"));
    JsonObject texts = new JsonObject((java.util.Map<String, Object>) page.evaluate("""
        async () => {
          const { errorText, setLang } = await import('/js/i18n.js');
          const age = { code: 'NOT_ELIGIBLE_AGE', status: 422, details: { age: 56, minAge: 18, maxAge: 35 } };
          const pointer = { code: 'VALIDATION_FAILED', status: 400,
            message: '[Bad Request] Validation error for body application/json: provided string should have size >= 8 at #/password', details: { reason: 'INVALID_VALUE' } };
          const unknown = { code: 'SOMETHING_NEW', status: 409, message: 'raw server words' };
          setLang('en');
          const en = { age: errorText(age), pointer: errorText(pointer), unknown: errorText(unknown) };
          setLang('zh');
          return { en, zh: { age: errorText(age), pointer: errorText(pointer) } };
        }"""));
    assertEquals("You are 56 on the first day of the event; this division is 18-35.", texts.getJsonObject("en").getString("age"));
    assertEquals("您在赛事首日为 56 岁，不在该组别的年龄范围（18-35）内。", texts.getJsonObject("zh").getString("age"));
    assertEquals("Please check the password.", texts.getJsonObject("en").getString("pointer"));
    assertEquals("请检查密码。", texts.getJsonObject("zh").getString("pointer"));
    assertEquals("The request could not be handled; please check what you entered.", texts.getJsonObject("en").getString("unknown"));
    // A count picks its word in English ("1 mark(s) refused" read like a form letter).
    Object counted = page.evaluate("""
        async () => {
          await import('/js/i18n/judge-desk.js');
          const { t, setLang } = await import('/js/i18n.js');
          setLang('en');
          const en = [t('judge.refusedSync', { n: 1 }), t('judge.refusedSync', { n: 2 })];
          setLang('zh');
          return [...en, t('judge.refusedSync', { n: 1 })];
        }""");
    assertEquals(List.of("1 mark refused: fix or discard it", "2 marks refused: fix or discard them", "1 个分数被拒绝，请修改或放弃"), counted);
    // So does a refusal's sentence: no "attempt(s)" or "athlete(s)" on an English page.
    Object refusals = page.evaluate("""
        async () => {
          const { errorText, setLang } = await import('/js/i18n.js');
          setLang('en');
          const out = [1, 3].flatMap((n) => [
            errorText({ code: 'UNKNOWN_ATTEMPT', status: 422, details: { attempts: n, attempt: 5 } }),
            errorText({ code: 'TOO_MANY_ATTEMPTS', status: 409, details: { attempts: n } }),
            errorText({ code: 'PANEL_INCOMPLETE', status: 409, details: { entries: Array.from({ length: n }, (_, i) => i + 1) } }),
          ]);
          setLang('zh');
          out.push(errorText({ code: 'PANEL_INCOMPLETE', status: 409, details: { entries: [4, 5, 6] } }));
          return out;
        }""");
    assertEquals(List.of("This competition has 1 attempt; there is no attempt 5.", "This format allows 1 attempt.",
        "1 athlete still waits for marks: the results cannot be published yet.",
        "This competition has 3 attempts; there is no attempt 5.", "This format allows 3 attempts.",
        "3 athletes still wait for marks: the results cannot be published yet.", "还有 3 名选手未完成评分，不能正式公布。"), refusals);
  }
}
