package gala.scoring;

import static gala.scoring.Fixture.expect;
import static gala.scoring.Fixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.testing.Api;
import gala.testing.ApiTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * A workers' skills contest (theory 30% + practical 70% + a time bonus - deductions) entered part by
 * part through HTTP; a speedcubing round with a time limit and a cutoff; records per division; and the
 * refusals of issue 13 (a formula naming a missing part, a record for a division that does not
 * exist), each 422 with its code and nothing written.
 */
class CombinedAndFederationApiTest extends ApiTestBase {
  static JsonObject skillsContest() {
    return new JsonObject().put("type", "combined").put("decimals", 2)
        .put("parts", new JsonArray()
            .add(new JsonObject().put("name", "theory").put("label", "理论").put("input", "points").put("min", 0).put("max", 100))
            .add(new JsonObject().put("name", "practical").put("label", "实操").put("input", "judged").put("judges", 3)
                .put("aggregate", "mean").put("min", 0).put("max", 100)
                .put("criteria", new JsonArray().add(new JsonObject().put("name", "process").put("weight", 0.6))
                    .add(new JsonObject().put("name", "result").put("weight", 0.4))))
            .add(new JsonObject().put("name", "time").put("label", "用时加分").put("input", "timed").put("unit", "s")
                .put("min", 0).put("max", 7200).put("points", new JsonObject().put("table", new JsonArray()
                    .add(new JsonObject().put("upTo", 1800).put("points", 5)).add(new JsonObject().put("upTo", 2400).put("points", 3)))))
            .add(new JsonObject().put("name", "penalty").put("label", "扣分").put("input", "points").put("min", 0).put("max", 20)
                .put("deduction", true)))
        .put("formula", new JsonObject().put("kind", "weighted").put("weights", new JsonObject().put("theory", 0.3)
            .put("practical", 0.7).put("time", 1).put("penalty", 1)))
        .put("tieBreaks", new JsonArray().add("part:practical"));
  }

  private static JsonObject part(long entry, String part, Object value) {
    return new JsonObject().put("entryId", entry).put("part", part).put("value", value);
  }

  private static JsonObject practical(long entry, int process, int result) {
    return new JsonObject().put("entryId", entry).put("part", "practical")
        .put("marks", new JsonObject().put("process", process).put("result", result));
  }

