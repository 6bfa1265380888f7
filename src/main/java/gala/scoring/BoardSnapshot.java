package gala.scoring;

import gala.scoring.rules.AttemptFormat;
import gala.scoring.rules.CombinedFormat;
import gala.scoring.rules.Common;
import gala.scoring.rules.Format;
import gala.scoring.rules.HeadToHead;
import gala.scoring.rules.HeadToHeadFormat;
import gala.scoring.rules.JudgedFormat;
import gala.scoring.rules.Part;
import gala.scoring.rules.Records;
import gala.scoring.rules.Standings;
import gala.scoring.rules.Work;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;

/**
 * The public scoreboard snapshot of a {@link Board}: the current round's standings, and behind
 * each result the work (every attempt, each judge's mark with the dropped ones flagged, a combined
 * attempt's parts, the best single, records beaten), with what a page needs to show it: the
 * format's kind, decimals, attempts and the combined formula.
 */
final class BoardSnapshot {
  private BoardSnapshot() {}

  static JsonObject of(Board b) {
    return of(b, b.currentRound());
  }

  /**
   * A round of the board as the snapshot shows its current one: an earlier round's standings (the
   * field it had, its status and publication) for whoever asks to see them; null when round
   * {@code round} has not started.
   */
  static JsonObject round(Board b, int round) {
    Board.RoundView r = b.round(round);
    return r == null ? null : of(b, r);
  }

  private static JsonObject of(Board b, Board.RoundView r) {
    JsonArray roundList = new JsonArray();
    List<Common.Round> specs = b.format.common().rounds();
    for (int i = 0; i < specs.size(); i++) {
      Board.RoundView v = b.round(i + 1);
      roundList.add(new JsonObject().put("round", i + 1).put("name", specs.get(i).name())
          .put("status", v == null ? "NOT_STARTED" : v.status())
          .put("advance", specs.get(i).advance() == null ? null : specs.get(i).advance().describe(b.lowerIsBetter())));
    }
    JsonObject out = new JsonObject()
        .put("competitionId", b.competitionId)
        .put("eventId", b.eventId)
        .put("name", b.name)
        .put("type", b.format.type())
        .put("status", r.status())
        .put("publishedAt", r.publishedAt() == null ? null : r.publishedAt().toString())
        .put("hidden", b.hidden)
        .put("round", r.round())
        .put("roundName", r.spec().name())
        .put("rounds", roundList)
        .put("tieBreaks", new JsonArray(b.format.tieBreaks()));
    describe(b.format, out);
    JsonArray rows = new JsonArray();
    if (b.hidden) {
      // Hidden results leave the topic entirely, so a spectator who subscribed before the organiser
      // hid them sees nothing more; staff review them through getScoreReview.
      return out.put("rows", rows);
    }
    if (r.table() != null) {
      for (HeadToHead.Standing s : r.table()) {
        rows.add(row(b, r, s));
      }
    } else {
      for (Standings.Line l : r.lines()) {
        rows.add(row(b, r, l));
      }
    }
    return out.put("rows", rows);
  }

  /** Whether the current round's rows show heats (one of the things a row's JSON depends on beside its line). */
  static boolean multiHeat(Board.RoundView r) {
    return r.spec().heatSize() > 0 && r.field().size() > r.spec().heatSize();
  }

  /** One head-to-head table row of the board's current round. */
  static JsonObject row(Board b, HeadToHead.Standing s) {
    return row(b, b.currentRound(), s);
  }

  private static JsonObject row(Board b, Board.RoundView r, HeadToHead.Standing s) {
    JsonObject row = base(b, s.entryId(), r, multiHeat(r)).put("rank", s.rank()).put("result", String.valueOf(s.points()))
        .put("status", "OK").put("complete", true)
        .put("played", s.played()).put("won", s.won()).put("drawn", s.drawn()).put("lost", s.lost())
        .put("scoreFor", s.scoreFor()).put("scoreAgainst", s.scoreAgainst()).put("points", s.points())
        .put("buchholz", s.buchholz()).put("decidedBy", s.decidedBy()).put("tied", s.tied());
    if (b.finalOfficial() && r == b.currentRound()) {
      row.put("teamPoints", b.format.common().pointsFor(s.rank()));
    }
    return row;
  }

