package gala.events;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** An event's organisers: listed, added by e-mail and removed by its organisers (and admins); never the last one. */
public final class Organisers {
  private final Database db;

  public Organisers(Database db) {
    this.db = db;
  }

  public Future<JsonArray> list(Caller caller, long eventId) {
    return EventAccess.requireOrganiser(db.pool(), caller, eventId).compose(v -> list(db.pool(), eventId));
  }

  private static Future<JsonArray> list(SqlClient conn, long eventId) {
    return conn.preparedQuery("SELECT u.id, u.email, u.display_name FROM event_organisers o JOIN users u ON u.id = o.user_id "
            + "WHERE o.event_id = $1 ORDER BY u.display_name, u.id")
        .execute(Tuple.of(eventId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(json(r)));
          return out;
        });
  }

  /** Adds the account with this e-mail; {@code added} false when it already organised the event. */
  public Future<Added> add(Caller caller, long eventId, String email) {
    return db.inTransaction(tx -> EventAccess.requireOrganiser(tx.conn(), caller, eventId)
        .compose(v -> tx.conn().preparedQuery("SELECT id, email, display_name FROM users WHERE lower(email) = lower($1)")
            .execute(Tuple.of(email.trim())))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new ApiError(422, "UNKNOWN_USER", "no account with the email " + email.trim()
                + ": they sign up first", new JsonObject().put("email", email.trim())));
          }
          Row u = rows.iterator().next();
          return tx.conn().preparedQuery("INSERT INTO event_organisers (event_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
              .execute(Tuple.of(eventId, u.getLong("id")))
              .map(r -> new Added(json(u), r.rowCount() == 1));
        }));
  }

  public record Added(JsonObject organiser, boolean added) {}

  /**
   * Removes an organiser. The event's row is locked first, so two organisers removing each other at
   * once cannot leave the event with none.
   */
  public Future<Void> remove(Caller caller, long eventId, long userId) {
    return db.inTransaction(tx -> EventAccess.requireOrganiser(tx.conn(), caller, eventId)
        .compose(v -> tx.conn().preparedQuery("SELECT id FROM events WHERE id = $1 FOR UPDATE").execute(Tuple.of(eventId)))
        .compose(v -> tx.conn().preparedQuery("SELECT user_id FROM event_organisers WHERE event_id = $1").execute(Tuple.of(eventId)))
        .compose(rows -> {
          boolean present = false;
          for (Row r : rows) {
            present |= r.getLong(0) == userId;
          }
          if (!present) {
            return Future.failedFuture(new ApiError(404, "NOT_AN_ORGANISER", "user " + userId + " does not organise this event"));
          }
          if (rows.size() == 1) {
            return Future.failedFuture(ApiError.conflict("LAST_ORGANISER",
                "an event keeps at least one organiser: add another before removing this one"));
          }
          return tx.conn().preparedQuery("DELETE FROM event_organisers WHERE event_id = $1 AND user_id = $2")
              .execute(Tuple.of(eventId, userId)).<Void>mapEmpty();
        }));
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("userId", r.getLong("id")).put("email", r.getString("email"))
        .put("displayName", r.getString("display_name"));
  }
}
