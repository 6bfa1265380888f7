package gala.mixer;

import gala.mixer.seating.Meetings;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * A season's memory. An organiser keeps a series of mixers (a union's "rose date" evenings); each
 * mixer of it remembers who met at the earlier ones (all, or the last {@code seriesLookback}), so
 * they are not seated together again, and each participant sees the mutual matches of earlier
 * evenings beside tonight's. Earlier is by the mixer's date, then by creation.
 */
public final class MixerSeries {
  private final Database db;

  public MixerSeries(Database db) {
    this.db = db;
  }

  /** Organisers (and admins) keep series; a series belongs to whoever created it. */
  public Future<Reply> create(Caller caller, JsonObject req) {
    if (!caller.isAdmin() && !"organiser".equals(caller.role())) {
      return Future.failedFuture(ApiError.forbidden("only organisers keep mixer series"));
    }
    return db.pool().preparedQuery("INSERT INTO mixer_series (title, created_by) VALUES ($1, $2) RETURNING id, title")
        .execute(Tuple.of(req.getString("title").trim(), caller.userId()))
        .map(rows -> Reply.created(new JsonObject().put("id", rows.iterator().next().getLong("id"))
            .put("title", rows.iterator().next().getString("title")).put("mixers", 0)));
  }

  /** The caller's series, with how many mixers each holds. */
  public Future<JsonArray> list(Caller caller) {
    return db.pool().preparedQuery("SELECT s.id, s.title, (SELECT count(*) FROM mixers m WHERE m.series_id = s.id) AS n "
            + "FROM mixer_series s WHERE s.created_by = $1 ORDER BY s.id")
        .execute(Tuple.of(caller.userId()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title"))
              .put("mixers", r.getLong("n"))));
          return out;
        });
  }

  /** A mixer may join only a series its creator keeps (an admin may use any). */
  static Future<Void> requireOwn(SqlClient conn, Caller caller, Long seriesId) {
    if (seriesId == null) {
      return Future.succeededFuture();
    }
    return conn.preparedQuery("SELECT created_by FROM mixer_series WHERE id = $1").execute(Tuple.of(seriesId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("mixer series " + seriesId));
          }
          return caller.isAdmin() || rows.iterator().next().getLong(0) == caller.userId() ? Future.succeededFuture()
              : Future.failedFuture(ApiError.forbidden("this mixer series is another organiser's"));
        });
  }

  /** The mixers whose meetings this one remembers: itself and the earlier ones of its series in reach. */
  private static final String REMEMBERED = "SELECT $1::bigint AS id UNION ALL "
      + "SELECT id FROM (SELECT e.id, row_number() OVER (ORDER BY e.mixer_date DESC, e.id DESC) AS n, m.series_lookback "
      + "  FROM mixers m JOIN mixers e ON e.series_id = m.series_id AND (e.mixer_date, e.id) < (m.mixer_date, m.id) "
      + "  WHERE m.id = $1) earlier WHERE series_lookback IS NULL OR n <= series_lookback";

  /** Everyone who met in this mixer or in the earlier mixers of its series that it remembers. */
  static Future<Meetings> meetings(SqlClient conn, long mixerId) {
    return conn.preparedQuery("SELECT user_a, user_b FROM mixer_meetings WHERE mixer_id IN (" + REMEMBERED + ")")
        .execute(Tuple.of(mixerId))
        .map(rows -> {
          Meetings met = new Meetings();
          rows.forEach(r -> met.add(r.getLong(0), r.getLong(1)));
          return met;
        });
  }

  /**
   * Which of {@code others} {@code userId} has met: at a remembered earlier mixer, or in a round of
   * this one before {@code round}.
   */
  static Future<List<Long>> metBefore(SqlClient conn, long mixerId, int round, long userId, Long[] others) {
    return conn.preparedQuery("SELECT DISTINCT CASE WHEN user_a = $3 THEN user_b ELSE user_a END FROM mixer_meetings "
            + "WHERE mixer_id IN (" + REMEMBERED + ") AND (mixer_id <> $1 OR round < $2) "
            + "AND ((user_a = $3 AND user_b = ANY($4)) OR (user_b = $3 AND user_a = ANY($4)))")
        .execute(Tuple.of(mixerId, round, userId, others))
        .map(rows -> {
          List<Long> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getLong(0)));
          return out;
        });
  }

  /**
   * Mutual matches of every earlier mixer of the series, for the caller: kept, with the contact an
   * adult chose to share there; never across the line between minors and adults as they are today.
   */
  static Future<JsonArray> earlierMatches(SqlClient conn, long mixerId, long userId) {
    return conn.preparedQuery("SELECT e.id AS mixer_id, e.title, e.mixer_date, p.user_id, p.display_name, "
            + "CASE WHEN p.age >= 18 THEN p.contact END AS contact "
            + "FROM mixers m JOIN mixers e ON e.series_id = m.series_id AND (e.mixer_date, e.id) < (m.mixer_date, m.id) "
            + "JOIN mixer_likes a ON a.mixer_id = e.id AND a.from_user = $2 "
            + "JOIN mixer_likes b ON b.mixer_id = e.id AND b.from_user = a.to_user AND b.to_user = a.from_user "
            + "JOIN mixer_profiles p ON p.mixer_id = e.id AND p.user_id = a.to_user "
            + "JOIN mixer_profiles me ON me.mixer_id = m.id AND me.user_id = $2 "
            + "WHERE m.id = $1 AND (extract(year FROM age(m.mixer_date, p.birth_date)) >= 18) = (me.age >= 18) "
            + "ORDER BY e.mixer_date, e.id, p.display_name")
        .execute(Tuple.of(mixerId, userId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("userId", r.getLong("user_id"))
              .put("displayName", r.getString("display_name")).put("contact", r.getString("contact"))
              .put("mixerId", r.getLong("mixer_id")).put("mixerTitle", r.getString("title"))
              .put("date", r.getLocalDate("mixer_date").toString())));
          return out;
        });
  }
}
