package gala.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.BrowserTestBase;
import gala.testing.Chromium;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public scoreboard of a 5,500-athlete competition in Chromium, kept live by web/js/live-table.js:
 * a judge's mark changes that athlete's row (and moves it to the top) while the other 5,499 rows stay
 * the very same DOM nodes, untouched; and after the phone was offline long enough that the log no
 * longer reaches back, the resume's snapshot brings the page to exactly the server's standings.
 * The node keeps no deltas behind a checkpoint (--topic-log-retention=0), so the resume really is
 * served by a snapshot.
 */
class LiveListBrowserTest extends BrowserTestBase {
  static final int ATHLETES = 5500;
  static final double LONG_MS = 90_000;

  @BeforeAll
  static void start() {
    startGalaWith("--topic-log-retention=0");
    organiser = Api.token(api.signup("org-" + UUID.randomUUID() + "@example.com", "organiser"));
    eventId = api.createEvent(organiser, "City games");
  }

  @Test
  void aMarkChangesOneRowOfFiveThousandAndAResumeSnapshotShowsTheExactStandings() throws Exception {
    long competition = api.createJudgedCompetition(organiser, eventId, "Rope skipping", 6000, 1);
    Reg reg = new Reg(api);
    StringBuilder csv = new StringBuilder("name,competition\n");
    for (int i = 0; i < ATHLETES; i++) {
      csv.append("Athlete ").append(i).append(",Rope skipping\n");
    }
    Api.Response started = reg.importCsv(organiser, eventId, null, csv.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(202, started.status(), started.text());
    JsonObject job = reg.awaitImport(organiser, started.json().getLong("id"));
    assertEquals(ATHLETES, job.getInteger("imported"), job.encode());
    JsonObject judgeSession = api.signup("judge-" + UUID.randomUUID() + "@example.com", "participant");
    String judge = Api.token(judgeSession);
    api.assignJudge(organiser, competition, Api.userId(judgeSession));
    List<Long> ids = new ArrayList<>();
    for (Object o : Api.rows(api.scoreboard(competition))) {
      ids.add(((JsonObject) o).getLong("id"));
    }
    assertEquals(ATHLETES, ids.size());

    // Every frame the page's sockets receive, in the page: its type, topic and the ids a delta upserted.
    page.addInitScript("(() => { const Plain = window.WebSocket; window.__frames = [];"
        + " window.WebSocket = class extends Plain { constructor(...a) { super(...a);"
        + "   this.addEventListener('message', (e) => { const m = JSON.parse(e.data);"
        + "     const up = (((m.data || {}).lists || {}).rows || {}).upsert || [];"
        + "     const pa = (((m.data || {}).lists || {}).rows || {}).patch || [];"
        + "     window.__frames.push({ type: m.type, topic: m.topic, version: m.version, upsert: m.type === 'delta' ? up.map((r) => String(r.id)) : [],"
        + "       patch: m.type === 'delta' ? pa.map((r) => String(r.id)) : [] }); }); } }; })()");
    page.navigate(url("/scoreboard.html?competition=" + competition + "&lang=en"));
    Locator rows = page.locator("#rows tr[data-entry-id]");
    assertThat(rows).hasCount(ATHLETES, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(LONG_MS));
    assertThat(page.locator("#live-state")).hasAttribute("data-state", "live", ATTR);
    waitFor(page, "document.querySelector('#version').dataset.version !== undefined");
    // Every row element is marked, and every write into the table from now on is recorded by row.
    page.evaluate("() => { window.__touched = new Set();"
        + " document.querySelectorAll('#rows tr[data-entry-id]').forEach((tr) => { tr.__mark = tr.dataset.entryId; });"
        + " const body = document.getElementById('rows');"
        + " new MutationObserver((records) => { for (const r of records) {"
        + "   if (r.target === body) { [...r.addedNodes, ...r.removedNodes].forEach((n) => window.__touched.add(n.dataset?.entryId)); continue; }"
        + "   const el = r.target.nodeType === 3 ? r.target.parentElement : r.target;"
        + "   const tr = el && el.closest('tr[data-entry-id]'); if (tr) window.__touched.add(tr.dataset.entryId); } })"
        + " .observe(body, { childList: true, subtree: true, attributes: true, characterData: true }); }");

    long middle = ids.get(ATHLETES / 2);
    page.evaluate("() => { window.__frames = []; }");
    assertEquals(201, api.submitScore(judge, competition, middle, "9.5", UUID.randomUUID().toString()).status());
    Locator changed = page.locator("#rows tr[data-entry-id='" + middle + "']");
    assertThat(changed.locator("td.result")).hasText("9.50", TEXT);
    assertThat(changed).hasAttribute("data-rank", "1", ATTR);
    assertThat(page.locator("#rows tr").first()).hasAttribute("data-entry-id", String.valueOf(middle), ATTR);

    // What the server said changed: the rows its delta upserted (the marked athlete; no rank moved).
    JsonArray upserted = new JsonArray((String) page.evaluate("(topic) => JSON.stringify(window.__frames"
        + ".filter((f) => f.type === 'delta' && f.topic === topic).flatMap((f) => f.upsert))", "scoreboard:" + competition));
    assertEquals(new JsonArray().add(String.valueOf(middle)), upserted, "the delta carries the one changed row");
    JsonObject dom = new JsonObject((String) page.evaluate("() => JSON.stringify({"
        + " touched: [...window.__touched],"
        + " rows: document.querySelectorAll('#rows tr[data-entry-id]').length,"
        + " sameNodes: [...document.querySelectorAll('#rows tr[data-entry-id]')].filter((tr) => tr.__mark === tr.dataset.entryId).length })"));
    assertEquals(new JsonArray().add(String.valueOf(middle)), dom.getJsonArray("touched"), "only the changed row was written: " + dom);
    assertEquals(ATHLETES, dom.getInteger("rows"));
    assertEquals(ATHLETES, dom.getInteger("sameNodes"), "every row is still the element it was");

    // A better mark for another athlete: its row comes whole, the first one's place alone (a patch of
    // its rank), and the page writes those two rows and no other.
    long better = ids.get(ATHLETES / 3);
    page.evaluate("() => { window.__frames = []; window.__touched = new Set(); }");
    assertEquals(201, api.submitScore(judge, competition, better, "9.8", UUID.randomUUID().toString()).status());
    assertThat(page.locator("#rows tr").first()).hasAttribute("data-entry-id", String.valueOf(better), ATTR);
    assertThat(changed).hasAttribute("data-rank", "2", ATTR);
    assertThat(changed.locator("td.result")).hasText("9.50", TEXT);
    JsonObject sent = new JsonObject((String) page.evaluate("(topic) => { const fs = window.__frames.filter((f) => f.type === 'delta' && f.topic === topic);"
        + " return JSON.stringify({ upsert: fs.flatMap((f) => f.upsert), patch: fs.flatMap((f) => f.patch) }); }", "scoreboard:" + competition));
    assertEquals(new JsonArray().add(String.valueOf(better)), sent.getJsonArray("upsert"), "the marked row, whole: " + sent);
    assertEquals(new JsonArray().add(String.valueOf(middle)), sent.getJsonArray("patch"), "the moved row, its place alone: " + sent);
    JsonArray touched = new JsonArray((String) page.evaluate("() => JSON.stringify([...window.__touched].sort())"));
    assertEquals(new JsonArray(java.util.stream.Stream.of(String.valueOf(better), String.valueOf(middle)).sorted().toList()), touched,
        "only the two rows were written");

    // Offline while the judge goes on; the log is checkpointed past the page's version meanwhile.
    long pageVersion = Long.parseLong(page.locator("#version").getAttribute("data-version"));
    context.setOffline(true);
    waitFor(page, "document.querySelector('#live-state').dataset.state !== 'live'");
    String topic = "scoreboard:" + competition;
    List<Long> scored = new ArrayList<>();
    for (int k = 0; k < 200 && !logTrimmedPast(topic, pageVersion); k++) {
      long entry = ids.get(k * 7);
      String value = String.format(java.util.Locale.ROOT, "%.2f", 9.0 - k * 0.01);
      assertEquals(201, api.submitScore(judge, competition, entry, value, UUID.randomUUID().toString()).status());
      scored.add(entry);
    }
    assertTrue(logTrimmedPast(topic, pageVersion), "the log no longer reaches back to the page's version");
    String before = (String) page.evaluate("() => JSON.stringify([navigator.onLine, document.querySelector('#live-state').dataset.state, window.__frames.map((f) => [f.type, f.version])])");
    page.evaluate("() => { window.__touched = new Set(); window.__frames = []; }");
    context.setOffline(false);

    // The resume is answered by a snapshot, and the page shows exactly the server's standings.
    JsonArray truth = Api.rows(api.scoreboard(competition));
    long last = truth.getJsonObject(0).getLong("id");
    waitFor(page, "Number(document.querySelector('#version').dataset.version) >= " + (pageVersion + scored.size()));
    assertEquals(Boolean.TRUE, page.evaluate("(topic) => window.__frames.some((f) => f.type === 'snapshot' && f.topic === topic)", topic),
        () -> "the resume came as a snapshot: pageVersion " + pageVersion + " scored " + scored.size() + " before " + before + " after " + page.evaluate("() => JSON.stringify(window.__frames.map((f) => [f.type, f.topic, f.version]))"));
    assertThat(page.locator("#rows tr").first()).hasAttribute("data-entry-id", String.valueOf(last), ATTR);
    JsonArray shown = new JsonArray((String) page.evaluate("() => JSON.stringify([...document.querySelectorAll('#rows tr[data-entry-id]')]"
        + ".map((tr) => [tr.dataset.entryId, tr.dataset.rank || null, tr.querySelector('td.result').textContent,"
        + " tr.__mark === tr.dataset.entryId]))"));
    assertEquals(truth.size(), shown.size());
    int kept = 0;
    for (int i = 0; i < truth.size(); i++) {
      JsonObject row = truth.getJsonObject(i);
      JsonArray cell = shown.getJsonArray(i);
      assertEquals(String.valueOf(row.getValue("id")), cell.getString(0), "row " + i + " in the server's order");
      assertEquals(row.getValue("rank") == null ? null : String.valueOf(row.getValue("rank")), cell.getString(1), "rank of row " + i);
      if (row.getString("result") != null) {
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(row.getString("result"))), cell.getString(2));
      }
      if (cell.getBoolean(3)) {
        kept++;
      }
    }
    assertEquals(ATHLETES, kept, "the snapshot updated rows in place: no row was replaced by a new element");
    assertEquals(scored.size() + 2, Api.rows(api.scoreboard(competition)).stream() // + middle and better
        .filter(o -> ((JsonObject) o).getValue("rank") != null).count());
  }

  /** Whether the topic's log lacks the delta right after {@code version} (a resume from it needs a snapshot). */
  private static boolean logTrimmedPast(String topic, long version) throws Exception {
    return gala.database().pool().preparedQuery("SELECT t.version > $2 AND NOT EXISTS (SELECT 1 FROM topic_log l "
            + "WHERE l.topic = t.name AND l.version = $2 + 1) FROM topics t WHERE t.name = $1")
        .execute(Tuple.of(topic, version))
        .map(rs -> rs.iterator().next().getBoolean(0))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
