package gala.mixer;

import gala.events.EventAccess;
import gala.mixer.seating.History;
import gala.mixer.seating.Meetings;
import gala.mixer.seating.Person;
import gala.mixer.seating.Preference;
import gala.mixer.seating.Rules;
import gala.mixer.seating.Seater;
import gala.mixer.seating.Seating;
import gala.mixer.seating.Violations;
import gala.platform.ApiError;
import gala.platform.BirthDates;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.SetOnce;
import gala.platform.TopicLog;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Youth mixers: profiles (with the protections for minors), check-in at the door, rounds seated by
 * {@link Seater} under a row lock on the mixer, likes, and mutual matches. Every write runs in one
 * transaction that also refreshes the mixer's live topic.
 */
public final class MixerService {
  private final Vertx vertx;
  private final Database db;
  private final TopicLog topics;
  private final MixerHost host;
  private final MixerSeries series;
  private final MixerRatings ratings;
  private final MixerLikes likes;

  public MixerService(Vertx vertx, Database db, TopicLog topics) {
    this.vertx = vertx;
    this.db = db;
    this.topics = topics;
    this.host = new MixerHost(db, topics);
    this.series = new MixerSeries(db);
    this.ratings = new MixerRatings(db);
    this.likes = new MixerLikes(db);
    topics.register(new MixerSource());
  }

  /** A participant's own view: seat, whom they met, likes and mutual matches. */
  public MixerLikes likes() {
    return likes;
  }

  /** How participants rated the evening. */
  public MixerRatings ratings() {
    return ratings;
  }

  /** Series of mixers that remember who met. */
  public MixerSeries series() {
    return series;
  }

  /** The host's operations on a running round. */
  public MixerHost host() {
    return host;
  }

  // ---- organiser: create, list, stats ----

  public Future<Reply> create(Caller caller, long eventId, JsonObject req) {
    int groupSize = "pairs".equals(req.getString("mode")) ? 2 : req.getInteger("tableSize", 4);
    int minAge = req.getInteger("minAge", 18);
    int maxAge = req.getInteger("maxAge", 35);
    if (minAge > maxAge) {
      return Future.failedFuture(ApiError.unprocessable("INVALID_AGE_BAND", "minAge is above maxAge"));
    }
    if (!"pairs".equals(req.getString("mode")) && groupSize < 3) {
      return Future.failedFuture(ApiError.unprocessable("INVALID_TABLE_SIZE", "tables seat at least 3; use mode pairs"));
    }
    Long seriesId = req.getLong("seriesId");
    Integer lookback = seriesId == null ? null : req.getInteger("seriesLookback");
    return db.inTransaction(tx -> EventAccess.requireOrganiser(tx.conn(), caller, eventId)
        .compose(v -> MixerSeries.requireOwn(tx.conn(), caller, seriesId))
        .compose(v -> tx.conn().preparedQuery("INSERT INTO mixers (event_id, title, group_size, rounds, round_seconds, "
                + "min_age, max_age, capacity, mixer_date, created_by, gender_balance, series_id, series_lookback) "
                + "SELECT $1, $2::text, $3::int, $4::int, $5::int, $6::int, $7::int, $8::int, starts_on, $9::bigint, "
                + "$10::boolean, $11::bigint, $12::int FROM events WHERE id = $1 RETURNING id")
            .execute(Tuple.from(new Object[] {eventId, req.getString("title").trim(), groupSize, req.getInteger("rounds"),
                req.getInteger("roundSeconds"), minAge, maxAge, req.getInteger("capacity", 100), caller.userId(),
                req.getBoolean("genderBalance", false), seriesId, lookback})))
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(id -> topics.refresh(tx, MixerSource.topic(id)).compose(v -> mixer(tx.conn(), id))))
        .map(Reply::created);
  }

  public Future<JsonObject> get(long mixerId) {
    return mixer(db.pool(), mixerId);
  }

