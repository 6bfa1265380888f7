package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A result made of parts, each with its own input (see {@link Part}), combined per attempt by a
 * declared formula: the {@code sum} of the parts' points (ski jumping: distance points + the middle
 * three of five style marks + compensations), or a {@code weighted} sum (a skills contest: 30% theory
 * + 70% practical + a time bonus). Deductions count negative. An entry makes {@code attempts}
 * attempts (two jumps), combined by {@code combine}. Tie-breaks: the attempt scores best first, and
 * {@code part:<name>}, a part's points over all attempts (higher first).
 */
public record CombinedFormat(List<Part> parts, Formula formula, int attempts, Combine combine, int decimals,
    List<String> tieBreaks, Common common) implements Format {

  /** {@code sum}: every part's points; {@code weighted}: each part's points times its weight. */
  public record Formula(Kind kind, Map<String, BigDecimal> weights) {
    public enum Kind { SUM, WEIGHTED }
  }

  private static final Set<String> KEYS = Set.of("type", "parts", "formula", "attempts", "combine", "decimals", "tieBreaks",
      "teamPoints", "rounds");

  public CombinedFormat {
    parts = List.copyOf(parts);
    tieBreaks = List.copyOf(tieBreaks);
    if (attempts < 1 || attempts > 10) {
      throw new InvalidFormat("attempts must be between 1 and 10");
    }
    if (decimals < 0 || decimals > 4) {
      throw new InvalidFormat("decimals must be between 0 and 4");
    }
  }

  @Override
  public String type() {
    return "combined";
  }

  public Part part(String name) {
    for (Part p : parts) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  public static CombinedFormat parse(Map<String, Object> f) {
    Fields.onlyKeys(f, KEYS);
    int decimals = Fields.integer(f, "decimals", 2);
    List<Object> raw = Fields.list(f, "parts");
    if (raw == null || raw.isEmpty() || raw.size() > 12) {
      throw new InvalidFormat("a combined format has between 1 and 12 parts");
    }
    List<Part> parts = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Object o : raw) {
      Part p = Part.parse(Fields.object(o, "a part"), decimals);
      if (!names.add(p.name())) {
        throw new InvalidFormat("part " + p.name() + " is listed twice");
      }
      parts.add(p);
    }
    Formula formula = formula(f.get("formula"), names);
    Set<String> tieBreaks = new HashSet<>(TieBreakNames.ATTEMPT_DERIVED);
    names.forEach(n -> tieBreaks.add("part:" + n));
    List<String> chosen;
    try {
      chosen = Fields.tieBreaks(f, tieBreaks, List.of());
    } catch (InvalidFormat e) {
      unknownPartInTieBreaks(f, names);
      throw e;
    }
    return new CombinedFormat(parts, formula, Fields.integer(f, "attempts", 1), Combine.parse(f, "combine"), decimals, chosen,
        Common.parse(f));
  }

  private static Formula formula(Object raw, Set<String> names) {
    if (raw == null) {
      return new Formula(Formula.Kind.SUM, Map.of());
    }
    Map<String, Object> m = Fields.object(raw, "formula");
    Fields.onlyKeys(m, Set.of("kind", "weights"));
    String kind = Fields.string(m, "kind", "sum");
    if (kind.equals("sum")) {
      if (m.containsKey("weights")) {
        throw new InvalidFormat("a sum formula has no weights; use kind weighted");
      }
      return new Formula(Formula.Kind.SUM, Map.of());
    }
    if (!kind.equals("weighted")) {
      throw new InvalidFormat("formula kind must be sum or weighted");
    }
    Map<String, Object> w = Fields.object(m.get("weights"), "formula weights");
    Map<String, BigDecimal> weights = new LinkedHashMap<>();
    for (String part : w.keySet()) {
      if (!names.contains(part)) {
        throw new InvalidFormat("FORMULA_UNKNOWN_PART", "the formula weighs part " + part + ", which the format does not have");
      }
      BigDecimal weight = Fields.decimal(w, part, null);
      if (weight == null || weight.signum() <= 0) {
        throw new InvalidFormat("the weight of part " + part + " must be positive");
      }
      weights.put(part, weight);
    }
    for (String part : names) {
      if (!weights.containsKey(part)) {
        throw new InvalidFormat("part " + part + " has no weight in the formula");
      }
    }
    return new Formula(Formula.Kind.WEIGHTED, weights);
  }

  private static void unknownPartInTieBreaks(Map<String, Object> f, Set<String> names) {
    List<Object> raw = Fields.list(f, "tieBreaks");
    for (Object o : raw) {
      if (o instanceof String s && s.startsWith("part:") && !names.contains(s.substring(5))) {
        throw new InvalidFormat("FORMULA_UNKNOWN_PART", "tie-break " + s + " names a part the format does not have");
      }
    }
  }

  /** A part's weight in the formula (1 for a plain sum), negative for a deduction. */
  public BigDecimal weight(Part p) {
    BigDecimal w = formula.kind() == Formula.Kind.SUM ? BigDecimal.ONE : formula.weights().get(p.name());
    return p.deduction() ? w.negate() : w;
  }

  /**
   * The formula as one line, with the organiser's labels: "距离 + 姿势 + 风力补偿" or
   * "0.3 × 理论 + 0.7 × 实操 + 用时 − 扣分"; attempts are added as "(sum of 2 attempts)" by the page.
   */
  public String formulaText() {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      BigDecimal w = weight(p);
      if (out.length() > 0) {
        out.append(w.signum() < 0 ? " − " : " + ");
      } else if (w.signum() < 0) {
        out.append("− ");
      }
      BigDecimal abs = w.abs().stripTrailingZeros();
      if (abs.compareTo(BigDecimal.ONE) != 0) {
        out.append(abs.toPlainString()).append(" × ");
      }
      out.append(p.label());
    }
    return out.toString();
  }
}
