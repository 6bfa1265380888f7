package gala.scoring;

import gala.scoring.rules.Advancement;
import gala.scoring.rules.AttemptFormat;
import gala.scoring.rules.Attempts;
import gala.scoring.rules.Common;
import gala.scoring.rules.Format;
import gala.scoring.rules.HeadToHead;
import gala.scoring.rules.HeadToHeadFormat;
import gala.scoring.rules.JudgedFormat;
import gala.scoring.rules.Standings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything about one competition's results, loaded from the database in one go: format,
 * active entries, current score rows, round statuses and visibility; and the standings of every
 * round computed from them by the pure rules. The scoreboard snapshot, the checks before a write
 * and publication all read the same Board, so they cannot disagree.
 */
final class Board {
  final long competitionId;
  final long eventId;
  final String name;
  final Format format;
  final boolean hidden;
  final Map<Long, Entry> entries = new LinkedHashMap<>();
  final List<ScoreRow> current = new ArrayList<>();
  final Map<Integer, RoundState> states = new HashMap<>();
  final List<RoundView> rounds = new ArrayList<>();
  final Set<Long> correctedAfterPublication = new HashSet<>();

  record Entry(long id, String name, Long unitId, String unit) {}

  record RoundState(String status, OffsetDateTime publishedAt) {}

  /** One round: who is in it (in seed order), their heats, and the standings lines. */
  record RoundView(int round, Common.Round spec, String status, OffsetDateTime publishedAt, List<Long> field,
      Map<Long, Integer> heats, List<Standings.Line> lines, List<HeadToHead.Standing> table, Set<Long> advancing) {
    boolean official() {
      return "OFFICIAL".equals(status);
    }

    /** Entries whose result is not in yet (panel incomplete, attempts missing). */
    List<Long> incomplete() {
      List<Long> out = new ArrayList<>();
      if (lines != null) {
        lines.stream().filter(l -> !l.complete()).forEach(l -> out.add(l.entryId()));
      }
      return out;
    }
  }

  private Board(long competitionId, long eventId, String name, Format format, boolean hidden) {
    this.competitionId = competitionId;
    this.eventId = eventId;
    this.name = name;
    this.format = format;
    this.hidden = hidden;
  }

  /**
   * Null when the competition does not exist. The four reads go out together: on one connection
   * the PostgreSQL client pipelines them, so a load costs about one round trip, not four.
   */
  static Future<Board> load(SqlClient db, long competitionId) {
    Tuple id = Tuple.of(competitionId);
    Future<RowSet<Row>> comp = db.preparedQuery("SELECT c.event_id, c.name, c.format, COALESCE(v.hidden, FALSE) AS hidden "
        + "FROM competitions c LEFT JOIN scoreboard_visibility v ON v.competition_id = c.id WHERE c.id = $1").execute(id);
    Future<RowSet<Row>> es = db.preparedQuery("SELECT e.id, e.display_name, e.unit_id, u.name AS unit FROM entries e "
        + "LEFT JOIN units u ON u.id = e.unit_id "
        + "WHERE e.competition_id = $1 AND e.status IN ('CONFIRMED', 'CHECKED_IN') ORDER BY e.id").execute(id);
    Future<RowSet<Row>> ss = db.preparedQuery("SELECT " + ScoreRow.COLUMNS + " " + ScoreRow.FROM
        + "WHERE s.competition_id = $1 AND " + ScoreRow.CURRENT + " ORDER BY s.id").execute(id);
    Future<RowSet<Row>> rs = db.preparedQuery("SELECT round, status, published_at FROM scoreboard_rounds WHERE competition_id = $1")
        .execute(id);
    return Future.all(comp, es, ss, rs).map(all -> {
      if (comp.result().size() == 0) {
        return null;
      }
      Row c = comp.result().iterator().next();
      Board b = new Board(competitionId, c.getLong("event_id"), c.getString("name"),
          Format.parse(((JsonObject) c.getValue("format")).getMap()), c.getBoolean("hidden"));
      es.result().forEach(r -> b.entries.put(r.getLong("id"),
          new Entry(r.getLong("id"), r.getString("display_name"), r.getLong("unit_id"), r.getString("unit"))));
      ss.result().forEach(r -> {
        ScoreRow s = ScoreRow.of(r);
        b.current.add(s);
        if (s.afterPublication()) {
          b.correctedAfterPublication.add(s.entryId());
        }
      });
      rs.result().forEach(r -> b.states.put(r.getInteger("round"),
          new RoundState(r.getString("status"), r.getOffsetDateTime("published_at"))));
      b.compute();
      return b;
    });
  }

