package gala.scoring;

import static gala.scoring.Fixture.expect;
import static gala.scoring.Fixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.ApiTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Timed and measured attempts, head-to-head matches and rounds with advancement, and their bad input. */
class FormatsApiTest extends ApiTestBase {
  private static JsonObject attempt(long entry, Object value) {
    return new JsonObject().put("entryId", entry).put("value", value);
  }

  @Test
  void timedAttemptsRankLowestFirstWithDnfRulesAndRefuseBadInput() {
    Fixture f = new Fixture(api, "swim");
    long c = f.competition("50米自由泳", new JsonObject().put("type", "timed").put("aggregate", "best").put("attempts", 2)
        .put("tieBreaks", new JsonArray().add("second_best")));
    long a = f.entry(c, "A", null);
    long b = f.entry(c, "B", null);
    long d = f.entry(c, "D", null);
    String timer = f.judge(c, true);
    long version = api.scoreboard(c).getLong("version");

    expect(422, "MARK_OUT_OF_RANGE", f.submit(timer, c, attempt(a, -1.5)));
    expect(422, "TOO_MANY_ATTEMPTS", f.submit(timer, c, attempt(a, 30.1).put("attempt", 3)));
    expect(400, "VALIDATION_FAILED", f.submit(timer, c, attempt(a, "30.1")));
    expect(400, "VALIDATION_FAILED", api.post("/api/v1/competitions/" + c + "/scores", timer,
        "{\"entryId\":" + a + ",\"value\":\"NaN\"}", Fixture.key()));
    expect(400, "MALFORMED_JSON", api.post("/api/v1/competitions/" + c + "/scores", timer,
        "{\"entryId\":" + a + ",\"value\":NaN}", Fixture.key()));
    expect(422, "FIELD_NOT_FOR_FORMAT", f.submit(timer, c, attempt(a, 30).put("marks", new JsonObject().put("x", 1))));
    expect(422, "VALUE_OR_OUTCOME", f.submit(timer, c, attempt(a, 30).put("outcome", "DNF")));
    assertEquals(version, api.scoreboard(c).getLong("version"), "nothing stored");

    f.score(timer, c, attempt(a, 30.12));
    f.score(timer, c, attempt(b, 29.80));
    JsonObject board = f.board(c);
    assertEquals("29.80", row(board, b).getString("result"));
    assertEquals(1, row(board, b).getInteger("rank"));
    assertEquals(false, row(board, b).getBoolean("complete"), "best so far, one attempt to go");
    f.score(timer, c, attempt(a, 29.80));
    f.score(timer, c, attempt(b, 31.00));
    expect(422, "TOO_MANY_ATTEMPTS", f.submit(timer, c, attempt(a, 29)));
    expect(409, "ALREADY_SCORED", f.submit(timer, c, attempt(a, 29).put("attempt", 1)));
    f.score(timer, c, new JsonObject().put("entryId", d).put("outcome", "DNF"));
    f.score(timer, c, new JsonObject().put("entryId", d).put("outcome", "DNS"));
    board = f.board(c);
    // both best 29.80; second best 30.12 (A) beats 31.00 (B)
    assertEquals(a, board.getJsonArray("rows").getJsonObject(0).getLong("id"));
    assertEquals("second_best", row(board, a).getString("decidedBy"));
    assertEquals(List.of("second_best"), board.getJsonArray("tieBreaks").getList());
    assertEquals("DNF", row(board, d).getString("status"));
    assertNull(row(board, d).getValue("rank"));
    assertEquals(true, board.getBoolean("lowerIsBetter"));
  }

  @Test
  void inactiveUnknownAndForeignEntriesAreRefused() throws Exception {
    Fixture f = new Fixture(api, "entries");
    JsonObject format = new JsonObject().put("type", "measured").put("attempts", 3);
    long small = f.competition("跳远", format.copy());
    long other = f.competition("跳高", format.copy());
    String judge = f.judge(small, false);
    long first = f.entry(small, "first", null);
    long waitlisted = f.entry(small, "second", null); // confirmed; withdrawn below (no withdraw route on this branch yet)
    long foreign = f.entry(other, "elsewhere", null);
    gala.database().pool().preparedQuery("UPDATE entries SET status = 'WITHDRAWN' WHERE id = $1").execute(Tuple.of(waitlisted))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    long version = api.scoreboard(small).getLong("version");
    expect(409, "ENTRY_NOT_ACTIVE", f.submit(judge, small, attempt(waitlisted, 5.5)));
    expect(404, "NOT_FOUND", f.submit(judge, small, attempt(987654, 5.5)));
    expect(409, "ENTRY_NOT_IN_COMPETITION", f.submit(judge, small, attempt(foreign, 5.5)));
    expect(403, "NOT_ASSIGNED_JUDGE", f.submit(judge, other, attempt(foreign, 5.5)));
    assertEquals(version, api.scoreboard(small).getLong("version"));
    f.score(judge, small, attempt(first, 5.5));
  }

