package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: formats as the stored JSON maps, panels of marks. */
final class Maps {
  private Maps() {}

  /** A map from alternating keys and values, in order (Map.of stops at ten pairs). */
  static Map<String, Object> m(Object... kv) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put((String) kv[i], kv[i + 1]);
    }
    return out;
  }

  /** Judges 1..n each giving one mark (single-criterion formats: "score"). */
  static List<Standings.Mark> panel(String... marks) {
    List<Standings.Mark> out = new ArrayList<>();
    for (int i = 0; i < marks.length; i++) {
      out.add(new Standings.Mark(i + 1, Map.of(JudgedFormat.SINGLE, new BigDecimal(marks[i]))));
    }
    return out;
  }

  static BigDecimal d(String v) {
    return new BigDecimal(v);
  }
}
