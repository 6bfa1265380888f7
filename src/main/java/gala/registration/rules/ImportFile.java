package gala.registration.rules;

import gala.platform.BirthDates;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A unit's spreadsheet as CSV: UTF-8 with or without a byte order mark, a header row in English
 * or Chinese, one athlete per row. The whole file is refused only when it cannot be read at all
 * (encoding, CSV syntax, missing columns); everything else is judged row by row.
 */
public final class ImportFile {
  public static final int MAX_ROWS = 20_000;
  static final Map<String, String> HEADERS = new HashMap<>();
  private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("uuuu.M.d").withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT);

  static {
    for (String[] h : new String[][] {
        {"name", "name"}, {"姓名", "name"},
        {"gender", "gender"}, {"sex", "gender"}, {"性别", "gender"},
        {"birthdate", "birthDate"}, {"birth_date", "birthDate"}, {"出生日期", "birthDate"},
        {"competition", "competition"}, {"项目", "competition"}, {"比赛项目", "competition"},
        {"division", "division"}, {"组别", "division"},
        {"unit", "unit"}, {"单位", "unit"}}) {
      HEADERS.put(h[0], h[1]);
    }
  }

  private ImportFile() {}

  /** One readable row; gender is M or F (or null), the line is the file's line number. */
  public record Row(int line, String name, String gender, LocalDate birthDate, String competition, String division,
      String unit) {}

  public record RowError(int line, String code, String message) {}

  public record Parsed(List<Row> rows, List<RowError> errors) {
    public int total() {
      return rows.size() + (int) errors.stream().mapToInt(RowError::line).distinct().count();
    }
  }

  /** The whole file is unusable; nothing of it may be imported. */
  public static final class Rejected extends RuntimeException {
    private final String code;

    public Rejected(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  public static Parsed parse(byte[] bytes) {
    String text = decode(bytes);
    if (text.isBlank()) {
      throw new Rejected("EMPTY_FILE", "the file is empty");
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).build();
    List<Row> rows = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    int[] lineStarts = lineStarts(text);
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      Map<String, Integer> columns = null;
      for (CSVRecord record : parser) {
        if (columns == null) {
          columns = header(record);
          continue;
        }
        if (rows.size() + errors.size() >= MAX_ROWS) {
          throw new Rejected("TOO_MANY_ROWS", "a file may hold at most " + MAX_ROWS + " rows");
        }
        int line = lineOf(lineStarts, skipBlankLines(text, record.getCharacterPosition()));
        row(record, columns, line, rows, errors);
      }
      if (columns == null) {
        throw new Rejected("EMPTY_FILE", "the file has no header row");
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new Rejected("MALFORMED_CSV", "the file is not valid CSV: " + e.getMessage());
    } catch (IOException e) {
      throw new Rejected("MALFORMED_CSV", "the file is not valid CSV: " + e.getMessage());
    }
    return new Parsed(rows, errors);
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A record's recorded start lies before the blank lines the parser skipped to reach it. */
  private static long skipBlankLines(String text, long position) {
    int p = (int) position;
    while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
      p++;
    }
    return p;
  }

  /** The 1-based line a character offset lies on (a quoted field may span lines; its record starts here). */
  static int lineOf(int[] lineStarts, long position) {
    int i = java.util.Arrays.binarySearch(lineStarts, (int) position);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  static String decode(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
          .toString();
      if (s.indexOf('\0') >= 0) {
        throw new Rejected("BAD_ENCODING", "the file is not text (it holds NUL bytes); save it as CSV UTF-8");
      }
      return s;
    } catch (CharacterCodingException e) {
      throw new Rejected("BAD_ENCODING", "the file is not UTF-8; save it from the spreadsheet as \"CSV UTF-8\"");
    }
  }

  private static Map<String, Integer> header(CSVRecord record) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < record.size(); i++) {
      String key = HEADERS.get(record.get(i).trim().toLowerCase(Locale.ROOT).replace(" ", ""));
      if (key != null) {
        columns.putIfAbsent(key, i);
      }
    }
    List<String> missing = new ArrayList<>();
    for (String required : List.of("name", "competition")) {
      if (!columns.containsKey(required)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      throw new Rejected("MISSING_COLUMNS", "the header row lacks the column(s) " + String.join(", ", missing)
          + " (expected name/姓名, gender/性别, birthDate/出生日期, competition/项目, optional division/组别, unit/单位)");
    }
    return columns;
  }

  private static void row(CSVRecord record, Map<String, Integer> columns, int line, List<Row> rows, List<RowError> errors) {
    int before = errors.size();
    String name = field(record, columns, "name");
    String gender = field(record, columns, "gender");
    String birth = field(record, columns, "birthDate");
    String competition = field(record, columns, "competition");
    if (name == null) {
      errors.add(new RowError(line, "NAME_REQUIRED", "the name is empty"));
    } else if (name.length() > 100) {
      errors.add(new RowError(line, "NAME_TOO_LONG", "the name is longer than 100 characters"));
    }
    String g = gender == null ? null : gender(gender);
    if (gender != null && g == null) {
      errors.add(new RowError(line, "BAD_GENDER", "gender \"" + gender + "\" is not M, F, 男 or 女"));
    }
    LocalDate birthDate = null;
    if (birth != null) {
      birthDate = date(birth);
      if (birthDate == null) {
        errors.add(new RowError(line, "BAD_DATE", "birth date \"" + birth + "\" is not a date like 1990-05-17"));
      } else {
        String problem = BirthDates.problem(birthDate, BirthDates.today());
        if (problem != null) {
          errors.add(new RowError(line, BirthDates.CODE, "birth date " + birth + ": " + problem));
        }
      }
    }
    if (competition == null) {
      errors.add(new RowError(line, "COMPETITION_REQUIRED", "the competition is empty"));
    }
    if (errors.size() == before) {
      rows.add(new Row(line, name, g, birthDate, competition, field(record, columns, "division"),
          field(record, columns, "unit")));
    }
  }

  private static String field(CSVRecord record, Map<String, Integer> columns, String key) {
    Integer i = columns.get(key);
    if (i == null || i >= record.size()) {
      return null;
    }
    String v = record.get(i).trim();
    return v.isEmpty() ? null : v;
  }

  static String gender(String s) {
    return switch (s.trim().toUpperCase(Locale.ROOT)) {
      case "M", "MALE", "男" -> "M";
      case "F", "FEMALE", "女" -> "F";
      default -> null;
    };
  }

  static LocalDate date(String s) {
    for (DateTimeFormatter f : new DateTimeFormatter[] {DASHED, SLASHED, DOTTED}) {
      try {
        // Whether the date is a plausible birth date is the one rule's call (BirthDates), not the parser's.
        return LocalDate.parse(s.trim(), f);
      } catch (DateTimeParseException e) {
        // try the next layout
      }
    }
    return null;
  }
}
