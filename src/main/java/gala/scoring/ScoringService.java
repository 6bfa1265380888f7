package gala.scoring;

import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.Tx;
import gala.scoring.rules.JudgedFormat;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.Arrays;

/** Judge assignment, score submission and the scoreboard read. */
public final class ScoringService {
  private final SqlClient pool;
  private final TopicLog topics;

  public ScoringService(SqlClient pool, TopicLog topics) {
    this.pool = pool;
    this.topics = topics;
    topics.register(new ScoreboardSource());
  }

  public static String scoreboardTopic(long competitionId) {
    return "scoreboard:" + competitionId;
  }

  /** The format check the events feature runs when a competition is created. */
  public static void checkFormat(JsonObject format) {
    try {
      JudgedFormat.parse(format == null ? null : format.getMap());
    } catch (JudgedFormat.InvalidFormat e) {
      throw ApiError.unprocessable("INVALID_FORMAT", e.getMessage());
    }
  }

  /** Assigns a judge (by user id or email) to a competition; organisers of its event only. */
  public Future<JsonObject> assignJudge(Tx tx, Caller caller, long competitionId, JsonObject req) {
    SqlClient conn = tx.conn();
    return EventAccess.requireCompetitionOrganiser(conn, caller, competitionId)
        .compose(v -> conn.preparedQuery("SELECT id, display_name FROM users WHERE id = $1 OR lower(email) = lower($2)")
            .execute(Tuple.of(req.getLong("userId", -1L), req.getString("email", ""))))
        .compose(users -> {
          if (users.size() != 1) {
            return Future.failedFuture(ApiError.unprocessable("UNKNOWN_USER", "no account with that userId or email"));
          }
          Row u = users.iterator().next();
          return conn.preparedQuery("INSERT INTO competition_judges (competition_id, user_id, is_head, assigned_by) "
                  + "VALUES ($1, $2, $3, $4) ON CONFLICT (competition_id, user_id) DO UPDATE SET is_head = EXCLUDED.is_head")
              .execute(Tuple.of(competitionId, u.getLong("id"), req.getBoolean("head", false), caller.userId()))
              .map(r -> new JsonObject().put("competitionId", competitionId).put("userId", u.getLong("id"))
                  .put("displayName", u.getString("display_name")).put("head", req.getBoolean("head", false)));
        });
  }

  /**
   * Stores one judge's mark for one entry and recomputes the scoreboard in the same transaction
   * (which bumps the topic version and appends the delta). Runs inside an idempotent transaction.
   */
  public Future<Reply> submitScore(Tx tx, Caller caller, long competitionId, JsonObject req) {
    SqlClient conn = tx.conn();
    long entryId = req.getLong("entryId");
    BigDecimal value = new BigDecimal(req.getNumber("value").toString());
    return conn.preparedQuery("SELECT c.format, j.user_id IS NOT NULL AS assigned FROM competitions c "
            + "LEFT JOIN competition_judges j ON j.competition_id = c.id AND j.user_id = $2 WHERE c.id = $1")
        .execute(Tuple.of(competitionId, caller.userId()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("competition " + competitionId));
          }
          Row c = rows.iterator().next();
          if (!c.getBoolean("assigned")) {
            return Future.failedFuture(new ApiError(403, "NOT_ASSIGNED_JUDGE", "you are not a judge of this competition"));
          }
          JudgedFormat format = JudgedFormat.parse(((JsonObject) c.getValue("format")).getMap());
          if (!format.accepts(value)) {
            return Future.failedFuture(new ApiError(422, "MARK_OUT_OF_RANGE",
                "a mark must be between " + format.min().toPlainString() + " and " + format.max().toPlainString(),
                new JsonObject().put("min", format.min().toPlainString()).put("max", format.max().toPlainString())));
          }
          return conn.preparedQuery("SELECT competition_id, status FROM entries WHERE id = $1").execute(Tuple.of(entryId));
        })
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("entry " + entryId));
          }
          Row e = rows.iterator().next();
          if (e.getLong("competition_id") != competitionId) {
            return Future.failedFuture(ApiError.conflict("ENTRY_NOT_IN_COMPETITION", "entry " + entryId + " belongs to another competition"));
          }
          if (!e.getString("status").equals("CONFIRMED") && !e.getString("status").equals("CHECKED_IN")) {
            return Future.failedFuture(ApiError.conflict("ENTRY_NOT_ACTIVE", "entry " + entryId + " is " + e.getString("status")));
          }
          return conn.preparedQuery("INSERT INTO scores (competition_id, entry_id, judge_id, value) VALUES ($1, $2, $3, $4) "
                  + "RETURNING id, created_at")
              .execute(Tuple.of(competitionId, entryId, caller.userId(), value))
              .recover(x -> Future.failedFuture(x instanceof PgException pg && "23505".equals(pg.getSqlState())
                  ? ApiError.conflict("ALREADY_SCORED", "you already scored this entry; a change is a correction") : x));
        })
        .compose(rows -> {
          Row s = rows.iterator().next();
          JsonObject score = new JsonObject().put("id", s.getLong("id")).put("competitionId", competitionId)
              .put("entryId", entryId).put("judgeId", caller.userId()).put("value", value.toPlainString())
              .put("createdAt", s.getOffsetDateTime("created_at").toString());
          return topics.refresh(tx, scoreboardTopic(competitionId))
              .map(version -> Reply.created(new JsonObject().put("score", score).put("scoreboardVersion", version)));
        });
  }

  public Future<JsonObject> scoreboard(long competitionId) {
    return EventAccess.eventOf(pool, competitionId)
        .compose(e -> topics.snapshot(scoreboardTopic(competitionId)))
        .map(TopicLog.Snapshot::toJson);
  }

  /** The competitions the caller judges, with the entries they already marked, for the judge page. */
  public Future<JsonArray> myAssignments(Caller caller) {
    return pool.preparedQuery("SELECT c.id, c.event_id, c.name, c.format, j.is_head, "
            + "ARRAY(SELECT s.entry_id FROM scores s WHERE s.competition_id = c.id AND s.judge_id = j.user_id "
            + "  AND NOT EXISTS (SELECT 1 FROM scores later WHERE later.supersedes = s.id) ORDER BY s.entry_id) AS scored "
            + "FROM competition_judges j JOIN competitions c ON c.id = j.competition_id WHERE j.user_id = $1 ORDER BY c.id")
        .execute(Tuple.of(caller.userId()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("competitionId", r.getLong("id")).put("eventId", r.getLong("event_id"))
              .put("name", r.getString("name")).put("format", (JsonObject) r.getValue("format"))
              .put("head", r.getBoolean("is_head"))
              .put("scoredEntryIds", new JsonArray(Arrays.asList(r.getArrayOfLongs("scored"))))));
          return out;
        });
  }
}
