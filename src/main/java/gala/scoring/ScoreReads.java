package gala.scoring;

import gala.access.Access;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.TopicLog;
import gala.scoring.rules.CombinedFormat;
import gala.scoring.rules.Format;
import gala.scoring.rules.JudgedFormat;
import gala.scoring.rules.PanelAggregation;
import gala.scoring.rules.Standings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scoring reads: the scoreboard and medal table (from their topics), the audit of every row,
 * check, publication and declaration, the head judge's review with straying marks flagged, and a
 * judge's assignments for the tablet.
 */
final class ScoreReads {
  private final SqlClient pool;
  private final TopicLog topics;

  ScoreReads(SqlClient pool, TopicLog topics) {
    this.pool = pool;
    this.topics = topics;
  }

  /** The scoreboard snapshot; a hidden one only for the competition's organisers and judges. */
  public Future<JsonObject> scoreboard(Caller caller, long competitionId) {
    return Access.requireResults(pool, caller, competitionId)
        .compose(s -> topics.snapshot(ScoringService.scoreboardTopic(competitionId)))
        .map(TopicLog.Snapshot::toJson);
  }

  /**
   * One round's standings as the scoreboard showed them (an earlier round once a later one runs):
   * read on demand, not carried by the live topic, which every spectator receives whole.
   */
  public Future<JsonObject> round(Caller caller, long competitionId, int round) {
    return Access.requireResults(pool, caller, competitionId)
        .compose(s -> Board.load(pool, competitionId))
        .map(b -> {
          JsonObject shown = b == null ? null : BoardSnapshot.round(b, round);
          if (shown == null) {
            throw new ApiError(404, "ROUND_NOT_STARTED", "round " + round + " has not started");
          }
          return shown;
        });
  }

