package gala.scoring;

import gala.platform.print.Pdf;
import gala.scoring.rules.CombinedFormat;
import gala.scoring.rules.Format;
import gala.scoring.rules.JudgedFormat;
import gala.scoring.rules.ResultText;
import gala.scoring.rules.Standings;
import java.util.ArrayList;
import java.util.List;

/**
 * The printable results book (A4, both languages in the headings, Chinese names in the CJK font
 * Gala carries): per competition or for a whole event, every round the export shows
 * ({@link ResultsExport#rounds}), each with its status and the format in words (the combined
 * formula), then one line per entry: rank, name, unit, division, result, best single, and below it
 * every attempt (a judged attempt as its score, dive code and difficulty), records beaten and notes.
 * Pure drawing over loaded {@link Board}s: run it off the event loop (it is blocking).
 */
final class ResultsBook {
  private static final float MARGIN = 40;
  private static final float BOTTOM = Pdf.A4.getHeight() - 50;
  private static final float WIDTH = Pdf.A4.getWidth() - 2 * MARGIN;
  /** Column starts (from the left margin) and widths of rank, name, unit, division, result, best. */
  private static final float[] X = {0, 34, 184, 304, 374, 444};
  private static final float[] W = {30, 146, 116, 66, 66, 71};

  private final Pdf pdf = new Pdf();
  private final String title;
  private float y;
  private int page;

  private ResultsBook(String title) {
    this.title = title;
  }

  /** The book of these boards (in order) of the event called {@code event}; an empty one says so. */
  static byte[] render(String event, List<Board> boards, boolean provisional) {
    ResultsBook book = new ResultsBook(event);
    try {
      book.newPage();
      book.pdf.text(MARGIN, book.y, 18, 0, event);
      book.y += 16;
      book.pdf.text(MARGIN, book.y, 9, 0.35f, provisional ? "成绩册（含待确认成绩）Results book, provisional results included"
          : "成绩册（正式成绩）Official results book");
      book.y += 22;
      boolean any = false;
      for (Board b : boards) {
        for (Board.RoundView r : ResultsExport.rounds(b, provisional)) {
          book.round(b, r);
          any = true;
        }
      }
      if (!any) {
        book.pdf.text(MARGIN, book.y, 11, 0.35f, "尚无正式成绩。No official results yet.");
      }
      return book.pdf.toBytes();
    } finally {
      book.pdf.close();
    }
  }

  private void newPage() {
    pdf.newPage();
    page++;
    pdf.text(MARGIN, Pdf.A4.getHeight() - 24, 8, 0.45f, title + " · Gala · " + page);
    y = MARGIN + 10;
  }

  /** Room for {@code height} more points on this page, or a new page. */
  private void need(float height) {
    if (y + height > BOTTOM) {
      newPage();
    }
  }

  private void round(Board b, Board.RoundView r) {
    need(90);
    y += 8;
    pdf.fitText(MARGIN, y, WIDTH, 14, 9, 0, b.name + " · " + ResultsExport.roundName(r));
    y += 14;
    String status = ResultsExport.roundStatus(r);
    pdf.fitText(MARGIN, y, WIDTH, 8.5f, 6, 0.35f, status + (formatLine(b.format).isEmpty() ? "" : " · " + formatLine(b.format)));
    y += 16;
    header();
    for (Standings.Line l : r.lines()) {
      List<String> under = underLine(b, r, l);
      float height = 14 + (under.isEmpty() ? 0 : 11);
      if (y + height > BOTTOM) {
        newPage();
        header();
      }
      Board.Entry e = b.entries.get(l.entryId());
      String[] cells = {l.rank() == null ? "" : l.rank().toString(), e.name(), nz(e.unit()), nz(e.division()),
          l.result() == null ? nz(statusText(l.status())) : ResultText.of(b.format, l.result()),
          ResultText.of(b.format, l.work().best())};
      for (int i = 0; i < cells.length; i++) {
        pdf.fitText(MARGIN + X[i], y, W[i], 10, 6, 0, cells[i]);
      }
      y += 11;
      if (!under.isEmpty()) {
        pdf.fitText(MARGIN + X[1], y, WIDTH - X[1], 7.5f, 5, 0.35f, String.join("   ", under));
        y += 11;
      }
      y += 3;
    }
    y += 10;
  }

  private void header() {
    String[] heads = {"名次 Rk", "姓名 Name", "单位 Unit", "组别 Div.", "成绩 Result", "最好 Best"};
    for (int i = 0; i < heads.length; i++) {
      pdf.fitText(MARGIN + X[i], y, W[i], 8, 6, 0.35f, heads[i]);
    }
    y += 4;
    pdf.fill(MARGIN, y, WIDTH, 0.6f, 0.5f);
    y += 12;
  }

  /** The attempts, records beaten and notes under an entry's line. */
  private static List<String> underLine(Board b, Board.RoundView r, Standings.Line l) {
    List<String> out = new ArrayList<>();
    int attempts = l.work().attempts().size();
    if (attempts > 1 || b.format instanceof CombinedFormat) {
      List<String> each = new ArrayList<>();
      for (int n = 1; n <= attempts; n++) {
        String text = ResultsExport.attemptText(b.format, l.work(), n);
        boolean counting = l.work().attempts().get(n - 1).counting();
        each.add(text.isEmpty() ? "–" : counting || attempts == 1 ? text : "(" + text + ")");
      }
      out.add(String.join("  ", each));
    }
    b.recordsBeaten(l).forEach(h -> out.add(ResultsExport.recordText(h, r.official())));
    if (r.advancing().contains(l.entryId())) {
      out.add("晋级 Advances");
    }
    if (l.decidedBy() != null) {
      out.add("tie-break: " + l.decidedBy());
    }
    return out;
  }

  /** The format in a line: the combined formula, or how attempts count. */
  static String formatLine(Format f) {
    if (f instanceof CombinedFormat c) {
      return "计分公式 Formula: " + c.formulaText();
    }
    if (f instanceof JudgedFormat j && j.attempts() > 1) {
      return j.attempts() + " 次 attempts, " + j.combine().key();
    }
    if (f instanceof gala.scoring.rules.AttemptFormat a && a.attempts() > 1) {
      return a.attempts() + " 次 attempts, " + a.aggregate().name().toLowerCase().replace('_', ' ');
    }
    return "";
  }

  private static String statusText(String status) {
    return "OK".equals(status) || "PENDING".equals(status) ? "" : status;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
