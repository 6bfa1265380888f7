package gala.registration.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadsheetCellsTest {
  @Test
  void formulaStartersBecomeText() {
    for (String s : List.of("=1+1", "+86 10", "-2+3", "-A1", "-1)*cmd", "@SUM(A1)", "\t=1", "\r=1", "＝1")) {
      assertEquals("'" + s, SpreadsheetCells.safe(s));
    }
  }

  @Test
  void ordinaryTextStaysAsItIs() {
    for (String s : List.of("王芳", "A=1", "1990-05-17", "", "'quoted")) {
      assertEquals(s, SpreadsheetCells.safe(s));
    }
    assertEquals("", SpreadsheetCells.safe(null));
  }

  @Test
  void aPlainNegativeNumberStaysANumber() {
    for (String s : List.of("-2", "-3.50", "-0.125")) {
      assertEquals(s, SpreadsheetCells.safe(s));
    }
  }

  @Test
  void theCsvHasABomCrlfAndEveryFieldQuoted() {
    String csv = EntryCsv.write(List.of("姓名", "备注"), List.of(List.of("王\"芳\"", "=cmd|' /C calc'!A0"), List.of("李,娜", "")));
    assertTrue(csv.startsWith(EntryCsv.BOM + "\"姓名\",\"备注\"\r\n"), csv);
    assertTrue(csv.contains("\"王\"\"芳\"\"\",\"'=cmd|' /C calc'!A0\"\r\n"), csv);
    assertTrue(csv.endsWith("\"李,娜\",\"\"\r\n"), csv);
  }
}
