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
