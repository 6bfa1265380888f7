package gala.scoring.rules;

import static gala.scoring.rules.Maps.m;
import static gala.scoring.rules.Maps.panel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.scoring.rules.Standings.JudgedAttempt;
import gala.scoring.rules.Standings.Line;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Best of three runs, each run judged by six judges whose highest and lowest marks are dropped and
 * the other four averaged: the men's snowboard halfpipe final of Beijing 2022 (11 February 2022).
 * Published: Ayumu Hirano 33.75 (fall), 91.75, then 96.00 in run 3 for gold; Scotty James 92.50 in
 * run 2 (silver); Jan Scherrer 87.25 in his second run (bronze) (urdupoint.com/Xinhua, 7news.com.au,
 * rafu.com/Kyodo). One judge gave Hirano's second run 89 (uavtechnology.net). The other marks are
 * chosen to give the published run scores.
 */
class HalfpipeTest {

  static final JudgedFormat FORMAT = JudgedFormat.parse(m("type", "judged", "aggregate", "trimmed_mean", "judges", 6,
      "trim", 1, "min", 0, "max", 100, "decimals", 2, "attempts", 3, "combine", "best"));

  private static Standings.Judged rider(long id, String[]... runs) {
    List<JudgedAttempt> attempts = new java.util.ArrayList<>();
    for (int i = 0; i < runs.length; i++) {
      attempts.add(new JudgedAttempt(i + 1, panel(runs[i]), null));
    }
    return new Standings.Judged(id, attempts);
  }

  @Test
  void theBestOfThreeRunsCountsAndTheRunsAreShown() {
    Standings.Judged hirano = rider(1,
        new String[] {"35", "33", "34", "34", "34", "32"},          // 33.75: (33 + 34 + 34 + 34) / 4
        new String[] {"92", "89", "92", "91", "92", "93"},          // 91.75: the 89 and a 93 dropped
        new String[] {"96", "96", "95", "96", "96", "98"});         // 96.00
    Standings.Judged james = rider(2,
        new String[] {"80", "81", "79", "80", "80", "82"},
        new String[] {"93", "92", "92", "93", "91", "94"},          // 92.50
        new String[] {"15", "16", "14", "15", "15", "17"});
    Standings.Judged scherrer = rider(3,
        new String[] {"40", "41", "40", "39", "40", "42"},
        new String[] {"87", "88", "87", "87", "86", "88"},          // 87.25
        new String[] {"30", "30", "31", "29", "30", "30"});
    List<Line> lines = Standings.judgedAttempts(FORMAT, List.of(james, scherrer, hirano));
    assertEquals(List.of(1L, 2L, 3L), lines.stream().map(Line::entryId).toList());
    assertEquals(List.of("96.00", "92.50", "87.25"), lines.stream().map(l -> l.result().toPlainString()).toList());
    Line h = lines.get(0);
    assertEquals(List.of("33.75", "91.75", "96.00"),
        h.work().attempts().stream().map(a -> a.score().toPlainString()).toList());
    assertEquals(List.of(false, false, true), h.work().attempts().stream().map(Work.AttemptWork::counting).toList(),
        "only the best run counts");
    // Run 2: 92 89 92 91 92 93: the lowest (89) and the highest (93) are struck.
    assertEquals(List.of(false, true, false, false, false, true),
        h.work().attempts().get(1).marks().stream().map(Work.MarkWork::dropped).toList());
  }

  @Test
  void afterTwoRunsTheBestSoFarLeads() {
    Standings.Judged hirano = rider(1, new String[] {"35", "33", "34", "34", "34", "32"},
        new String[] {"92", "89", "92", "91", "92", "93"});
    Standings.Judged james = rider(2, new String[] {"80", "81", "79", "80", "80", "82"},
        new String[] {"93", "92", "92", "93", "91", "94"});
    List<Line> lines = Standings.judgedAttempts(FORMAT, List.of(hirano, james));
    assertEquals(2L, lines.get(0).entryId(), "James 92.50 led Hirano 91.75 before the third run");
    assertEquals("92.50", lines.get(0).result().toPlainString());
    assertEquals(false, lines.get(0).complete());
    assertEquals(2, lines.get(0).have());
    assertEquals(3, lines.get(0).need());
  }
}
