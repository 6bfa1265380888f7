package gala.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import gala.scoring.rules.JudgedFormat.Aggregate;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PanelAggregationTest {

  private static JudgedFormat format(Aggregate aggregate, int judges, int trim, int decimals) {
    return new JudgedFormat(aggregate, judges, trim, BigDecimal.ZERO, BigDecimal.TEN, decimals);
  }

  private static List<BigDecimal> marks(String... values) {
    return Arrays.stream(values).map(BigDecimal::new).toList();
  }

  @Test
  void trimmedMeanDropsTheHighestAndLowestMarks() {
    JudgedFormat f = format(Aggregate.TRIMMED_MEAN, 5, 1, 2);
    assertEquals(new BigDecimal("9.35"), PanelAggregation.result(f, marks("9.30", "9.40", "9.35", "1.00", "10.00")));
  }

  @Test
  void trimmedMeanWithTwoDroppedEachSide() {
    JudgedFormat f = format(Aggregate.TRIMMED_MEAN, 7, 2, 2);
    // middle three of seven: 8.0 8.5 9.0
    assertEquals(new BigDecimal("8.50"), PanelAggregation.result(f, marks("1", "2", "8.0", "8.5", "9.0", "9.9", "10")));
  }

  @Test
  void decimalArithmeticKeepsTwoPlaceMarksExact() {
    JudgedFormat f = format(Aggregate.MEAN, 3, 0, 2);
    // 0.1 + 0.2 style traps: in binary floating point this mean is 9.349999...
    assertEquals("9.35", PanelAggregation.result(f, marks("9.35", "9.35", "9.35")).toPlainString());
    assertEquals("0.20", PanelAggregation.result(f, marks("0.1", "0.2", "0.3")).toPlainString());
  }

  @Test
  void roundsHalfUpOnceAtTheShownPrecision() {
    JudgedFormat f = format(Aggregate.MEAN, 2, 0, 2);
    assertEquals("9.35", PanelAggregation.result(f, marks("9.34", "9.35")).toPlainString()); // 9.345 -> 9.35
    JudgedFormat oneDecimal = format(Aggregate.MEAN, 3, 0, 1);
    assertEquals("8.4", PanelAggregation.result(oneDecimal, marks("8.3", "8.4", "8.4")).toPlainString()); // 8.3666 -> 8.4
  }

  @Test
  void medianAndSum() {
    assertEquals("8.50", PanelAggregation.result(format(Aggregate.MEDIAN, 4, 0, 2), marks("9", "8", "1", "10")).toPlainString());
    assertEquals("8.00", PanelAggregation.result(format(Aggregate.MEDIAN, 3, 0, 2), marks("9", "8", "1")).toPlainString());
    assertEquals("27.30", PanelAggregation.result(format(Aggregate.SUM, 3, 0, 2), marks("9.1", "9.1", "9.1")).toPlainString());
  }

  @Test
  void anIncompletePanelHasNoResult() {
    assertNull(PanelAggregation.result(format(Aggregate.TRIMMED_MEAN, 5, 1, 2), marks("9", "9", "9", "9")));
  }

  @Test
  void formatsThatCannotWorkAreRefused() {
    assertThrows(InvalidFormat.class, () -> format(Aggregate.TRIMMED_MEAN, 4, 2, 2));
    assertThrows(InvalidFormat.class, () -> format(Aggregate.MEAN, 0, 0, 2));
    assertThrows(InvalidFormat.class,
        () -> new JudgedFormat(Aggregate.MEAN, 3, 0, BigDecimal.TEN, BigDecimal.ONE, 2));
    assertThrows(InvalidFormat.class, () -> JudgedFormat.parse(Map.of("type", "timed")));
    assertThrows(InvalidFormat.class, () -> JudgedFormat.parse(Map.of("type", "judged", "aggregate", "mode")));
    assertThrows(InvalidFormat.class, () -> JudgedFormat.parse(Map.of("type", "judged", "judges", 2.5)));
  }

  @Test
  void parsesTheStoredFormatWithDefaults() {
    JudgedFormat f = JudgedFormat.parse(Map.of("type", "judged", "aggregate", "trimmed_mean", "judges", 5, "max", 100));
    assertEquals(Aggregate.TRIMMED_MEAN, f.aggregate());
    assertEquals(1, f.trim());
    assertEquals(new BigDecimal("100"), f.max());
    assertEquals(2, f.decimals());
  }

  @Test
  void marksOutsideTheRangeOrTooFineAreNotAccepted() {
    JudgedFormat f = format(Aggregate.MEAN, 3, 0, 2);
    assertEquals(true, f.accepts(new BigDecimal("0")));
    assertEquals(true, f.accepts(new BigDecimal("10.00")));
    assertEquals(false, f.accepts(new BigDecimal("10.01")));
    assertEquals(false, f.accepts(new BigDecimal("-0.5")));
    assertEquals(false, f.accepts(new BigDecimal("9.12345")));
  }
}
