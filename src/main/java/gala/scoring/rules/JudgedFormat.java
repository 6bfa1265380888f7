package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A judged competition: a panel of {@code judges} each gives one mark per criterion between
 * {@code min} and {@code max}. Per criterion the panel's marks are combined by {@code aggregate}
 * (trimmed variants first drop the {@code trim} highest and lowest), weighted and summed, then
 * multiplied by the attempt's declared degree of difficulty when the format has one, and shown
 * with {@code decimals} places. An entry makes {@code attempts} attempts (dives, runs, routines),
 * each with its own panel and difficulty; {@code combine} makes their scores the result (sum, best
 * or mean). A mark further than {@code tolerance} from the panel's median is flagged.
 */
public record JudgedFormat(Aggregate aggregate, int judges, int trim, BigDecimal min, BigDecimal max, int decimals,
    List<Criterion> criteria, Difficulty difficulty, BigDecimal tolerance, List<String> tieBreaks, Common common,
    int attempts, Combine combine) implements Format {

  public enum Aggregate { MEAN, MEDIAN, SUM, TRIMMED_MEAN, TRIMMED_SUM }

  /**
   * One criterion (execution, artistry, 内容...) with its weight; a single unnamed criterion by default. Its
   * name is what judges, head judges and spectators read, in the organiser's own words and script, and
   * also its key in a judge's marks ({@code {"内容": "8.5"}}).
   */
  public record Criterion(String name, BigDecimal weight) {}

  /** Letters and digits of any script (and _), words joined by single spaces or hyphens, at most 40 chars. */
  private static final Pattern CRITERION_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{N}_]+(?:[ -][\\p{L}\\p{M}\\p{N}_]+)*");

  public static final String SINGLE = "score";
  /**
   * Judged tie-breaks: the untrimmed total of every mark, the highest and the lowest single mark
   * (over all attempts), and the attempt scores best first (best_single, second_best...).
   */
  public static final Set<String> TIE_BREAKS = union(Set.of("total_marks", "highest_mark", "lowest_mark"),
      TieBreakNames.ATTEMPT_DERIVED);
  private static final Set<String> KEYS = Set.of("type", "aggregate", "judges", "trim", "min", "max", "decimals",
      "criteria", "difficulty", "tolerance", "tieBreaks", "teamPoints", "rounds", "attempts", "combine");

  public JudgedFormat {
    if (judges < 1 || judges > 15) {
      throw new InvalidFormat("judges must be between 1 and 15");
    }
    boolean trimmed = aggregate == Aggregate.TRIMMED_MEAN || aggregate == Aggregate.TRIMMED_SUM;
    if (trim < 0 || (trimmed && 2 * trim >= judges)) {
      throw new InvalidFormat("trim must leave at least one mark: 2 x trim < judges");
    }
    if (min.compareTo(max) >= 0) {
      throw new InvalidFormat("min must be below max");
    }
    if (decimals < 0 || decimals > 4) {
      throw new InvalidFormat("decimals must be between 0 and 4");
    }
    criteria = List.copyOf(criteria);
    if (criteria.isEmpty() || criteria.size() > 10) {
      throw new InvalidFormat("between 1 and 10 criteria");
    }
    Set<String> names = new HashSet<>();
    for (Criterion c : criteria) {
      if (c.name() == null || c.name().length() > 40 || !CRITERION_NAME.matcher(c.name()).matches()
          || !names.add(c.name())) {
        throw new InvalidFormat("criterion names are distinct, up to 40 letters or digits of any language (words joined by"
            + " single spaces or -)");
      }
      if (c.weight().signum() <= 0) {
        throw new InvalidFormat("a criterion weight must be positive");
      }
    }
    if (tolerance.signum() <= 0) {
      throw new InvalidFormat("tolerance must be positive");
    }
    tieBreaks = List.copyOf(tieBreaks);
    if (attempts < 1 || attempts > 10) {
      throw new InvalidFormat("attempts must be between 1 and 10");
    }
  }

  /** A single-criterion panel without difficulty, tie-breaks, rounds or repeated attempts. */
  public JudgedFormat(Aggregate aggregate, int judges, int trim, BigDecimal min, BigDecimal max, int decimals) {
    this(aggregate, judges, trim, min, max, decimals, List.of(new Criterion(SINGLE, BigDecimal.ONE)), Difficulty.NONE,
        defaultTolerance(min, max), List.of(), Common.single(), 1, Combine.SUM);
  }

  @Override
  public String type() {
    return "judged";
  }

  public boolean weighted() {
    return criteria.size() > 1 || !criteria.get(0).name().equals(SINGLE);
  }

  /** Reads the format as stored in a competition ({@code {"type":"judged","aggregate":"trimmed_mean",...}}). */
  public static JudgedFormat parse(Map<String, Object> f) {
    if (f == null || !"judged".equals(f.get("type"))) {
      throw new InvalidFormat("type must be \"judged\"");
    }
    Fields.onlyKeys(f, KEYS);
    return panel(f, Fields.integer(f, "decimals", 2), Fields.tieBreaks(f, TIE_BREAKS, List.of()), Common.parse(f),
        Fields.integer(f, "attempts", 1), Combine.parse(f, "combine"));
  }

  /** The panel fields of a judged format or of a combined format's judged part. */
  static JudgedFormat panel(Map<String, Object> f, int decimals, List<String> tieBreaks, Common common, int attempts,
      Combine combine) {
    Aggregate aggregate;
    try {
      aggregate = Aggregate.valueOf(Fields.string(f, "aggregate", "mean").toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new InvalidFormat("aggregate must be one of mean, median, sum, trimmed_mean, trimmed_sum");
    }
    boolean trimmed = aggregate == Aggregate.TRIMMED_MEAN || aggregate == Aggregate.TRIMMED_SUM;
    BigDecimal min = Fields.decimal(f, "min", BigDecimal.ZERO);
    BigDecimal max = Fields.decimal(f, "max", BigDecimal.TEN);
    List<Criterion> criteria = new ArrayList<>();
    List<Object> raw = Fields.list(f, "criteria");
    if (raw == null) {
      criteria.add(new Criterion(SINGLE, BigDecimal.ONE));
    } else {
      for (Object o : raw) {
        Map<String, Object> c = Fields.object(o, "a criterion");
        criteria.add(new Criterion(Fields.string(c, "name", null), Fields.decimal(c, "weight", BigDecimal.ONE)));
      }
    }
    if (min.compareTo(max) >= 0) {
      throw new InvalidFormat("min must be below max");
    }
    return new JudgedFormat(aggregate, Fields.integer(f, "judges", 1), Fields.integer(f, "trim", trimmed ? 1 : 0), min, max,
        decimals, criteria, Difficulty.parse(f.get("difficulty")), Fields.decimal(f, "tolerance", defaultTolerance(min, max)),
        tieBreaks, common, attempts, combine);
  }

  static <T> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> out = new HashSet<>(a);
    out.addAll(b);
    return Set.copyOf(out);
  }

  /** A judge more than a fifth of the range away from the panel's median is worth a second look. */
  private static BigDecimal defaultTolerance(BigDecimal min, BigDecimal max) {
    return max.subtract(min).divide(BigDecimal.valueOf(5));
  }

  /** Whether a mark is allowed: inside [min, max] with at most 4 decimal places (what the column keeps). */
  public boolean accepts(BigDecimal mark) {
    return mark.compareTo(min) >= 0 && mark.compareTo(max) <= 0 && mark.stripTrailingZeros().scale() <= 4;
  }
}
