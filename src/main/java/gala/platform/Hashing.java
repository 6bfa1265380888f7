package gala.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lowercase hex: refresh tokens at rest, idempotency fingerprints, uploaded files. */
public final class Hashing {
  /**
   * One digest per thread, reused: {@code MessageDigest.getInstance} searches the security providers
   * at every call, which on a write's path (the idempotency fingerprint) cost more than hashing the
   * request itself (JFR of a registration burst).
   */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  });

  private Hashing() {}

  public static String sha256Hex(byte[] bytes) {
    // digest() resets the digest, so the thread's next call starts clean.
    return HexFormat.of().formatHex(SHA_256.get().digest(bytes));
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }
}
