package gala.registration;

import gala.access.Access;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.ShortCodes;
import gala.platform.print.Pdf;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Badges to print: an A4 sheet of 2 x 4 badges of a unit's or a competition's confirmed entries, each
 * with name, unit, competition, division, bib and the check-in QR code (the entry's short code, also
 * printed for typing). Drawn with the shared PDF helper, off the event loop. The words a badge adds to
 * what the organiser typed (the bib's label) are in the language of the page that asked for it.
 */
final class Badges {
  static final int COLUMNS = 2;
  static final int ROWS = 4;
  static final float MARGIN = 24;
  static final float QR = 104;
  private final SqlClient pool;

  Badges(SqlClient pool) {
    this.pool = pool;
  }

  /** One badge's facts. */
  record Badge(String name, String unit, String competition, String division, Integer bib, String code) {}

  Future<byte[]> pdf(Vertx vertx, Caller caller, long eventId, Long unitId, Long competitionId, boolean english) {
    // Organisers only, as gala.access decides (404 for a private event not theirs, else 403).
    return Access.requireOrganiser(pool, caller, eventId)
        .compose(v -> pool.preparedQuery("SELECT title, "
            + "($2::bigint IS NULL OR EXISTS (SELECT 1 FROM units WHERE id = $2 AND event_id = e.id)) AS unit_ok, "
            + "($3::bigint IS NULL OR EXISTS (SELECT 1 FROM competitions WHERE id = $3 AND event_id = e.id)) AS competition_ok "
            + "FROM events e WHERE id = $1")
        .execute(Tuple.of(eventId, unitId, competitionId)))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (!r.getBoolean("unit_ok")) {
            return Future.failedFuture(ApiError.unprocessable("UNKNOWN_UNIT", "unit " + unitId + " is not a unit of this event"));
          }
          if (!r.getBoolean("competition_ok")) {
            return Future.failedFuture(ApiError.unprocessable("UNKNOWN_COMPETITION",
                "competition " + competitionId + " is not a competition of this event"));
          }
          String title = r.getString("title");
          return badges(eventId, unitId, competitionId).compose(list -> list.isEmpty()
              ? Future.failedFuture(ApiError.unprocessable("NO_ENTRIES", "no confirmed entries to print badges for"))
              : vertx.executeBlocking(() -> render(title, list, english), false));
        });
  }

  private Future<List<Badge>> badges(long eventId, Long unitId, Long competitionId) {
    return pool.preparedQuery("SELECT e.display_name, u.name AS unit, c.name AS competition, c.divisions, e.division, "
            + "e.bib, e.checkin_code FROM entries e JOIN competitions c ON c.id = e.competition_id "
            + "LEFT JOIN units u ON u.id = e.unit_id WHERE c.event_id = $1 AND e.status IN ('CONFIRMED', 'CHECKED_IN') "
            + "AND ($2::bigint IS NULL OR e.unit_id = $2) AND ($3::bigint IS NULL OR e.competition_id = $3) "
            + "ORDER BY u.name NULLS LAST, c.id, e.bib NULLS LAST, e.id")
        .execute(Tuple.of(eventId, unitId, competitionId))
        .map(rows -> {
          List<Badge> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Badge(r.getString("display_name"), r.getString("unit"), r.getString("competition"),
              divisionName(r.getValue("divisions"), r.getString("division")), r.getInteger("bib"), r.getString("checkin_code"))));
          return out;
        });
  }

  private static String divisionName(Object divisions, String code) {
    if (code == null || !(divisions instanceof io.vertx.core.json.JsonArray list)) {
      return code;
    }
    for (Object o : list) {
      if (o instanceof JsonObject d && code.equals(d.getString("code"))) {
        return d.getString("name", code);
      }
    }
    return code;
  }

  static byte[] render(String event, List<Badge> badges, boolean english) {
    try (Pdf pdf = new Pdf()) {
      float width = (Pdf.A4.getWidth() - 2 * MARGIN) / COLUMNS;
      float height = (Pdf.A4.getHeight() - 2 * MARGIN) / ROWS;
      for (int i = 0; i < badges.size(); i++) {
        int cell = i % (COLUMNS * ROWS);
        if (cell == 0) {
          pdf.newPage();
        }
        float x = MARGIN + (cell % COLUMNS) * width;
        float y = MARGIN + (cell / COLUMNS) * height;
        badge(pdf, x, y, width, height, event, badges.get(i), english);
      }
      return pdf.toBytes();
    }
  }

  /**
   * One badge: the cut line, the event, the name across the whole width, then unit, competition,
   * division and bib on the left and the QR with its typed code on the right.
   */
  private static void badge(Pdf pdf, float x, float y, float w, float h, String event, Badge b, boolean english) {
    float pad = 12;
    pdf.box(x, y, w, h, 0.5f, 0.6f, 3);
    pdf.fitText(x + pad, y + pad + 9, w - 2 * pad, 9, 6, 0.35f, event);
    pdf.fitText(x + pad, y + pad + 40, w - 2 * pad, 26, 11, 0f, b.name());
    float qx = x + w - pad - QR;
    float qy = y + pad + 50;
    float textWidth = qx - x - 2 * pad;
    pdf.fitText(x + pad, y + pad + 68, textWidth, 13, 7, 0.15f, b.unit());
    pdf.fitText(x + pad, y + pad + 88, textWidth, 12, 7, 0.15f, b.competition());
    pdf.fitText(x + pad, y + pad + 106, textWidth, 11, 7, 0.3f, b.division());
    if (b.bib() != null) {
      pdf.fitText(x + pad, y + h - pad - 4, textWidth, 34, 14, 0f, (english ? "No. " : "号码 ") + b.bib());
    }
    pdf.qr(qx, qy, QR, b.code());
    String typed = ShortCodes.display(b.code());
    pdf.text(qx + (QR - pdf.width(typed, 12)) / 2, qy + QR + 13, 12, 0f, typed);
  }
}
