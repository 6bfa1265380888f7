package gala.scoring;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The scoreboard topic's version, which transaction wrote its row last ({@code xmin}: every append
 * and refresh that moves the scoreboard updates that row) and the reading transaction's own id,
 * both as the 32-bit ids {@code xmin} holds: what tells a kept board ({@link KeptBoards}) still current.
 */
record TopicState(long version, long writer, long me) {

  /** Null when the competition has no scoreboard topic yet. */
  static Future<TopicState> of(SqlClient conn, long competitionId) {
    return conn.preparedQuery("SELECT version, xmin::text::bigint, (pg_current_xact_id()::text::numeric % 4294967296)::bigint "
            + "FROM topics WHERE name = $1").execute(Tuple.of(ScoringService.scoreboardTopic(competitionId)))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row r = rows.iterator().next();
          return new TopicState(r.getLong(0), r.getLong(1), r.getLong(2));
        });
  }
}
