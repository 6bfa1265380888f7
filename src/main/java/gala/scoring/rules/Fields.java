package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reading a stored format (JSON as plain maps and lists) strictly: wrong types are InvalidFormat. */
final class Fields {
  private Fields() {}

  static int integer(Map<String, Object> f, String key, int dflt) {
    Object v = f.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0) {
      return n.intValue();
    }
    throw new InvalidFormat(key + " must be a whole number");
  }

  static BigDecimal decimal(Map<String, Object> f, String key, BigDecimal dflt) {
    Object v = f.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return decimal(n, key);
    }
    if (v instanceof String s) {
      try {
        return new BigDecimal(s);
      } catch (NumberFormatException e) {
        throw new InvalidFormat(key + " must be a number");
      }
    }
    throw new InvalidFormat(key + " must be a number");
  }

  static BigDecimal decimal(Number n, String what) {
    // toString of a Double is its shortest exact decimal form: 9.35 stays 9.35.
    try {
      return new BigDecimal(n.toString());
    } catch (NumberFormatException e) {
      throw new InvalidFormat(what + " must be a finite number");
    }
  }

  static boolean bool(Map<String, Object> f, String key, boolean dflt) {
    Object v = f.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new InvalidFormat(key + " must be true or false");
  }

  static String string(Map<String, Object> f, String key, String dflt) {
    Object v = f.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof String s) {
      return s;
    }
    throw new InvalidFormat(key + " must be a string");
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> f, String key) {
    Object v = f.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw new InvalidFormat(key + " must be a list");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object v, String what) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new InvalidFormat(what + " must be an object");
  }

  /** The ordered tie-break names, each one of {@code allowed}, no repeats. */
  static List<String> tieBreaks(Map<String, Object> f, Set<String> allowed, List<String> dflt) {
    List<Object> raw = list(f, "tieBreaks");
    if (raw == null) {
      return dflt;
    }
    List<String> out = new ArrayList<>();
    for (Object o : raw) {
      if (!(o instanceof String s) || !allowed.contains(s)) {
        throw new InvalidFormat("tieBreaks must be taken from " + new java.util.TreeSet<>(allowed));
      }
      if (out.contains(s)) {
        throw new InvalidFormat("tie-break " + s + " is listed twice");
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  static void onlyKeys(Map<String, Object> f, Set<String> allowed) {
    for (String k : f.keySet()) {
      if (!allowed.contains(k)) {
        throw new InvalidFormat("unknown format field " + k + " for type " + f.get("type"));
      }
    }
  }
}
