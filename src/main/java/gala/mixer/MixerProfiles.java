package gala.mixer;

import gala.events.EventService;
import gala.mixer.seating.Person;
import gala.platform.ApiError;
import gala.platform.BirthDates;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.SetOnce;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who comes to a mixer: joining (a profile, with the protections for minors, age and gender from the
 * account) and the door (checked in or out). Each write locks the mixer row, then appends the new
 * counts to {@code mixer:<id>}.
 */
public final class MixerProfiles {
  private final MixerTopic topic;

  MixerProfiles(MixerTopic topic) {
    this.topic = topic;
  }

  public Future<Reply> join(Tx tx, Caller caller, long mixerId, JsonObject req) {
    SqlClient conn = tx.conn();
    LocalDate givenBirth;
    try {
      givenBirth = BirthDates.parse(req.getString("birthDate"), "birthDate");
    } catch (ApiError e) {
      return Future.failedFuture(e);
    }
    // Age and gender are the account's set-once facts, never this request's: a birth date given here
    // only fills an empty profile, and another one than the profile's is refused (PROFILE_FIELD_LOCKED).
    return accountFacts(conn, caller, givenBirth, req.getString("gender"))
        .compose(facts -> join(tx, caller, mixerId, req, facts.birth(), facts.gender()));
  }

  private record Facts(LocalDate birth, String gender) {}

