package gala.platform.print;

import com.google.zxing.common.BitMatrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one PDF helper (badges, the results book, seating plans): A4 pages drawn with the CJK font
 * Gala carries itself (Noto Sans SC, SIL Open Font License, from the npm package
 * {@code @expo-google-fonts/noto-sans-sc}; see {@code fonts/NotoSansSC-OFL.txt}), so Chinese names
 * print on a machine without any fonts. Only the glyphs a document uses are embedded (subset), so a
 * sheet of badges stays small. Coordinates are points from the page's top-left corner. Blocking
 * work: build documents off the event loop (executeBlocking). Not thread-safe; one per document.
 */
public final class Pdf implements AutoCloseable {
  public static final PDRectangle A4 = PDRectangle.A4;
  private static final String FONT = "fonts/NotoSansSC-Regular.ttf";
  private static volatile byte[] fontBytes;
  private final PDDocument doc = new PDDocument();
  private final PDType0Font font;
  private PDPage page;
  private PDPageContentStream cs;
  private float pageHeight;

  public Pdf() {
    try {
      font = PDType0Font.load(doc, new ByteArrayInputStream(fontBytes()), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the CJK font", e);
    }
  }

  /** The font file, read once per process (10 MB; each document embeds only what it uses). */
  private static byte[] fontBytes() {
    byte[] b = fontBytes;
    if (b == null) {
      synchronized (Pdf.class) {
        if (fontBytes == null) {
          try (InputStream in = Pdf.class.getClassLoader().getResourceAsStream(FONT)) {
            if (in == null) {
              throw new IllegalStateException(FONT + " is missing from the classpath");
            }
            fontBytes = in.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        b = fontBytes;
      }
    }
    return b;
  }

  /** Starts a new A4 portrait page; drawing goes there until the next one. */
  public Pdf newPage() {
    return newPage(A4);
  }

  public Pdf newPage(PDRectangle size) {
    closePage();
    page = new PDPage(size);
    doc.addPage(page);
    pageHeight = size.getHeight();
    try {
      cs = new PDPageContentStream(doc, page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public int pages() {
    return doc.getNumberOfPages();
  }

  /** Width of {@code text} at {@code size} points, as drawn (characters the font lacks count as their replacement). */
  public float width(String text, float size) {
    try {
      return font.getStringWidth(printable(text)) / 1000f * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Draws text with its baseline at y (from the top); grey 0 is black, 1 white. */
  public Pdf text(float x, float y, float size, float grey, String text) {
    if (text == null || text.isEmpty()) {
      return this;
    }
    try {
      cs.beginText();
      cs.setNonStrokingColor(grey, grey, grey);
      cs.setFont(font, size);
      cs.newLineAtOffset(x, pageHeight - y);
      cs.showText(printable(text));
      cs.endText();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Draws text within maxWidth: at {@code size}, smaller down to {@code minSize} when needed, and
   * cut with an ellipsis if even that is too wide. Returns the size used.
   */
  public float fitText(float x, float y, float maxWidth, float size, float minSize, float grey, String text) {
    if (text == null || text.isEmpty()) {
      return size;
    }
    float s = size;
    while (s > minSize && width(text, s) > maxWidth) {
      s -= 0.5f;
    }
    String shown = text;
    if (width(shown, s) > maxWidth) {
      do {
        shown = shown.substring(0, shown.offsetByCodePoints(shown.length(), -1)).stripTrailing();
      } while (shown.length() > 1 && width(shown + "…", s) > maxWidth);
      shown = shown + "…";
    }
    text(x, y, s, grey, shown);
    return s;
  }

  /** A rectangle's outline (x, y its top-left corner); dash 0 draws it solid. */
  public Pdf box(float x, float y, float w, float h, float lineWidth, float grey, float dash) {
    try {
      cs.setStrokingColor(grey, grey, grey);
      cs.setLineWidth(lineWidth);
      cs.setLineDashPattern(dash > 0 ? new float[] {dash, dash} : new float[0], 0);
      cs.addRect(x, pageHeight - y - h, w, h);
      cs.stroke();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A filled rectangle (x, y its top-left corner). */
  public Pdf fill(float x, float y, float w, float h, float grey) {
    try {
      cs.setNonStrokingColor(grey, grey, grey);
      cs.addRect(x, pageHeight - y - h, w, h);
      cs.fill();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A QR code as vector modules (sharp at any print size), {@code size} points square with its
   * top-left corner at (x, y). The text is drawn by {@link QrCode}, so it is known to scan.
   */
  public Pdf qr(float x, float y, float size, String text) {
    BitMatrix m = QrCode.matrix(text, 0);
    float module = size / m.getWidth();
    try {
      cs.setNonStrokingColor(0f, 0f, 0f);
      for (int row = 0; row < m.getHeight(); row++) {
        int col = 0;
        while (col < m.getWidth()) {
          if (!m.get(col, row)) {
            col++;
            continue;
          }
          int start = col;
          while (col < m.getWidth() && m.get(col, row)) {
            col++;
          }
          // One rectangle per run of dark modules in a row; a hair of overlap so no seam shows.
          cs.addRect(x + start * module, pageHeight - y - (row + 1) * module - 0.02f, (col - start) * module + 0.02f,
              module + 0.04f);
        }
      }
      cs.fill();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Finishes the document (the font subset is embedded here) and returns its bytes. */
  public byte[] toBytes() {
    closePage();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      closePage();
      doc.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void closePage() {
    if (cs != null) {
      try {
        cs.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cs = null;
    }
  }

  /** The text with every character the font has no glyph for replaced by a white square, instead of failing. */
  private String printable(String text) {
    try {
      font.encode(text);
      return text;
    } catch (IllegalArgumentException | IOException whole) {
      StringBuilder b = new StringBuilder();
      text.codePoints().forEach(cp -> {
        String one = new String(Character.toChars(cp));
        try {
          font.encode(one);
          b.append(one);
        } catch (IllegalArgumentException | IOException e) {
          b.append('□');
        }
      });
      return b.toString();
    }
  }
}
