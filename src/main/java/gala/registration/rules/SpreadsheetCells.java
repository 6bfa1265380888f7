package gala.registration.rules;

import java.util.regex.Pattern;

/**
 * Makes text safe for a spreadsheet cell: a value that Excel or WPS would run as a formula
 * (starting with = + - @, or a tab or carriage return that hides one) gets a leading apostrophe,
 * which the spreadsheet shows as plain text. A plain negative number ({@code -3.50}, a deduction or a
 * combined result) is not a formula and stays a number the spreadsheet can add up.
 */
public final class SpreadsheetCells {
  private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-[0-9]+(\\.[0-9]+)?");

  private SpreadsheetCells() {}

  public static String safe(String value) {
    if (value == null || value.isEmpty()) {
      return value == null ? "" : value;
    }
    if (NEGATIVE_NUMBER.matcher(value).matches()) {
      return value;
    }
    char c = value.charAt(0);
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
        || c == '＝' || c == '＋' || c == '－' || c == '＠') {
      return "'" + value;
    }
    return value;
  }
}
