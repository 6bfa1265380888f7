package gala.scoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Results as people read them, the same on the board (web/js/result-detail.js), in the CSV and in
 * the results book: times as m:ss.cc (h:mm:ss.cc from an hour), points with the format's decimals.
 */
public final class ResultText {
  private ResultText() {}

  /** Seconds as "1:02.34", "10:15.00", "1:02:03.40", or "59.99" under a minute. */
  public static String time(BigDecimal seconds, int decimals) {
    BigDecimal s = seconds.setScale(decimals, RoundingMode.HALF_UP);
    boolean negative = s.signum() < 0;
    s = s.abs();
    long whole = s.setScale(0, RoundingMode.DOWN).longValueExact();
    BigDecimal fraction = s.subtract(BigDecimal.valueOf(whole));
    long h = whole / 3600;
    long m = (whole % 3600) / 60;
    long sec = whole % 60;
    String frac = decimals == 0 ? "" : fraction.setScale(decimals, RoundingMode.HALF_UP).toPlainString().substring(1);
    String out;
    if (h > 0) {
      out = h + ":" + two(m) + ":" + two(sec) + frac;
    } else if (m > 0) {
      out = m + ":" + two(sec) + frac;
    } else {
      out = sec + frac;
    }
    return negative ? "-" + out : out;
  }

  /** A result of a format: a time for timed formats, else the number with the format's decimals. */
  public static String of(Format format, BigDecimal v) {
    if (v == null) {
      return "";
    }
    if (format instanceof AttemptFormat a && a.lowerIsBetter()) {
      return time(v, a.decimals());
    }
    BigDecimal s = v.stripTrailingZeros();
    return (s.scale() < format.decimals() ? v.setScale(format.decimals(), RoundingMode.HALF_UP) : s).toPlainString();
  }

  /**
   * Reads "62.34", "1:02.34" or "1:02:03.4" as seconds; null when it is none of them. Used for
   * records typed as times.
   */
  public static BigDecimal parseTime(String text) {
    if (text == null || !text.trim().matches("(\\d+:){0,2}\\d+(\\.\\d{1,4})?")) {
      return null;
    }
    String[] parts = text.trim().split(":");
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < parts.length; i++) {
      BigDecimal v = new BigDecimal(parts[i]);
      if (i > 0 && v.compareTo(BigDecimal.valueOf(60)) >= 0) {
        return null;
      }
      total = total.multiply(BigDecimal.valueOf(60)).add(v);
    }
    return total;
  }

  private static String two(long v) {
    return v < 10 ? "0" + v : String.valueOf(v);
  }
}
