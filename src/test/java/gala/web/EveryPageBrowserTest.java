package gala.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import gala.testing.BrowserTestBase;
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
 * reads as a sentence in both languages (never the server's English or a JSON pointer).
 */
class EveryPageBrowserTest extends BrowserTestBase {
  /** UPPER_SNAKE string literals in src/main/java that are not error codes (statuses, kinds, names). */
  private static final Set<String> NOT_CODES = Set.of(
      "CONFIRMED", "WAITLISTED", "WITHDRAWN", "CHECKED_IN", "PENDING", "PROVISIONAL", "OFFICIAL", "VALUE",
      "DONE", "RUNNING", "FAILED", "DOWN", "POST", "PNG", "ES256", "EXISTS", "MALE", "FEMALE",
      "HIDE", "RELEASE", "PUBLISH", "CHECK", "SCORE", "CORRECTION", "OPEN", "FINISHED", "BETWEEN_ROUNDS",
      "ROUND_RUNNING", "NOT_STARTED", "DISABLED");
  private static final Pattern LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\"");

  @BeforeAll
  static void start() {
    startAll("Every page");
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
  }
}
