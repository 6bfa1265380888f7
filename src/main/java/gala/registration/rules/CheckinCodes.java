package gala.registration.rules;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Check-in codes: {@code G<entryId>-<signature>}, the signature an HMAC-SHA256 of the entry id
 * under a server secret. Nobody can make a valid code for another entry without the secret, and
 * the code stays short enough to type when a camera fails.
 */
public final class CheckinCodes {
  private static final int SIGNATURE_CHARS = 16; // 96 bits, base64url

  private CheckinCodes() {}

  public static String code(byte[] secret, long entryId) {
    return "G" + entryId + "-" + signature(secret, entryId);
  }

  /** The entry id of a valid code, or -1 for anything else (tampered, malformed, foreign). */
  public static long verify(byte[] secret, String code) {
    if (code == null) {
      return -1;
    }
    String c = code.trim();
    int dash = c.indexOf('-');
    if (c.length() > 40 || dash < 2 || Character.toUpperCase(c.charAt(0)) != 'G') {
      return -1;
    }
    long id;
    try {
      id = Long.parseLong(c.substring(1, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
    if (id <= 0) {
      return -1;
    }
    byte[] expected = signature(secret, id).getBytes(StandardCharsets.US_ASCII);
    byte[] given = c.substring(dash + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? id : -1;
  }

  private static String signature(byte[] secret, long entryId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] sig = mac.doFinal(("gala-checkin:" + entryId).getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig).substring(0, SIGNATURE_CHARS);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