  public Future<JsonArray> list(long eventId) {
    return db.pool().preparedQuery(MIXER_SELECT + " WHERE m.event_id = $1 ORDER BY m.id").execute(Tuple.of(eventId))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(mixerJson(r)));
          return out;
        });
  }

  /** For the door: names, minor or not, checked in or not; never likes. */
  public Future<JsonArray> participants(Caller caller, long mixerId) {
    return requireOrganiser(db.pool(), caller, mixerId)
        .compose(m -> db.pool().preparedQuery("SELECT user_id, display_name, age, checked_in FROM mixer_profiles "
                + "WHERE mixer_id = $1 ORDER BY display_name, user_id")
            .execute(Tuple.of(mixerId)))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("userId", r.getLong("user_id"))
              .put("displayName", r.getString("display_name")).put("minor", r.getInteger("age") < Person.ADULT_AGE)
              .put("checkedIn", r.getBoolean("checked_in"))));
          return out;
        });
  }

  /** Aggregates only: how many met, how many liked anyone, how many mutual matches; never who liked whom. */
  public Future<JsonObject> stats(Caller caller, long mixerId) {
    return requireOrganiser(db.pool(), caller, mixerId)
        .compose(m -> db.pool().preparedQuery("SELECT "
                + "(SELECT count(*) FROM mixer_profiles WHERE mixer_id = $1) AS joined, "
                + "(SELECT count(*) FROM mixer_profiles WHERE mixer_id = $1 AND checked_in) AS checked_in, "
                + "(SELECT count(*) FROM mixer_meetings WHERE mixer_id = $1) AS meetings, "
                + "(SELECT count(DISTINCT from_user) FROM mixer_likes WHERE mixer_id = $1) AS likers, "
                + "(SELECT count(*) FROM mixer_likes a JOIN mixer_likes b ON b.mixer_id = a.mixer_id "
                + "   AND b.from_user = a.to_user AND b.to_user = a.from_user "
                + " WHERE a.mixer_id = $1 AND a.from_user < a.to_user) AS matches")
            .execute(Tuple.of(mixerId))
            .map(rows -> {
              Row r = rows.iterator().next();
              long meetings = r.getLong("meetings");
              long matches = r.getLong("matches");
              return new JsonObject().put("mixerId", mixerId).put("round", m.getInteger("current_round"))
                  .put("rounds", m.getInteger("rounds")).put("joined", r.getLong("joined"))
                  .put("checkedIn", r.getLong("checked_in")).put("newMeetings", meetings)
                  .put("participantsWhoLiked", r.getLong("likers")).put("mutualMatches", matches)
                  .put("mutualMatchRate", meetings == 0 ? 0.0 : Math.round(1000.0 * matches / meetings) / 1000.0);
            }));
  }

  // ---- participant: join, check in ----

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
    String contact = blankToNull(req.getString("contact"));
    String guardian = blankToNull(req.getString("guardianName"));
    boolean consent = Boolean.TRUE.equals(req.getBoolean("guardianConsent"));
    Set<String> interests = interests(req.getJsonArray("interests"));
    if (!"any".equals(preference) && gender == null) {
      return Future.failedFuture(ApiError.unprocessable("GENDER_REQUIRED",
          "a mixed or same-gender table wish needs your gender"));
    }
    return conn.preparedQuery("SELECT * FROM mixers WHERE id = $1 FOR UPDATE").execute(Tuple.of(mixerId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("mixer " + mixerId));
          }
          Row m = rows.iterator().next();
          int age = Period.between(birth, m.getLocalDate("mixer_date")).getYears();
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
        .compose(v -> topics.refresh(tx, MixerSource.topic(mixerId)))
        .compose(v -> profile(conn, mixerId, caller.userId()))
        .map(Reply::created);
  }

  /** The door: an organiser checks someone in (or out); a participant may check themself in. */
  public Future<Reply> checkIn(Tx tx, Caller caller, long mixerId, JsonObject req) {
    SqlClient conn = tx.conn();
    long userId = req.getLong("userId", caller.userId());
    boolean present = req.getBoolean("present", true);
    Future<?> allowed = userId == caller.userId() ? mixerRow(conn, mixerId) : requireOrganiser(conn, caller, mixerId);
    return allowed
        .compose(v -> conn.preparedQuery("UPDATE mixer_profiles SET checked_in = $3, "
            + "gone_at = CASE WHEN $3 THEN NULL ELSE gone_at END WHERE mixer_id = $1 AND user_id = $2")
            .execute(Tuple.of(mixerId, userId, present)))
        .compose(rows -> rows.rowCount() == 0
            ? Future.failedFuture(ApiError.notFound("participant " + userId + " in this mixer"))
            : topics.refresh(tx, MixerSource.topic(mixerId)))
        .map(v -> Reply.ok(new JsonObject().put("mixerId", mixerId).put("userId", userId).put("checkedIn", present)));
  }

  // ---- rounds ----

  /**
   * Seats the checked-in participants for the next round. The mixer row is locked, so two clicks or
   * two nodes cannot start the same round twice; the seating is computed off the event loop.
   */
  public Future<Reply> startRound(Tx tx, Caller caller, long mixerId) {
    SqlClient conn = tx.conn();
    return requireOrganiser(conn, caller, mixerId)
        .compose(x -> conn.preparedQuery("SELECT * FROM mixers WHERE id = $1 FOR UPDATE").execute(Tuple.of(mixerId)))
        .compose(rows -> {
          Row m = rows.iterator().next();
          int round = m.getInteger("current_round") + 1;
          if (m.getBoolean("round_open")) {
            return Future.failedFuture(ApiError.conflict("ROUND_IN_PROGRESS", "round " + m.getInteger("current_round")
                + " is still running"));
          }
          if (round > m.getInteger("rounds")) {
            return Future.failedFuture(ApiError.conflict("NO_ROUNDS_LEFT", "all " + m.getInteger("rounds")
                + " rounds have been run"));
          }
          Rules rules = new Rules(m.getInteger("group_size"), m.getInteger("min_age"), m.getInteger("max_age"),
              m.getBoolean("gender_balance"));
          return people(conn, mixerId).compose(people -> {
            if (people.size() < 2) {
              return Future.failedFuture(new ApiError(409, "TOO_FEW_PARTICIPANTS",
                  "a round needs at least two checked-in participants", new JsonObject().put("checkedIn", people.size())));
            }
            int roundsLeft = m.getInteger("rounds") - round + 1;
            return meetings(conn, mixerId).compose(met -> rests(conn, mixerId).map(r -> new History(met, r)))
                .compose(history -> vertx.executeBlocking(() -> {
                  // Planned over the rounds still to come, with the rests so far, so rests rotate fairly.
                  Seating s = Seater.seat(rules, people, history, roundsLeft, mixerId * 1000 + round);
                  List<String> broken = Violations.of(rules, people, history.met(), s);
                  if (!broken.isEmpty()) {
                    throw new IllegalStateException("seating broke constraints: " + broken);
                  }
                  return s;
                }, false))
                .compose(s -> store(conn, mixerId, round, s).map(s));
          }).compose(s -> conn.preparedQuery("UPDATE mixers SET current_round = $2, round_open = TRUE, "
                  + "round_ends_at = now() + make_interval(secs => round_seconds) WHERE id = $1")
              .execute(Tuple.of(mixerId, round))
              .compose(v -> topics.refresh(tx, MixerSource.topic(mixerId)))
              .compose(v -> mixer(conn, mixerId))
              .map(mixer -> Reply.created(mixer.put("groups", s.groups().size())
                  .put("seated", s.groups().stream().mapToInt(List::size).sum()).put("resting", s.resting().size()))));
        });
  }

  /** Called by the round clock: closes every round whose time is up, in one transaction per batch. */
  public Future<Integer> closeDueRounds() {
    return db.inTransaction(tx -> tx.conn()
        .query("UPDATE mixers SET round_open = FALSE WHERE round_open AND round_ends_at <= now() RETURNING id")
        .execute()
        .compose(rows -> {
          Future<Long> f = Future.succeededFuture();
          for (Row r : rows) {
            long id = r.getLong(0);
            f = f.compose(v -> topics.refresh(tx, MixerSource.topic(id)));
          }
          return f.map(rows.rowCount());
        }));
  }

  private static Future<Void> store(SqlClient conn, long mixerId, int round, Seating s) {
    List<Long> users = new ArrayList<>();
    List<Integer> tables = new ArrayList<>();
    List<Long> as = new ArrayList<>();
    List<Long> bs = new ArrayList<>();
    int table = 0;
    for (List<Long> g : s.groups()) {
      table++;
      for (int i = 0; i < g.size(); i++) {
        users.add(g.get(i));
        tables.add(table);
        for (int j = i + 1; j < g.size(); j++) {
          as.add(Math.min(g.get(i), g.get(j)));
          bs.add(Math.max(g.get(i), g.get(j)));
        }
      }
    }
    List<String> reasons = new ArrayList<>();
    users.forEach(u -> reasons.add(null));
    for (long r : s.resting()) {
      users.add(r);
      tables.add(0);
      reasons.add(s.reason(r).name());
    }
    return conn.preparedQuery("INSERT INTO mixer_seats (mixer_id, round, user_id, table_no, rest_reason) "
            + "SELECT $1, $2, u, t, r FROM unnest($3::bigint[], $4::int[], $5::text[]) AS x(u, t, r)")
        .execute(Tuple.of(mixerId, round, users.toArray(Long[]::new), tables.toArray(Integer[]::new),
            reasons.toArray(String[]::new)))
        .compose(v -> conn.preparedQuery("INSERT INTO mixer_meetings (mixer_id, user_a, user_b, round) "
                + "SELECT $1, a, b, $2 FROM unnest($3::bigint[], $4::bigint[]) AS x(a, b)")
            .execute(Tuple.of(mixerId, round, as.toArray(Long[]::new), bs.toArray(Long[]::new))))
        .mapEmpty();
  }

  private static Future<List<Person>> people(SqlClient conn, long mixerId) {
    return conn.preparedQuery("SELECT user_id, interests, age, guardian_consent_at IS NOT NULL AS consent, gender, "
            + "preference FROM mixer_profiles WHERE mixer_id = $1 AND checked_in ORDER BY user_id")
        .execute(Tuple.of(mixerId))
        .map(rows -> {
          List<Person> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new Person(r.getLong("user_id"), Set.of(r.getArrayOfStrings("interests")), r.getInteger("age"),
                r.getBoolean("consent"), r.getString("gender"),
                Preference.valueOf(r.getString("preference").toUpperCase(Locale.ROOT))));
          }
          return out;
        });
  }

  /** How many rounds each person has sat out so far (leaving the evening is not a rest). */
  private static Future<Map<Long, Integer>> rests(SqlClient conn, long mixerId) {
    return conn.preparedQuery("SELECT user_id, count(*) FROM mixer_seats WHERE mixer_id = $1 AND table_no = 0 "
            + "AND rest_reason IS DISTINCT FROM 'LEFT' GROUP BY user_id")
        .execute(Tuple.of(mixerId))
        .map(rows -> {
          Map<Long, Integer> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getLong(0), r.getLong(1).intValue()));
          return out;
        });
  }

  /** Who met whom: in this mixer, and at the earlier mixers of its series that it remembers. */
  static Future<Meetings> meetings(SqlClient conn, long mixerId) {
    return MixerSeries.meetings(conn, mixerId);
  }

  // ---- shared pieces ----

  /** A mixer with its joined and checked-in counts; MixerSource builds the topic from the same row. */
  static final String MIXER_SELECT = "SELECT m.*, "
      + "(SELECT count(*) FROM mixer_profiles p WHERE p.mixer_id = m.id) AS joined, "
      + "(SELECT count(*) FROM mixer_profiles p WHERE p.mixer_id = m.id AND p.checked_in) AS checked_in "
      + "FROM mixers m";

  static Future<JsonObject> mixer(SqlClient conn, long mixerId) {
    return conn.preparedQuery(MIXER_SELECT + " WHERE m.id = $1").execute(Tuple.of(mixerId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("mixer " + mixerId))
            : Future.succeededFuture(mixerJson(rows.iterator().next())));
  }

  static Future<Row> mixerRow(SqlClient conn, long mixerId) {
    return conn.preparedQuery("SELECT * FROM mixers WHERE id = $1").execute(Tuple.of(mixerId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("mixer " + mixerId))
            : Future.succeededFuture(rows.iterator().next()));
  }

  private static JsonObject mixerJson(Row r) {
    return clockJson(r).put("eventId", r.getLong("event_id")).put("capacity", r.getInteger("capacity"))
        .put("minAge", r.getInteger("min_age")).put("maxAge", r.getInteger("max_age"))
        .put("genderBalance", r.getBoolean("gender_balance"))
        .put("seriesId", r.getLong("series_id")).put("seriesLookback", r.getInteger("series_lookback"))
        .put("date", r.getLocalDate("mixer_date").toString())
        .put("joined", r.getLong("joined")).put("checkedIn", r.getLong("checked_in"))
        .put("serverTime", OffsetDateTime.now().toString());
  }

  /** What the round clock shows: the round, whether it runs, and when it ends (a database timestamp). */
  static JsonObject clockJson(Row r) {
    OffsetDateTime ends = r.getOffsetDateTime("round_ends_at");
    int groupSize = r.getInteger("group_size");
    int round = r.getInteger("current_round");
    int rounds = r.getInteger("rounds");
    boolean open = r.getBoolean("round_open");
    return new JsonObject().put("id", r.getLong("id")).put("title", r.getString("title"))
        .put("mode", groupSize == 2 ? "pairs" : "tables").put("tableSize", groupSize)
        .put("rounds", rounds).put("roundSeconds", r.getInteger("round_seconds"))
        .put("round", round).put("roundOpen", open)
        .put("endsAt", open && ends != null ? ends.toInstant().toString() : null)
        .put("status", open ? "ROUND_RUNNING" : round >= rounds ? "FINISHED" : round == 0 ? "OPEN" : "BETWEEN_ROUNDS");
  }

  static Future<Row> requireOrganiser(SqlClient conn, Caller caller, long mixerId) {
    return mixerRow(conn, mixerId).compose(m -> EventAccess.requireOrganiser(conn, caller, m.getLong("event_id"))
        .map(v -> m));
  }

  static Future<Row> requireProfile(SqlClient conn, Caller caller, long mixerId) {
    return mixerRow(conn, mixerId)
        .compose(m -> conn.preparedQuery("SELECT * FROM mixer_profiles WHERE mixer_id = $1 AND user_id = $2")
            .execute(Tuple.of(mixerId, caller.userId())))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(new ApiError(403, "NOT_JOINED", "join this mixer first"))
            : Future.succeededFuture(rows.iterator().next()));
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

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
