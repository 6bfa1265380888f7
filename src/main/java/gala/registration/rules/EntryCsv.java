package gala.registration.rules;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV that Excel opens as intended: a UTF-8 byte order mark (else Chinese turns to mojibake),
 * CRLF line ends, every field quoted, and no cell that Excel would run as a formula.
 */
public final class EntryCsv {
  public static final String BOM = "\uFEFF";

  private EntryCsv() {}

  public static String write(List<String> header, List<List<String>> rows) {
    StringWriter out = new StringWriter();
    out.write(BOM);
    CSVFormat format = CSVFormat.EXCEL.builder().setQuoteMode(QuoteMode.ALL).build();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      printer.printRecord(header.stream().map(SpreadsheetCells::safe).toList());
      for (List<String> row : rows) {
        printer.printRecord(row.stream().map(SpreadsheetCells::safe).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
