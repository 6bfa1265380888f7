package gala.announce.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DraftTest {
  static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");

  static Draft draft(String text, String audience, Long competition, String priority, String sendAt, String expiresAt) {
    return Draft.validate(text, audience, competition, priority, null, sendAt, expiresAt, NOW);
  }

  static void refused(int status, String code, Runnable r) {
    Rejected e = assertThrows(Rejected.class, r::run);
    assertEquals(code, e.code());
    assertEquals(status, e.status());
  }

  @Test
  void aPlainAnnouncementGoesOutNowToTheWholeEventWithNormalPriority() {
    Draft d = draft("  午餐在北门  ", "event", null, null, null, null);
    assertEquals("午餐在北门", d.text());
    assertEquals(Audience.EVENT, d.audience());
    assertEquals(Draft.Priority.NORMAL, d.priority());
    assertFalse(d.pinned());
    assertFalse(d.scheduled());
    assertNull(d.expiresAt());
  }

  @Test
  void urgentPinnedScheduledWithExpiry() {
    Draft d = Draft.validate("Final moves to 15:30", "competition", 7L, "URGENT", true,
        "2026-12-01T16:00:00+08:00", "2026-12-01T17:00:00+08:00", NOW);
    assertEquals(Draft.Priority.URGENT, d.priority());
    assertEquals(new Audience(Audience.Kind.COMPETITION, 7L), d.audience());
    assertTrue(d.pinned());
    assertTrue(d.scheduled());
    assertEquals(Instant.parse("2026-12-01T08:00:00Z"), d.sendAt());
    assertEquals(Instant.parse("2026-12-01T09:00:00Z"), d.expiresAt());
  }

  @Test
  void emptyOrBlankTextIsRefused() {
    refused(400, "TEXT_REQUIRED", () -> draft(null, "event", null, null, null, null));
    refused(400, "TEXT_REQUIRED", () -> draft("", "event", null, null, null, null));
    refused(400, "TEXT_REQUIRED", () -> draft(" \n\t ", "event", null, null, null, null));
  }

  @Test
  void textLimitCountsCharactersNotBytes() {
    String chinese = "雨".repeat(Draft.MAX_TEXT);
    assertEquals(chinese, draft(chinese, "event", null, null, null, null).text());
    refused(400, "TEXT_TOO_LONG", () -> draft(chinese + "雨", "event", null, null, null, null));
    String emoji = "🏊".repeat(Draft.MAX_TEXT); // two UTF-16 units each, one character
    assertEquals(emoji, draft(emoji, "event", null, null, null, null).text());
    refused(400, "TEXT_TOO_LONG", () -> draft(emoji + "🏊", "event", null, null, null, null));
  }

  @Test
  void controlCharactersAreRefusedButLineBreaksAndTabsKept() {
    assertEquals("a\nb\tc", draft("a\nb\tc", "event", null, null, null, null).text());
    refused(400, "TEXT_INVALID", () -> draft("bell\u0007", "event", null, null, null, null));
    refused(400, "TEXT_INVALID", () -> draft("x\u007f", "event", null, null, null, null));
  }

  @Test
  void markupIsKeptAsTextForTheBrowserToShowAsText() {
    String markup = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    assertEquals(markup, draft(markup, "event", null, null, null, null).text());
  }

  @Test
  void audiencesAndTheirCompetition() {
    assertEquals(Audience.Kind.JUDGES, draft("x", "judges", null, null, null, null).audience().kind());
    assertEquals(Audience.Kind.PARTICIPANTS, draft("x", " Participants ", null, null, null, null).audience().kind());
    refused(400, "UNKNOWN_AUDIENCE", () -> draft("x", "everyone", null, null, null, null));
    refused(400, "UNKNOWN_AUDIENCE", () -> draft("x", null, null, null, null, null));
    refused(400, "UNKNOWN_AUDIENCE", () -> draft("x", "", null, null, null, null));
    refused(400, "COMPETITION_REQUIRED", () -> draft("x", "competition", null, null, null, null));
    refused(400, "UNEXPECTED_COMPETITION", () -> draft("x", "judges", 3L, null, null, null));
  }

  @Test
  void unknownPriorityIsRefused() {
    refused(400, "UNKNOWN_PRIORITY", () -> draft("x", "event", null, "critical", null, null));
  }

  @Test
  void scheduleMustLieInTheFutureAndWithinAYear() {
    refused(422, "SCHEDULE_IN_PAST", () -> draft("x", "event", null, null, "2026-12-01T06:59:59Z", null));
    refused(422, "SCHEDULE_IN_PAST", () -> draft("x", "event", null, null, "2026-12-01T07:00:00Z", null));
    assertTrue(draft("x", "event", null, null, "2026-12-01T07:00:01Z", null).scheduled());
    refused(422, "SCHEDULE_TOO_FAR", () -> draft("x", "event", null, null, "2028-12-01T07:00:00Z", null));
    refused(400, "BAD_TIME", () -> draft("x", "event", null, null, "tomorrow at three", null));
    refused(400, "BAD_TIME", () -> draft("x", "event", null, null, "2026-12-01T15:00:00", null));
  }

  @Test
  void expiryMustComeAfterSending() {
    refused(422, "EXPIRY_BEFORE_SEND", () -> draft("x", "event", null, null, null, "2026-12-01T07:00:00Z"));
    refused(422, "EXPIRY_BEFORE_SEND",
        () -> draft("x", "event", null, null, "2026-12-01T08:00:00Z", "2026-12-01T07:30:00Z"));
    assertEquals(Instant.parse("2026-12-01T07:00:01Z"),
        draft("x", "event", null, null, null, "2026-12-01T07:00:01Z").expiresAt());
    refused(400, "BAD_TIME", () -> draft("x", "event", null, null, null, "soon"));
  }
}