  @Test
  void waitlistedEntriesCannotBeScored() {
    Fixture f = new Fixture(api, "wait");
    long c = api.createJudgedCompetition(f.organiser, f.event, "小组", 1, 1);
    String judge = f.judge(c, false);
    f.entry(c, "in", null);
    long waiting = f.entry(c, "waiting", null);
    expect(409, "ENTRY_NOT_ACTIVE", f.submit(judge, c, attempt(waiting, 5)));
  }

  @Test
  void headToHeadMatchesMakeStandingsWithTieBreaks() {
    Fixture f = new Fixture(api, "tt");
    long c = f.competition("乒乓球单打", new JsonObject().put("type", "head_to_head").put("win", 2).put("draw", 1).put("loss", 0)
        .put("tieBreaks", new JsonArray().add("head_to_head").add("score_difference")));
    long p1 = f.entry(c, "P1", null);
    long p2 = f.entry(c, "P2", null);
    long p3 = f.entry(c, "P3", null);
    String umpire = f.judge(c, true);
    expect(422, "OPPONENT_REQUIRED", f.submit(umpire, c, new JsonObject().put("entryId", p1).put("value", 3)));
    expect(422, "INVALID_MATCH", f.submit(umpire, c, new JsonObject().put("entryId", p1).put("opponentEntryId", p1)
        .put("value", 3).put("opponentValue", 1)));
    expect(422, "INVALID_MATCH_SCORE", f.submit(umpire, c, new JsonObject().put("entryId", p1).put("opponentEntryId", p2)
        .put("value", 2.5).put("opponentValue", 1)));
    f.score(umpire, c, new JsonObject().put("entryId", p2).put("opponentEntryId", p1).put("value", 3).put("opponentValue", 2));
    expect(409, "ALREADY_SCORED", f.submit(umpire, c, new JsonObject().put("entryId", p1).put("opponentEntryId", p2)
        .put("value", 3).put("opponentValue", 0)));
    f.score(umpire, c, new JsonObject().put("entryId", p1).put("opponentEntryId", p3).put("value", 3).put("opponentValue", 0));
    f.score(umpire, c, new JsonObject().put("entryId", p3).put("opponentEntryId", p2).put("value", 3).put("opponentValue", 0));
    // everyone 2 points; head-to-head level (a cycle); score difference: P1 +2, P2 -2, P3 0
    JsonObject board = f.board(c);
    assertEquals(List.of(p1, p3, p2), board.getJsonArray("rows").stream().map(o -> ((JsonObject) o).getLong("id")).toList());
    assertEquals("score_difference", row(board, p1).getString("decidedBy"));
    assertEquals(2, row(board, p1).getInteger("points"));
    assertEquals(List.of("head_to_head", "score_difference"), board.getJsonArray("tieBreaks").getList());
  }

