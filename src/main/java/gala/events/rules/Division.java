package gala.events.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One division of a competition: who may enter it by gender (M, F, or anyone when null) and by
 * age on the event's first day (inclusive bounds, either may be open).
 */
public record Division(String code, String name, String gender, Integer minAge, Integer maxAge) {

  /** Parses the stored list; throws IllegalArgumentException naming the first problem. */
  public static List<Division> parseAll(List<?> raw) {
    List<Division> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    for (Object o : raw) {
      if (!(o instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("each division must be an object");
      }
      String code = str(m.get("code"));
      if (code == null || code.isBlank()) {
        throw new IllegalArgumentException("each division needs a code");
      }
      if (out.stream().anyMatch(d -> d.code().equals(code))) {
        throw new IllegalArgumentException("division code " + code + " appears twice");
      }
      String gender = str(m.get("gender"));
      if (gender != null && !gender.equals("M") && !gender.equals("F")) {
        throw new IllegalArgumentException("division gender must be M, F or absent");
      }
      Integer min = num(m.get("minAge"));
      Integer max = num(m.get("maxAge"));
      if (min != null && max != null && min > max) {
        throw new IllegalArgumentException("division " + code + " has minAge above maxAge");
      }
      String name = str(m.get("name"));
      out.add(new Division(code, name == null ? code : name, gender, min, max));
    }
    return out;
  }

  public boolean hasAgeLimit() {
    return minAge != null || maxAge != null;
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static Integer num(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof Number n) {
      if (n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 0 || n.intValue() > 150) {
        throw new IllegalArgumentException("ages must be whole numbers between 0 and 150");
      }
      return n.intValue();
    }
    throw new IllegalArgumentException("ages must be numbers");
  }
}
