package gala.scoring.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A judged competition: a panel of {@code judges} each gives one mark per criterion between
 * {@code min} and {@code max}. Per criterion the panel's marks are combined by {@code aggregate}
 * (trimmed variants first drop the {@code trim} highest and lowest), weighted and summed, then
 * multiplied by the entry's degree of difficulty when {@code difficulty} is on, and shown with
 * {@code decimals} places. A mark further than {@code tolerance} from the panel's median is flagged.
 */
public record JudgedFormat(Aggregate aggregate, int judges, int trim, BigDecimal min, BigDecimal max, int decimals,
    List<Criterion> criteria, boolean difficulty, BigDecimal tolerance, List<String> tieBreaks, Common common)
    implements Format {

  public enum Aggregate { MEAN, MEDIAN, SUM, TRIMMED_MEAN, TRIMMED_SUM }

  /** One criterion (execution, artistry...) with its weight; a single unnamed criterion by default. */
  public record Criterion(String name, BigDecimal weight) {}

  public static final String SINGLE = "score";
  /** Judged tie-breaks: the untrimmed total of every mark, the highest and the lowest single mark. */
  public static final Set<String> TIE_BREAKS = Set.of("total_marks", "highest_mark", "lowest_mark");
  private static final Set<String> KEYS = Set.of("type", "aggregate", "judges", "trim", "min", "max", "decimals",
      "criteria", "difficulty", "tolerance", "tieBreaks", "teamPoints", "rounds");

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
      if (c.name() == null || !c.name().matches("[A-Za-z0-9_]{1,40}") || !names.add(c.name())) {
        throw new InvalidFormat("criterion names are distinct words of letters, digits and _");
      }
      if (c.weight().signum() <= 0) {
        throw new InvalidFormat("a criterion weight must be positive");
      }
    }
    if (tolerance.signum() <= 0) {
      throw new InvalidFormat("tolerance must be positive");
    }
    tieBreaks = List.copyOf(tieBreaks);
  }

  /** A single-criterion panel without difficulty, tie-breaks or rounds. */
  public JudgedFormat(Aggregate aggregate, int judges, int trim, BigDecimal min, BigDecimal max, int decimals) {
    this(aggregate, judges, trim, min, max, decimals, List.of(new Criterion(SINGLE, BigDecimal.ONE)), false,
        defaultTolerance(min, max), List.of(), Common.single());
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
        Fields.integer(f, "decimals", 2), criteria, Fields.bool(f, "difficulty", false),
        Fields.decimal(f, "tolerance", defaultTolerance(min, max)), Fields.tieBreaks(f, TIE_BREAKS, List.of()), Common.parse(f));
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
