package gala.events;

import io.vertx.core.json.JsonObject;

/**
 * Checks a competition's format when it is created. The scoring feature owns formats; the
 * composition root passes its check in, so events never imports scoring.
 */
@FunctionalInterface
public interface FormatCheck {
  /** Throws an ApiError (422) naming what is wrong with the format. */
  void check(JsonObject format);
}