  private void compute() {
    List<Common.Round> specs = format.common().rounds();
    List<Long> field = new ArrayList<>(entries.keySet());
    for (int i = 0; i < specs.size(); i++) {
      int round = i + 1;
      RoundState state = states.get(round);
      String status = state == null ? "PROVISIONAL" : state.status();
      Map<Long, Integer> heats = new HashMap<>();
      for (int k = 0; k < field.size(); k++) {
        heats.put(field.get(k), Advancement.heatOf(k, field.size(), specs.get(i).heatSize()));
      }
      List<ScoreRow> rows = current.stream().filter(s -> s.round() == round).toList();
      RoundView view;
      List<Long> next = new ArrayList<>();
      Set<Long> advancing = new HashSet<>();
      if (format instanceof HeadToHeadFormat h) {
        Set<Long> in = new HashSet<>(field);
        List<HeadToHead.Match> matches = new ArrayList<>();
        for (ScoreRow s : rows) {
          if (s.opponentEntryId() != null && in.contains(s.entryId()) && in.contains(s.opponentEntryId())) {
            matches.add(new HeadToHead.Match(s.entryId(), s.opponentEntryId(), s.value().intValue(),
                s.opponentValue().intValue()));
          }
        }
        view = new RoundView(round, specs.get(i), status, state == null ? null : state.publishedAt(), field, heats, null,
            HeadToHead.standings(h, field, matches), advancing);
      } else {
        List<Standings.Line> lines = lines(field, rows);
        Common.Round spec = specs.get(i);
        if (spec.advance() != null && "OFFICIAL".equals(status)) {
          int ranked = (int) lines.stream().filter(l -> l.rank() != null).count();
          boolean lower = format instanceof AttemptFormat a && a.lowerIsBetter();
          for (Standings.Line l : lines) {
            if (l.rank() != null && Advancement.advances(spec.advance(), l.rank(), l.result(), ranked, lower)) {
              next.add(l.entryId());
              advancing.add(l.entryId());
            }
          }
        }
        view = new RoundView(round, spec, status, state == null ? null : state.publishedAt(), field, heats, lines, null,
            advancing);
      }
      rounds.add(view);
      if (!view.official() || i == specs.size() - 1) {
        break; // later rounds start once this one is official
      }
      field = next;
    }
  }

  private List<Standings.Line> lines(List<Long> field, List<ScoreRow> rows) {
    Map<Long, List<ScoreRow>> byEntry = new LinkedHashMap<>();
    field.forEach(e -> byEntry.put(e, new ArrayList<>()));
    for (ScoreRow s : rows) {
      List<ScoreRow> l = byEntry.get(s.entryId());
      if (l != null) {
        l.add(s);
      }
    }
    if (format instanceof JudgedFormat j) {
      List<Standings.Panel> panels = new ArrayList<>();
      byEntry.forEach((entry, ss) -> {
        List<Map<String, BigDecimal>> marks = new ArrayList<>();
        BigDecimal difficulty = null;
        for (ScoreRow s : ss) {
          marks.add(s.criterionMarks(j.criteria().get(0).name()));
          if (s.difficulty() != null) {
            difficulty = s.difficulty();
          }
        }
        panels.add(new Standings.Panel(entry, marks, difficulty));
      });
      return Standings.judged(j, panels);
    }
    AttemptFormat a = (AttemptFormat) format;
    List<Standings.Series> series = new ArrayList<>();
    byEntry.forEach((entry, ss) -> {
      List<Attempts.Attempt> attempts = new ArrayList<>();
      ss.stream().sorted(Comparator.comparingInt(ScoreRow::attempt)).forEach(s -> attempts.add(
          "VALUE".equals(s.outcome()) ? new Attempts.Attempt(Attempts.Kind.VALUE, s.value())
              : Attempts.Attempt.of(Attempts.Kind.valueOf(s.outcome()))));
      series.add(new Standings.Series(entry, attempts));
    });
    return Standings.attempts(a, series);
  }

  /** The round shown and scored now: the first one not yet official, or the last. */
  RoundView currentRound() {
    return rounds.get(rounds.size() - 1);
  }

  RoundView round(int round) {
    return round >= 1 && round <= rounds.size() ? rounds.get(round - 1) : null;
  }

