package gala.platform;

import io.vertx.core.json.JsonObject;

/**
 * Facts a person gives once (gender, birth date): they decide eligibility, so a person may fill
 * them while empty but not change them; only an organiser's or admin's workflow does. The same rule
 * for the profile page and for a self-registration that brings them along.
 */
public final class SetOnce {
  private SetOnce() {}

  /** 409 PROFILE_FIELD_LOCKED when {@code held} is set and {@code given} is another value. */
  public static void check(String field, Object held, Object given) {
    if (held != null && given != null && !held.equals(given)) {
      throw new ApiError(409, "PROFILE_FIELD_LOCKED", field + " is already set to " + held
          + " and only an organiser or admin may change it", new JsonObject().put("field", field).put("value", held.toString()));
    }
  }
}