  /** One standings row (judged, timed, measured, combined) of the board's current round, with its work. */
  static JsonObject row(Board b, Standings.Line l) {
    return row(b, b.currentRound(), l);
  }

  private static JsonObject row(Board b, Board.RoundView r, Standings.Line l) {
    JsonObject row = base(b, l.entryId(), r, multiHeat(r)).put("rank", l.rank())
        .put("result", l.result() == null ? null : l.result().toPlainString()).put("status", l.status())
        .put("complete", l.complete()).put("marks", l.have()).put("need", l.need())
        .put("decidedBy", l.decidedBy()).put("tied", l.tied());
    work(b, l, row);
    if (r.official() && r.spec().advance() != null) {
      row.put("advancing", r.advancing().contains(l.entryId()));
    }
    if (b.finalOfficial() && r == b.currentRound() && l.rank() != null) {
      row.put("teamPoints", b.format.common().pointsFor(l.rank()));
    }
    return row;
  }

  /** What a page needs to know of the format to show results: kind, decimals, attempts, formula. */
  static void describe(Format f, JsonObject out) {
    out.put("decimals", f.decimals());
    if (f instanceof JudgedFormat j) {
      out.put("judges", j.judges()).put("aggregate", j.aggregate().name().toLowerCase()).put("trim", j.trim())
          .put("attempts", j.attempts()).put("combine", j.combine().key())
          .put("difficulty", j.difficulty().kind().name().toLowerCase());
      if (j.weighted()) {
        JsonArray criteria = new JsonArray();
        j.criteria().forEach(c -> criteria.add(new JsonObject().put("name", c.name()).put("weight", plain(c.weight()))));
        out.put("criteria", criteria);
      }
    } else if (f instanceof AttemptFormat a) {
      out.put("attempts", a.attempts()).put("aggregate", a.aggregate().name().toLowerCase())
          .put("lowerIsBetter", a.lowerIsBetter());
      if (a.cutoff() != null) {
        out.put("cutoff", new JsonObject().put("attempts", a.cutoff().attempts()).put("beat", plain(a.cutoff().beat())));
      }
      if (a.timeLimit() != null) {
        out.put("timeLimit", plain(a.timeLimit()));
      }
      if (a.rounding() != null) {
        out.put("rounding", new JsonObject().put("over", plain(a.rounding().over())).put("unit", plain(a.rounding().unit())));
      }
    } else if (f instanceof CombinedFormat c) {
      out.put("attempts", c.attempts()).put("combine", c.combine().key()).put("formula", formula(c));
    } else if (f instanceof HeadToHeadFormat h) {
      out.put("points", new JsonObject().put("win", h.win()).put("draw", h.draw()).put("loss", h.loss()));
    }
  }

  /** The combined formula as data (for the page to render in its language) and as one line of text. */
  static JsonObject formula(CombinedFormat c) {
    JsonArray parts = new JsonArray();
    for (Part p : c.parts()) {
      JsonObject part = new JsonObject().put("name", p.name()).put("label", p.label()).put("input", p.input().name().toLowerCase())
          .put("weight", plain(c.weight(p).abs())).put("deduction", p.deduction()).put("unit", p.unit());
      Part.Conversion conv = p.points();
      if (conv.kind() == Part.Conversion.Kind.LINEAR) {
        part.put("points", new JsonObject().put("kind", "linear").put("at", plain(conv.at())).put("base", plain(conv.base()))
            .put("per", plain(conv.per())).put("floor", plain(conv.floor())).put("cap", plain(conv.cap())));
      } else if (conv.kind() == Part.Conversion.Kind.TABLE) {
        JsonArray steps = new JsonArray();
        conv.steps().forEach(s -> steps.add(new JsonObject().put(conv.timed() ? "upTo" : "atLeast", plain(s.threshold()))
            .put("points", plain(s.points()))));
        part.put("points", new JsonObject().put("kind", "table").put("steps", steps));
      }
      if (p.panel() != null) {
        part.put("judges", p.panel().judges()).put("aggregate", p.panel().aggregate().name().toLowerCase())
            .put("trim", p.panel().trim());
        if (p.panel().weighted()) {
          // A practical task marked on weighted criteria: the board shows how the part's points are made.
          JsonArray criteria = new JsonArray();
          p.panel().criteria().forEach(k -> criteria.add(new JsonObject().put("name", k.name()).put("weight", plain(k.weight()))));
          part.put("criteria", criteria);
        }
      }
      parts.add(part);
    }
    return new JsonObject().put("kind", c.formula().kind().name().toLowerCase()).put("text", c.formulaText()).put("parts", parts);
  }

