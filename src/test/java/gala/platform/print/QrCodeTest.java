package gala.platform.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.client.j2se.MatrixToImageWriter;
import gala.platform.ShortCodes;
import gala.registration.rules.CheckinCodes;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Every QR Gala renders scans: 3,000 real codes (short check-in codes, judge-code URLs and the old
 * signed check-in codes) are rendered and decoded again with ZXing. The old codes under ZXing's own
 * mask choice include some that do not decode (the flaky WaitlistAndCheckinApiTest of old), which is
 * what the renderer's self-check repairs.
 */
class QrCodeTest {
  private static final int EACH = 1_000;

  @Test
  void everyRenderedCodeDecodesToItsText() throws Exception {
    Random random = new Random(20261202);
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < EACH; i++) {
      texts.add(code(random, 6));
      texts.add("https://gala.example.cn:8443/judge-join.html?code=" + code(random, 8));
      texts.add(CheckinCodes.code(secret, 1 + random.nextInt(2_000_000)));
    }
    int repaired = 0;
    for (String text : texts) {
      byte[] png = QrCode.png(text, 200);
      assertEquals(text, QrCode.decode(ImageIO.read(new ByteArrayInputStream(png))), "the served PNG scans: " + text);
      if (text.startsWith("G") && QrCode.decode(MatrixToImageWriter.toBufferedImage(QrCode.encode(text, 200, -1))) == null) {
        repaired++;
      }
    }
    System.out.printf("QrCodeTest: %d codes rendered and decoded; %d of the %d old signed codes would not have scanned "
        + "under ZXing's own mask%n", texts.size(), repaired, EACH);
    assertTrue(repaired > 0, "the sample holds codes the default mask breaks, so the self-check was exercised");
  }

  private static String code(Random random, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(ShortCodes.ALPHABET.charAt(random.nextInt(ShortCodes.ALPHABET.length())));
    }
    return b.toString();
  }
}
