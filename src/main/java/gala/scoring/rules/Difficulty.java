package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a judged format accepts as an attempt's degree of difficulty, declared once per attempt
 * (by the organiser, the head judge or the athlete's dive sheet) rather than typed by every judge:
 * none; any value in (0, 10]; a range {@code {"min": 1.2, "max": 4.1}}; or a table of codes
 * {@code {"table": {"107B": 3.0, "6245D": 3.4}}} (a dive's number and its DD), where a declaration
 * names the code or one of the table's values.
 */
public record Difficulty(Kind kind, BigDecimal min, BigDecimal max, Map<String, BigDecimal> table) {

  public enum Kind { NONE, ANY, RANGE, TABLE }

  /** A declared difficulty: the code (table formats; else null) and the multiplier. */
  public record Declared(String code, BigDecimal value) {}

  public static final Difficulty NONE = new Difficulty(Kind.NONE, null, null, Map.of());
  static final BigDecimal LIMIT = BigDecimal.TEN;

  public Difficulty {
    table = table == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(table));
  }

  public boolean declared() {
    return kind != Kind.NONE;
  }

  /** {@code false}/absent, {@code true}, {@code {"min","max"}} or {@code {"table"}}. */
  static Difficulty parse(Object raw) {
    if (raw == null || Boolean.FALSE.equals(raw)) {
      return NONE;
    }
    if (Boolean.TRUE.equals(raw)) {
      return new Difficulty(Kind.ANY, null, null, null);
    }
    if (!(raw instanceof Map<?, ?>)) {
      throw new InvalidFormat("difficulty must be true or false, a {\"min\", \"max\"} range or a {\"table\"} of codes");
    }
    Map<String, Object> d = Fields.object(raw, "difficulty");
    Fields.onlyKeys(d, Set.of("min", "max", "table"));
    Object t = d.get("table");
    if (t != null) {
      if (d.size() != 1) {
        throw new InvalidFormat("difficulty has a table or a min/max range, not both");
      }
      Map<String, Object> rows = Fields.object(t, "difficulty table");
      if (rows.isEmpty() || rows.size() > 500) {
        throw new InvalidFormat("a difficulty table lists between 1 and 500 codes");
      }
      Map<String, BigDecimal> table = new LinkedHashMap<>();
      for (Map.Entry<String, Object> r : rows.entrySet()) {
        if (!r.getKey().matches("[A-Za-z0-9._-]{1,16}")) {
          throw new InvalidFormat("difficulty codes are up to 16 letters, digits, '.', '_' or '-' (like 6245D)");
        }
        table.put(r.getKey(), checked(Fields.decimal(rows, r.getKey(), null), "the difficulty of " + r.getKey()));
      }
      return new Difficulty(Kind.TABLE, null, null, table);
    }
    BigDecimal min = checked(Fields.decimal(d, "min", new BigDecimal("0.0001")), "difficulty min");
    BigDecimal max = checked(Fields.decimal(d, "max", LIMIT), "difficulty max");
    if (min.compareTo(max) > 0) {
      throw new InvalidFormat("difficulty min must not be above max");
    }
    return new Difficulty(Kind.RANGE, min, max, null);
  }

  private static BigDecimal checked(BigDecimal v, String what) {
    if (v == null || v.signum() <= 0 || v.compareTo(LIMIT) > 0 || v.stripTrailingZeros().scale() > 4) {
      throw new InvalidFormat(what + " must be above 0 and at most 10, with at most 4 decimals");
    }
    return v;
  }

  /**
   * The declaration for a code and/or value: a table format looks the code up (or accepts a value
   * that the table lists, taking its first code); a range or free format checks the value.
   * Refusals: DIFFICULTY_REQUIRED, DIFFICULTY_NOT_IN_TABLE, DIFFICULTY_OUT_OF_RANGE,
   * FIELD_NOT_FOR_FORMAT.
   */
  public Declared resolve(String code, BigDecimal value) {
    switch (kind) {
      case NONE -> throw Refusal.unprocessable("FIELD_NOT_FOR_FORMAT", "this format has no difficulty", null);
      case TABLE -> {
        if (code != null) {
          BigDecimal v = table.get(code);
          if (v == null) {
            throw notInTable(code, value);
          }
          if (value != null && v.compareTo(value) != 0) {
            throw Refusal.unprocessable("DIFFICULTY_NOT_IN_TABLE", "the table gives " + code + " a difficulty of "
                + v.toPlainString() + ", not " + value.toPlainString(), Map.of("code", code, "difficulty", v.toPlainString()));
          }
          return new Declared(code, v);
        }
        if (value == null) {
          throw Refusal.unprocessable("DIFFICULTY_REQUIRED", "name the attempt's code from the difficulty table", null);
        }
        for (Map.Entry<String, BigDecimal> r : table.entrySet()) {
          if (r.getValue().compareTo(value) == 0) {
            return new Declared(r.getKey(), r.getValue());
          }
        }
        throw notInTable(null, value);
      }
      default -> {
        if (code != null) {
          throw Refusal.unprocessable("FIELD_NOT_FOR_FORMAT", "this format has no difficulty table: send the value only", null);
        }
        if (value == null) {
          throw Refusal.unprocessable("DIFFICULTY_REQUIRED", "send the attempt's degree of difficulty", null);
        }
        BigDecimal lo = kind == Kind.RANGE ? min : BigDecimal.ZERO;
        BigDecimal hi = kind == Kind.RANGE ? max : LIMIT;
        boolean inside = kind == Kind.RANGE ? value.compareTo(lo) >= 0 : value.signum() > 0;
        if (!inside || value.compareTo(hi) > 0 || value.stripTrailingZeros().scale() > 4) {
          throw Refusal.unprocessable("DIFFICULTY_OUT_OF_RANGE", "a difficulty is " + (kind == Kind.RANGE
              ? "between " + lo.toPlainString() + " and " + hi.toPlainString() : "above 0 and at most 10"),
              Map.of("min", lo.toPlainString(), "max", hi.toPlainString()));
        }
        return new Declared(null, value);
      }
    }
  }

  private Refusal notInTable(String code, BigDecimal value) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (code != null) {
      details.put("code", code);
    }
    if (value != null) {
      details.put("difficulty", value.toPlainString());
    }
    return Refusal.unprocessable("DIFFICULTY_NOT_IN_TABLE", (code != null ? "code " + code : "difficulty " + value.toPlainString())
        + " is not in this competition's difficulty table", details);
  }
}