  @Test
  void aSkillsContestIsEnteredPartByPartAndShowsItsFormula() throws Exception {
    Fixture f = new Fixture(api, "skills");
    int competitionsBefore = api.get("/api/v1/events/" + f.event + "/competitions", f.organiser).json().getJsonArray("items").size();
    JsonObject missing = skillsContest();
    missing.getJsonObject("formula").getJsonObject("weights").put("safety", 0.1);
    Api.Response refused = api.post("/api/v1/events/" + f.event + "/competitions", f.organiser,
        new JsonObject().put("name", "坏公式").put("capacity", 10).put("format", missing));
    expect(422, "FORMULA_UNKNOWN_PART", refused);
    assertEquals(competitionsBefore,
        api.get("/api/v1/events/" + f.event + "/competitions", f.organiser).json().getJsonArray("items").size(),
        "the refused competition was not created");

    long c = f.competition("电工技能竞赛", skillsContest());
    long w1 = f.entry(c, "李工", null);
    long w2 = f.entry(c, "张工", null);
    String desk = f.judge(c, true);
    String[] panel = {f.judge(c, false), f.judge(c, false), f.judge(c, false)};
    long version = api.scoreboard(c).getLong("version");
    expect(422, "PART_REQUIRED", f.submit(desk, c, new JsonObject().put("entryId", w1).put("value", 86)));
    expect(422, "UNKNOWN_PART", f.submit(desk, c, part(w1, "luck", 5)));
    expect(422, "UNKNOWN_ATTEMPT", f.submit(desk, c, part(w1, "theory", 86).put("attempt", 2)));
    expect(422, "MARK_OUT_OF_RANGE", f.submit(desk, c, part(w1, "theory", 101)));
    expect(422, "FIELD_NOT_FOR_FORMAT", f.submit(desk, c, part(w1, "theory", 86).put("outcome", "DNF")));
    expect(422, "MARKS_INCOMPLETE", f.submit(panel[0], c, new JsonObject().put("entryId", w1).put("part", "practical")
        .put("marks", new JsonObject().put("process", 90))));
    assertEquals(version, api.scoreboard(c).getLong("version"), "nothing written");

    f.score(desk, c, part(w1, "theory", 86));
    expect(409, "ALREADY_SCORED", f.submit(desk, c, part(w1, "theory", 87)));
    f.score(panel[0], c, practical(w1, 90, 95));
    f.score(panel[1], c, practical(w1, 88, 92));
    JsonObject waiting = row(f.board(c), w1);
    assertNull(waiting.getString("result"), "a part is still missing");
    f.score(panel[2], c, practical(w1, 92, 90));
    expect(409, "PANEL_FULL", f.submit(desk, c, practical(w1, 90, 90)));
    f.score(desk, c, part(w1, "time", 2100));
    f.score(desk, c, part(w1, "penalty", 1.5));
    // 0.3 x 86 + 0.7 x (0.6 x 90 + 0.4 x 92.333..) + 3 (35 minutes) - 1.5 = 90.95
    // W2: 0.3 x 80 + 0.7 x (0.6 x 95 + 0.4 x 95) + 5 (29 minutes) - 0 = 95.50
    f.score(desk, c, part(w2, "theory", 80));
    for (String j : panel) {
      f.score(j, c, practical(w2, 95, 95));
    }
    f.score(desk, c, part(w2, "time", 1740));
    f.score(desk, c, part(w2, "penalty", 0));
    JsonObject board = f.board(c);
    assertEquals(List.of(w2, w1), board.getJsonArray("rows").stream().map(o -> ((JsonObject) o).getLong("id")).toList());
    assertEquals("95.50", row(board, w2).getString("result"));
    assertEquals("90.95", row(board, w1).getString("result"));
    assertEquals("0.3 × 理论 + 0.7 × 实操 + 用时加分 − 扣分", board.getJsonObject("formula").getString("text"));
    assertEquals("weighted", board.getJsonObject("formula").getString("kind"));
    JsonArray parts = row(board, w1).getJsonArray("attempts").getJsonObject(0).getJsonArray("parts");
    assertEquals(List.of("86.00", "90.93", "3.00", "1.50"), parts.stream().map(p -> ((JsonObject) p).getString("points")).toList());
    assertEquals("2100", parts.getJsonObject(2).getString("value"));
    assertEquals(6, parts.getJsonObject(1).getJsonArray("marks").size(), "three judges, two criteria each");

    // The results book prints the formula beside the standings; nothing is official yet without ?provisional.
    try (PDDocument doc = Loader.loadPDF(api.bytes("/api/v1/competitions/" + c + "/results.pdf?provisional=true", null))) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("计分公式 Formula: 0.3 × 理论 + 0.7 × 实操 + 用时加分 − 扣分"), text);
      assertTrue(text.contains("待确认 PROVISIONAL") && text.contains("张工") && text.contains("95.50"), text);
      assertTrue(text.indexOf("张工") < text.indexOf("李工"), "ranked: " + text);
    }
    try (PDDocument doc = Loader.loadPDF(api.bytes("/api/v1/events/" + f.event + "/results.pdf", null))) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("尚无正式成绩") && !text.contains("张工"), text);
    }
  }

  @Test
  void aSpeedcubingRoundWithATimeLimitAndACutoff() {
    Fixture f = new Fixture(api, "cubing");
    long c = f.competition("三阶魔方", new JsonObject().put("type", "timed").put("aggregate", "average_of_5").put("attempts", 5)
        .put("timeLimit", 600).put("cutoff", new JsonObject().put("attempts", 2).put("beat", 120))
        .put("rounding", new JsonObject().put("over", 600).put("unit", 1)).put("tieBreaks", new JsonArray().add("best_single")));
    long fast = f.entry(c, "快", null);
    long slow = f.entry(c, "慢", null);
    String judge = f.judge(c, true);
    for (String t : List.of("118.00", "121.00", "119.00", "600.00", "117.00")) {
      f.score(judge, c, new JsonObject().put("entryId", fast).put("value", new java.math.BigDecimal(t)));
    }
    f.score(judge, c, new JsonObject().put("entryId", slow).put("value", 120));
    f.score(judge, c, new JsonObject().put("entryId", slow).put("value", 125.31));
    long version = api.scoreboard(c).getLong("version");
    expect(409, "CUTOFF_NOT_MET", f.submit(judge, c, new JsonObject().put("entryId", slow).put("value", 100)));
    assertEquals(version, api.scoreboard(c).getLong("version"));
    JsonObject board = f.board(c);
    JsonObject rowFast = row(board, fast);
    // 10:00.00 reaches the time limit: a DNF, the worst; the middle three 118, 119, 121 average 119.33.
    assertEquals("119.33", rowFast.getString("result"));
    JsonObject limit = rowFast.getJsonArray("attempts").getJsonObject(3);
    assertEquals("DNF", limit.getString("status"));
    assertEquals(true, limit.getBoolean("overLimit"));
    assertEquals("600.00", limit.getString("value"));
    assertEquals("117.00", rowFast.getString("best"));
    JsonObject rowSlow = row(board, slow);
    assertEquals("CUTOFF", rowSlow.getString("status"));
    assertEquals(2, rowSlow.getInteger("rank"), "ranked after the averages by the best single");
    assertEquals(true, rowSlow.getBoolean("complete"));
    assertEquals(new JsonObject().put("attempts", 2).put("beat", "120"), board.getJsonObject("cutoff"));
  }

  @Test
  void recordsArePerDivisionAndABadDivisionIsRefused() {
    Fixture f = new Fixture(api, "records");
    Api.Response created = api.post("/api/v1/events/" + f.event + "/competitions", f.organiser,
        new JsonObject().put("name", "50米仰泳").put("capacity", 50)
            .put("divisions", new JsonArray().add(new JsonObject().put("code", "W40").put("name", "女子40岁以上"))
                .add(new JsonObject().put("code", "W50").put("name", "女子50岁以上")))
            .put("format", new JsonObject().put("type", "timed").put("aggregate", "best").put("attempts", 1)));
    assertEquals(201, created.status(), created.text());
    long c = created.json().getLong("id");
    String records = "/api/v1/competitions/" + c + "/records";
    expect(422, "UNKNOWN_DIVISION", api.post(records, f.organiser, new JsonObject().put("division", "W99")
        .put("value", "45.10").put("holder", "某人").encode(), Fixture.key()));
    expect(422, "INVALID_RECORD_VALUE", api.post(records, f.organiser, new JsonObject().put("division", "W40")
        .put("value", "1:75.00").put("holder", "某人").encode(), Fixture.key()));
    String judge = f.judge(c, false);
    expect(403, "FORBIDDEN", api.post(records, judge, new JsonObject().put("value", 40).put("holder", "某人").encode(),
        Fixture.key()));
    assertEquals(0, api.get(records, null).json().getJsonArray("items").size(), "nothing written");

    Api.Response w40 = api.post(records, f.organiser, new JsonObject().put("division", "W40").put("kind", "meet")
        .put("value", "0:45.10").put("holder", "赵敏").put("setAt", "2024").encode(), Fixture.key());
    assertEquals(201, w40.status(), w40.text());
    assertEquals("45.10", w40.json().getString("text"));
    long a = entry(f, c, "W40 fast", "W40");
    long b = entry(f, c, "W50 fast", "W50");
    f.score(judge, c, new JsonObject().put("entryId", a).put("value", 44.90));
    f.score(judge, c, new JsonObject().put("entryId", b).put("value", 44.00));
    JsonObject board = f.board(c);
    assertEquals("W40", row(board, a).getJsonArray("records").getJsonObject(0).getString("division"));
    assertNull(row(board, b).getValue("records"), "the W40 record is not W50's");
    long id = w40.json().getLong("id");
    Api.Response noKey = api.delete(records + "/" + id, f.organiser);
    assertEquals("IDEMPOTENCY_KEY_REQUIRED", noKey.errorCode(), noKey.text());
    assertEquals(1, api.get(records, null).json().getJsonArray("items").size(), "a refusal removes nothing");
    String removal = Fixture.key();
    assertEquals(204, api.send("DELETE", records + "/" + id, f.organiser, null, null, removal).status());
    assertNull(row(f.board(c), a).getValue("records"));
    assertEquals(204, api.send("DELETE", records + "/" + id, f.organiser, null, null, removal).status(),
        "a retry after a lost reply gets the first answer, not 404");
    assertEquals(404, api.deleteOnce(records + "/" + id, f.organiser).status(), "another removal of it is refused");
    Api.Response csv = api.get("/api/v1/events/" + f.event + "/results.csv?provisional=true", null);
    assertEquals(200, csv.status());
    assertTrue(csv.text().contains("\"W40 fast\",\"\",\"W40\",\"44.90\""), csv.text());
    assertTrue(api.get("/api/v1/events/" + f.event + "/results.csv", null).text().split("\r\n").length == 1,
        "without provisional results only the header: nothing is official yet");
  }

  private static long entry(Fixture f, long c, String name, String division) {
    Api.Response r = api.post("/api/v1/competitions/" + c + "/entries", f.organiser,
        new JsonObject().put("displayName", name).put("gender", "F").put("birthDate", "1980-03-01").put("division", division).encode(),
        Fixture.key());
    assertEquals(201, r.status(), r.text());
    return r.json().getLong("id");
  }
}
