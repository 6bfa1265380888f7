package gala.mixer;

import gala.mixer.seating.Person;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A participant's own view of a mixer: their seat this round, whom they met in finished rounds,
 * whom they like, and mutual matches (tonight's, and those of earlier mixers of the series). Only
 * mutual likes are ever revealed.
 */
public final class MixerLikes {
  private final Database db;

  public MixerLikes(Database db) {
    this.db = db;
  }

  public Future<JsonObject> mySeat(Caller caller, long mixerId) {
    SqlClient pool = db.pool();
    return MixerService.requireProfile(pool, caller, mixerId).compose(p -> MixerService.mixerRow(pool, mixerId).compose(m -> {
      int round = m.getInteger("current_round");
      return MixerSource.seats(pool, mixerId, round, new Integer[0], new Long[] {caller.userId()}).compose(seats -> met(pool, caller, mixerId).compose(met ->
          likes(pool, caller, mixerId).compose(likes -> MixerRatings.mine(pool, mixerId, caller.userId()).map(rating -> {
            JsonObject seat = null;
            for (Object o : seats) {
              if (((JsonObject) o).getLong("id") == caller.userId()) {
                seat = (JsonObject) o;
              }
            }
            return MixerService.clockJson(m).put("seat", seat).put("met", met).put("likes", likes)
                .put("checkedIn", p.getBoolean("checked_in")).put("minor", p.getInteger("age") < Person.ADULT_AGE)
                .put("contact", p.getString("contact")).put("rating", rating);
          }))));
    }));
  }

  /**
   * Replaces the caller's likes. Only people met in a finished round may be liked; one who is not
   * makes the whole request 422 and nothing changes. Adults may set the contact detail their
   * matches will see; minors may not give one.
   */
  public Future<Reply> submitLikes(Tx tx, Caller caller, long mixerId, JsonObject req) {
    SqlClient conn = tx.conn();
    Set<Long> likes = new LinkedHashSet<>();
    req.getJsonArray("likes").forEach(v -> likes.add(((Number) v).longValue()));
    return MixerService.requireProfile(conn, caller, mixerId).compose(profile -> {
      boolean minor = profile.getInteger("age") < Person.ADULT_AGE;
      String contact = MixerService.blankToNull(req.getString("contact"));
      if (minor && contact != null) {
        return Future.failedFuture(ApiError.unprocessable("MINOR_CONTACT_REFUSED",
            "contact details of participants under 18 are never shared"));
      }
      return met(conn, caller, mixerId).compose(met -> {
        Set<Long> metIds = new LinkedHashSet<>();
        met.forEach(o -> metIds.add(((JsonObject) o).getLong("userId")));
        JsonArray notMet = new JsonArray();
        likes.stream().filter(id -> !metIds.contains(id)).forEach(notMet::add);
        if (!notMet.isEmpty()) {
          return Future.failedFuture(new ApiError(422, "NOT_MET",
              "you can only like people you met in a finished round", new JsonObject().put("userIds", notMet)));
        }
        Long[] ids = likes.toArray(Long[]::new);
        return conn.preparedQuery("DELETE FROM mixer_likes WHERE mixer_id = $1 AND from_user = $2 AND NOT to_user = ANY($3)")
            .execute(Tuple.of(mixerId, caller.userId(), ids))
            .compose(v -> conn.preparedQuery("INSERT INTO mixer_likes (mixer_id, from_user, to_user) "
                    + "SELECT $1, $2, u FROM unnest($3::bigint[]) AS u ON CONFLICT DO NOTHING")
                .execute(Tuple.of(mixerId, caller.userId(), ids)))
            .compose(v -> req.containsKey("contact") && !minor
                ? conn.preparedQuery("UPDATE mixer_profiles SET contact = $3 WHERE mixer_id = $1 AND user_id = $2")
                    .execute(Tuple.of(mixerId, caller.userId(), contact)).mapEmpty()
                : Future.succeededFuture())
            .compose(v -> matches(conn, caller, mixerId))
            .map(matches -> Reply.ok(new JsonObject().put("likes", new JsonArray(List.of(ids)))
                .put("matches", matches)));
      });
    });
  }

  /**
   * Mutual likes only; a match's contact only if they are an adult who chose to share one. With
   * {@code earlier}: the mutual matches of the earlier mixers of its series.
   */
  public Future<JsonObject> myMatches(Caller caller, long mixerId) {
    return MixerService.requireProfile(db.pool(), caller, mixerId).compose(p -> matches(db.pool(), caller, mixerId))
        .compose(items -> MixerSeries.earlierMatches(db.pool(), mixerId, caller.userId())
            .map(earlier -> new JsonObject().put("items", items).put("earlier", earlier)));
  }

  private static Future<JsonArray> matches(SqlClient conn, Caller caller, long mixerId) {
    return conn.preparedQuery("SELECT p.user_id, p.display_name, CASE WHEN p.age >= 18 THEN p.contact END AS contact "
            + "FROM mixer_likes a JOIN mixer_likes b ON b.mixer_id = a.mixer_id AND b.from_user = a.to_user "
            + "  AND b.to_user = a.from_user "
            + "JOIN mixer_profiles p ON p.mixer_id = a.mixer_id AND p.user_id = a.to_user "
            + "WHERE a.mixer_id = $1 AND a.from_user = $2 ORDER BY p.display_name, p.user_id")
        .execute(Tuple.of(mixerId, caller.userId()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("userId", r.getLong("user_id"))
              .put("displayName", r.getString("display_name")).put("contact", r.getString("contact"))));
          return out;
        });
  }

  /** People the caller met in rounds that are over (the current one counts once its clock ran out). */
  private static Future<JsonArray> met(SqlClient conn, Caller caller, long mixerId) {
    return conn.preparedQuery("SELECT p.user_id, p.display_name, mm.round FROM mixer_meetings mm "
            + "JOIN mixers m ON m.id = mm.mixer_id "
            + "JOIN mixer_profiles p ON p.mixer_id = mm.mixer_id "
            + "  AND p.user_id = CASE WHEN mm.user_a = $2 THEN mm.user_b ELSE mm.user_a END "
            + "WHERE mm.mixer_id = $1 AND (mm.user_a = $2 OR mm.user_b = $2) "
            + "  AND (mm.round < m.current_round OR NOT m.round_open) ORDER BY mm.round, p.display_name")
        .execute(Tuple.of(mixerId, caller.userId()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("userId", r.getLong("user_id"))
              .put("displayName", r.getString("display_name")).put("round", r.getInteger("round"))));
          return out;
        });
  }

  private static Future<JsonArray> likes(SqlClient conn, Caller caller, long mixerId) {
    return conn.preparedQuery("SELECT to_user FROM mixer_likes WHERE mixer_id = $1 AND from_user = $2 ORDER BY to_user")
        .execute(Tuple.of(mixerId, caller.userId()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(r.getLong(0)));
          return out;
        });
  }
}
