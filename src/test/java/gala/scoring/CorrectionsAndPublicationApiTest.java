package gala.scoring;

import static gala.scoring.Fixture.expect;
import static gala.scoring.Fixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.JsonDiff;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.LiveClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Corrections as superseding rows with a reason, the audit, the double check, flagged judges,
 * PROVISIONAL to OFFICIAL, hidden results and the medal table, through real HTTP.
 */
class CorrectionsAndPublicationApiTest extends ApiTestBase {
  @Test
  void aCorrectionSupersedesTheRowKeepsHistoryAndNeedsAReason() {
    Fixture f = new Fixture(api, "corr");
    long c = f.competition("演讲", Fixture.judged(3, "mean"));
    long a = f.entry(c, "Alice", null);
    String head = f.judge(c, true);
    String j1 = f.judge(c, false);
    String j2 = f.judge(c, false);
    JsonObject wrong = f.mark(j1, c, a, "6.5");
    f.mark(j2, c, a, "9.0");
    f.mark(head, c, a, "9.0");
    assertEquals("8.17", row(f.board(c), a).getString("result"));
    long version = api.scoreboard(c).getLong("version");

    expect(422, "REASON_REQUIRED", f.correct(head, c, wrong.getLong("id"), new JsonObject().put("value", 9.5)));
    expect(422, "REASON_REQUIRED", f.correct(head, c, wrong.getLong("id"), new JsonObject().put("value", 9.5).put("reason", "  ")));
    expect(422, "MARK_OUT_OF_RANGE", f.correct(head, c, wrong.getLong("id"),
        new JsonObject().put("value", 11).put("reason", "typo")));
    String otherJudge = j2;
    expect(403, "FORBIDDEN", f.correct(otherJudge, c, wrong.getLong("id"),
        new JsonObject().put("value", 9.5).put("reason", "not mine to fix")));
    assertEquals(version, api.scoreboard(c).getLong("version"), "refused corrections change nothing");

    Response fixed = f.correct(head, c, wrong.getLong("id"), new JsonObject().put("value", 9.5).put("reason", "judge typed 6.5 for 9.5"));
    assertEquals(201, fixed.status(), fixed.text());
    JsonObject row = fixed.json().getJsonObject("score");
    assertEquals(wrong.getLong("id"), row.getLong("supersedes"));
    assertEquals(wrong.getLong("judgeId"), row.getLong("judgeId"), "the mark stays the judge's");
    assertEquals("9.5", row.getString("value"));
    assertEquals("judge typed 6.5 for 9.5", row.getString("reason"));
    assertEquals("9.17", row(f.board(c), a).getString("result"));
    assertEquals(version + 1, api.scoreboard(c).getLong("version"), "one correction, one version");

    expect(409, "SCORE_SUPERSEDED", f.correct(head, c, wrong.getLong("id"),
        new JsonObject().put("value", 9.6).put("reason", "again")));

    JsonArray audit = api.get("/api/v1/competitions/" + c + "/audit", head).json().getJsonArray("items");
    List<String> kinds = audit.stream().map(o -> ((JsonObject) o).getString("kind")).toList();
    assertEquals(List.of("SCORE", "SCORE", "SCORE", "CORRECTION"), kinds);
    JsonObject original = audit.getJsonObject(0);
    assertEquals("6.5", original.getString("value"), "the superseded row is kept as it was");
    JsonObject correction = audit.getJsonObject(3);
    assertEquals("judge typed 6.5 for 9.5", correction.getString("reason"));
    assertTrue(correction.getString("byName").startsWith("judge-"));
    assertEquals(original.getLong("id"), correction.getLong("supersedes"));
    assertFalse(correction.getBoolean("afterPublication"));

    JsonObject spectatorAudit = api.get("/api/v1/competitions/" + c + "/audit", null).json();
    assertEquals("UNAUTHENTICATED", spectatorAudit.getJsonObject("error").getString("code"));
  }

