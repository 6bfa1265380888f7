package gala.registration.rules;

/**
 * Makes text safe for a spreadsheet cell: a value that Excel or WPS would run as a formula
 * (starting with = + - @, or a tab or carriage return that hides one) gets a leading apostrophe,
 * which the spreadsheet shows as plain text.
 */
public final class SpreadsheetCells {
  private SpreadsheetCells() {}

  public static String safe(String value) {
    if (value == null || value.isEmpty()) {
      return value == null ? "" : value;
    }
    char c = value.charAt(0);
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
        || c == '＝' || c == '＋' || c == '－' || c == '＠') {
      return "'" + value;
    }
    return value;
  }
}
