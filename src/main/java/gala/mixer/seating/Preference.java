package gala.mixer.seating;

/** Whom a participant who stated a gender wants at their table. */
public enum Preference {
  /** No wish. */
  ANY,
  /** At least one other person of a different (stated) gender. */
  MIXED,
  /** Only people of the same (stated) gender. */
  SAME
}
