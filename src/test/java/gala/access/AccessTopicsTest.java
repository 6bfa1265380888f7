package gala.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.testing.LiveClient;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live half of the matrix: every topic kind x {anonymous, a participant with no ties, the judge of
 * another event's competition, the organiser of another event, the rightful role} on a private and a
 * public event, over a real WebSocket. Refused subscriptions get NOT_FOUND, UNAUTHENTICATED or FORBIDDEN
 * and write nothing; topic names have one spelling (scoreboard:01 is BAD_TOPIC and makes no row).
 */
class AccessTopicsTest {
  static Gala gala;
  static MatrixFixture fx;

  /**
   * A topic kind, the path parameter its id is, whether everyone may follow it on a public event, who
   * its rightful follower is, and the refusal a signed-in outsider gets where they can see the event.
   */
  record Kind(String name, String param, boolean publicRead, Who rightful, String refusal) {}

  /** Stand-ins for the rightful follower: the organiser or the entrant (unit contact, mixer guest). */
  enum Who { ANONYMOUS, PARTICIPANT, OTHER_JUDGE, OTHER_ORGANISER, RIGHTFUL, ORGANISER, ENTRANT }

  static final List<Kind> KINDS = List.of(
      new Kind("scoreboard", "competitionId", true, Who.ENTRANT, "FORBIDDEN"),
      new Kind("draw", "competitionId", true, Who.ENTRANT, "FORBIDDEN"),
      new Kind("medals", "eventId", true, Who.ENTRANT, "FORBIDDEN"),
      new Kind("announcements", "eventId", true, Who.ENTRANT, "FORBIDDEN"),
      new Kind("display", "eventId", true, Who.ENTRANT, "FORBIDDEN"),
      new Kind("entries", "competitionId", false, Who.ORGANISER, "FORBIDDEN"),
      new Kind("import", "importId", false, Who.ORGANISER, "FORBIDDEN"),
      new Kind("problems", "competitionId", false, Who.ORGANISER, "NOT_ASSIGNED_JUDGE"),
      new Kind("mixer", "mixerId", false, Who.ENTRANT, "NOT_JOINED"));

  @BeforeAll
  static void setUp() {
    gala = TestGala.start("--admin-email=" + AccessMatrixTest.ADMIN_EMAIL, "--admin-password=" + AccessMatrixTest.ADMIN_PASSWORD);
    fx = new MatrixFixture(gala, AccessMatrixTest.ADMIN_EMAIL, AccessMatrixTest.ADMIN_PASSWORD);
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(gala);
  }

  @Test
  void everyTopicKindLetsThroughExactlyItsReadersAndRefusalsWriteNothing() {
    List<String> failures = new ArrayList<>();
    for (Kind kind : KINDS) {
      for (MatrixFixture.Ids event : List.of(fx.privateEvent, fx.publicEvent)) {
        String topic = kind.name() + ":" + event.get(kind.param());
        List<Who> callers = List.of(Who.ANONYMOUS, Who.PARTICIPANT, Who.OTHER_JUDGE, Who.OTHER_ORGANISER, Who.RIGHTFUL);
        Set<Who> expected = new TreeSet<>(Set.of(Who.RIGHTFUL));
        if (kind.publicRead() && event.isPublic()) {
          expected.addAll(callers);
        }
        Set<Who> actual = new TreeSet<>();
        for (Who who : callers) {
          String before = fx.fingerprint();
          JsonObject answer = subscribe(token(who, kind), topic);
          if ("snapshot".equals(answer.getString("type"))) {
            actual.add(who);
            continue;
          }
          String code = answer.getString("code");
          String want = !event.isPublic() && who != Who.RIGHTFUL ? "NOT_FOUND"
              : who == Who.ANONYMOUS ? "UNAUTHENTICATED" : kind.refusal();
          if (!want.equals(code)) {
            failures.add(topic + " as " + who + ": " + answer.encode() + ", expected " + want);
          }
          if (!before.equals(fx.fingerprint())) {
            failures.add(topic + " as " + who + ": refused but wrote to the database");
          }
        }
        if (!expected.equals(actual)) {
          failures.add(topic + " (" + (event.isPublic() ? "public" : "private") + "): let through " + actual
              + ", expected " + expected);
        }
      }
    }
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  @Test
  void aPersonsOwnNoticesReachOnlyThatPerson() {
    String topic = "user:" + fx.entrantId;
    assertEquals("snapshot", subscribe(fx.entrant, topic).getString("type"));
    assertEquals("UNAUTHENTICATED", subscribe(null, topic).getString("code"));
    for (String other : List.of(fx.stranger, fx.otherJudge, fx.otherOrganiser, fx.organiser)) {
      assertEquals("FORBIDDEN", subscribe(other, topic).getString("code"));
    }
  }

  @Test
  void topicNamesHaveOneSpellingAndAliasesMakeNoRow() {
    long competition = fx.publicEvent.get("competitionId");
    long event = fx.publicEvent.get("eventId");
    assertEquals("snapshot", subscribe(null, "scoreboard:" + competition).getString("type"));
    String before = fx.fingerprint();
    long topics = topicRows();
    for (String alias : List.of("scoreboard:0" + competition, "scoreboard:+" + competition, "medals:0" + event,
        "scoreboard: " + competition, "scoreboard:" + competition + " ", "medals:9223372036854775808",
        "scoreboard:" + competition + ".0", "scoreboard:0x" + competition, "scoreboard:")) {
      JsonObject answer = subscribe(null, alias);
      assertEquals("error", answer.getString("type"), alias);
      assertEquals("BAD_TOPIC", answer.getString("code"), alias + ": " + answer.encode());
    }
    assertEquals(topics, topicRows(), "an alias made a topics row");
    assertEquals(before, fx.fingerprint(), "refused aliases wrote to the database");
    assertTrue(topics > 0);
  }

  private long topicRows() {
    try {
      return gala.database().pool().query("SELECT count(*) FROM topics").execute()
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).iterator().next().getLong(0);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String token(Who who, Kind kind) {
    return switch (who) {
      case ANONYMOUS -> null;
      case PARTICIPANT -> fx.stranger;
      case OTHER_JUDGE -> fx.otherJudge;
      case OTHER_ORGANISER -> fx.otherOrganiser;
      case RIGHTFUL, ENTRANT, ORGANISER -> kind.rightful() == Who.ORGANISER ? fx.organiser : fx.entrant;
    };
  }

  /** Subscribes on a fresh socket (signed in first when a token is given); the first answer about the topic. */
  private JsonObject subscribe(String token, String topic) {
    try (LiveClient live = LiveClient.connect(gala.vertx(), gala.port())) {
      if (token != null) {
        live.send(new JsonObject().put("op", "auth").put("token", token));
        JsonObject auth = live.next();
        assertEquals("authenticated", auth.getString("type"), auth.encode());
      }
      live.subscribe(topic, null);
      return live.next();
    }
  }
}
