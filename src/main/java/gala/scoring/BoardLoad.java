package gala.scoring;

import gala.scoring.rules.Format;
import gala.scoring.rules.Records;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Reads one competition's {@link Board} from the database: the reads go out together, and on one
 * connection the PostgreSQL client pipelines them, so a load costs about one round trip, not seven.
 */
final class BoardLoad {
  private BoardLoad() {}

  /**
   * The board, null when the competition does not exist. When {@code rowsFrom} yields a board, its
   * active entries and current score rows stand in for reading them again (its caller vouches they
   * are what the database holds: see {@link KeptBoards}); the small rest is read as always, and when
   * it too is as that board has it, that board itself (already ranked) is the answer.
   */
  static Future<Board> load(SqlClient db, long competitionId, Future<Board> rowsFrom) {
    Tuple id = Tuple.of(competitionId);
    Future<RowSet<Row>> comp = db.preparedQuery("SELECT c.event_id, c.name, c.format, COALESCE(v.hidden, FALSE) AS hidden "
        + "FROM competitions c LEFT JOIN scoreboard_visibility v ON v.competition_id = c.id WHERE c.id = $1").execute(id);
    Future<RowSet<Row>> es = rowsFrom.compose(k -> k != null ? Future.succeededFuture()
        : db.preparedQuery("SELECT e.id, e.display_name, e.unit_id, u.name AS unit, e.division, e.user_id "
            + "FROM entries e LEFT JOIN units u ON u.id = e.unit_id "
            + "WHERE e.competition_id = $1 AND e.status IN ('CONFIRMED', 'CHECKED_IN') ORDER BY e.id").execute(id));
    Future<RowSet<Row>> ss = rowsFrom.compose(k -> k != null ? Future.succeededFuture()
        : db.preparedQuery("SELECT " + ScoreRow.COLUMNS + " " + ScoreRow.FROM
            + "WHERE s.competition_id = $1 AND " + ScoreRow.CURRENT + " ORDER BY s.id").execute(id));
    Future<RowSet<Row>> rs = db.preparedQuery("SELECT round, status, published_at FROM scoreboard_rounds WHERE competition_id = $1")
        .execute(id);
    Future<RowSet<Row>> ds = db.preparedQuery("SELECT d.id, d.entry_id, d.round, d.attempt, d.code, d.difficulty, d.declared_by "
        + "FROM attempt_declarations d WHERE d.competition_id = $1 "
        + "AND NOT EXISTS (SELECT 1 FROM attempt_declarations l WHERE l.supersedes = d.id)").execute(id);
    Future<RowSet<Row>> recs = db.preparedQuery("SELECT id, division, kind, basis, value, holder, set_at FROM records "
        + "WHERE competition_id = $1 ORDER BY id").execute(id);
    Future<RowSet<Row>> js = db.preparedQuery("SELECT user_id FROM competition_judges WHERE competition_id = $1 "
        + "ORDER BY assigned_at, user_id").execute(id);
    return Future.all(List.of(comp, es, ss, rs, ds, recs, js)).map(all -> {
      if (comp.result().size() == 0) {
        return null;
      }
      Row c = comp.result().iterator().next();
      Board kept = rowsFrom.result();
      JsonObject formatJson = (JsonObject) c.getValue("format");
      Format format = kept != null && kept.formatJson.equals(formatJson) ? kept.format : Format.parse(formatJson.getMap());
      Board b = new Board(competitionId, c.getLong("event_id"), c.getString("name"), format, c.getBoolean("hidden"));
      b.formatJson = formatJson;
      if (kept != null) {
        b.entries.putAll(kept.entries);
        b.current.addAll(kept.current);
        b.correctedAfterPublication.addAll(kept.correctedAfterPublication);
      } else {
        es.result().forEach(r -> b.entries.put(r.getLong("id"), new Board.Entry(r.getLong("id"), r.getString("display_name"),
            r.getLong("unit_id"), r.getString("unit"), r.getString("division"), r.getLong("user_id"))));
        ss.result().forEach(r -> {
          ScoreRow s = ScoreRow.of(r);
          b.current.add(s);
          if (s.afterPublication()) {
            b.correctedAfterPublication.add(s.entryId());
          }
        });
      }
      rs.result().forEach(r -> b.states.put(r.getInteger("round"),
          new Board.RoundState(r.getString("status"), r.getOffsetDateTime("published_at"))));
      ds.result().forEach(r -> {
        Board.Declaration d = new Board.Declaration(r.getLong("id"), r.getLong("entry_id"), r.getInteger("round"), r.getInteger("attempt"),
            r.getString("code"), r.getBigDecimal("difficulty").stripTrailingZeros(), r.getLong("declared_by"));
        b.declarations.put(Board.key(d.entryId(), d.round(), d.attempt()), d);
      });
      recs.result().forEach(r -> b.records.add(new Records.Held(r.getLong("id"), r.getString("division"), r.getString("kind"),
          Records.Basis.valueOf(r.getString("basis")), r.getBigDecimal("value").stripTrailingZeros(), r.getString("holder"),
          r.getString("set_at"))));
      js.result().forEach(r -> b.seats.put(r.getLong("user_id"), b.seats.size() + 1));
      return kept != null && b.sameBesideRows(kept) ? kept : b;
    });
  }

}
