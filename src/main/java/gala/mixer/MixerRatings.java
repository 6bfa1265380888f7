package gala.mixer;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * After the evening: a participant rates it (1-5 stars and a comment; rating again replaces their
 * rating) once a round has ended; the organiser sees the average, how many gave each mark, and the
 * comments without names, never who gave which.
 */
public final class MixerRatings {
  private final Database db;

  public MixerRatings(Database db) {
    this.db = db;
  }

  public Future<Reply> rate(Tx tx, Caller caller, long mixerId, JsonObject req) {
    SqlClient conn = tx.conn();
    int stars = req.getInteger("stars");
    String comment = req.getString("comment") == null || req.getString("comment").isBlank() ? null
        : req.getString("comment").trim();
    return conn.preparedQuery("SELECT m.current_round, m.round_open, "
            + "EXISTS (SELECT 1 FROM mixer_profiles p WHERE p.mixer_id = m.id AND p.user_id = $2) AS joined "
            + "FROM mixers m WHERE m.id = $1")
        .execute(Tuple.of(mixerId, caller.userId()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("mixer " + mixerId));
          }
          Row m = rows.iterator().next();
          if (!m.getBoolean("joined")) {
            return Future.failedFuture(new ApiError(403, "NOT_JOINED", "join this mixer first"));
          }
          int round = m.getInteger("current_round");
          if (round == 0 || (round == 1 && m.getBoolean("round_open"))) {
            return Future.failedFuture(ApiError.conflict("RATING_TOO_EARLY", "the evening can be rated once a round is over"));
          }
          return conn.preparedQuery("INSERT INTO mixer_ratings (mixer_id, user_id, stars, comment) VALUES ($1, $2, $3, $4) "
                  + "ON CONFLICT (mixer_id, user_id) DO UPDATE SET stars = EXCLUDED.stars, comment = EXCLUDED.comment, "
                  + "rated_at = now()")
              .execute(Tuple.of(mixerId, caller.userId(), stars, comment));
        })
        .map(v -> Reply.ok(new JsonObject().put("mixerId", mixerId).put("stars", stars).put("comment", comment)));
  }

  /** The caller's own rating, or null. */
  static Future<JsonObject> mine(SqlClient conn, long mixerId, long userId) {
    return conn.preparedQuery("SELECT stars, comment FROM mixer_ratings WHERE mixer_id = $1 AND user_id = $2")
        .execute(Tuple.of(mixerId, userId))
        .map(rows -> rows.size() == 0 ? null : new JsonObject().put("stars", rows.iterator().next().getInteger("stars"))
            .put("comment", rows.iterator().next().getString("comment")));
  }

  /** Organisers only: the aggregate, and the comments in alphabetical order, without names. */
  public Future<JsonObject> summary(Caller caller, long mixerId) {
    SqlClient pool = db.pool();
    return MixerService.requireOrganiser(pool, caller, mixerId)
        .compose(m -> pool.preparedQuery("SELECT stars, count(*) AS n FROM mixer_ratings WHERE mixer_id = $1 GROUP BY stars")
            .execute(Tuple.of(mixerId)))
        .compose(rows -> {
          JsonObject marks = new JsonObject();
          long count = 0;
          long total = 0;
          for (int s = 1; s <= 5; s++) {
            marks.put(String.valueOf(s), 0L);
          }
          for (Row r : rows) {
            marks.put(String.valueOf(r.getInteger("stars")), r.getLong("n"));
            count += r.getLong("n");
            total += r.getLong("n") * r.getInteger("stars");
          }
          JsonObject out = new JsonObject().put("mixerId", mixerId).put("ratings", count)
              .put("average", count == 0 ? null : Math.round(10.0 * total / count) / 10.0).put("stars", marks);
          return pool.preparedQuery("SELECT comment FROM mixer_ratings WHERE mixer_id = $1 AND comment IS NOT NULL "
                  + "ORDER BY comment")
              .execute(Tuple.of(mixerId))
              .map(cs -> {
                JsonArray comments = new JsonArray();
                cs.forEach(c -> comments.add(c.getString(0)));
                return out.put("comments", comments);
              });
        });
  }
}
