package gala.scoring.rules;

import java.util.List;
import java.util.Map;

/**
 * A competition's format as stored in {@code competitions.format}: how marks become results, how
 * results are ranked and tie-broken, the rounds and the team points per place.
 */
public sealed interface Format permits JudgedFormat, AttemptFormat, HeadToHeadFormat, CombinedFormat {

  /** "judged", "timed", "measured", "head_to_head" or "combined". */
  String type();

  /** Tie-break names, in the order they are applied. */
  List<String> tieBreaks();

  Common common();

  /** Places of the shown results. */
  int decimals();

  /** Reads and checks a stored format; InvalidFormat says what is wrong. */
  static Format parse(Map<String, Object> f) {
    if (f == null) {
      throw new InvalidFormat("a format is required");
    }
    Object type = f.get("type");
    if ("judged".equals(type)) {
      return JudgedFormat.parse(f);
    }
    if ("timed".equals(type) || "measured".equals(type)) {
      return AttemptFormat.parse(f);
    }
    if ("head_to_head".equals(type)) {
      return HeadToHeadFormat.parse(f);
    }
    if ("combined".equals(type)) {
      return CombinedFormat.parse(f);
    }
    throw new InvalidFormat("type must be one of judged, timed, measured, head_to_head, combined");
  }
}
