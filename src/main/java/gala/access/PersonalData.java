package gala.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The one place that keeps personal data (birth dates, e-mail, check-in codes, guardians, contact
 * details) to the person themself and the event's organisers: a read of an event's data answered to
 * anyone else passes through {@link #strip}. Features may still leave such fields out themselves; this
 * makes sure a field added tomorrow does not reach a spectator.
 */
public final class PersonalData {
  /** Fields that name or reach a person beyond what a start list shows. */
  public static final Set<String> FIELDS = Set.of("birthDate", "email", "checkinCode", "guardianName", "guardianConsent",
      "contact", "contactEmail", "phone");

  private PersonalData() {}

  /** {@code body} without personal fields, at any depth (changed in place and returned). */
  public static JsonObject strip(JsonObject body) {
    body.fieldNames().removeIf(FIELDS::contains);
    for (Object value : body.getMap().values()) {
      descend(value);
    }
    return body;
  }

  /**
   * A person's name as a public screen may show it (a projected or printed seating plan, seen by
   * everyone in the hall): an adult by first name and initial ("Anna S."; "王*明" for a name written
   * without spaces), a minor by initials only ("A. S."; "王**"), so nobody learns a minor's name
   * from the wall. Enough for people to find themselves, not to find them.
   */
  public static String publicName(String displayName, boolean minor) {
    String name = displayName == null ? "" : displayName.trim();
    if (name.isEmpty()) {
      return "";
    }
    String[] words = name.split("\\s+");
    if (words.length > 1) {
      StringBuilder out = new StringBuilder(minor ? initial(words[0]) : words[0]);
      out.append(' ').append(initial(words[words.length - 1]));
      return out.toString();
    }
    int[] chars = name.codePoints().toArray();
    if (!Character.isIdeographic(chars[0])) {
      return minor ? initial(name) : name;
    }
    StringBuilder out = new StringBuilder().appendCodePoint(chars[0]);
    for (int i = 1; i < chars.length; i++) {
      boolean shown = !minor && i == chars.length - 1 && chars.length > 2;
      if (shown) {
        out.appendCodePoint(chars[i]);
      } else {
        out.append('*');
      }
    }
    return out.toString();
  }

  private static String initial(String word) {
    return new StringBuilder().appendCodePoint(word.codePointAt(0)).append('.').toString();
  }

  private static void descend(Object value) {
    if (value instanceof JsonObject o) {
      strip(o);
    } else if (value instanceof JsonArray a) {
      for (Object item : a) {
        descend(item);
      }
    } else if (value instanceof java.util.Map<?, ?> m) {
      strip(new JsonObject(castMap(m)));
    } else if (value instanceof java.util.List<?> l) {
      descend(new JsonArray(l));
    }
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> castMap(java.util.Map<?, ?> m) {
    return (java.util.Map<String, Object>) m;
  }
}
