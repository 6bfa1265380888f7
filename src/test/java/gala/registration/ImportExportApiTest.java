package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.JsonDiff;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import gala.testing.LiveClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A unit's spreadsheet in, entries and check-ins out: row-level reports, refusals, Excel-safe export. */
@ExtendWith(VertxExtension.class)
class ImportExportApiTest extends ApiTestBase {
  static Reg reg;
  static String organiser;
  static long event;
  static long unit;

  @BeforeAll
  static void setUp() {
    reg = new Reg(api);
    organiser = Api.token(reg.signup("org@import.test", "organiser", null));
    event = RegistrationRulesApiTest.created(api.post("/api/v1/events", organiser,
        new JsonObject().put("title", "导入").put("startsOn", Dates.inDays(0)).put("endsOn", Dates.inDays(1))));
    unit = RegistrationRulesApiTest.created(api.post("/api/v1/events/" + event + "/units", organiser,
        new JsonObject().put("name", "市交通局")));
  }

  @Test
  void validRowsAreImportedAndEveryOtherRowIsReportedWithItsLine(Vertx vertx) {
    long swim = reg.competition(organiser, event, new JsonObject().put("name", "50米自由泳").put("capacity", 2)
        .put("divisions", new JsonArray().add(new JsonObject().put("code", "F").put("name", "女子组").put("gender", "F"))));
    String csv = "\uFEFF姓名,性别,出生日期,项目\n"
        + "王芳,女,1990-05-17,50米自由泳\n"          // line 2: confirmed
        + "李娜,F,1991/3/8,50米自由泳\n"            // line 3: confirmed
        + "张伟,男,1989-01-01,50米自由泳\n"          // line 4: NOT_ELIGIBLE_GENDER
        + "刘洋,女,1990-13-40,50米自由泳\n"          // line 5: BAD_DATE
        + ",女,1990-01-01,50米自由泳\n"             // line 6: NAME_REQUIRED
        + "陈静,女,1992-02-02,跳高\n"               // line 7: UNKNOWN_COMPETITION
        + "王芳,女,1990-05-17,50米自由泳\n"          // line 8: ALREADY_REGISTERED (same person twice)
        + "\"赵,敏\",女,1993-03-03,50米自由泳\n";     // line 9: waitlisted, quoted comma
    long jobId;
    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      Response started = reg.importCsv(organiser, event, unit, csv.getBytes(StandardCharsets.UTF_8));
      assertEquals(202, started.status(), started.text());
      long job = started.json().getLong("id");
      jobId = job;
      assertEquals(8, started.json().getInteger("total"));
      live.send(new JsonObject().put("op", "auth").put("token", organiser));
      live.next();
      live.subscribe("import:" + job, null);
      JsonObject snap = live.next();
      assertEquals("snapshot", snap.getString("type"), snap.encode());
      JsonObject data = snap.getJsonObject("data");
      while (!"DONE".equals(data.getString("status"))) {
        JsonObject delta = live.next();
        assertEquals("delta", delta.getString("type"));
        data = JsonDiff.apply(data, delta.getJsonObject("data"));
      }
      assertEquals(8, data.getInteger("done"));
    }
    JsonObject job = reg.awaitImport(organiser, jobId);
    assertEquals("DONE", job.getString("status"));
    assertEquals(3, job.getInteger("imported"));
    assertEquals(5, job.getInteger("failed"));
    List<String> errors = new ArrayList<>();
    job.getJsonArray("errors").forEach(e -> errors.add(((JsonObject) e).getInteger("line") + " " + ((JsonObject) e).getString("code")));
    assertEquals(List.of("4 NOT_ELIGIBLE_GENDER", "5 BAD_DATE", "6 NAME_REQUIRED", "7 UNKNOWN_COMPETITION", "8 ALREADY_REGISTERED"), errors);
    JsonArray entries = reg.entries(swim, null);
    assertEquals(List.of("王芳", "李娜", "赵,敏"), entries.stream().map(e -> ((JsonObject) e).getString("displayName")).toList());
    assertEquals(List.of("CONFIRMED", "CONFIRMED", "WAITLISTED"), entries.stream().map(e -> ((JsonObject) e).getString("status")).toList());
    assertEquals("市交通局", entries.getJsonObject(0).getString("unit"));
    assertEquals(2, api.scoreboard(swim).getJsonObject("data").getJsonArray("rows").size());
  }

  @Test
  void aJobWhoseNodeStoppedMovingIsReportedAsStalled() throws Exception {
    reg.competition(organiser, event, new JsonObject().put("name", "象棋"));
    Response started = reg.importCsv(organiser, event, unit, "name,competition\n王芳,象棋\n".getBytes(StandardCharsets.UTF_8));
    long job = started.json().getLong("id");
    assertEquals("DONE", reg.awaitImport(organiser, job).getString("status"));
    assertEquals(false, api.get("/api/v1/imports/" + job, organiser).json().getBoolean("stalled"));
    // As if the node running it had died between two batches two minutes ago.
    gala.database().pool().query("UPDATE import_jobs SET status = 'RUNNING', finished_at = NULL, "
        + "updated_at = now() - interval '3 minutes' WHERE id = " + job).execute()
        .toCompletionStage().toCompletableFuture().get();
    JsonObject stalled = api.get("/api/v1/imports/" + job, organiser).json();
    assertEquals(true, stalled.getBoolean("stalled"));
    assertEquals(1, stalled.getInteger("imported"), "what was imported is still reported");
  }

  @Test
  void unreadableFilesAreRefusedWholeAndChangeNothing() {
    long comp = reg.competition(organiser, event, new JsonObject().put("name", "跳绳"));
    byte[] gbk = "姓名,项目\n王芳,跳绳\n".getBytes(java.nio.charset.Charset.forName("GBK"));
    Response encoding = reg.importCsv(organiser, event, unit, gbk);
    assertEquals(422, encoding.status(), encoding.text());
    assertEquals("BAD_ENCODING", encoding.errorCode());
    Response columns = reg.importCsv(organiser, event, unit, "name,age\nAnn,30\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("MISSING_COLUMNS", columns.errorCode());
    Response quote = reg.importCsv(organiser, event, unit, "name,competition\n\"Ann,跳绳\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(422, quote.status(), quote.text());
    assertEquals("MALFORMED_CSV", quote.errorCode());
    Response empty = reg.importCsv(organiser, event, unit, new byte[0]);
    assertEquals(400, empty.status(), empty.text());
    Response blank = reg.importCsv(organiser, event, unit, "\uFEFF\n\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("EMPTY_FILE", blank.errorCode());
    byte[] huge = new byte[11 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'a');
    Response tooBig = reg.importCsv(organiser, event, unit, huge);
    assertEquals(413, tooBig.status(), tooBig.text());
    assertEquals("PAYLOAD_TOO_LARGE", tooBig.errorCode());
    String participant = Api.token(reg.signup("p@import.test", "participant", null));
    assertEquals(403, reg.importCsv(participant, event, unit, "name,competition\nAnn,跳绳\n".getBytes(StandardCharsets.UTF_8)).status());
    assertEquals(0, reg.entries(comp, null).size());
  }

  @Test
  void theExportOpensInExcelWithChineseQuotedFieldsAndNoFormulas() throws Exception {
    long comp = reg.competition(organiser, event, new JsonObject().put("name", "书法"));
    reg.register(organiser, comp, new JsonObject().put("displayName", "=HYPERLINK(\"http://evil\",\"点我\")").put("unitId", unit));
    reg.register(organiser, comp, new JsonObject().put("displayName", "孙\"小\"美"));
    byte[] file = reg.bytes("/api/v1/events/" + event + "/entries/export?competitionId=" + comp, organiser);
    assertEquals(0xEF, file[0] & 0xff, "UTF-8 byte order mark for Excel");
    assertEquals(0xBB, file[1] & 0xff);
    assertEquals(0xBF, file[2] & 0xff);
    String text = new String(file, 3, file.length - 3, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\"编号 ID\","), text);
    assertTrue(text.contains("\r\n"), "Excel line ends");
    List<CSVRecord> records = CSVFormat.EXCEL.parse(new StringReader(text)).getRecords();
    assertEquals(3, records.size());
    assertEquals("'=HYPERLINK(\"http://evil\",\"点我\")", records.get(1).get(4), "a formula becomes text");
    assertEquals("市交通局", records.get(1).get(3));
    assertEquals("孙\"小\"美", records.get(2).get(4));
    assertEquals("已确认 CONFIRMED", records.get(2).get(6), "the status in words, the code kept");
    String participant = Api.token(reg.signup("x@import.test", "participant", null));
    assertEquals(403, api.get("/api/v1/events/" + event + "/entries/export", participant).status());
  }
}
