package gala.access;

/**
 * Where a caller stands toward the event a target belongs to, as PostgreSQL says now. Every flag is
 * false for anonymous callers. {@code judge} is about the target's competition (any competition of
 * the event when the target is the event itself); {@code self} about the target itself (the person
 * of an entry, a mixer's participant, a unit's contact, an import's uploader); {@code unitContact}:
 * the contact or a member of one of the event's units; {@code head}: a head judge of the target's
 * competition; {@code resultsHidden}: the organisers hid that competition's results from the public.
 */
public record Standing(long eventId, Long competitionId, boolean isPublic, boolean admin, boolean organiser,
    boolean judge, boolean head, boolean staff, boolean entrant, boolean unitContact, boolean self, boolean resultsHidden) {

  /** Organisers of the event; admins act as organisers everywhere. */
  public boolean organises() {
    return admin || organiser;
  }

  /** Anyone the event knows: organisers, judges, entrants, its units' contacts and members, the target's own person. */
  public boolean member() {
    return organises() || staff || judge || entrant || unitContact || self;
  }

  /** A private event exists only for its members. */
  public boolean visible() {
    return isPublic || member();
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
