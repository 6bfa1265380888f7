package gala.mixer.seating;

/**
 * A mixer's seating rules: {@code groupSize} 2 means pairs, 3 or more means tables of that size;
 * only people aged {@code minAge}..{@code maxAge} take part. {@code genderBalance}: the organiser
 * asked for mixed groups; a pair of different stated genders then counts as much as one shared
 * interest (a preference, not a hard rule, so an uneven turnout still gets everyone seated).
 */
public record Rules(int groupSize, int minAge, int maxAge, boolean genderBalance) {
  public Rules(int groupSize, int minAge, int maxAge) {
    this(groupSize, minAge, maxAge, false);
  }

  public Rules {
    if (groupSize < 2) {
      throw new IllegalArgumentException("groupSize must be at least 2");
    }
    if (minAge > maxAge) {
      throw new IllegalArgumentException("minAge must not exceed maxAge");
    }
  }

  public boolean pairs() {
    return groupSize == 2;
  }

  /** Who may be seated at all: inside the age band, and under 14 only with a guardian's consent. */
  public boolean eligible(Person p) {
    return p.age() >= minAge && p.age() <= maxAge && (p.age() >= Person.CONSENT_AGE || p.guardianConsent());
  }
}
