package gala.registration.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportFileTest {
  static ImportFile.Parsed parse(String s) {
    return ImportFile.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  static String code(String s) {
    return assertThrows(ImportFile.Rejected.class, () -> parse(s)).code();
  }

  @Test
  void readsChineseHeadersWithAndWithoutBom() {
    for (String bom : new String[] {"", "\uFEFF"}) {
      ImportFile.Parsed p = parse(bom + "姓名,性别,出生日期,项目,组别,单位\r\n王芳,女,1990-05-17,跳绳,女子组,市交通局\r\n");
      assertEquals(List.of(new ImportFile.Row(2, "王芳", "F", LocalDate.of(1990, 5, 17), "跳绳", "女子组", "市交通局")), p.rows());
      assertEquals(1, p.total());
    }
  }

  @Test
  void englishHeadersInAnyOrderAndCaseAndOptionalColumns() {
    ImportFile.Parsed p = parse("Competition,Name\n跳绳,Ann\n");
    assertEquals(new ImportFile.Row(2, "Ann", null, null, "跳绳", null, null), p.rows().get(0));
  }

  @Test
  void rowErrorsCarryTheFileLineEvenAfterBlankLinesAndQuotedLineBreaks() {
    ImportFile.Parsed p = parse("name,gender,birthDate,competition\n"
        + "A,M,1990-01-01,x\n"        // 2 ok
        + "\n"                          // 3 blank
        + "\"B\nB\",F,1990-01-01,x\n"  // 4-5 ok, quoted line break
        + ",F,1990-01-01,x\n"          // 6 NAME_REQUIRED
        + "C,X,1990-02-30,\n");        // 7 BAD_GENDER, BAD_DATE, COMPETITION_REQUIRED
    assertEquals(List.of(2, 4), p.rows().stream().map(ImportFile.Row::line).toList());
    assertEquals(List.of("6 NAME_REQUIRED", "7 BAD_GENDER", "7 BAD_DATE", "7 COMPETITION_REQUIRED"),
        p.errors().stream().map(e -> e.line() + " " + e.code()).toList());
    assertEquals(4, p.total(), "rows, counting a row with several errors once");
  }

  @Test
  void datesInTheLayoutsSpreadsheetsWrite() {
    assertEquals(LocalDate.of(1990, 5, 7), ImportFile.date("1990-5-7"));
    assertEquals(LocalDate.of(1990, 5, 7), ImportFile.date("1990/05/07"));
    assertEquals(LocalDate.of(1990, 5, 7), ImportFile.date("1990.5.7"));
    assertNull(ImportFile.date("1990-02-30"));
    assertNull(ImportFile.date("07/05/1990"));
    assertEquals(LocalDate.of(1800, 1, 1), ImportFile.date("1800-01-01"), "a date; too old is BirthDates' call");
  }

  @Test
  void aBirthDateOutsideTheOneRuleIsItsOwnRowError() {
    ImportFile.Parsed parsed = ImportFile.parse(("name,gender,birthDate,competition\n"
        + "A,M,1800-01-01,X\nB,F,1990-01-01,X\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(1, parsed.rows().size());
    assertEquals("INVALID_BIRTH_DATE", parsed.errors().get(0).code());
    assertEquals(2, parsed.errors().get(0).line());
  }

  @Test
  void unreadableFilesAreRefusedWhole() {
    assertEquals("EMPTY_FILE", code(""));
    assertEquals("EMPTY_FILE", code("\uFEFF \n"));
    assertEquals("MISSING_COLUMNS", code("name,age\nAnn,3\n"));
    assertEquals("MALFORMED_CSV", code("name,competition\n\"Ann,x\n"));
    assertEquals("BAD_ENCODING", assertThrows(ImportFile.Rejected.class,
        () -> ImportFile.parse("姓名,项目\n王芳,跳绳\n".getBytes(Charset.forName("GBK")))).code());
    assertEquals("BAD_ENCODING", assertThrows(ImportFile.Rejected.class,
        () -> ImportFile.parse(new byte[] {'n', 0, 'a', 0})).code());
    StringBuilder many = new StringBuilder("name,competition\n");
    for (int i = 0; i <= ImportFile.MAX_ROWS; i++) {
      many.append("a").append(i).append(",x\n");
    }
    assertEquals("TOO_MANY_ROWS", code(many.toString()));
  }
}
