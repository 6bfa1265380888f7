package gala.scoring;

import gala.platform.ApiError;
import gala.platform.Caller;
import gala.registration.rules.EntryCsv;
import gala.scoring.rules.AttemptFormat;
import gala.scoring.rules.Format;
import gala.scoring.rules.JudgedFormat;
import gala.scoring.rules.Records;
import gala.scoring.rules.ResultText;
import gala.scoring.rules.Standings;
import gala.scoring.rules.Work;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Results out: per competition or per event as CSV for Excel (like the entries export: UTF-8 with
 * BOM, every field quoted, no cell Excel would run as a formula), and the whole event as JSON in
 * the documented "gala-results/1" schema (web/schemas/results-1.schema.json), in the spirit of WCA's
 * WCIF: another system can import every round, attempt and mark. Official rounds only, unless asked
 * for the provisional ones too; hidden competitions only for the event's organisers.
 */
final class ResultsExport {
  static final String SCHEMA = "gala-results/1";
  private final SqlClient pool;

  ResultsExport(SqlClient pool) {
    this.pool = pool;
  }

  /** An event as the caller may read it, with the boards of the competitions they may see. */
  record EventResults(JsonObject event, boolean organiser, List<Board> boards, JsonArray units) {}

  Future<EventResults> load(Caller caller, long eventId, Long onlyCompetition) {
    // Hidden results go only to the event's organisers: gala.access decides (pipelined with the read).
    Future<Boolean> organises = gala.access.Access.organises(pool, caller, eventId);
    return pool.preparedQuery("SELECT e.id, e.title, e.starts_on, e.ends_on, e.venue, e.is_public, "
            + "ARRAY(SELECT c.id FROM competitions c WHERE c.event_id = e.id AND ($2::bigint IS NULL OR c.id = $2) ORDER BY c.id) "
            + "AS competitions FROM events e WHERE e.id = $1")
        .execute(Tuple.of(eventId, onlyCompetition))
        .compose(rows -> organises.map(rows))
        .compose(rows -> {
          Row e = rows.size() == 0 ? null : rows.iterator().next();
          boolean organiser = e != null && organises.result();
          if (e == null) {
            // Whether the caller may read this event at all was decided by gala.access.
            throw ApiError.notFound("event " + eventId);
          }
          Long[] ids = e.getArrayOfLongs("competitions");
          if (onlyCompetition != null && ids.length == 0) {
            throw ApiError.notFound("competition " + onlyCompetition);
          }
          JsonObject event = new JsonObject().put("id", eventId).put("name", e.getString("title"))
              .put("startDate", e.getLocalDate("starts_on").toString()).put("endDate", e.getLocalDate("ends_on").toString())
              .put("venue", e.getString("venue"));
          List<Future<Board>> loads = new ArrayList<>();
          for (Long id : ids) {
            loads.add(Board.load(pool, id));
          }
          Future<List<Board>> boards = Future.all(loads).map(all -> {
            List<Board> out = new ArrayList<>();
            for (Future<Board> f : loads) {
              if (f.result() != null && (!f.result().hidden || organiser)) {
                out.add(f.result());
              }
            }
            return out;
          });
          Future<JsonArray> units = pool.preparedQuery("SELECT id, name FROM units WHERE event_id = $1 ORDER BY id")
              .execute(Tuple.of(eventId)).map(us -> {
                JsonArray out = new JsonArray();
                us.forEach(u -> out.add(new JsonObject().put("id", u.getLong("id")).put("name", u.getString("name"))));
                return out;
              });
          return Future.all(boards, units).map(v -> new EventResults(event, organiser, boards.result(), units.result()));
        });
  }

  /** A round's name as people read it: the stored default "final" in both languages, else the organiser's own. */
  static String roundName(Board.RoundView r) {
    return "final".equals(r.spec().name()) ? "决赛 Final" : r.spec().name();
  }

  /** A round's status as people read it, in both languages (the results book and the spreadsheet). */
  static String roundStatus(Board.RoundView r) {
    return r.official() ? "正式 OFFICIAL" : "待确认 PROVISIONAL";
  }

  /** The rounds an export shows: the official ones, and the current provisional one when asked. */
  static List<Board.RoundView> rounds(Board b, boolean provisional) {
    return b.rounds().stream().filter(r -> r.lines() != null && (r.official() || provisional)).toList();
  }

  // ---- CSV ----