  @Test
  void theHeadJudgeChecksOthersRowsAndSeesFlaggedJudges() {
    Fixture f = new Fixture(api, "check");
    long c = f.competition("书法", Fixture.judged(3, "median"));
    long a = f.entry(c, "Bo", null);
    String head = f.judge(c, true);
    String j1 = f.judge(c, false);
    String j2 = f.judge(c, false);
    JsonObject s1 = f.mark(j1, c, a, "8.0");
    f.mark(j2, c, a, "8.2");
    JsonObject own = f.mark(head, c, a, "2.0"); // 6 below the median of 8.0: far beyond the default tolerance of 2

    expect(403, "HEAD_JUDGE_REQUIRED", f.check(j2, c, s1.getLong("id")));
    expect(409, "CHECKER_IS_ENTERER", f.check(head, c, own.getLong("id")));
    Response checked = f.check(head, c, s1.getLong("id"));
    assertEquals(200, checked.status(), checked.text());
    assertEquals(s1.getLong("judgeId") != null, true);
    assertTrue(checked.json().getJsonObject("score").getLong("checkedBy") != null);

    JsonObject review = api.get("/api/v1/competitions/" + c + "/review", head).json();
    JsonObject entry = review.getJsonArray("entries").getJsonObject(0);
    assertTrue(entry.getBoolean("flagged"));
    JsonArray scores = entry.getJsonArray("scores");
    JsonObject first = scores.getJsonObject(0);
    assertTrue(first.getString("enteredByName").startsWith("judge-"));
    assertTrue(first.getString("checkedByName").startsWith("judge-"));
    assertEquals(List.of(false, false, true), scores.stream().map(o -> ((JsonObject) o).getBoolean("flagged")).toList());
    expect(403, "HEAD_JUDGE_REQUIRED", api.get("/api/v1/competitions/" + c + "/review", j1));
    JsonArray audit = api.get("/api/v1/competitions/" + c + "/audit", f.organiser).json().getJsonArray("items");
    assertTrue(audit.stream().anyMatch(o -> "CHECK".equals(((JsonObject) o).getString("kind"))));
  }

  @Test
  void provisionalUntilPublishedThenOfficialAndCorrectionsNeedTheOrganiser() {
    Fixture f = new Fixture(api, "pub");
    long unitA = f.unit("交通局");
    long unitB = f.unit("教育局");
    long c = f.competition("广播体操", Fixture.judged(2, "mean").put("teamPoints", new JsonArray(List.of(9, 7, 6))));
    long a = f.entry(c, "A队", unitA);
    long b = f.entry(c, "B队", unitB);
    String head = f.judge(c, true);
    String j1 = f.judge(c, false);
    f.mark(head, c, a, "9.0");
    JsonObject j1a = f.mark(j1, c, a, "9.2");
    f.mark(head, c, b, "8.0");
    assertEquals("PROVISIONAL", f.board(c).getString("status"));
    long version = api.scoreboard(c).getLong("version");

    Response incomplete = f.publish(head, c);
    expect(409, "PANEL_INCOMPLETE", incomplete);
    assertEquals(List.of(b), incomplete.json().getJsonObject("error").getJsonObject("details").getJsonArray("entries")
        .stream().map(o -> ((Number) o).longValue()).toList());
    expect(403, "HEAD_JUDGE_REQUIRED", f.publish(j1, c));
    assertEquals(version, api.scoreboard(c).getLong("version"), "nothing published");
    assertEquals(0, f.medals().getJsonObject("data").getJsonArray("rows", new JsonArray()).size());

    f.mark(j1, c, b, "8.4");
    Response published = f.publish(head, c);
    assertEquals(200, published.status(), published.text());
    JsonObject board = f.board(c);
    assertEquals("OFFICIAL", board.getString("status"));
    assertTrue(board.getString("publishedAt") != null);
    assertEquals(9, row(board, a).getInteger("teamPoints"));
    expect(409, "ALREADY_OFFICIAL", f.publish(head, c));
    expect(409, "ROUND_OFFICIAL", f.submit(head, c, new JsonObject().put("entryId", a).put("value", 1)));

    JsonObject medals = f.medals().getJsonObject("data");
    JsonObject first = medals.getJsonArray("rows").getJsonObject(0);
    assertEquals("交通局", first.getString("unit"));
    assertEquals(1, first.getInteger("gold"));
    assertEquals(9, first.getInteger("points"));
    assertEquals(7, medals.getJsonArray("rows").getJsonObject(1).getInteger("points"));

    // After publication only the organiser corrects, and the row says so.
    expect(403, "ORGANISER_REQUIRED", f.correct(head, c, j1a.getLong("id"), new JsonObject().put("value", 5).put("reason", "late")));
    Response late = f.correct(f.organiser, c, j1a.getLong("id"), new JsonObject().put("value", 5).put("reason", "video review"));
    assertEquals(201, late.status(), late.text());
    assertTrue(late.json().getJsonObject("score").getBoolean("afterPublication"));
    board = f.board(c);
    assertEquals("OFFICIAL", board.getString("status"));
    assertEquals(true, row(board, a).getBoolean("correctedAfterPublication"));
    assertEquals(1, row(board, b).getInteger("rank"), "B (8.20) now leads A (7.00)");
    JsonObject medalsAfter = f.medals().getJsonObject("data");
    assertEquals("教育局", medalsAfter.getJsonArray("rows").getJsonObject(0).getString("unit"), "the medal table follows");
  }

