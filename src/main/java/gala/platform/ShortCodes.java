package gala.platform;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Codes people type from paper or a screen (check-in codes, judge codes, password reset codes):
 * symbols that cannot be mistaken for one another (no 0/O, 1/I/L, and no U), read without regard to
 * case, spaces or dashes. The database draws check-in and judge codes from the same alphabet
 * ({@code short_code()} in the V9_1 migration).
 */
public final class ShortCodes {
  public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ShortCodes() {}

  public static String random(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /** As typed or scanned, to the stored form: upper case, without spaces, dashes or dots; null stays null. */
  public static String normalise(String typed) {
    if (typed == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(typed.length());
    // NFKC turns full-width letters and digits from a Chinese input method into plain ones.
    for (char c : Normalizer.normalize(typed, Normalizer.Form.NFKC).trim().toCharArray()) {
      if (c != ' ' && c != '-' && c != '.' && c != '\u3000' && c != '_') {
        b.append(Character.toUpperCase(c));
      }
    }
    return b.toString().toUpperCase(Locale.ROOT);
  }

  /** True when every symbol is of the alphabet (so a stored code could match). */
  public static boolean wellFormed(String normalised, int length) {
    if (normalised == null || normalised.length() != length) {
      return false;
    }
    for (char c : normalised.toCharArray()) {
      if (ALPHABET.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** For showing: groups of four (or three for six symbols) joined by dashes, e.g. K7PQ-3XMR. */
  public static String display(String code) {
    int group = code.length() == 6 ? 3 : 4;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < code.length(); i++) {
      if (i > 0 && i % group == 0) {
        b.append('-');
      }
      b.append(code.charAt(i));
    }
    return b.toString();
  }
}
