package gala.registration.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckinCodesTest {
  static final byte[] SECRET = "a secret of thirty-two bytes!!!!".getBytes(StandardCharsets.US_ASCII);
  static final byte[] OTHER = "another secret of 32 bytes......".getBytes(StandardCharsets.US_ASCII);

  @Test
  void aCodeVerifiesToItsEntry() {
    String code = CheckinCodes.code(SECRET, 4711);
    assertTrue(code.startsWith("G4711-"), code);
    assertEquals(4711, CheckinCodes.verify(SECRET, code));
    assertEquals(4711, CheckinCodes.verify(SECRET, "  " + code + "\n"), "scanners add whitespace");
    assertTrue(code.length() < 30, "short enough to type");
  }

  @Test
  void tamperedForeignAndMalformedCodesAreRefused() {
    String code = CheckinCodes.code(SECRET, 4711);
    assertEquals(-1, CheckinCodes.verify(SECRET, "G4712" + code.substring(code.indexOf('-'))));
    assertEquals(-1, CheckinCodes.verify(OTHER, code));
    assertEquals(-1, CheckinCodes.verify(SECRET, code.substring(0, code.length() - 1) + "x"));
    for (String bad : new String[] {null, "", "G", "G-", "Gabc-xyz", "G0-" + code.substring(code.indexOf('-') + 1),
        "X4711" + code.substring(5), "G-1-abc", "G99999999999999999999999-abc"}) {
      assertEquals(-1, CheckinCodes.verify(SECRET, bad), String.valueOf(bad));
    }
  }

  @Test
  void codesDifferPerEntry() {
    assertNotEquals(CheckinCodes.code(SECRET, 1).substring(3), CheckinCodes.code(SECRET, 2).substring(3));
  }
}
