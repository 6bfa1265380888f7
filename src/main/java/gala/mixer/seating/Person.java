package gala.mixer.seating;

import java.util.Set;

/**
 * A checked-in participant as the seating sees them. {@code age} is in whole years on the mixer's
 * day; {@code gender} is null when not stated (then {@code preference} is ignored).
 */
public record Person(long id, Set<String> interests, int age, boolean guardianConsent, String gender,
    Preference preference) {
  public static final int ADULT_AGE = 18;
  public static final int CONSENT_AGE = 14;

  public Person {
    interests = Set.copyOf(interests);
    preference = preference == null ? Preference.ANY : preference;
  }

  public boolean minor() {
    return age < ADULT_AGE;
  }

  public int shared(Person other) {
    int n = 0;
    Set<String> small = interests.size() <= other.interests.size() ? interests : other.interests;
    Set<String> large = small == interests ? other.interests : interests;
    for (String tag : small) {
      if (large.contains(tag)) {
        n++;
      }
    }
    return n;
  }
}
