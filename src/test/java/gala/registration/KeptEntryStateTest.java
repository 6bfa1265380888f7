package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the database keeps beside the entries (V11_3, V11_30, V11_31), kept by triggers for every
 * writer: the counts admission reads (competition_entry_counts, unit_entry_counts), every confirmed
 * entry's bib, and the events each person has entries in (person_events). After registrations in
 * multi-row batches, an import, withdrawals with promotions, check-ins and plain SQL that moves,
 * re-owns and deletes entries, each must equal what the entries table itself says.
 */
class KeptEntryStateTest {
  static DbLocation db;
  static Gala gala;
  static Api api;
  static Reg reg;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.fresh();
    gala = TestGala.start(db);
    api = new Api(gala.port());
    reg = new Reg(api);
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(gala);
  }

  @Test
  void keptCountsBibsAndPeoplesEventsFollowEveryWriter() throws Exception {
    String organiser = Api.token(reg.signup("org@kept.test", "organiser", null));
    long event = api.createEvent(organiser, "职工运动会");
    long unit = api.createUnit(organiser, event, "市供电局");
    long small = reg.competition(organiser, event, new JsonObject().put("name", "象棋").put("capacity", 3));
    long large = reg.competition(organiser, event, new JsonObject().put("name", "围棋").put("capacity", 40));
    List<String> people = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      people.add(Api.token(reg.signup("p" + i + "@kept.test", "participant", null)));
    }
    // Everyone at once into both: batches of several rows, waitlists behind the small one.
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Response>> sent = new ArrayList<>();
    for (String person : people) {
      for (long competition : List.of(small, large)) {
        sent.add(pool.submit(() -> reg.register(person, competition, new JsonObject())));
      }
    }
    List<Long> smallEntries = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      Response r = sent.get(i).get();
      assertEquals(201, r.status(), r.text());
      if (i % 2 == 0) {
        smallEntries.add(r.json().getLong("id"));
      }
    }
    pool.shutdown();
    Response imported = reg.importCsv(organiser, event, unit,
        "姓名,性别,出生日期,项目\n王芳,女,1990-05-17,象棋\n李娜,女,1991-03-08,围棋\n王芳,女,1990-05-17,围棋\n"
            .getBytes(StandardCharsets.UTF_8));
    assertEquals(202, imported.status(), imported.text());
    assertEquals("DONE", reg.awaitImport(organiser, imported.json().getLong("id")).getString("status"));
    // Withdrawals promote from the waitlist; a check-in.
    for (long entry : smallEntries.subList(0, 2)) {
      assertEquals(200, reg.deleteOnce("/api/v1/entries/" + entry, organiser).status());
    }
    long confirmed = reg.entries(small, "status=CONFIRMED").getJsonObject(0).getLong("id");
    Response in = api.post("/api/v1/checkins", organiser, new JsonObject().put("entryId", confirmed).put("competitionId", small)
        .encode(), UUID.randomUUID().toString());
    assertEquals(200, in.status(), in.text());
    assertKeptStateMatchesTheEntries();

    // Any SQL: an entry moved to another unit, one re-owned by someone else, one deleted outright.
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE entries SET unit_id = " + unit + " WHERE id = (SELECT min(id) FROM entries WHERE competition_id = "
          + large + " AND unit_id IS NULL)");
      s.executeUpdate("UPDATE entries SET owner_id = (SELECT id FROM users WHERE email = 'org@kept.test') "
          + "WHERE id = (SELECT max(id) FROM entries WHERE competition_id = " + large + " AND owner_id IS NOT NULL)");
      s.executeUpdate("DELETE FROM entry_members WHERE entry_id IN (SELECT id FROM entries WHERE competition_id = " + large
          + " ORDER BY id DESC LIMIT 2)");
      s.executeUpdate("DELETE FROM entries WHERE id IN (SELECT id FROM entries WHERE competition_id = " + large
          + " ORDER BY id DESC LIMIT 2)");
    }
    assertKeptStateMatchesTheEntries();
  }

  private static void assertKeptStateMatchesTheEntries() throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()); Statement s = c.createStatement()) {
      assertEquals(0, count(s, "SELECT count(*) FROM competitions c LEFT JOIN competition_entry_counts k ON k.competition_id = c.id "
          + "CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE status IN ('CONFIRMED', 'CHECKED_IN')) AS confirmed, "
          + "count(*) FILTER (WHERE status = 'WAITLISTED') AS waitlisted, count(*) FILTER (WHERE status = 'CHECKED_IN') AS checked_in "
          + "FROM entries e WHERE e.competition_id = c.id) n WHERE coalesce(k.confirmed, 0) <> n.confirmed "
          + "OR coalesce(k.waitlisted, 0) <> n.waitlisted OR coalesce(k.checked_in, 0) <> n.checked_in"),
          "every competition's kept counts are its entries' counts");
      assertEquals(0, count(s, "SELECT count(*) FROM (SELECT competition_id, unit_id, count(*) AS live FROM entries "
          + "WHERE unit_id IS NOT NULL AND status <> 'WITHDRAWN' GROUP BY 1, 2) e FULL JOIN (SELECT * FROM unit_entry_counts "
          + "WHERE live <> 0) k USING (competition_id, unit_id) WHERE e.live IS DISTINCT FROM k.live"),
          "every unit's kept count is its live entries' count");
      assertEquals(0, count(s, "SELECT count(*) FROM entries WHERE status IN ('CONFIRMED', 'CHECKED_IN') AND bib IS NULL"),
          "every confirmed entry has a bib");
      assertEquals(0, count(s, "SELECT count(*) FROM (SELECT person_key FROM (SELECT DISTINCT m.person_key, e.bib FROM entries e "
          + "JOIN entry_members m ON m.entry_id = e.id JOIN competitions c ON c.id = e.competition_id WHERE e.bib IS NOT NULL "
          + "AND c.entry_type = 'individual') x GROUP BY person_key HAVING count(*) > 1) y"), "one bib per person");
      assertEquals(0, count(s, "SELECT count(*) FROM entries e JOIN competitions c ON c.id = e.competition_id "
          + "CROSS JOIN LATERAL (VALUES (e.owner_id), (e.user_id)) p(uid) WHERE p.uid IS NOT NULL AND NOT EXISTS "
          + "(SELECT 1 FROM person_events pe WHERE pe.user_id = p.uid AND pe.event_id = c.event_id)"),
          "every entry's person and owner are known to have entries in its event");
      assertTrue(count(s, "SELECT count(*) FROM entries WHERE status = 'WAITLISTED'") > 0, "the sequence kept a waitlist");
      assertTrue(count(s, "SELECT count(*) FROM entries WHERE status = 'CHECKED_IN'") > 0, "the sequence checked someone in");
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
