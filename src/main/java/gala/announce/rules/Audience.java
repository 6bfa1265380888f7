package gala.announce.rules;

import java.util.Locale;

/**
 * Who an announcement is for: the whole event (everyone, also anonymous screens), one
 * competition (its entrants and its judges), all judges of the event, or all its participants
 * (everyone with an entry in one of its competitions). Organisers and admins see every audience.
 */
public record Audience(Kind kind, Long competitionId) {
  public enum Kind { EVENT, COMPETITION, JUDGES, PARTICIPANTS }

  public static final Audience EVENT = new Audience(Kind.EVENT, null);

  public Audience {
    if ((kind == Kind.COMPETITION) != (competitionId != null)) {
      throw new IllegalArgumentException("a competition audience, and only that, names a competition");
    }
  }

  /** From the request fields; unknown names and a missing or stray competition are refused. */
  public static Audience parse(String name, Long competitionId) {
    if (name == null || name.isBlank()) {
      throw new Rejected(400, "UNKNOWN_AUDIENCE", "audience is required: event, competition, judges or participants");
    }
    Kind kind;
    try {
      kind = Kind.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Rejected(400, "UNKNOWN_AUDIENCE",
          "unknown audience '" + name + "': use event, competition, judges or participants");
    }
    if (kind == Kind.COMPETITION && competitionId == null) {
      throw new Rejected(400, "COMPETITION_REQUIRED", "audience competition needs a competitionId");
    }
    if (kind != Kind.COMPETITION && competitionId != null) {
      throw new Rejected(400, "UNEXPECTED_COMPETITION", "competitionId goes only with audience competition");
    }
    return new Audience(kind, competitionId);
  }

  /** The name clients see and send: event, competition, judges or participants. */
  public String name() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** One string per audience, as {@link Viewer} matches it: "event", "judges", "competition:7". */
  public String key() {
    return kind == Kind.COMPETITION ? "competition:" + competitionId : name();
  }
}
