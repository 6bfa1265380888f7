package gala.scoring.rules;

import static gala.scoring.rules.Maps.d;
import static gala.scoring.rules.Maps.m;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Times as m:ss.cc, points with their decimals, and times typed back. */
class ResultTextTest {

  @Test
  void timesReadAsMinutesSecondsAndHundredths() {
    assertEquals("1:02.34", ResultText.time(d("62.34"), 2));
    assertEquals("59.99", ResultText.time(d("59.99"), 2));
    assertEquals("10:15.00", ResultText.time(d("615"), 2));
    assertEquals("1:00:00.10", ResultText.time(d("3600.1"), 2));
    assertEquals("1:00", ResultText.time(d("60"), 0));
    assertEquals("0.50", ResultText.time(d("0.5"), 2));
  }

  @Test
  void resultsUseTheFormatsDecimals() {
    Format timed = Format.parse(m("type", "timed", "decimals", 2));
    Format judged = Format.parse(m("type", "judged", "decimals", 2));
    assertEquals("1:02.30", ResultText.of(timed, d("62.3")));
    assertEquals("9.35", ResultText.of(judged, d("9.35")));
    assertEquals("9.30", ResultText.of(judged, d("9.3")));
    assertEquals("", ResultText.of(judged, null));
  }

  @Test
  void typedTimesAreRead() {
    assertEquals(0, d("62.34").compareTo(ResultText.parseTime("1:02.34")));
    assertEquals(0, d("3723.4").compareTo(ResultText.parseTime("1:02:03.4")));
    assertEquals(0, d("9.5").compareTo(ResultText.parseTime("9.5")));
    assertNull(ResultText.parseTime("1:75.00"));
    assertNull(ResultText.parseTime("abc"));
    assertNull(ResultText.parseTime("-1"));
  }
}
