package gala.mixer.seating;

/**
 * A mixer's seating rules: {@code groupSize} 2 means pairs, 3 or more means tables of that size;
 * only people aged {@code minAge}..{@code maxAge} take part.
 */
public record Rules(int groupSize, int minAge, int maxAge) {
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
