package gala.judges;

import gala.access.Access;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.TopicLog;
import gala.platform.TopicSource;
import gala.platform.Tx;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * "Signal a problem" from a judge's tablet (reportProblem) to the head judge, live on the topic
 * {@code problems:<competitionId>} (its open problems), which only the competition's head judges and
 * the event's organisers may follow; they mark one handled (resolveProblem).
 */
public final class ProblemReports implements TopicSource {
  public static final String KIND = "problems";
  private final TopicLog topics;

  public ProblemReports(TopicLog topics) {
    this.topics = topics;
    topics.register(this);
  }

  public static String topic(long competitionId) {
    return KIND + ":" + competitionId;
  }

  private record Roles(boolean judge, boolean headOrOrganiser) {}

  /** The caller's roles on the competition, as gala.access decides them; 404 when it does not exist. */
  private static Future<Roles> roles(SqlClient db, Caller caller, long competitionId) {
    return Access.competition(db, caller, competitionId).map(s -> new Roles(s.judge(), s.reviews()));
  }

  /** reportProblem: a judge of the competition; text 1-500 characters, optionally about one entry of it. */
  public Future<Reply> report(Tx tx, Caller caller, long competitionId, JsonObject req) {
    return roles(tx.conn(), caller, competitionId).compose(roles -> {
      if (!roles.judge() && !roles.headOrOrganiser()) {
        return Future.failedFuture(new ApiError(403, "NOT_ASSIGNED_JUDGE", "you are not a judge of this competition"));
      }
      String text = req.getValue("text") instanceof String s ? s.strip() : "";
      if (text.isEmpty() || text.length() > 500) {
        return Future.failedFuture(ApiError.unprocessable("PROBLEM_TEXT_REQUIRED", "say what the problem is (1 to 500 characters)"));
      }
      Long entryId = req.getValue("entryId") instanceof Number n ? n.longValue() : null;
      return tx.conn().preparedQuery("INSERT INTO judge_problems (competition_id, judge_id, entry_id, text) "
              + "SELECT $1, $2, $3, $4 WHERE $3::bigint IS NULL OR EXISTS (SELECT 1 FROM entries WHERE id = $3 AND competition_id = $1) "
              + "RETURNING id, created_at")
          .execute(Tuple.of(competitionId, caller.userId(), entryId, text))
          .compose(rows -> rows.size() == 0
              ? Future.failedFuture(ApiError.conflict("ENTRY_NOT_IN_COMPETITION", "entry " + entryId + " is not in this competition"))
              : topics.refresh(tx, topic(competitionId)).map(version -> Reply.created(new JsonObject()
                  .put("id", rows.iterator().next().getLong("id")).put("competitionId", competitionId).put("entryId", entryId)
                  .put("text", text).put("topicVersion", version))));
    });
  }

  /** resolveProblem: head judges of its competition and organisers; resolving twice changes nothing. */
  public Future<Reply> resolve(Tx tx, Caller caller, long problemId) {
    return tx.conn().preparedQuery("SELECT competition_id FROM judge_problems WHERE id = $1").execute(Tuple.of(problemId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(ApiError.notFound("problem " + problemId));
          }
          long competitionId = rows.iterator().next().getLong(0);
          return roles(tx.conn(), caller, competitionId).compose(roles -> {
            if (!roles.headOrOrganiser()) {
              return Future.failedFuture(new ApiError(403, "HEAD_JUDGE_REQUIRED", "head judges and organisers mark problems handled"));
            }
            return tx.conn().preparedQuery("UPDATE judge_problems SET resolved_at = now(), resolved_by = $2 "
                    + "WHERE id = $1 AND resolved_at IS NULL").execute(Tuple.of(problemId, caller.userId()))
                .compose(u -> topics.refresh(tx, topic(competitionId)))
                .map(version -> Reply.ok(new JsonObject().put("id", problemId).put("competitionId", competitionId)
                    .put("resolved", true).put("topicVersion", version)));
          });
        });
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Future<JsonObject> snapshot(SqlClient db, String id) {
    long competitionId = parse(id);
    return db.preparedQuery("SELECT p.id, p.entry_id, e.display_name AS entry_name, e.bib, p.text, p.judge_id, "
            + "u.display_name AS judge_name, p.created_at FROM judge_problems p JOIN users u ON u.id = p.judge_id "
            + "LEFT JOIN entries e ON e.id = p.entry_id WHERE p.competition_id = $1 AND p.resolved_at IS NULL ORDER BY p.id")
        .execute(Tuple.of(competitionId))
        .map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(r -> items.add(new JsonObject().put("id", r.getLong("id")).put("entryId", r.getLong("entry_id"))
              .put("entryName", r.getString("entry_name")).put("bib", r.getInteger("bib")).put("text", r.getString("text"))
              .put("judgeId", r.getLong("judge_id")).put("judgeName", r.getString("judge_name"))
              .put("createdAt", r.getOffsetDateTime("created_at").toString())));
          return new JsonObject().put("competitionId", competitionId).put("rows", items);
        });
  }

  @Override
  public Future<Boolean> canRead(SqlClient db, Caller caller, String id) {
    return roles(db, caller, parse(id)).compose(roles -> roles.headOrOrganiser() ? Future.succeededFuture(true)
        : Future.failedFuture(new ApiError(403, "HEAD_JUDGE_REQUIRED", "head judges and organisers see the problems judges signal")));
  }

  private static long parse(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ApiError.notFound("competition " + id);
    }
  }
}
