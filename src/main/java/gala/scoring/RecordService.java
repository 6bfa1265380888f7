package gala.scoring;

import gala.access.Access;
import gala.events.EventAccess;
import gala.platform.ApiError;
import gala.platform.Caller;
import gala.platform.Reply;
import gala.platform.Tx;
import gala.scoring.rules.AttemptFormat;
import gala.scoring.rules.Format;
import gala.scoring.rules.HeadToHeadFormat;
import gala.scoring.rules.ResultText;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Meet and event records of a competition, per division or for the whole competition: organisers
 * load them (listRecords, createRecord, deleteRecord); the scoreboard flags every result that beats
 * one, PROVISIONAL until the round is official.
 */
final class RecordService {
  private final SqlClient pool;
  private final ScoringService scoring;

  RecordService(SqlClient pool, ScoringService scoring) {
    this.pool = pool;
    this.scoring = scoring;
  }

  private static final String COLUMNS = "id, competition_id, division, kind, basis, value, holder, unit_name, set_at, created_at";

  Future<JsonObject> list(Caller caller, long competitionId) {
    return Access.competition(pool, caller, competitionId)
        .compose(access -> pool.preparedQuery("SELECT r." + COLUMNS.replace(", ", ", r.") + ", c.format FROM records r "
                + "JOIN competitions c ON c.id = r.competition_id WHERE r.competition_id = $1 ORDER BY r.division NULLS FIRST, r.id")
            .execute(Tuple.of(competitionId)))
        .map(rows -> {
          JsonArray items = new JsonArray();
          for (Row r : rows) {
            items.add(json(r, Format.parse(((JsonObject) r.getValue("format")).getMap())));
          }
          return new JsonObject().put("competitionId", competitionId).put("items", items);
        });
  }

  Future<Reply> create(Tx tx, Caller caller, long competitionId, JsonObject req) {
    SqlClient conn = tx.conn();
    return ScoringService.lock(conn, competitionId)
        .compose(v -> EventAccess.requireCompetitionOrganiser(conn, caller, competitionId))
        .compose(v -> conn.preparedQuery("SELECT format, divisions FROM competitions WHERE id = $1").execute(Tuple.of(competitionId)))
        .compose(rows -> {
          Row c = rows.iterator().next();
          Format format = Format.parse(((JsonObject) c.getValue("format")).getMap());
          if (format instanceof HeadToHeadFormat) {
            throw ApiError.unprocessable("FIELD_NOT_FOR_FORMAT", "head-to-head standings have no records");
          }
          String division = req.getString("division");
          if (division != null && !hasDivision((JsonArray) c.getValue("divisions"), division)) {
            throw new ApiError(422, "UNKNOWN_DIVISION", "this competition has no division " + division,
                new JsonObject().put("division", division));
          }
          BigDecimal value = value(format, req.getValue("value"));
          String holder = req.getString("holder").trim();
          if (holder.isEmpty()) {
            throw ApiError.unprocessable("HOLDER_REQUIRED", "a record names who holds it");
          }
          return conn.preparedQuery("INSERT INTO records (competition_id, division, kind, basis, value, holder, unit_name, set_at, "
                  + "created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING " + COLUMNS)
              .execute(Tuple.from(Arrays.asList(competitionId, division, req.getString("kind", "meet"),
                  req.getString("basis", "result").toUpperCase(), value, holder, blankToNull(req.getString("unit")),
                  blankToNull(req.getString("setAt")), caller.userId())))
              .compose(inserted -> Board.load(conn, competitionId)
                  .compose(board -> scoring.refresh(tx, board, false))
                  .map(version -> Reply.created(json(inserted.iterator().next(), format).put("scoreboardVersion", version))));
        });
  }

  Future<Reply> delete(Tx tx, Caller caller, long competitionId, long recordId) {
    SqlClient conn = tx.conn();
    return ScoringService.lock(conn, competitionId)
        .compose(v -> EventAccess.requireCompetitionOrganiser(conn, caller, competitionId))
        .compose(v -> conn.preparedQuery("DELETE FROM records WHERE id = $1 AND competition_id = $2")
            .execute(Tuple.of(recordId, competitionId)))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            throw ApiError.notFound("record " + recordId);
          }
          return Board.load(conn, competitionId).compose(board -> scoring.refresh(tx, board, false));
        })
        .map(version -> Reply.noContent());
  }

  /** A record's value: a number, or for timed formats also a typed time like "1:02.34". */
  private static BigDecimal value(Format format, Object raw) {
    BigDecimal v = null;
    if (raw instanceof Number n) {
      v = new BigDecimal(n.toString());
    } else if (raw instanceof String s && format instanceof AttemptFormat a && a.lowerIsBetter()) {
      v = ResultText.parseTime(s);
    }
    if (v == null || v.signum() < 0 || v.stripTrailingZeros().scale() > 4 || v.compareTo(new BigDecimal("1000000")) >= 0) {
      throw ApiError.unprocessable("INVALID_RECORD_VALUE",
          "a record is a number (a time may be typed as 1:02.34) of at most 4 decimals");
    }
    return v;
  }

  private static boolean hasDivision(JsonArray divisions, String code) {
    for (Object o : divisions == null ? new JsonArray() : divisions) {
      if (o instanceof JsonObject d && code.equals(d.getString("code"))) {
        return true;
      }
    }
    return false;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static JsonObject json(Row r, Format format) {
    BigDecimal value = r.getBigDecimal("value");
    return new JsonObject().put("id", r.getLong("id")).put("competitionId", r.getLong("competition_id"))
        .put("division", r.getString("division")).put("kind", r.getString("kind"))
        .put("basis", r.getString("basis").toLowerCase()).put("value", ScoreRow.plain(value))
        .put("text", ResultText.of(format, value)).put("holder", r.getString("holder")).put("unit", r.getString("unit_name"))
        .put("setAt", r.getString("set_at")).put("createdAt", r.getOffsetDateTime("created_at").toString());
  }
}
