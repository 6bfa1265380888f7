package gala.scoring;

import gala.scoring.rules.JudgedFormat;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The head judge's "waiting for": the judges of a judged competition's panel and, per entry, those
 * who have not yet marked the attempt in progress. The panel is every assigned judge; head judges
 * count only when the other judges are fewer than the format's panel size, or once they mark (a
 * head judge usually reviews rather than marks). Names come from the assignment, so a judge who has
 * marked nothing yet is named too.
 */
final class ReviewPanel {
  record Judge(long userId, String name, boolean head) {}

  private final List<Judge> panel;
  private final int attempts;

  private ReviewPanel(List<Judge> panel, int attempts) {
    this.panel = panel;
    this.attempts = attempts;
  }

  static Future<List<Judge>> assigned(SqlClient db, long competitionId) {
    return db.preparedQuery("SELECT j.user_id, u.display_name, j.is_head FROM competition_judges j JOIN users u ON u.id = j.user_id "
            + "WHERE j.competition_id = $1 ORDER BY j.is_head, j.assigned_at, j.user_id")
        .execute(Tuple.of(competitionId))
        .map(rows -> {
          List<Judge> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Judge(r.getLong("user_id"), r.getString("display_name"), r.getBoolean("is_head"))));
          return out;
        });
  }

  /** The panel of this round; null when the format has no per-judge panel (timed, measured, combined...). */
  static ReviewPanel of(List<Judge> assigned, Board board, List<ScoreRow> roundRows) {
    if (!(board.format instanceof JudgedFormat j)) {
      return null;
    }
    long markers = assigned.stream().filter(a -> !a.head()).count();
    List<Judge> panel = new ArrayList<>();
    for (Judge a : assigned) {
      boolean marked = roundRows.stream().anyMatch(s -> s.judgeId() == a.userId());
      if (!a.head() || markers < j.judges() || marked) {
        panel.add(a);
      }
    }
    return new ReviewPanel(panel, Math.max(1, j.attempts()));
  }

  JsonArray json() {
    JsonArray out = new JsonArray();
    panel.forEach(p -> out.add(new JsonObject().put("userId", p.userId()).put("name", p.name()).put("head", p.head())));
    return out;
  }

  /**
   * The panel judges with no mark for the entry's earliest attempt still open (attempts are marked
   * in order); empty once the entry is complete.
   */
  JsonArray waitingFor(List<ScoreRow> entryRows, boolean complete) {
    JsonArray out = new JsonArray();
    if (complete) {
      return out;
    }
    for (int attempt = 1; attempt <= attempts; attempt++) {
      int k = attempt;
      for (Judge p : panel) {
        if (entryRows.stream().noneMatch(s -> s.judgeId() == p.userId() && s.attempt() == k)) {
          out.add(new JsonObject().put("userId", p.userId()).put("name", p.name()).put("attempt", k));
        }
      }
      if (!out.isEmpty()) {
        return out;
      }
    }
    return out;
  }
}