  @Test
  void roundsAdvanceTheTopEntriesOnlyOnceTheRoundIsOfficial() {
    Fixture f = new Fixture(api, "rounds");
    JsonObject format = new JsonObject().put("type", "measured").put("attempts", 1)
        .put("rounds", new JsonArray().add(new JsonObject().put("name", "预赛").put("heatSize", 2)
            .put("advance", new JsonObject().put("top", 2))).add(new JsonObject().put("name", "决赛")));
    long c = f.competition("跳绳", format);
    String head = f.judge(c, true);
    long[] e = new long[4];
    for (int i = 0; i < e.length; i++) {
      e[i] = f.entry(c, "R" + i, null);
    }
    String[] counts = {"150", "180", "165", "120"};
    for (int i = 0; i < e.length; i++) {
      f.score(head, c, attempt(e[i], Integer.parseInt(counts[i])));
    }
    JsonObject heats = f.board(c);
    assertEquals(1, heats.getInteger("round"));
    assertEquals(2, row(heats, e[0]).getInteger("heat") + row(heats, e[1]).getInteger("heat") - 1);
    assertTrue(row(heats, e[1]).getValue("advancing") == null, "no advancing shown while provisional");
    expect(409, "ROUND_NOT_STARTED", f.submit(head, c, attempt(e[1], 1).put("round", 2)));

    assertEquals(200, f.publish(head, c).status());
    JsonObject fin = f.board(c);
    assertEquals(2, fin.getInteger("round"));
    assertEquals("决赛", fin.getString("roundName"));
    assertEquals("PROVISIONAL", fin.getString("status"));
    assertEquals(List.of("OFFICIAL", "PROVISIONAL"), fin.getJsonArray("rounds").stream()
        .map(o -> ((JsonObject) o).getString("status")).toList());
    assertEquals(List.of(e[1], e[2]), fin.getJsonArray("rows").stream().map(o -> ((JsonObject) o).getLong("id")).toList());
    expect(409, "ENTRY_NOT_IN_ROUND", f.submit(head, c, attempt(e[0], 200)));
    expect(409, "ROUND_OFFICIAL", f.submit(head, c, attempt(e[0], 200).put("round", 1)));
    f.score(head, c, attempt(e[2], 190));
    f.score(head, c, attempt(e[1], 170));
    assertEquals(e[2], f.board(c).getJsonArray("rows").getJsonObject(0).getLong("id"));
  }

  @Test
  void anEarlierRoundStaysReadableOnceTheNextOneRuns() {
    Fixture f = new Fixture(api, "earlier");
    JsonObject format = new JsonObject().put("type", "measured").put("attempts", 1)
        .put("rounds", new JsonArray().add(new JsonObject().put("name", "预赛").put("advance", new JsonObject().put("top", 2)))
            .add(new JsonObject().put("name", "决赛")));
    long c = f.competition("立定跳远", format);
    String head = f.judge(c, true);
    long[] e = new long[3];
    double[] jumps = {2.10, 2.45, 2.30};
    for (int i = 0; i < e.length; i++) {
      e[i] = f.entry(c, "J" + i, null);
      f.score(head, c, attempt(e[i], jumps[i]));
    }
    String path = "/api/v1/competitions/" + c + "/scoreboard/rounds/";
    JsonObject first = api.get(path + 1, null).json();
    assertEquals(f.board(c).getJsonArray("rows"), first.getJsonArray("rows"), "the current round reads as the live board shows it");
    expect(404, "ROUND_NOT_STARTED", api.get(path + 2, null));

    assertEquals(200, f.publish(head, c).status());
    f.score(head, c, attempt(e[2], 2.50));
    assertEquals(2, f.board(c).getInteger("round"));
    JsonObject prelim = api.get(path + 1, null).json();
    assertEquals(1, prelim.getInteger("round"));
    assertEquals("预赛", prelim.getString("roundName"));
    assertEquals("OFFICIAL", prelim.getString("status"));
    assertEquals(List.of(e[1], e[2], e[0]), prelim.getJsonArray("rows").stream().map(o -> ((JsonObject) o).getLong("id")).toList(),
        "the prelim's whole field, in its order");
    assertEquals("2.45", row(prelim, e[1]).getString("result"));
    assertEquals(1, row(prelim, e[1]).getInteger("rank"));
    assertTrue(row(prelim, e[1]).getBoolean("advancing"));
    assertEquals(false, row(prelim, e[0]).getBoolean("advancing"));
    JsonObject fin = api.get(path + 2, null).json();
    assertEquals(f.board(c).getJsonArray("rows"), fin.getJsonArray("rows"));
    assertEquals("2.50", row(fin, e[2]).getString("result"));
    expect(404, "ROUND_NOT_STARTED", api.get(path + 3, null));
    assertEquals(400, api.get(path + 0, null).status());

    assertEquals(200, f.visibility(f.organiser, c, true).status());
    expect(403, "SCOREBOARD_HIDDEN", api.get(path + 1, null));
    assertEquals(0, api.get(path + 1, head).json().getJsonArray("rows").size(), "staff see a hidden board's rounds empty, as its topic");
  }
}
