package gala.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.ApiDocument;
import gala.testing.Api.Response;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix, generated from the OpenAPI document: every operation x {anonymous, a
 * participant with no ties, the judge of another event's competition, the organiser of another event,
 * the rightful role} against a private and a public event. It asserts the exact set of callers let
 * through, the refusal each other caller gets (401, 403, or 404 when the event is private and not
 * theirs), and that a refused request wrote nothing at all.
 */
class AccessMatrixTest {
  static final String ADMIN_EMAIL = "admin@matrix.test";
  static final String ADMIN_PASSWORD = "matrix admin 9";
  static Gala gala;
  static MatrixFixture fx;

  @BeforeAll
  static void setUp() {
    gala = TestGala.start("--admin-email=" + ADMIN_EMAIL, "--admin-password=" + ADMIN_PASSWORD);
    fx = new MatrixFixture(gala, ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(gala);
  }

  /** One operation of the document with the rule it declares. */
  record Op(String id, String method, String path, Rule rule, boolean bearer, String contentType) {}

  static List<Op> operations() {
    JsonObject doc = ApiDocument.parse(ApiDocument.text());
    List<Op> ops = new ArrayList<>();
    JsonObject paths = doc.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject op) || "parameters".equals(method)) {
          continue;
        }
        Rule rule = Rule.parse(op.getString(Guard.EXTENSION));
        assertTrue(rule != null, op.getString("operationId") + " declares no valid x-access");
        JsonObject body = op.getJsonObject("requestBody");
        String type = body == null ? null : body.getJsonObject("content").fieldNames().iterator().next();
        ops.add(new Op(op.getString("operationId"), method.toUpperCase(), path, rule, op.containsKey("security"), type));
      }
    }
    // Writes that take something away run last, so the fixture stays whole for every other operation.
    ops.sort(Comparator.comparing(o -> "DELETE".equals(o.method())));
    return ops;
  }

  /** Callers of the matrix; RIGHTFUL is the role the operation's rule names. */
  enum Who { ANONYMOUS, PARTICIPANT, OTHER_JUDGE, OTHER_ORGANISER, RIGHTFUL }

  @Test
  void everyOperationLetsThroughExactlyTheCallersItsRuleNamesAndRefusalsWriteNothing() {
    List<String> failures = new ArrayList<>();
    int requests = 0;
    for (Op op : operations()) {
      for (MatrixFixture.Ids event : List.of(fx.privateEvent, fx.publicEvent)) {
        if (!op.rule().needsTarget && !event.isPublic()) {
          continue; // no event involved: once is enough
        }
        Set<Who> expected = allowed(op.rule(), event.isPublic());
        Set<Who> actual = new TreeSet<>();
        String path = path(op.path(), event);
        String before = fx.fingerprint();
        for (Who who : Who.values()) {
          if (who == Who.RIGHTFUL) {
            continue;
          }
          Response r = call(op, path, token(who, op.rule()));
          requests++;
          String after = fx.fingerprint();
          if (!refusedByGuard(r, op, path)) {
            actual.add(who);
          } else {
            int status = expectedRefusal(op, who, event.isPublic());
            if (r.status() != status) {
              failures.add(op.id() + " " + path + " as " + who + ": refused with " + r.status() + ", expected " + status);
            }
            if (!before.equals(after)) {
              failures.add(op.id() + " " + path + " as " + who + ": refused (" + r.status() + ") but wrote to the database");
            }
          }
          before = after;
        }
        Response rightful = call(op, path, token(Who.RIGHTFUL, op.rule()));
        requests++;
        if (!refusedByGuard(rightful, op, path)) {
          actual.add(Who.RIGHTFUL);
        } else {
          failures.add(op.id() + " " + path + " as its rightful caller (" + op.rule().text + "): " + rightful.status() + " "
              + rightful.text());
        }
        if (!expected.equals(actual)) {
          failures.add(op.id() + " (" + op.rule().text + ", " + (event.isPublic() ? "public" : "private") + "): let through "
              + actual + ", expected " + expected);
        }
      }
    }
    assertTrue(requests > 400, "the matrix ran " + requests + " requests");
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  /** The document's rules themselves: no write and no organiser's tool is open to everyone. */
  @Test
  void writesAndOrganisersToolsDeclareAtLeastMembership() {
    Set<String> organisersOnly = Set.of("listMixerParticipants", "getImport", "exportEntries", "listOrganisers",
        "listJudges", "listJudgeCodes", "getBadges", "getMixerStats", "listWaitlistChanges", "importEntries");
    Set<String> open = Set.of("signup", "login", "refreshToken", "logout", "completePasswordReset", "previewJudgeCode",
        "redeemJudgeCode");
    for (Op op : operations()) {
      if (organisersOnly.contains(op.id())) {
        assertEquals(Rule.ORGANISER, op.rule(), op.id());
      }
      // A big screen is an anonymous kiosk that names itself to its event (Screens: its own list only,
      // capped, new screens throttled per address); every other write needs at least membership.
      if (!"GET".equals(op.method()) && !open.contains(op.id()) && !"announceScreen".equals(op.id())) {
        assertTrue(op.rule() != Rule.OPEN && op.rule() != Rule.PUBLIC_OR_MEMBER, op.id() + " writes but is " + op.rule().text);
      }
      if (op.path().contains("{") && op.rule() != Rule.OPEN) {
        assertTrue(op.rule().needsTarget || !op.path().matches(".*\\{(eventId|competitionId|entryId|mixerId)}.*"),
            op.id() + " is about an event's data but its rule " + op.rule().text + " ignores the event");
      }
    }
  }

  @Test
  void personalDataReachesOnlyThePersonAndTheOrganisers() {
    long event = fx.publicEvent.get("eventId");
    long competition = fx.publicEvent.get("competitionId");
    String units = "/api/v1/events/" + event + "/units";
    String entries = "/api/v1/competitions/" + competition + "/entries";
    for (String outsider : new String[] {null, fx.stranger, fx.otherOrganiser, fx.judge}) {
      Response list = fx.api.get(units, outsider);
      assertEquals(200, list.status(), list.text());
      assertTrue(!list.text().contains(MatrixFixture.UNIT_PHONE), "a unit's contact reached an outsider: " + list.text());
      Response start = fx.api.get(entries, outsider);
      assertEquals(200, start.status(), start.text());
      assertTrue(!start.text().contains("checkinCode\":\"") , "a check-in code reached an outsider: " + start.text());
      assertTrue(start.text().contains("王五"), "the start list itself is public: " + start.text());
    }
    assertTrue(fx.api.get(units, fx.organiser).text().contains(MatrixFixture.UNIT_PHONE));
    assertTrue(fx.api.get(entries, fx.organiser).text().contains("checkinCode\":\""));
  }

  static Set<Who> allowed(Rule rule, boolean isPublic) {
    Set<Who> all = new TreeSet<>(Set.of(Who.values()));
    Set<Who> signedIn = new TreeSet<>(all);
    signedIn.remove(Who.ANONYMOUS);
    return switch (rule) {
      case OPEN -> all;
      case SIGNED_IN -> signedIn;
      case PUBLIC_OR_MEMBER -> isPublic ? all : Set.of(Who.RIGHTFUL);
      case MEMBER -> isPublic ? signedIn : Set.of(Who.RIGHTFUL);
      case ADMIN, ORGANISER, JUDGE, SELF -> Set.of(Who.RIGHTFUL);
    };
  }

  /** 401 where a token is needed, 404 where the event is private and not theirs, else 403. */
  static int expectedRefusal(Op op, Who who, boolean isPublic) {
    if (who == Who.ANONYMOUS && op.bearer()) {
      return 401;
    }
    if (op.rule().needsTarget && !isPublic) {
      return 404;
    }
    return who == Who.ANONYMOUS ? 401 : 403;
  }

  String token(Who who, Rule rule) {
    return switch (who) {
      case ANONYMOUS -> null;
      case PARTICIPANT -> fx.stranger;
      case OTHER_JUDGE -> fx.otherJudge;
      case OTHER_ORGANISER -> fx.otherOrganiser;
      case RIGHTFUL -> switch (rule) {
        case OPEN, SIGNED_IN -> fx.stranger;
        case ADMIN -> fx.admin;
        case ORGANISER -> fx.organiser;
        case JUDGE -> fx.judge;
        case PUBLIC_OR_MEMBER, MEMBER, SELF -> fx.entrant;
      };
    };
  }

  /**
   * A refusal by the access check, told apart from a handler's answer: 401, 403 FORBIDDEN (or
   * NOT_ASSIGNED_JUDGE for the judge rule, NOT_JOINED for a mixer's own people), or the
   * 404 that names the path's own target (a handler refusing a sub-resource names that instead).
   */
  static boolean refusedByGuard(Response r, Op op, String path) {
    if (r.status() == 401) {
      return true;
    }
    if (r.status() == 403 || r.status() == 404) {
      String code = r.text().isEmpty() ? "" : r.errorCode();
      if (r.status() == 403) {
        return Set.of("FORBIDDEN", "NOT_ASSIGNED_JUDGE", "NOT_JOINED").contains(code);
      }
      String message = r.json().getJsonObject("error").getString("message");
      return "NOT_FOUND".equals(code) && message.matches("(event|competition|entry|mixer|unit|import|judge code|problem) \\d+ not found");
    }
    return false;
  }

  static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");

  static String path(String template, MatrixFixture.Ids event) {
    Matcher m = PARAM.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String param = m.group(1);
      String id = switch (param) {
        case "userId" -> Long.toString(template.contains("/organisers/") ? fx.coOrganiserId : fx.spareJudgeId);
        case "screenId" -> "matrix-screen-1"; // a big screen names itself; any well-formed id
        default -> Long.toString(event.get(param));
      };
      m.appendReplacement(out, id);
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The request with an empty body: what decides access is who asks about what, never the body. */
  static Response call(Op op, String path, String token) {
    byte[] body = op.contentType() == null ? null
        : ("application/json".equals(op.contentType()) ? "{}" : "").getBytes(StandardCharsets.UTF_8);
    return fx.api.send(op.method(), path, token, op.contentType(), body,
        "GET".equals(op.method()) ? null : MatrixFixture.key(), new LinkedHashMap<>(Map.of()));
  }
}
