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
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * A full six-dive platform final through HTTP: dive sheets declared once (by the organiser, by the
 * athlete, and with the first judge's mark), seven judges marking every dive, the running totals,
 * the standings read back with every dive and struck mark, a meet record beaten, publication, and
 * the results exported as CSV, as a printable PDF results book (read back as text) and as JSON valid
 * against the published schema. Refusals change nothing.
 */
class DivingFinalApiTest extends ApiTestBase {
  static JsonObject platformFormat() {
    JsonObject table = new JsonObject().put("109C", 3.7).put("109B", 4.1).put("307C", 3.4).put("6245D", 3.4)
        .put("5255B", 3.6).put("407C", 3.2).put("207C", 3.6).put("626C", 3.3);
    return new JsonObject().put("type", "judged").put("aggregate", "trimmed_sum").put("judges", 7).put("trim", 2)
        .put("min", 0).put("max", 10).put("decimals", 2).put("attempts", 6).put("combine", "sum")
        .put("difficulty", new JsonObject().put("table", table)).put("tieBreaks", new JsonArray().add("best_single"));
  }

  private static JsonObject sheet(long entry, String... codes) {
    JsonArray attempts = new JsonArray();
    for (int i = 0; i < codes.length; i++) {
      attempts.add(new JsonObject().put("attempt", i + 1).put("code", codes[i]));
    }
    return new JsonObject().put("entryId", entry).put("attempts", attempts);
  }

  private static Api.Response declare(String token, long c, JsonObject body) {
    return api.post("/api/v1/competitions/" + c + "/declarations", token, body.encode(), Fixture.key());
  }

  private static long version(long c) {
    return api.scoreboard(c).getLong("version");
  }

  @Test
  void aSixDiveFinalIsEnteredDiveByDiveAndReadBack() throws Exception {
    Fixture f = new Fixture(api, "diving");
    long c = f.competition("男子10米跳台决赛", platformFormat());
    long a = f.entry(c, "A 曹", null);
    // B registers himself, so that he can hand in his own dive sheet.
    JsonObject athlete = api.signup("diver-" + UUID.randomUUID() + "@score.test", "participant");
    Api.Response reg = api.post("/api/v1/competitions/" + c + "/entries", Api.token(athlete),
        new JsonObject().put("gender", "M").put("birthDate", "2000-01-01").encode(), Fixture.key());
    assertEquals(201, reg.status(), reg.text());
    long b = reg.json().getLong("id");
    long cc = f.entry(c, "C 王", null);
    List<String> judges = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      judges.add(f.judge(c, false));
    }

    // Dive sheets: the organiser for A, B for himself; C's dives are declared with the first judge's mark.
    assertEquals(200, declare(f.organiser, c, sheet(a, "6245D", "109C", "307C", "407C", "5255B", "207C")).status());
    long before = version(c);
    expect(422, "DIFFICULTY_NOT_IN_TABLE", declare(f.organiser, c, sheet(cc, "6245D", "999Z")));
    expect(422, "DIFFICULTY_NOT_IN_TABLE", declare(f.organiser, c, new JsonObject().put("entryId", cc)
        .put("attempts", new JsonArray().add(new JsonObject().put("attempt", 1).put("code", "109C").put("difficulty", 3.8)))));
    expect(422, "UNKNOWN_ATTEMPT", declare(f.organiser, c, new JsonObject().put("entryId", cc)
        .put("attempts", new JsonArray().add(new JsonObject().put("attempt", 7).put("code", "109C")))));
    expect(403, "FORBIDDEN", declare(judges.get(0), c, sheet(cc, "109C")));
    expect(403, "FORBIDDEN", declare(Api.token(athlete), c, sheet(a, "109C")));
    assertEquals(before, version(c), "refused declarations write nothing");
    assertEquals(200, declare(Api.token(athlete), c, sheet(b, "109B", "6245D", "407C", "307C", "626C", "207C")).status());
    JsonObject dive1 = row(f.board(c), a).getJsonArray("attempts").getJsonObject(0);
    assertEquals("6245D", dive1.getString("code"));
    assertEquals("3.4", dive1.getString("difficulty"));
    assertEquals("PENDING", dive1.getString("status"));

    String[][] marksA = {{"9.5", "9.5", "9.5", "10", "9", "9.5", "9.5"}, {"9", "9", "8.5", "9", "9", "9.5", "8.5"},
        {"8", "8", "8", "8.5", "7.5", "8", "8"}, {"9", "9", "9", "9", "9", "9", "9"}, {"8", "8", "8", "8", "8", "8", "8"},
        {"9", "9", "9", "9", "9", "9", "9"}};
    String[] marksB = {"8", "9", "8.5", "9", "8", "8.5"};
    String[] codesC = {"109C", "407C", "5255B", "626C", "307C", "6245D"};
    for (int dive = 0; dive < 6; dive++) {
      for (int j = 0; j < 7; j++) {
        f.mark(judges.get(j), c, a, marksA[dive][j]);
        f.mark(judges.get(j), c, b, marksB[dive]);
        JsonObject markC = new JsonObject().put("entryId", cc).put("value", new java.math.BigDecimal("7.5"));
        if (dive == 0 && j == 1) {
          long v = version(c);
          expect(409, "DIFFICULTY_ALREADY_DECLARED", f.submit(judges.get(1), c, markC.copy().put("code", "109B")));
          assertEquals(v, version(c));
        }
        if (j == 0) {
          markC.put("code", codesC[dive]); // declared with the first mark; nobody else types it
        }
        f.score(judges.get(j), c, markC);
      }
      if (dive == 0) {
        long v = version(c);
        expect(422, "UNKNOWN_ATTEMPT", f.submit(judges.get(0), c, new JsonObject().put("entryId", a).put("value", 8)
            .put("attempt", 7)));
        expect(409, "ALREADY_SCORED", f.submit(judges.get(0), c, new JsonObject().put("entryId", a).put("value", 8)
            .put("attempt", 1)));
        expect(409, "ATTEMPT_ALREADY_MARKED", declare(Api.token(athlete), c, sheet(b, "109C")));
        expect(422, "REASON_REQUIRED", declare(f.organiser, c, sheet(b, "109C")));
        assertEquals(v, version(c), "refused marks and declarations write nothing");
      }
      if (dive == 2) {
        JsonObject board = f.board(c);
        // After three dives: A 96.90 + 99.90 + 81.60; B 98.40 + 91.80 + 81.60; C 22.5 x (3.7 + 3.2 + 3.6).
        assertEquals("278.40", row(board, a).getString("result"));
        assertEquals("271.80", row(board, b).getString("result"));
        assertEquals("236.25", row(board, cc).getString("result"));
        assertEquals(false, row(board, a).getBoolean("complete"));
        assertEquals(3, row(board, a).getInteger("marks"));
        assertEquals(6, row(board, a).getInteger("need"));
      }
    }
    expect(409, "ALREADY_SCORED", f.submit(judges.get(0), c, new JsonObject().put("entryId", a).put("value", 8)));

    Api.Response record = api.post("/api/v1/competitions/" + c + "/records", f.organiser, new JsonObject().put("kind", "meet")
        .put("value", 540).put("holder", "前纪录保持者").put("setAt", "2022").encode(), Fixture.key());
    assertEquals(201, record.status(), record.text());

    JsonObject board = f.board(c);
    assertEquals(List.of(a, b, cc), board.getJsonArray("rows").stream().map(o -> ((JsonObject) o).getLong("id")).toList());
    // A: 96.90 + 99.90 + 81.60 + 86.40 + 86.40 + 97.20; B: 24 x 4.1 + 27 x 3.4 + 25.5 x 3.2 + 27 x 3.4 + 24 x 3.3 + 25.5 x 3.6;
    // C: 22.5 x (3.7 + 3.2 + 3.6 + 3.3 + 3.4 + 3.4).
    assertEquals("548.40", row(board, a).getString("result"));
    assertEquals("534.60", row(board, b).getString("result"));
    assertEquals("463.50", row(board, cc).getString("result"));
    assertEquals(List.of(1, 2, 3), board.getJsonArray("rows").stream().map(o -> ((JsonObject) o).getInteger("rank")).toList());
    JsonObject rowA = row(board, a);
    assertEquals(true, rowA.getBoolean("complete"));
    assertEquals("99.90", rowA.getString("best"));
    JsonArray divesA = rowA.getJsonArray("attempts");
    assertEquals(6, divesA.size());
    JsonObject first = divesA.getJsonObject(0);
    assertEquals("96.90", first.getString("score"));
    assertEquals(7, first.getJsonArray("marks").size());
    assertEquals(4, first.getJsonArray("marks").stream().filter(m -> ((JsonObject) m).getBoolean("dropped")).count());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), first.getJsonArray("marks").stream()
        .map(m -> ((JsonObject) m).getInteger("judge")).toList(), "marks by the judges' seats");
    assertEquals("626C", row(board, cc).getJsonArray("attempts").getJsonObject(3).getString("code"));
    assertEquals("meet", rowA.getJsonArray("records").getJsonObject(0).getString("kind"));
    assertNull(row(board, b).getValue("records"), "534.60 does not beat 540");
    assertEquals("table", board.getString("difficulty"));
    assertEquals(6, board.getInteger("attempts"));

    long declared = api.get("/api/v1/competitions/" + c + "/audit", f.organiser).json().getJsonArray("items").stream()
        .filter(i -> "DECLARATION".equals(((JsonObject) i).getString("kind"))).count();
    assertEquals(18, declared, "six dives of three divers, each declared once, in the audit");
    // Before publication the exports that include provisional results flag the record as provisional.
    String provisionalCsv = api.get("/api/v1/competitions/" + c + "/results.csv?provisional=true", null).text();
    assertTrue(provisionalCsv.contains("赛会纪录 Meet record (待确认 provisional)"), provisionalCsv);
    JsonObject provisional = api.get("/api/v1/events/" + f.event + "/results.json?provisional=true", null).json()
        .getJsonArray("competitions").getJsonObject(0).getJsonArray("rounds").getJsonObject(0).getJsonArray("results").getJsonObject(0);
    assertEquals("provisional", provisional.getString("recordStatus"));
    assertEquals(0, api.get("/api/v1/events/" + f.event + "/results.json", null).json().getJsonArray("competitions")
        .getJsonObject(0).getJsonArray("rounds").size(), "without ?provisional only official rounds are exported");
    assertEquals(200, f.publish(f.organiser, c).status());
    assertEquals("OFFICIAL", f.board(c).getString("status"));

    Api.Response csv = api.get("/api/v1/competitions/" + c + "/results.csv", null);
    assertEquals(200, csv.status(), csv.text());
    assertTrue(csv.text().startsWith("\uFEFF"), "a BOM for Excel");
    assertTrue(csv.text().contains("\"男子10米跳台决赛\",\"决赛 Final\",\"正式 OFFICIAL\",\"1\",\"A 曹\""), csv.text());
    assertTrue(csv.text().contains("\"548.40\",\"99.90\",\"96.90 (6245D × 3.4)\""), csv.text());
    assertTrue(csv.text().contains("赛会纪录 Meet record"), csv.text());

    // The results book: the names in the CJK font, every dive with its code and difficulty, the record.
    for (String path : List.of("/api/v1/competitions/" + c + "/results.pdf", "/api/v1/events/" + f.event + "/results.pdf")) {
      try (PDDocument doc = Loader.loadPDF(api.bytes(path, null))) {
        String text = new PDFTextStripper().getText(doc);
        assertTrue(text.contains("男子10米跳台决赛") && text.contains("正式 OFFICIAL"), text);
        assertTrue(text.contains("A 曹") && text.contains("C 王"), text);
        assertTrue(text.contains("548.40") && text.contains("534.60") && text.contains("463.50"), text);
        assertTrue(text.contains("96.90 (6245D × 3.4)"), text);
        assertTrue(text.contains("赛会纪录 Meet record"), text);
      }
    }
    assertEquals(404, api.get("/api/v1/events/999999/results.pdf", null).status());

    Api.Response json = api.get("/api/v1/events/" + f.event + "/results.json", null);
    assertEquals(200, json.status(), json.text());
    JsonObject export = json.json();
    Validator validator = Validator.create(JsonSchema.of(new JsonObject(Files.readString(Path.of("web/schemas/results-1.schema.json")))),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://gala.test/"));
    OutputUnit out = validator.validate(export);
    assertTrue(out.getValid(), () -> out.getErrors().toString());
    JsonObject result = export.getJsonArray("competitions").getJsonObject(0).getJsonArray("rounds").getJsonObject(0)
        .getJsonArray("results").getJsonObject(0);
    assertEquals("548.40", result.getString("result"));
    assertEquals(1, result.getJsonArray("recordsBroken").size());
    assertEquals("official", result.getString("recordStatus"));
    assertTrue(!csv.text().contains("provisional"), "the official export's record is no longer provisional");
    assertEquals("9.5", result.getJsonArray("attempts").getJsonObject(0).getJsonArray("marks").getJsonObject(0).getString("value"));
  }
}
