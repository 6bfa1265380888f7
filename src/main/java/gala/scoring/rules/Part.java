package gala.scoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One part of a combined result, with its own input: a judged panel (style marks, a practical task
 * marked on criteria), a measured or timed value turned into points (distance points from a
 * K-point, a time bonus from a table), or points entered directly (a written test, a deduction, a
 * wind compensation). A deduction's points count negative.
 */
public record Part(String name, String label, Input input, JudgedFormat panel, BigDecimal min, BigDecimal max,
    Conversion points, boolean deduction, String unit) {

  public enum Input { JUDGED, MEASURED, TIMED, POINTS }

  private static final Set<String> KEYS = Set.of("name", "label", "input", "judges", "aggregate", "trim", "min", "max",
      "criteria", "tolerance", "points", "deduction", "unit");

  public Part {
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,39}")) {
      throw new InvalidFormat("a part's name is a word of letters, digits and _ (like distance or theory)");
    }
    if (label == null || label.isBlank() || label.length() > 40) {
      throw new InvalidFormat("part " + name + " needs a label of at most 40 characters");
    }
    if (input != Input.JUDGED && min.compareTo(max) >= 0) {
      throw new InvalidFormat("part " + name + ": min must be below max");
    }
    if (points.kind() != Conversion.Kind.NONE && (input == Input.JUDGED || input == Input.POINTS)) {
      throw new InvalidFormat("part " + name + ": points conversions belong to measured and timed parts");
    }
  }

  static Part parse(Map<String, Object> p, int decimals) {
    Fields.onlyKeys(p, KEYS);
    String name = Fields.string(p, "name", null);
    Input input;
    try {
      input = Input.valueOf(Fields.string(p, "input", "points").toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new InvalidFormat("part " + name + ": input must be one of judged, measured, timed, points");
    }
    JudgedFormat panel = null;
    if (input == Input.JUDGED) {
      panel = JudgedFormat.panel(p, decimals, List.of(), Common.single(), 1, Combine.SUM);
    } else {
      for (String k : List.of("judges", "aggregate", "trim", "criteria", "tolerance")) {
        if (p.containsKey(k)) {
          throw new InvalidFormat("part " + name + ": " + k + " belongs to judged parts");
        }
      }
    }
    Conversion conversion = Conversion.parse(p.get("points"), name, input == Input.TIMED);
    return new Part(name, Fields.string(p, "label", name), input, panel,
        Fields.decimal(p, "min", BigDecimal.ZERO), Fields.decimal(p, "max", new BigDecimal("1000000")), conversion,
        Fields.bool(p, "deduction", false), Fields.string(p, "unit", null));
  }

  /** Whether an entered value (not a judged mark) is allowed: inside [min, max], at most 4 decimals. */
  public boolean accepts(BigDecimal v) {
    return v.compareTo(min) >= 0 && v.compareTo(max) <= 0 && v.stripTrailingZeros().scale() <= 4;
  }

  /**
   * Turns a measured or timed value into points: {@code none} (the value is the points), {@code
   * linear} ({@code base + per x (value - at)}, reversed for times so that faster earns more; kept
   * within {@code floor} and {@code cap}), or a {@code table} of steps ({@code upTo} for times,
   * {@code atLeast} for distances; the first step reached gives its points, none reached gives 0).
   */
  public record Conversion(Kind kind, BigDecimal at, BigDecimal base, BigDecimal per, BigDecimal floor, BigDecimal cap,
      List<Step> steps, boolean timed) {

    public enum Kind { NONE, LINEAR, TABLE }

    public record Step(BigDecimal threshold, BigDecimal points) {}

    static Conversion parse(Object raw, String part, boolean timed) {
      if (raw == null) {
        return new Conversion(Kind.NONE, null, null, null, null, null, List.of(), timed);
      }
      Map<String, Object> c = Fields.object(raw, "part " + part + " points");
      Fields.onlyKeys(c, Set.of("linear", "table"));
      if (c.size() != 1) {
        throw new InvalidFormat("part " + part + ": points is either linear or a table");
      }
      if (c.containsKey("linear")) {
        Map<String, Object> l = Fields.object(c.get("linear"), "linear points");
        Fields.onlyKeys(l, Set.of("at", "base", "per", "floor", "cap"));
        BigDecimal per = Fields.decimal(l, "per", null);
        if (per == null || per.signum() <= 0) {
          throw new InvalidFormat("part " + part + ": linear points need a positive per (points per unit)");
        }
        return new Conversion(Kind.LINEAR, Fields.decimal(l, "at", BigDecimal.ZERO), Fields.decimal(l, "base", BigDecimal.ZERO),
            per, Fields.decimal(l, "floor", null), Fields.decimal(l, "cap", null), List.of(), timed);
      }
      List<Object> rows = Fields.list(c, "table");
      if (rows == null || rows.isEmpty() || rows.size() > 100) {
        throw new InvalidFormat("part " + part + ": a points table has between 1 and 100 steps");
      }
      String key = timed ? "upTo" : "atLeast";
      List<Step> steps = new ArrayList<>();
      for (Object o : rows) {
        Map<String, Object> s = Fields.object(o, "a points step");
        Fields.onlyKeys(s, Set.of(key, "points"));
        BigDecimal threshold = Fields.decimal(s, key, null);
        BigDecimal points = Fields.decimal(s, "points", null);
        if (threshold == null || points == null) {
          throw new InvalidFormat("part " + part + ": each step has " + key + " and points");
        }
        steps.add(new Step(threshold, points));
      }
      // Times: the smallest limit first; distances: the largest mark first.
      steps.sort(timed ? Comparator.comparing(Step::threshold) : Comparator.comparing(Step::threshold).reversed());
      return new Conversion(Kind.TABLE, null, null, null, null, null, List.copyOf(steps), timed);
    }

    /** The points of a value, unrounded. */
    public BigDecimal points(BigDecimal value) {
      return switch (kind) {
        case NONE -> value;
        case LINEAR -> {
          BigDecimal delta = timed ? at.subtract(value) : value.subtract(at);
          BigDecimal p = base.add(per.multiply(delta));
          if (floor != null && p.compareTo(floor) < 0) {
            p = floor;
          }
          if (cap != null && p.compareTo(cap) > 0) {
            p = cap;
          }
          yield p;
        }
        case TABLE -> {
          for (Step s : steps) {
            if (timed ? value.compareTo(s.threshold()) <= 0 : value.compareTo(s.threshold()) >= 0) {
              yield s.points();
            }
          }
          yield BigDecimal.ZERO;
        }
      };
    }
  }

  /** Rounded for display with the format's decimals. */
  static BigDecimal shown(BigDecimal v, int decimals) {
    return v == null ? null : v.setScale(decimals, RoundingMode.HALF_UP);
  }
}