  static String csv(List<Board> boards, boolean provisional) {
    int attempts = boards.stream().mapToInt(b -> attemptsOf(b.format)).max().orElse(1);
    List<String> header = new ArrayList<>(List.of("项目 Competition", "轮次 Round", "轮次状态 Round status", "名次 Rank",
        "姓名 Name", "单位 Unit", "组别 Division", "成绩 Result", "最好一次 Best"));
    for (int i = 1; i <= attempts; i++) {
      header.add("第" + i + "次 Attempt " + i);
    }
    header.addAll(List.of("纪录 Record", "说明 Note"));
    List<List<String>> rows = new ArrayList<>();
    for (Board b : boards) {
      for (Board.RoundView r : rounds(b, provisional)) {
        for (Standings.Line l : r.lines()) {
          Board.Entry e = b.entries.get(l.entryId());
          List<String> row = new ArrayList<>(List.of(b.name, roundName(r), roundStatus(r), l.rank() == null ? "" : l.rank().toString(),
              e.name(), nz(e.unit()), nz(e.division()), ResultText.of(b.format, l.result()),
              ResultText.of(b.format, l.work().best())));
          for (int i = 1; i <= attempts; i++) {
            row.add(attemptText(b.format, l.work(), i));
          }
          row.add(String.join(" ", b.recordsBeaten(l).stream().map(h -> recordText(h, r.official())).toList()));
          row.add(note(l, r));
          rows.add(row);
        }
      }
    }
    return EntryCsv.write(header, rows);
  }

  private static int attemptsOf(Format f) {
    if (f instanceof JudgedFormat j) {
      return j.attempts();
    }
    if (f instanceof AttemptFormat a) {
      return a.attempts();
    }
    if (f instanceof gala.scoring.rules.CombinedFormat c) {
      return c.attempts();
    }
    return 0;
  }

  /** "12.31", "DNF", "DNF (10:02.11)" over the time limit, or a judged "96.90 (6245D × 3.4)". */
  static String attemptText(Format format, Work work, int n) {
    for (Work.AttemptWork a : work.attempts()) {
      if (a.attempt() != n) {
        continue;
      }
      if (a.overLimit()) {
        return "DNF (" + ResultText.of(format, a.value()) + ")";
      }
      if (a.value() != null) {
        return ResultText.of(format, a.value());
      }
      if (a.score() == null) {
        return "OK".equals(a.status()) || "PENDING".equals(a.status()) ? "" : a.status();
      }
      String dd = a.difficulty() == null ? "" : " (" + (a.code() == null ? "" : a.code() + " × ") + BoardSnapshot.shown(a.difficulty(), 1) + ")";
      return a.score().toPlainString() + dd;
    }
    return "";
  }

  static String recordText(Records.Held h, boolean official) {
    String kind = "event".equals(h.kind()) ? "项目纪录 Event record" : "赛会纪录 Meet record";
    return kind + (official ? "" : " (待确认 provisional)");
  }

  private static String note(Standings.Line l, Board.RoundView r) {
    List<String> out = new ArrayList<>();
    if (!"OK".equals(l.status())) {
      out.add(l.status());
    }
    if (r.advancing().contains(l.entryId())) {
      out.add("晋级 Advances");
    }
    if (l.decidedBy() != null) {
      out.add("tie-break: " + l.decidedBy());
    }
    return String.join("; ", out);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  // ---- JSON ----

  static JsonObject json(EventResults er, boolean provisional) {
    JsonArray competitions = new JsonArray();
    for (Board b : er.boards()) {
      JsonObject c = new JsonObject().put("id", b.competitionId).put("name", b.name).put("type", b.format.type());
      BoardSnapshot.describe(b.format, c);
      JsonArray records = new JsonArray();
      b.records.forEach(h -> records.add(new JsonObject().put("id", h.id()).put("division", h.division()).put("kind", h.kind())
          .put("basis", h.basis().name().toLowerCase()).put("value", ScoreRow.plain(h.value())).put("holder", h.holder())
          .put("setAt", h.setAt())));
      c.put("records", records);
      JsonArray rounds = new JsonArray();
      for (Board.RoundView r : rounds(b, provisional)) {
        JsonArray results = new JsonArray();
        for (Standings.Line l : r.lines()) {
          Board.Entry e = b.entries.get(l.entryId());
          JsonObject res = new JsonObject().put("entryId", l.entryId()).put("name", e.name()).put("unitId", e.unitId())
              .put("division", e.division()).put("ranking", l.rank())
              .put("result", l.result() == null ? null : l.result().toPlainString()).put("status", l.status())
              .put("complete", l.complete()).put("advancing", r.advancing().contains(l.entryId()));
          BoardSnapshot.work(b, l, res);
          if (res.containsKey("records")) {
            res.put("recordsBroken", new JsonArray(res.getJsonArray("records").stream()
                .map(o -> ((JsonObject) o).getLong("id")).toList()));
            // A record stands only once its round is official; before that it is flagged provisional.
            res.put("recordStatus", r.official() ? "official" : "provisional");
            res.remove("records");
          }
          results.add(res);
        }
        rounds.add(new JsonObject().put("number", r.round()).put("name", r.spec().name()).put("status", r.status())
            .put("publishedAt", r.publishedAt() == null ? null : r.publishedAt().toString())
            .put("advancement", r.spec().advance() == null ? null : r.spec().advance().describe(b.lowerIsBetter()))
            .put("results", results));
      }
      competitions.add(c.put("rounds", rounds));
    }
    return new JsonObject().put("schema", SCHEMA).put("exportedAt", OffsetDateTime.now().toString())
        .put("event", er.event()).put("units", er.units()).put("competitions", competitions);
  }
}
