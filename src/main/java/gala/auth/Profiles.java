package gala.auth;

import gala.platform.ApiError;
import gala.platform.BirthDates;
import gala.platform.Database;
import gala.platform.SetOnce;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The signed-in person: their account, the facts Gala holds about them (gender and birth date,
 * set once by themselves; organisation) and what they may do (getMe, updateMe).
 */
public final class Profiles {
  private final Database db;

  public Profiles(Database db) {
    this.db = db;
  }

  /** The account with profile and roles: admin, organiser of which events, judge of which competitions, entries. */
  public Future<JsonObject> me(long userId) {
    return me(db.pool(), userId);
  }

  static Future<JsonObject> me(SqlClient conn, long userId) {
    return conn.preparedQuery("SELECT u.id, u.email, u.display_name, u.role, u.gender, u.birth_date, u.organisation, "
            + "(SELECT coalesce(json_agg(json_build_object('eventId', e.id, 'title', e.title) ORDER BY e.starts_on DESC, e.id DESC), '[]') "
            + "   FROM event_organisers o JOIN events e ON e.id = o.event_id WHERE o.user_id = u.id) AS organiser_of, "
            + "(SELECT coalesce(json_agg(json_build_object('competitionId', c.id, 'eventId', c.event_id, 'name', c.name, "
            + "     'event', e.title, 'head', j.is_head) ORDER BY e.starts_on DESC, c.id), '[]') "
            + "   FROM competition_judges j JOIN competitions c ON c.id = j.competition_id JOIN events e ON e.id = c.event_id "
            + "   WHERE j.user_id = u.id) AS judge_of, "
            + "EXISTS (SELECT 1 FROM entries x WHERE (x.owner_id = u.id OR x.user_id = u.id) AND x.status <> 'WITHDRAWN') AS has_entries "
            + "FROM users u WHERE u.id = $1")
        .execute(Tuple.of(userId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.unauthenticated("the account no longer exists"))
            : Future.succeededFuture(meJson(rows.iterator().next())));
  }

  private static JsonObject meJson(Row r) {
    String role = r.getString("role");
    boolean admin = "admin".equals(role);
    LocalDate birth = r.getLocalDate("birth_date");
    return AuthService.userJson(r)
        .put("profile", new JsonObject().put("gender", r.getString("gender"))
            .put("birthDate", birth == null ? null : birth.toString()).put("organisation", r.getString("organisation")))
        .put("roles", new JsonObject().put("admin", admin).put("canCreateEvents", admin || "organiser".equals(role))
            .put("organiserOf", array(r.getValue("organiser_of"))).put("judgeOf", array(r.getValue("judge_of")))
            .put("hasEntries", r.getBoolean("has_entries")));
  }

  private static JsonArray array(Object v) {
    return v instanceof JsonArray a ? a : new JsonArray();
  }

  /**
   * Edits the profile. Gender and birth date may be given only while empty (or again with the same
   * value); afterwards 409 PROFILE_FIELD_LOCKED, since they decide eligibility.
   */
  public Future<JsonObject> update(long userId, JsonObject req) {
    LocalDate birth = BirthDates.parse(req.getString("birthDate"), "birthDate");
    return db.inTransaction(tx -> tx.conn()
        .preparedQuery("SELECT display_name, gender, birth_date, organisation FROM users WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(userId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.unauthenticated("the account no longer exists"));
          }
          Row cur = rows.iterator().next();
          String gender = req.getString("gender");
          SetOnce.check("gender", cur.getString("gender"), gender);
          SetOnce.check("birthDate", cur.getLocalDate("birth_date"), birth);
          List<Object> values = new ArrayList<>();
          values.add(userId);
          values.add(req.containsKey("displayName") ? req.getString("displayName").trim() : cur.getString("display_name"));
          values.add(gender != null ? gender : cur.getString("gender"));
          values.add(birth != null ? birth : cur.getLocalDate("birth_date"));
          values.add(req.containsKey("organisation") ? blankToNull(req.getString("organisation")) : cur.getString("organisation"));
          return tx.conn().preparedQuery("UPDATE users SET display_name = $2, gender = $3, birth_date = $4, organisation = $5 "
              + "WHERE id = $1").execute(Tuple.from(values));
        })
        .compose(v -> me(tx.conn(), userId)));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