  /** The attempts behind a line, its best single and the records it beats. */
  static void work(Board b, Standings.Line l, JsonObject row) {
    Work w = l.work();
    int decimals = b.format.decimals();
    if (w.best() != null) {
      row.put("best", w.best().toPlainString());
    }
    if (!w.attempts().isEmpty()) {
      JsonArray attempts = new JsonArray();
      for (Work.AttemptWork a : w.attempts()) {
        JsonObject aj = new JsonObject().put("attempt", a.attempt()).put("status", a.status()).put("counting", a.counting());
        if (a.value() != null) {
          aj.put("value", shown(a.value(), decimals));
        }
        if (a.score() != null) {
          aj.put("score", a.score().toPlainString());
        }
        if (a.overLimit()) {
          aj.put("overLimit", true);
        }
        if (a.code() != null) {
          aj.put("code", a.code());
        }
        if (a.difficulty() != null) {
          aj.put("difficulty", plain(a.difficulty()));
        }
        if (!a.marks().isEmpty()) {
          aj.put("marks", marks(b, a.marks()));
        }
        if (!a.parts().isEmpty()) {
          JsonArray parts = new JsonArray();
          for (Work.PartWork p : a.parts()) {
            JsonObject pj = new JsonObject().put("name", p.name())
                .put("value", p.value() == null ? null : plain(p.value()))
                .put("points", p.points() == null ? null : p.points().toPlainString());
            if (!p.marks().isEmpty()) {
              pj.put("marks", marks(b, p.marks()));
            }
            parts.add(pj);
          }
          aj.put("parts", parts);
        }
        attempts.add(aj);
      }
      row.put("attempts", attempts);
    }
    List<Records.Held> beaten = b.recordsBeaten(l);
    if (!beaten.isEmpty()) {
      JsonArray records = new JsonArray();
      beaten.forEach(h -> records.add(new JsonObject().put("id", h.id()).put("kind", h.kind())
          .put("basis", h.basis().name().toLowerCase()).put("division", h.division()).put("previous", plain(h.value()))
          .put("holder", h.holder())));
      row.put("records", records);
    }
  }

  private static JsonArray marks(Board b, List<Work.MarkWork> marks) {
    boolean criteria = marks.stream().map(Work.MarkWork::criterion).distinct().count() > 1
        || marks.stream().anyMatch(m -> !JudgedFormat.SINGLE.equals(m.criterion()));
    JsonArray out = new JsonArray();
    for (Work.MarkWork m : marks) {
      JsonObject mj = new JsonObject().put("judge", b.seats.getOrDefault(m.judgeId(), 0)).put("value", plain(m.value()))
          .put("dropped", m.dropped());
      if (criteria) {
        mj.put("criterion", m.criterion());
      }
      out.add(mj);
    }
    return out;
  }

  private static JsonObject base(Board b, long entryId, Board.RoundView r, boolean multiHeat) {
    Board.Entry e = b.entries.get(entryId);
    JsonObject row = new JsonObject().put("id", entryId).put("name", e.name()).put("unit", e.unit()).put("unitId", e.unitId());
    if (e.division() != null) {
      row.put("division", e.division());
    }
    if (multiHeat) {
      row.put("heat", r.heats().get(entryId));
    }
    if (b.correctedAfterPublication.contains(entryId)) {
      row.put("correctedAfterPublication", true);
    }
    return row;
  }

  /** A value as entered, without padding zeros (9.3500 -> 9.35); null stays null. */
  static String plain(BigDecimal v) {
    return ScoreRow.plain(v);
  }

  /** A time or distance shown with at least the format's decimals (12.3 -> 12.30), never fewer than entered. */
  static String shown(BigDecimal v, int decimals) {
    BigDecimal s = v.stripTrailingZeros();
    return (s.scale() < decimals ? s.setScale(decimals) : s).toPlainString();
  }
}
