package gala.mixer.seating;

/** Why someone sits a round out; the host's plan shows it beside their name. */
public enum RestReason {
  /** Their age is outside the mixer's band. */
  OUTSIDE_AGE_BAND,
  /** Under 14 without a recorded guardian consent. */
  NO_GUARDIAN_CONSENT,
  /** Nobody else of their age group (minors or adults) is checked in. */
  ALONE_IN_AGE_GROUP,
  /** They have already met everyone of their age group who is here. */
  MET_EVERYONE,
  /**
   * Every table left would have meant a repeat meeting or a broken table wish; the seating chose
   * as few people as possible, and those who had rested least.
   */
  NO_TABLE_FITS,
  /** The host moved them out of their table. */
  MOVED_BY_HOST,
  /** They left the evening: the host marked them gone (they are not seated again unless checked in). */
  LEFT
}
