package gala.events;

import gala.platform.Tx;
import io.vertx.core.Future;

/**
 * Told, inside the editing transaction, that a competition's capacity or rules changed, so the
 * registration feature can promote from the waitlist without events importing registration.
 */
@FunctionalInterface
public interface CompetitionChange {
  /** {@code shown}: the name or divisions changed, which people's own entry lists show. */
  Future<Void> changed(Tx tx, long competitionId, boolean shown);
}