  public Future<JsonObject> medalTable(long eventId) {
    return pool.preparedQuery("SELECT 1 FROM events WHERE id = $1").execute(Tuple.of(eventId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(ApiError.notFound("event " + eventId))
            : topics.snapshot(ScoringService.medalsTopic(eventId)))
        .map(TopicLog.Snapshot::toJson);
  }

  /** Every score row ever written (corrections with who, when and why), checks and publications, in order. */
  public Future<JsonObject> audit(Caller caller, long competitionId) {
    return Access.competition(pool, caller, competitionId).compose(access -> {
      if (!access.scores()) {
        throw ApiError.forbidden("the audit is for the competition's organisers and judges");
      }
      return names(competitionId).compose(names -> pool.preparedQuery("SELECT " + ScoreRow.COLUMNS + ", e.display_name AS entry_name "
              + ScoreRow.FROM + "JOIN entries e ON e.id = s.entry_id WHERE s.competition_id = $1 ORDER BY s.id")
          .execute(Tuple.of(competitionId))
          .compose(scores -> pool.preparedQuery("SELECT round, action, actor, at FROM scoreboard_actions "
                  + "WHERE competition_id = $1 ORDER BY id").execute(Tuple.of(competitionId))
              .compose(actions -> declarationsAudit(competitionId).map(declared -> {
                List<JsonObject> items = new ArrayList<>();
                for (Row r : scores) {
                  ScoreRow s = ScoreRow.of(r);
                  items.add(s.toJson().put("kind", s.supersedes() == null ? "SCORE" : "CORRECTION").put("at", s.createdAt().toString())
                      .put("entryName", r.getString("entry_name")).put("judgeName", names.get(s.judgeId()))
                      .put("by", s.enteredBy()).put("byName", names.get(s.enteredBy())));
                  if (s.checkedBy() != null) {
                    items.add(new JsonObject().put("kind", "CHECK").put("scoreId", s.id()).put("at", s.checkedAt().toString())
                        .put("by", s.checkedBy()).put("byName", names.get(s.checkedBy())).put("entryId", s.entryId())
                        .put("entryName", r.getString("entry_name")));
                  }
                }
                for (Row r : actions) {
                  items.add(new JsonObject().put("kind", r.getString("action")).put("round", r.getInteger("round"))
                      .put("at", r.getOffsetDateTime("at").toString()).put("by", r.getLong("actor"))
                      .put("byName", names.get(r.getLong("actor"))));
                }
                items.addAll(declared);
                items.sort((a, b) -> java.time.OffsetDateTime.parse(a.getString("at"))
                    .compareTo(java.time.OffsetDateTime.parse(b.getString("at"))));
                return new JsonObject().put("competitionId", competitionId).put("items", new JsonArray(items));
              }))));
    });
  }

  /** Every declared difficulty (and change of one, with its reason), for the audit. */
  private Future<List<JsonObject>> declarationsAudit(long competitionId) {
    return pool.preparedQuery("SELECT d.id, d.entry_id, e.display_name AS entry_name, d.round, d.attempt, d.code, d.difficulty, "
            + "d.declared_by, u.display_name AS by_name, d.supersedes, d.reason, d.created_at FROM attempt_declarations d "
            + "JOIN entries e ON e.id = d.entry_id JOIN users u ON u.id = d.declared_by WHERE d.competition_id = $1 ORDER BY d.id")
        .execute(Tuple.of(competitionId))
        .map(rows -> {
          List<JsonObject> out = new ArrayList<>();
          for (Row r : rows) {
            out.add(new JsonObject().put("kind", "DECLARATION").put("declarationId", r.getLong("id"))
                .put("entryId", r.getLong("entry_id")).put("entryName", r.getString("entry_name")).put("round", r.getInteger("round"))
                .put("attempt", r.getInteger("attempt")).put("code", r.getString("code"))
                .put("difficulty", ScoreRow.plain(r.getBigDecimal("difficulty"))).put("supersedes", r.getLong("supersedes"))
                .put("reason", r.getString("reason")).put("at", r.getOffsetDateTime("created_at").toString())
                .put("by", r.getLong("declared_by")).put("byName", r.getString("by_name")));
          }
          return out;
        });
  }

  /**
   * The head judge's view of the current round: every entry's current rows with who entered and
   * who checked them, and the judges whose marks stray from the panel flagged.
   */
  public Future<JsonObject> review(Caller caller, long competitionId) {
    return Access.competition(pool, caller, competitionId).compose(access -> {
      if (!access.reviews()) {
        throw new ApiError(403, "HEAD_JUDGE_REQUIRED", "the review is for head judges and organisers");
      }
      // Three independent reads, in flight together.
      Future<Map<Long, String>> named = names(competitionId);
      Future<List<ReviewPanel.Judge>> judges = ReviewPanel.assigned(pool, competitionId);
      Future<Board> loaded = Board.load(pool, competitionId);
      return Future.all(named, judges, loaded).map(v -> {
        Map<Long, String> names = named.result();
        List<ReviewPanel.Judge> assigned = judges.result();
        Board board = loaded.result();
        Board.RoundView round = board.currentRound();
        ReviewPanel panel = ReviewPanel.of(assigned, board, board.current.stream().filter(s -> s.round() == round.round()).toList());
        JsonArray entries = new JsonArray();
        Map<Long, Standings.Line> lines = new HashMap<>();
        if (round.lines() != null) {
          round.lines().forEach(l -> lines.put(l.entryId(), l));
        }
        for (long entryId : round.field()) {
          List<ScoreRow> rows = board.current.stream()
              .filter(s -> s.round() == round.round() && s.entryId() == entryId).toList();
          Set<Long> flagged = flagged(board.format, rows);
          JsonArray scores = new JsonArray();
          for (ScoreRow s : rows) {
            scores.add(s.toJson().put("judgeName", names.get(s.judgeId())).put("enteredByName", names.get(s.enteredBy()))
                .put("checkedByName", s.checkedBy() == null ? null : names.get(s.checkedBy()))
                .put("flagged", flagged.contains(s.id())));
          }
          Standings.Line l = lines.get(entryId);
          Board.Entry e = board.entries.get(entryId);
          JsonObject detail = new JsonObject();
          if (l != null) {
            BoardSnapshot.work(board, l, detail);
          }
          entries.add(new JsonObject().put("id", entryId).put("name", e.name()).put("unit", e.unit())
              .put("rank", l == null ? null : l.rank())
              .put("result", l == null || l.result() == null ? null : l.result().toPlainString())
              .put("status", l == null ? null : l.status()).put("complete", l == null || l.complete())
              .put("flagged", !flagged.isEmpty()).put("scores", scores).mergeIn(detail));
          if (panel != null) {
            entries.getJsonObject(entries.size() - 1).put("waitingFor", panel.waitingFor(rows, l != null && l.complete()));
          }
        }
        JsonObject out = new JsonObject().put("competitionId", competitionId).put("name", board.name)
            .put("type", board.format.type()).put("decimals", board.format.decimals()).put("round", round.round()).put("status", round.status())
            .put("hidden", board.hidden).put("organiser", access.organises()).put("entries", entries);
        if (panel != null) {
          out.put("panel", panel.json());
        }
        BoardSnapshot.describe(board.format, out);
        return out;
      });
    });
  }

  /**
   * The rows whose judge strays from the rest of their panel: each attempt (and each part of a
   * combined attempt) is a panel of its own.
   */
  private static Set<Long> flagged(Format format, List<ScoreRow> rows) {
    Set<Long> out = new HashSet<>();
    Map<String, Map<Long, Map<String, BigDecimal>>> panels = new LinkedHashMap<>();
    for (ScoreRow s : rows) {
      JudgedFormat j = panelOf(format, s);
      if (j != null) {
        panels.computeIfAbsent(s.attempt() + "/" + s.part(), k -> new LinkedHashMap<>())
            .put(s.id(), s.criterionMarks(j.criteria().get(0).name()));
      }
    }
    panels.forEach((k, panel) -> out.addAll(PanelAggregation.outliers(panelOf(format, rows.stream()
        .filter(s -> panel.containsKey(s.id())).findFirst().orElseThrow()), panel)));
    return out;
  }

  private static JudgedFormat panelOf(Format format, ScoreRow s) {
    if (format instanceof JudgedFormat j) {
      return j;
    }
    if (format instanceof CombinedFormat c && s.part() != null && c.part(s.part()) != null) {
      return c.part(s.part()).panel();
    }
    return null;
  }

  private Future<Map<Long, String>> names(long competitionId) {
    return pool.preparedQuery("SELECT DISTINCT u.id, u.display_name FROM users u WHERE u.id IN ("
            + "SELECT judge_id FROM scores WHERE competition_id = $1 UNION SELECT entered_by FROM scores WHERE competition_id = $1 "
            + "UNION SELECT ck.checked_by FROM score_checks ck JOIN scores s ON s.id = ck.score_id WHERE s.competition_id = $1 "
            + "UNION SELECT actor FROM scoreboard_actions WHERE competition_id = $1)")
        .execute(Tuple.of(competitionId))
        .map(rows -> {
          Map<Long, String> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getLong("id"), r.getString("display_name")));
          return out;
        });
  }

  /** The competitions the caller judges, with the entries they already marked, for the judge page. */
  public Future<JsonArray> myAssignments(Caller caller) {
    return pool.preparedQuery("SELECT c.id, c.event_id, c.name, c.format, j.is_head, "
            + "ARRAY(SELECT s.entry_id FROM scores s WHERE s.competition_id = c.id AND s.judge_id = j.user_id "
            + "  AND s.supersedes IS NULL ORDER BY s.entry_id) AS scored, "
            // The judge's seat, numbered as the board numbers the marks (Board.load: by assignment).
            + "(SELECT count(*) FROM competition_judges o WHERE o.competition_id = c.id "
            + "  AND (o.assigned_at, o.user_id) <= (j.assigned_at, j.user_id)) AS seat "
            + "FROM competition_judges j JOIN competitions c ON c.id = j.competition_id WHERE j.user_id = $1 ORDER BY c.id")
        .execute(Tuple.of(caller.userId()))
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("competitionId", r.getLong("id")).put("eventId", r.getLong("event_id"))
              .put("name", r.getString("name")).put("format", (JsonObject) r.getValue("format"))
              .put("head", r.getBoolean("is_head")).put("seat", r.getLong("seat"))
              .put("scoredEntryIds", new JsonArray(Arrays.asList(r.getArrayOfLongs("scored"))))));
          return out;
        });
  }
}
