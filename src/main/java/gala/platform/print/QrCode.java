package gala.platform.print;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one QR renderer (check-in codes, judge codes, badges). ZXing picks the mask with the lowest
 * penalty, and for about 0.65% of texts that mask leaves a data pattern its own detector takes for
 * a finder pattern, so the code does not scan. Every code is therefore decoded here before it is
 * used, and rendered again with the next mask until it reads back as the text it must carry.
 * CPU work: call it off the event loop.
 */
public final class QrCode {
  private static final int MASKS = 8;

  private QrCode() {}

  /**
   * A QR code for {@code text} that decodes back to it: {@code size} pixels square with a 2-module
   * margin, or with size 0 one cell per module (for vector drawing).
   */
  public static BitMatrix matrix(String text, int size) {
    // -1: ZXing's own choice; then every mask in turn.
    for (int mask = -1; mask < MASKS; mask++) {
      BitMatrix m = encode(text, size, mask);
      if (text.equals(decode(image(m)))) {
        return m;
      }
    }
    throw new IllegalStateException("no mask gives a QR code that decodes back to " + text);
  }

  /** The matrix as an image with at least four pixels per module, as a camera would see it printed. */
  private static BufferedImage image(BitMatrix m) {
    int factor = Math.max(1, (4 * 29 + m.getWidth() - 1) / m.getWidth());
    if (factor == 1) {
      return MatrixToImageWriter.toBufferedImage(m);
    }
    BitMatrix big = new BitMatrix(m.getWidth() * factor, m.getHeight() * factor);
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          big.setRegion(x * factor, y * factor, factor, factor);
        }
      }
    }
    return MatrixToImageWriter.toBufferedImage(big);
  }

  /** A PNG of the code, checked to decode. */
  public static byte[] png(String text, int size) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MatrixToImageWriter.writeToStream(matrix(text, size), "PNG", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ZXing's reading of an image, or null when it finds no QR code there (also what tests use). */
  public static String decode(BufferedImage image) {
    try {
      return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
          .getText();
    } catch (NotFoundException | ChecksumException | FormatException e) {
      return null;
    }
  }

  static BitMatrix encode(String text, int size, int mask) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
    hints.put(EncodeHintType.MARGIN, 2);
    if (mask >= 0) {
      hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
    }
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode " + text, e);
    }
  }
}