  /** The final round is official: its places count for the medal table. */
  boolean finalOfficial() {
    return rounds.size() == format.common().rounds().size() && currentRound().official();
  }

  List<ScoreRow> currentRows(long entryId, int round) {
    return current.stream().filter(s -> s.round() == round && (s.entryId() == entryId
        || (s.opponentEntryId() != null && s.opponentEntryId() == entryId))).toList();
  }

  // ---- the public snapshot ----

  JsonObject snapshot() {
    RoundView r = currentRound();
    JsonArray roundList = new JsonArray();
    List<Common.Round> specs = format.common().rounds();
    boolean lower = format instanceof AttemptFormat a && a.lowerIsBetter();
    for (int i = 0; i < specs.size(); i++) {
      RoundView v = round(i + 1);
      roundList.add(new JsonObject().put("round", i + 1).put("name", specs.get(i).name())
          .put("status", v == null ? "NOT_STARTED" : v.status())
          .put("advance", specs.get(i).advance() == null ? null : specs.get(i).advance().describe(lower)));
    }
    JsonObject out = new JsonObject()
        .put("competitionId", competitionId)
        .put("eventId", eventId)
        .put("name", name)
        .put("type", format.type())
        .put("status", r.status())
        .put("publishedAt", r.publishedAt() == null ? null : r.publishedAt().toString())
        .put("hidden", hidden)
        .put("round", r.round())
        .put("roundName", r.spec().name())
        .put("rounds", roundList)
        .put("tieBreaks", new JsonArray(format.tieBreaks()));
    if (format instanceof JudgedFormat j) {
      out.put("judges", j.judges()).put("aggregate", j.aggregate().name().toLowerCase()).put("trim", j.trim());
    } else if (format instanceof AttemptFormat a) {
      out.put("attempts", a.attempts()).put("aggregate", a.aggregate().name().toLowerCase())
          .put("lowerIsBetter", a.lowerIsBetter());
    } else if (format instanceof HeadToHeadFormat h) {
      out.put("points", new JsonObject().put("win", h.win()).put("draw", h.draw()).put("loss", h.loss()));
    }
    JsonArray rows = new JsonArray();
    if (hidden) {
      // Hidden results leave the topic entirely, so a spectator who subscribed before the organiser
      // hid them sees nothing more; staff review them through getScoreReview.
      return out.put("rows", rows);
    }
    boolean medals = finalOfficial();
    boolean multiHeat = r.spec().heatSize() > 0 && r.field().size() > r.spec().heatSize();
    if (r.table() != null) {
      for (HeadToHead.Standing s : r.table()) {
        JsonObject row = base(s.entryId(), r, multiHeat).put("rank", s.rank()).put("result", String.valueOf(s.points()))
            .put("status", "OK").put("complete", true)
            .put("played", s.played()).put("won", s.won()).put("drawn", s.drawn()).put("lost", s.lost())
            .put("scoreFor", s.scoreFor()).put("scoreAgainst", s.scoreAgainst()).put("points", s.points())
            .put("buchholz", s.buchholz()).put("decidedBy", s.decidedBy()).put("tied", s.tied());
        if (medals) {
          row.put("teamPoints", format.common().pointsFor(s.rank()));
        }
        rows.add(row);
      }
    } else {
      for (Standings.Line l : r.lines()) {
        JsonObject row = base(l.entryId(), r, multiHeat).put("rank", l.rank())
            .put("result", l.result() == null ? null : l.result().toPlainString()).put("status", l.status())
            .put("complete", l.complete()).put("marks", l.have()).put("need", l.need())
            .put("decidedBy", l.decidedBy()).put("tied", l.tied());
        if (r.official() && r.spec().advance() != null) {
          row.put("advancing", r.advancing().contains(l.entryId()));
        }
        if (medals && l.rank() != null) {
          row.put("teamPoints", format.common().pointsFor(l.rank()));
        }
        rows.add(row);
      }
    }
    return out.put("rows", rows);
  }

  private JsonObject base(long entryId, RoundView r, boolean multiHeat) {
    Entry e = entries.get(entryId);
    JsonObject row = new JsonObject().put("id", entryId).put("name", e.name()).put("unit", e.unit()).put("unitId", e.unitId());
    if (multiHeat) {
      row.put("heat", r.heats().get(entryId));
    }
    if (correctedAfterPublication.contains(entryId)) {
      row.put("correctedAfterPublication", true);
    }
    return row;
  }
}
