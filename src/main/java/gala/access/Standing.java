package gala.access;

/**
 * Where a caller stands toward the event a target belongs to, as PostgreSQL says now. Every flag is
 * false for anonymous callers. {@code judge} is about the target's competition (any competition of
 * the event when the target is the event itself); {@code self} about the target itself (the person
 * of an entry, a mixer's participant, a unit's contact, an import's uploader); {@code head}: a head
 * judge of the target's competition; {@code resultsHidden}: the organisers hid that competition's
 * results from the public. {@code known}: the event is public, or it knows the caller (organiser,
 * judge or other staff, entrant, the contact or a member of one of its units, the target's own
 * person); which of those relations it is, is not looked up once one of them holds.
 */
public record Standing(long eventId, Long competitionId, boolean isPublic, boolean admin, boolean organiser,
    boolean judge, boolean head, boolean known, boolean self, boolean resultsHidden) {

  /** Organisers of the event; admins act as organisers everywhere. */
  public boolean organises() {
    return admin || organiser;
  }

  /** A private event exists only for who it knows (and admins). */
  public boolean visible() {
    return admin || known;
  }

  /** Scores the competition and sees its marks as they come: its judges and the event's organisers. */
  public boolean scores() {
    return organises() || judge;
  }

  /** Reviews, corrects, publishes and hides the competition's results and handles its judges' problems. */
  public boolean reviews() {
    return organises() || head;
  }

  /** Sees the competition's results: everyone once released; while hidden, only who scores it. */
  public boolean seesResults() {
    return !resultsHidden || scores();
  }

  /** May see personal data (birth dates, e-mail, check-in codes, guardians) of the target. */
  public boolean seesPersonalData() {
    return organises() || self;
  }
}