  @Test
  void hiddenResultsAreForStaffUntilReleased() {
    Fixture f = new Fixture(api, "hide");
    long c = f.competition("技能", Fixture.judged(1, "mean"));
    long a = f.entry(c, "Cai", f.unit("公安局"));
    String head = f.judge(c, true);
    f.mark(head, c, a, "7.0");
    try (LiveClient early = LiveClient.connect(gala.vertx(), gala.port())) {
      early.subscribe("scoreboard:" + c, null);
      JsonObject snapshot = early.next();
      assertEquals(1, snapshot.getJsonObject("data").getJsonArray("rows").size());

      expect(403, "FORBIDDEN", f.visibility(head, c, true));
      assertEquals(200, f.visibility(f.organiser, c, true).status());
      JsonObject hidden = JsonDiff.apply(snapshot.getJsonObject("data"), early.next().getJsonObject("data"));
      assertTrue(hidden.getBoolean("hidden"));
      assertEquals(0, hidden.getJsonArray("rows").size(), "a spectator subscribed before hiding sees the rows go");
    }
    try (LiveClient late = LiveClient.connect(gala.vertx(), gala.port())) {
      late.subscribe("scoreboard:" + c, null);
      assertEquals("SCOREBOARD_HIDDEN", late.next().getString("code"));
    }
    expect(403, "SCOREBOARD_HIDDEN", api.get("/api/v1/competitions/" + c + "/scoreboard", null));
    assertEquals(200, api.get("/api/v1/competitions/" + c + "/scoreboard", head).status());
    JsonObject review = api.get("/api/v1/competitions/" + c + "/review", head).json();
    assertEquals("7.00", review.getJsonArray("entries").getJsonObject(0).getString("result"), "staff review hidden results");
    assertEquals(200, f.publish(head, c).status());
    assertEquals(0, f.medals().getJsonObject("data").getJsonArray("rows").size(), "hidden results give no medals yet");
    assertEquals(200, f.visibility(f.organiser, c, false).status());
    JsonObject board = api.get("/api/v1/competitions/" + c + "/scoreboard", null).json().getJsonObject("data");
    assertFalse(board.getBoolean("hidden"));
    assertEquals(1, row(board, a).getInteger("rank"));
    assertEquals(1, f.medals().getJsonObject("data").getJsonArray("rows").size());
    List<String> kinds = api.get("/api/v1/competitions/" + c + "/audit", f.organiser).json().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("kind")).toList();
    assertEquals(List.of("SCORE", "HIDE", "PUBLISH", "RELEASE"), kinds);
  }

  @Test
  void weightedCriteriaAndDifficultyThroughTheApi() {
    Fixture f = new Fixture(api, "crit");
    JsonObject format = new JsonObject().put("type", "judged").put("aggregate", "mean").put("judges", 2).put("difficulty", true)
        .put("criteria", new JsonArray().add(new JsonObject().put("name", "technique").put("weight", 0.6))
            .add(new JsonObject().put("name", "style").put("weight", 0.4)));
    long c = f.competition("跳水", format);
    long a = f.entry(c, "Du", null);
    String j1 = f.judge(c, false);
    String j2 = f.judge(c, false);
    JsonObject marks = new JsonObject().put("technique", 9).put("style", 8);
    expect(422, "MARKS_INCOMPLETE", f.submit(j1, c, new JsonObject().put("entryId", a).put("difficulty", 2)
        .put("marks", new JsonObject().put("technique", 9))));
    expect(422, "UNKNOWN_CRITERION", f.submit(j1, c, new JsonObject().put("entryId", a).put("difficulty", 2)
        .put("marks", marks.copy().put("luck", 1))));
    expect(422, "FIELD_NOT_FOR_FORMAT", f.submit(j1, c, new JsonObject().put("entryId", a).put("value", 9).put("difficulty", 2)));
    // The first mark declares the difficulty with it; another judge need not type it, and may not change it.
    f.score(j1, c, new JsonObject().put("entryId", a).put("difficulty", 2.5).put("marks", marks));
    expect(409, "DIFFICULTY_ALREADY_DECLARED", f.submit(j2, c, new JsonObject().put("entryId", a).put("difficulty", 3)
        .put("marks", marks)));
    assertNull(row(f.board(c), a).getValue("result"));
    f.score(j2, c, new JsonObject().put("entryId", a).put("marks", new JsonObject().put("technique", 8).put("style", 8)));
    // technique 8.5 x 0.6 + style 8 x 0.4 = 8.3; x 2.5 = 20.75
    assertEquals("20.75", row(f.board(c), a).getString("result"));
  }
}
