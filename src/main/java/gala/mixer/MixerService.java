package gala.mixer;

import gala.events.EventAccess;
import gala.events.EventService;
import gala.mixer.seating.Person;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Database;
import gala.platform.Reply;
import gala.platform.TopicLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Youth mixers: an organiser creates one for an event and follows its numbers; the parts of an
 * evening live beside it ({@link MixerProfiles} who comes, {@link MixerRounds} the rounds,
 * {@link MixerHost} the host's hand on a round, {@link MixerLikes} likes and matches,
 * {@link MixerRatings}, {@link MixerSeries}). Every write runs in one transaction that locks the
 * mixer row and appends its change to the live topic {@code mixer:<id>} ({@link MixerTopic}).
 */
public final class MixerService {
  private final Database db;
  private final TopicLog topics;
  private final MixerProfiles profiles;
  private final MixerRounds rounds;
  private final MixerHost host;
  private final MixerSeries series;
  private final MixerRatings ratings;
  private final MixerLikes likes;

  public MixerService(Vertx vertx, Database db, TopicLog topics) {
    this.db = db;
    this.topics = topics;
    MixerTopic topic = new MixerTopic(topics);
    this.profiles = new MixerProfiles(topic);
    this.rounds = new MixerRounds(vertx, db, topic);
    this.host = new MixerHost(db, topic);
    this.series = new MixerSeries(db);
    this.ratings = new MixerRatings(db);
    this.likes = new MixerLikes(db);
    topics.register(new MixerSource());
    topics.register(new MixerBoard());
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

  /** Joining and the door. */
  public MixerProfiles profiles() {
    return profiles;
  }

  /** Starting rounds and closing them when their clock runs out. */
  public MixerRounds rounds() {
    return rounds;
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

  // ---- shared pieces ----

  /** A mixer with its joined and checked-in counts; MixerSource builds the topic from the same row. */
  static final String MIXER_SELECT = "SELECT m.*, "
      + "(SELECT e.ends_on FROM events e WHERE e.id = m.event_id) AS event_ends_on, "
      + "(SELECT count(*) FROM mixer_profiles p WHERE p.mixer_id = m.id) AS joined, "
      + "(SELECT count(*) FROM mixer_profiles p WHERE p.mixer_id = m.id AND p.checked_in) AS checked_in "
      + "FROM mixers m";

  static Future<JsonObject> mixer(SqlClient conn, long mixerId) {
    return conn.preparedQuery(MIXER_SELECT + " WHERE m.id = $1").execute(Tuple.of(mixerId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("mixer " + mixerId))
            : Future.succeededFuture(mixerJson(rows.iterator().next())));
  }

  /**
   * The mixer row, locked until the transaction ends: every write to a mixer takes it first; with its
   * event's last day as event_ends_on (whether the mixer is over; the event row is not locked).
   */
  static Future<Row> lockMixer(SqlClient conn, long mixerId) {
    return conn.preparedQuery("SELECT m.*, e.ends_on AS event_ends_on FROM mixers m JOIN events e ON e.id = m.event_id "
            + "WHERE m.id = $1 FOR UPDATE OF m").execute(Tuple.of(mixerId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("mixer " + mixerId))
            : Future.succeededFuture(rows.iterator().next()));
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
        // Set once the mixer night is over (nobody may join any more): the page says so instead of a form.
        .put("endedOn", Objects.toString(MixerNight.endedOn(r.getLocalDate("mixer_date"), r.getLocalDate("event_ends_on"),
            LocalDateTime.now(EventService.ZONE)), null))
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

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