  private static Future<Facts> accountFacts(SqlClient conn, Caller caller, LocalDate givenBirth, String givenGender) {
    String givenCode = givenGender == null ? null : "female".equals(givenGender) ? "F" : "M";
    return conn.preparedQuery("SELECT birth_date, gender FROM users WHERE id = $1 FOR UPDATE").execute(Tuple.of(caller.userId()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.unauthenticated("this account no longer exists"));
          }
          Row r = rows.iterator().next();
          LocalDate heldBirth = r.getLocalDate("birth_date");
          String heldGender = r.getString("gender");
          SetOnce.check("birthDate", heldBirth, givenBirth);
          SetOnce.check("gender", heldGender, givenCode);
          LocalDate birth = heldBirth != null ? heldBirth : givenBirth;
          String code = heldGender != null ? heldGender : givenCode;
          if (birth == null) {
            return Future.failedFuture(new ApiError(422, "MIXER_BIRTH_DATE_REQUIRED",
                "mixers are grouped by age: give your birth date once (here or on your profile)",
                new JsonObject().put("field", "birthDate")));
          }
          Facts facts = new Facts(birth, code == null ? null : "F".equals(code) ? "female" : "male");
          return (heldBirth == null || (heldGender == null && givenCode != null)
              ? conn.preparedQuery("UPDATE users SET birth_date = coalesce(birth_date, $2), gender = coalesce(gender, $3) "
                  + "WHERE id = $1").execute(Tuple.of(caller.userId(), birth, givenCode)).map(facts)
              : Future.succeededFuture(facts));
        });
  }

  private Future<Reply> join(Tx tx, Caller caller, long mixerId, JsonObject req, LocalDate birth, String gender) {
    SqlClient conn = tx.conn();
    String preference = req.getString("preference", "any");
    String contact = MixerService.blankToNull(req.getString("contact"));
    String guardian = MixerService.blankToNull(req.getString("guardianName"));
    boolean consent = Boolean.TRUE.equals(req.getBoolean("guardianConsent"));
    Set<String> interests = interests(req.getJsonArray("interests"));
    if (!"any".equals(preference) && gender == null) {
      return Future.failedFuture(ApiError.unprocessable("GENDER_REQUIRED",
          "a mixed or same-gender table wish needs your gender"));
    }
    return MixerService.lockMixer(conn, mixerId)
        .compose(m -> {
          int age = Period.between(birth, m.getLocalDate("mixer_date")).getYears();
          LocalDate ended = MixerNight.endedOn(m.getLocalDate("mixer_date"), m.getLocalDate("event_ends_on"),
              LocalDateTime.now(EventService.ZONE));
          if (ended != null) {
            return Future.failedFuture(new ApiError(409, "MIXER_CLOSED", "this mixer's event ended on " + ended,
                new JsonObject().put("endedOn", ended.toString())));
          }
          if (m.getInteger("current_round") >= m.getInteger("rounds")) {
            return Future.failedFuture(ApiError.conflict("MIXER_CLOSED", "this mixer has run all its rounds"));
          }
          if (age < m.getInteger("min_age") || age > m.getInteger("max_age")) {
            return Future.failedFuture(new ApiError(422, "AGE_OUTSIDE_BAND", "this mixer is for ages "
                + m.getInteger("min_age") + " to " + m.getInteger("max_age"),
                new JsonObject().put("minAge", m.getInteger("min_age")).put("maxAge", m.getInteger("max_age"))));
          }
          if (age < Person.CONSENT_AGE && (!consent || guardian == null)) {
            return Future.failedFuture(ApiError.unprocessable("GUARDIAN_CONSENT_REQUIRED",
                "under 14, a guardian's name and consent are needed before joining"));
          }
          if (age < Person.ADULT_AGE && contact != null) {
            return Future.failedFuture(ApiError.unprocessable("MINOR_CONTACT_REFUSED",
                "contact details of participants under 18 are never shared; leave contact empty"));
          }
          return conn.preparedQuery("SELECT count(*) FROM mixer_profiles WHERE mixer_id = $1").execute(Tuple.of(mixerId))
              .compose(count -> {
                if (count.iterator().next().getLong(0) >= m.getInteger("capacity")) {
                  return Future.failedFuture(ApiError.conflict("MIXER_FULL", "this mixer is full"));
                }
                return conn.preparedQuery("INSERT INTO mixer_profiles (mixer_id, user_id, display_name, interests, "
                        + "birth_date, age, gender, preference, guardian_name, guardian_consent_at, contact) "
                        + "SELECT $1::bigint, id, display_name, $3::text[], $4::date, $5::int, $6::text, $7::text, $8::text, "
                        + "CASE WHEN $9::boolean THEN now() END, $10::text FROM users WHERE id = $2")
                    .execute(Tuple.from(new Object[] {mixerId, caller.userId(), interests.toArray(String[]::new), birth,
                        age, gender, preference, age < Person.ADULT_AGE ? guardian : null,
                        age < Person.ADULT_AGE && consent && guardian != null, contact}));
              });
        })
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiError.conflict("ALREADY_JOINED", "you have already joined this mixer") : e))
        .compose(v -> topic.header(tx, mixerId))
        .compose(v -> profile(conn, mixerId, caller.userId()))
        .map(Reply::created);
  }

  /** The door: an organiser checks someone in (or out); a participant may check themself in. */
  public Future<Reply> checkIn(Tx tx, Caller caller, long mixerId, JsonObject req) {
    SqlClient conn = tx.conn();
    long userId = req.getLong("userId", caller.userId());
    boolean present = req.getBoolean("present", true);
    Future<?> allowed = userId == caller.userId() ? Future.succeededFuture()
        : MixerService.requireOrganiser(conn, caller, mixerId);
    return allowed
        .compose(v -> MixerService.lockMixer(conn, mixerId))
        .compose(v -> conn.preparedQuery("UPDATE mixer_profiles SET checked_in = $3, "
            + "gone_at = CASE WHEN $3 THEN NULL ELSE gone_at END WHERE mixer_id = $1 AND user_id = $2")
            .execute(Tuple.of(mixerId, userId, present)))
        .compose(rows -> rows.rowCount() == 0
            ? Future.failedFuture(ApiError.notFound("participant " + userId + " in this mixer"))
            : topic.header(tx, mixerId))
        .map(v -> Reply.ok(new JsonObject().put("mixerId", mixerId).put("userId", userId).put("checkedIn", present)));
  }

  private static Future<JsonObject> profile(SqlClient conn, long mixerId, long userId) {
    return conn.preparedQuery("SELECT * FROM mixer_profiles WHERE mixer_id = $1 AND user_id = $2")
        .execute(Tuple.of(mixerId, userId))
        .map(rows -> {
          Row r = rows.iterator().next();
          return new JsonObject().put("mixerId", mixerId).put("userId", userId)
              .put("displayName", r.getString("display_name"))
              .put("interests", new JsonArray(List.of(r.getArrayOfStrings("interests"))))
              .put("minor", r.getInteger("age") < Person.ADULT_AGE).put("gender", r.getString("gender"))
              .put("preference", r.getString("preference")).put("contact", r.getString("contact"))
              .put("guardianConsent", r.getValue("guardian_consent_at") != null)
              .put("checkedIn", r.getBoolean("checked_in"));
        });
  }

  private static Set<String> interests(JsonArray raw) {
    Set<String> out = new LinkedHashSet<>();
    if (raw != null) {
      raw.forEach(v -> {
        String tag = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (!tag.isEmpty()) {
          out.add(tag);
        }
      });
    }
    return out;
  }
}
