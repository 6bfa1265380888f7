package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.print.Pdf;
import gala.platform.print.QrCode;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ApiTestBase;
import gala.testing.Dates;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Badges: one A4 PDF per unit or competition; its text holds every name (Chinese and Latin, with the
 * embedded CJK font), and every QR on the rendered pages decodes to a code the door accepts.
 */
class BadgesApiTest extends ApiTestBase {
  static final float DPI = 150;
  static Reg reg;
  static String organiser;
  static long event;
  static long transport;
  static long water;
  static long rope;

  @BeforeAll
  static void setUp() {
    reg = new Reg(api);
    organiser = Api.token(reg.signup("org@badges.test", "organiser", null));
    event = api.createEvent(organiser, "2026年市职工运动会");
    transport = api.createUnit(organiser, event, "市交通局");
    water = api.createUnit(organiser, event, "自来水公司");
    rope = reg.competition(organiser, event, new JsonObject().put("name", "跳绳").put("capacity", 20));
    reg.competition(organiser, event, new JsonObject().put("name", "拔河").put("capacity", 20));
    String csv = "姓名,性别,出生日期,项目,单位\n"
        + "王芳,女,1990-05-17,跳绳,市交通局\n李娜,女,1991-03-08,跳绳,市交通局\n张伟,男,1988-01-01,跳绳,市交通局\n"
        + "欧阳娜娜,女,1992-02-02,跳绳,市交通局\nAnna Müller,女,1985-07-07,跳绳,市交通局\n王堃,男,1987-08-08,跳绳,市交通局\n"
        + "刘洋,男,1989-09-09,跳绳,市交通局\n陈静,女,1993-03-03,跳绳,市交通局\n赵敏,女,1994-04-04,跳绳,市交通局\n"
        + "John O'Brien,男,1980-01-01,拔河,市交通局\n孙丽,女,1990-10-10,跳绳,自来水公司\n";
    Response started = reg.importCsv(organiser, event, null, csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(202, started.status(), started.text());
    JsonObject job = reg.awaitImport(organiser, started.json().getLong("id"));
    assertEquals(11, job.getInteger("imported"), job.encode());
  }

  @Test
  void aUnitsBadgesCarryEveryNameAndEveryQrChecksIn() throws Exception {
    byte[] bytes = reg.bytes("/api/v1/events/" + event + "/badges?unitId=" + transport, organiser);
    List<String> names = List.of("王芳", "李娜", "张伟", "欧阳娜娜", "Anna Müller", "王堃", "刘洋", "陈静", "赵敏", "John O'Brien");
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      assertEquals(2, doc.getNumberOfPages(), "10 badges, 8 a page");
      String text = new PDFTextStripper().getText(doc);
      for (String name : names) {
        assertTrue(text.contains(name), name + " is printed: " + text);
      }
      assertTrue(text.contains("市交通局") && text.contains("跳绳") && text.contains("拔河"));
      assertFalse(text.contains("孙丽"), "another unit's athlete is not on this unit's sheet");
      for (PDFont font : fontsOf(doc)) {
        assertTrue(font.isEmbedded(), "the font travels with the PDF: " + font.getName());
      }
      assertTrue(bytes.length < 600_000, "only the glyphs used are embedded: " + bytes.length + " bytes");

      List<String> codes = decodeEveryBadge(doc, 10);
      assertEquals(10, new HashSet<>(codes).size());
      for (String code : codes) {
        Response r = api.post("/api/v1/checkins", organiser, new JsonObject().put("code", code).encode(), UUID.randomUUID().toString());
        assertEquals(200, r.status(), code + " -> " + r.text());
        assertFalse(r.json().getBoolean("alreadyCheckedIn"));
        assertTrue(names.contains(r.json().getJsonObject("entry").getString("displayName")));
      }
    }
  }

  @Test
  void aCompetitionsBadgesAndTheRefusals() throws Exception {
    byte[] bytes = reg.bytes("/api/v1/events/" + event + "/badges?competitionId=" + rope, organiser);
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("孙丽") && text.contains("王芳") && text.contains("自来水公司"));
      assertFalse(text.contains("John O'Brien"), "拔河 is another competition");
      assertEquals(10, decodeEveryBadge(doc, 10).size());
    }
    String stranger = Api.token(reg.signup("stranger@badges.test", "organiser", null));
    assertEquals(403, api.get("/api/v1/events/" + event + "/badges?unitId=" + transport, stranger).status());
    assertEquals(401, api.get("/api/v1/events/" + event + "/badges?unitId=" + transport, null).status());
    assertEquals(404, api.get("/api/v1/events/999999/badges", organiser).status());
    long other = api.createEvent(organiser, "另一场");
    long otherUnit = api.createUnit(organiser, other, "空单位");
    assertEquals("UNKNOWN_UNIT", api.get("/api/v1/events/" + event + "/badges?unitId=" + otherUnit, organiser).errorCode());
    assertEquals("NO_ENTRIES", api.get("/api/v1/events/" + other + "/badges?unitId=" + otherUnit, organiser).errorCode());
    long hidden = api.post("/api/v1/events", organiser, new JsonObject().put("title", "内部").put("startsOn", Dates.inDays(0))
        .put("endsOn", Dates.inDays(1))
        .put("public", false)).json().getLong("id");
    assertEquals(404, api.get("/api/v1/events/" + hidden + "/badges", stranger).status(), "a private event stays hidden");
  }

  /** Renders each page and decodes the QR in every badge cell (the sheet's grid, as a guillotine cuts it). */
  private static List<String> decodeEveryBadge(PDDocument doc, int expected) throws Exception {
    PDFRenderer renderer = new PDFRenderer(doc);
    float scale = DPI / 72f;
    float w = (Pdf.A4.getWidth() - 2 * Badges.MARGIN) / Badges.COLUMNS;
    float h = (Pdf.A4.getHeight() - 2 * Badges.MARGIN) / Badges.ROWS;
    List<String> codes = new ArrayList<>();
    for (int p = 0; p < doc.getNumberOfPages(); p++) {
      BufferedImage page = renderer.renderImageWithDPI(p, DPI, ImageType.GRAY);
      for (int cell = 0; cell < Badges.COLUMNS * Badges.ROWS && codes.size() < expected; cell++) {
        int x = Math.round((Badges.MARGIN + (cell % Badges.COLUMNS) * w) * scale);
        int y = Math.round((Badges.MARGIN + (cell / Badges.COLUMNS) * h) * scale);
        BufferedImage badge = page.getSubimage(x, y, Math.round(w * scale) - 1, Math.round(h * scale) - 1);
        String code = QrCode.decode(badge);
        assertNotNull(code, "the QR of badge " + (codes.size() + 1) + " on page " + (p + 1) + " decodes");
        codes.add(code);
      }
    }
    assertEquals(expected, codes.size());
    return codes;
  }

  private static Set<PDFont> fontsOf(PDDocument doc) throws Exception {
    Set<PDFont> fonts = new HashSet<>();
    for (var page : doc.getPages()) {
      for (var name : page.getResources().getFontNames()) {
        fonts.add(page.getResources().getFont(name));
      }
    }
    assertFalse(fonts.isEmpty());
    return fonts;
  }
}
