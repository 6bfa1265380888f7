package gala.access;

import java.util.Map;

/**
 * What a request or topic is about: the thing whose event decides who may see or change it. Read from
 * a path parameter ({@code entryId}, {@code competitionId} ...) or a topic id.
 */
public record Target(Kind kind, long id) {
  /** The kinds of thing Gala resolves to an event, each with the path parameter that names it. */
  public enum Kind {
    ENTRY("entryId"), MIXER("mixerId"), UNIT("unitId"), IMPORT("importId"), JUDGE_CODE("codeId"),
    PROBLEM("problemId"), COMPETITION("competitionId"), EVENT("eventId");

    final String param;

    Kind(String param) {
      this.param = param;
    }
  }

  /** Path parameters in the order that decides: the most specific thing named by a path wins. */
  static final Map<String, Kind> BY_PARAM = Map.of("entryId", Kind.ENTRY, "mixerId", Kind.MIXER, "unitId", Kind.UNIT,
      "importId", Kind.IMPORT, "codeId", Kind.JUDGE_CODE, "problemId", Kind.PROBLEM, "competitionId", Kind.COMPETITION,
      "eventId", Kind.EVENT);

  public static Target event(long id) {
    return new Target(Kind.EVENT, id);
  }

  public static Target competition(long id) {
    return new Target(Kind.COMPETITION, id);
  }

  public static Target entry(long id) {
    return new Target(Kind.ENTRY, id);
  }

  public static Target mixer(long id) {
    return new Target(Kind.MIXER, id);
  }

  /** What a 404 calls it, the same words whether it does not exist or is private and not yours. */
  String noun() {
    return switch (kind) {
      case ENTRY -> "entry";
      case MIXER -> "mixer";
      case UNIT -> "unit";
      case IMPORT -> "import";
      case JUDGE_CODE -> "judge code";
      case PROBLEM -> "problem";
      case COMPETITION -> "competition";
      case EVENT -> "event";
    };
  }

  /**
   * A positive id in its one canonical spelling ({@code 42}, never {@code 042}, {@code +42} or
   * 2^63), else null: ids name rows, and one row has one name.
   */
  public static Long canonicalId(String text) {
    if (text == null || text.isEmpty() || text.length() > 19 || text.charAt(0) == '0') {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
