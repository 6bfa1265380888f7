package gala.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.Gala;
import gala.platform.DbLocation;
import gala.platform.ShortCodes;
import gala.registration.rules.CheckinCodes;
import gala.testing.Api;
import gala.testing.LockWaits;
import gala.testing.Api.Response;
import gala.testing.LiveClient;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Short check-in codes and bibs for every entry (imported ones too), the door's search, and the other-competition refusal. */
@ExtendWith(VertxExtension.class)
class CheckinCodesApiTest {
  static DbLocation db;
  static Gala gala;
  static Api api;
  static Reg reg;
  static String organiser;
  static long event;
  static long unit;

  @BeforeAll
  static void setUp() {
    db = TestDatabase.fresh();
    gala = TestGala.start(db);
    api = new Api(gala.port());
    reg = new Reg(api);
    organiser = Api.token(reg.signup("org@door.test", "organiser", null));
    event = api.createEvent(organiser, "市职工运动会");
    unit = api.createUnit(organiser, event, "市交通局");
  }

  @AfterAll
  static void tearDown() {
    TestGala.stop(gala);
  }

  static Response checkIn(JsonObject body) {
    return api.post("/api/v1/checkins", organiser, body.encode(), UUID.randomUUID().toString());
  }

  static JsonObject byName(JsonArray entries, String name) {
    return entries.stream().map(o -> (JsonObject) o).filter(e -> e.getString("displayName").equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + entries.encode()));
  }

  @Test
  void importedAthletesGetShortCodesAndBibsAndAreCheckedInByTypedCodeSearchOrButton(Vertx vertx) {
    long rope = reg.competition(organiser, event, new JsonObject().put("name", "跳绳"));
    long tug = reg.competition(organiser, event, new JsonObject().put("name", "拔河"));
    String csv = "姓名,性别,出生日期,项目\n王芳,女,1990-05-17,跳绳\n李娜,女,1991-03-08,跳绳\n王芳,女,1990-05-17,拔河\n张伟,男,1988-01-01,拔河\n";
    Response started = reg.importCsv(organiser, event, unit, csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(202, started.status(), started.text());
    assertEquals("DONE", reg.awaitImport(organiser, started.json().getLong("id")).getString("status"));

    JsonArray ropeEntries = api.get("/api/v1/competitions/" + rope + "/entries", organiser).json().getJsonArray("items");
    JsonArray tugEntries = api.get("/api/v1/competitions/" + tug + "/entries", organiser).json().getJsonArray("items");
    JsonObject wang = byName(ropeEntries, "王芳");
    JsonObject li = byName(ropeEntries, "李娜");
    JsonObject zhang = byName(tugEntries, "张伟");
    Set<String> codes = new HashSet<>();
    Set<Integer> bibs = new HashSet<>();
    for (JsonObject e : new JsonObject[] {wang, li, zhang}) {
      assertTrue(ShortCodes.wellFormed(e.getString("checkinCode"), 6), e.encode());
      codes.add(e.getString("checkinCode"));
      assertNotNull(e.getInteger("bib"), "an imported athlete has a bib: " + e.encode());
      bibs.add(e.getInteger("bib"));
    }
    assertEquals(3, codes.size());
    assertEquals(3, bibs.size(), "different people, different bibs");
    assertEquals(wang.getInteger("bib"), byName(tugEntries, "王芳").getInteger("bib"), "one person keeps one bib in the event");
    assertNotEquals(wang.getString("checkinCode"), byName(tugEntries, "王芳").getString("checkinCode"), "a code per entry");

    JsonArray anonymous = api.get("/api/v1/competitions/" + rope + "/entries", null).json().getJsonArray("items");
    assertNull(byName(anonymous, "王芳").getString("checkinCode"), "codes only for organisers");
    assertEquals(wang.getInteger("bib"), byName(anonymous, "王芳").getInteger("bib"));

    // The door's search: name, bib, code.
    assertEquals(1, api.get("/api/v1/competitions/" + rope + "/entries?q=" + wang.getInteger("bib"), organiser).json()
        .getJsonArray("items").size());
    String code = wang.getString("checkinCode");
    JsonArray byCode = api.get("/api/v1/competitions/" + rope + "/entries?q=" + code.toLowerCase(), organiser).json()
        .getJsonArray("items");
    assertEquals(wang.getLong("id"), byCode.getJsonObject(0).getLong("id"));

    try (LiveClient live = LiveClient.connect(vertx, gala.port())) {
      live.send(new JsonObject().put("op", "auth").put("token", organiser));
      live.next();
      live.subscribe("entries:" + rope, null);
      JsonObject row = live.next().getJsonObject("data").getJsonArray("rows").stream().map(o -> (JsonObject) o)
          .filter(r -> r.getLong("id").equals(wang.getLong("id"))).findFirst().orElseThrow();
      assertEquals(code, row.getString("checkinCode"));
      assertEquals(wang.getInteger("bib"), row.getInteger("bib"));
    }

    // A 拔河 code typed on the 跳绳 page names the competition and checks in nobody.
    Response elsewhere = checkIn(new JsonObject().put("code", zhang.getString("checkinCode")).put("competitionId", rope));
    assertEquals(409, elsewhere.status(), elsewhere.text());
    assertEquals("CHECKIN_OTHER_COMPETITION", elsewhere.errorCode());
    JsonObject details = elsewhere.json().getJsonObject("error").getJsonObject("details");
    assertEquals("拔河", details.getString("competition"));
    assertEquals(tug, details.getLong("competitionId"));
    assertEquals("CONFIRMED", api.get("/api/v1/entries/" + zhang.getLong("id"), null).json().getString("status"));

    // Typed as people type: lower case, a dash, full-width letters from a Chinese keyboard.
    String typed = code.substring(0, 3).toLowerCase() + "-" + toFullWidth(code.substring(3));
    Response first = checkIn(new JsonObject().put("code", typed).put("competitionId", rope));
    assertEquals(200, first.status(), first.text());
    assertFalse(first.json().getBoolean("alreadyCheckedIn"));
    assertEquals("CHECKED_IN", first.json().getJsonObject("entry").getString("status"));
    Response again = checkIn(new JsonObject().put("code", code));
    assertTrue(again.json().getBoolean("alreadyCheckedIn"));
    assertEquals(first.json().getString("checkedInAt"), again.json().getString("checkedInAt"));

    // The list's button: by entry id.
    Response button = checkIn(new JsonObject().put("entryId", li.getLong("id")).put("competitionId", rope));
    assertEquals(200, button.status(), button.text());
    assertEquals("CHECKED_IN", button.json().getJsonObject("entry").getString("status"));
    assertEquals("CODE_OR_ENTRY_REQUIRED", checkIn(new JsonObject().put("competitionId", rope)).errorCode());
    assertEquals(404, checkIn(new JsonObject().put("entryId", 999999)).status());
    String stranger = Api.token(reg.signup("stranger@door.test", "organiser", null));
    assertEquals(403, api.post("/api/v1/checkins", stranger, new JsonObject().put("code", zhang.getString("checkinCode")).encode(),
        UUID.randomUUID().toString()).status());
  }

  @Test
  void bibsFollowThePersonAreGivenOnConfirmationAndOrganisersMaySetThem() throws Exception {
    long small = reg.competition(organiser, event, new JsonObject().put("name", "象棋").put("capacity", 1));
    long other = reg.competition(organiser, event, new JsonObject().put("name", "围棋"));
    JsonObject first = reg.signup("first@door.test", "participant", null);
    JsonObject second = reg.signup("second@door.test", "participant", null);
    JsonObject a = reg.register(Api.token(first), small, new JsonObject()).json();
    JsonObject b = reg.register(Api.token(second), small, new JsonObject()).json();
    assertNotNull(a.getInteger("bib"));
    assertEquals("WAITLISTED", b.getString("status"));
    assertNull(b.getInteger("bib"), "no bib on the waitlist");
    assertNull(b.getString("checkinCode"));
    assertTrue(ShortCodes.wellFormed(a.getString("checkinCode"), 6), "the registrant sees their own code");
    JsonObject same = reg.register(Api.token(first), other, new JsonObject()).json();
    assertEquals(a.getInteger("bib"), same.getInteger("bib"));

    assertEquals(200, reg.deleteOnce("/api/v1/entries/" + a.getLong("id"), Api.token(first)).status());
    JsonObject promoted = api.get("/api/v1/entries/" + b.getLong("id"), null).json();
    assertEquals("CONFIRMED", promoted.getString("status"));
    assertNotNull(promoted.getInteger("bib"), "promotion gives a bib");
    JsonObject mine = api.get("/api/v1/me/entries", Api.token(second)).json().getJsonArray("items").getJsonObject(0);
    assertEquals(promoted.getInteger("bib"), mine.getInteger("bib"));
    assertTrue(ShortCodes.wellFormed(mine.getString("checkinCode"), 6));

    Response set = reg.patchOnce("/api/v1/entries/" + same.getLong("id"), organiser, new JsonObject().put("bib", 801));
    assertEquals(200, set.status(), set.text());
    assertEquals(801, set.json().getInteger("bib"));
    Response taken = reg.patchOnce("/api/v1/entries/" + b.getLong("id"), organiser, new JsonObject().put("bib", 801));
    assertEquals(409, taken.status());
    assertEquals("BIB_TAKEN", taken.errorCode());
    assertEquals(403, reg.patchOnce("/api/v1/entries/" + b.getLong("id"), Api.token(second), new JsonObject().put("bib", 7)).status());
    // Every entry of that person in the event shows the new number.
    assertEquals(801, api.get("/api/v1/entries/" + a.getLong("id"), null).json().getInteger("bib"));

    // Codes printed before the short ones still check in.
    byte[] secret;
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rs = c.createStatement().executeQuery("SELECT secret FROM registration_secret WHERE id = 1")) {
      secret = rs.next() ? rs.getBytes(1) : null;
    }
    if (secret == null) {
      // No old code was ever made on this database: make the secret the way Gala does, then sign one.
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        c.createStatement().executeUpdate("INSERT INTO registration_secret (id, secret) VALUES (1, gen_random_uuid()::text::bytea)");
        ResultSet rs = c.createStatement().executeQuery("SELECT secret FROM registration_secret WHERE id = 1");
        rs.next();
        secret = rs.getBytes(1);
      }
    }
    Response old = checkIn(new JsonObject().put("code", CheckinCodes.code(secret, b.getLong("id"))));
    assertEquals(200, old.status(), old.text());
    assertEquals("CHECKED_IN", old.json().getJsonObject("entry").getString("status"));
  }

  /**
   * Registrations give bibs in their own statements (gala.registration.Registering): the same people
   * entering every competition of an event at once, in batches of different competitions that
   * commit in any order, still end with one number each, shown on all their entries; a number an
   * organiser set by hand is never given to someone else.
   */
  @Test
  void peopleEnteringEveryCompetitionAtOnceKeepOneBibAndHandSetNumbersAreSkipped() throws Exception {
    long meet = api.createEvent(organiser, "区运动会");
    List<Long> competitions = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      competitions.add(reg.competition(organiser, meet, new JsonObject().put("name", "项目" + i).put("capacity", 50)));
    }
    List<String> people = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      people.add(Api.token(reg.signup("all" + i + "@door.test", "participant", null)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Response>> sent = new ArrayList<>();
    for (String person : people) {
      for (long competition : competitions) {
        sent.add(pool.submit(() -> reg.register(person, competition, new JsonObject())));
      }
    }
    Map<Long, Set<Integer>> bibsOf = new HashMap<>();
    for (Future<Response> f : sent) {
      Response r = f.get();
      assertEquals(201, r.status(), r.text());
      assertEquals("CONFIRMED", r.json().getString("status"));
      bibsOf.computeIfAbsent(r.json().getLong("userId"), k -> new HashSet<>()).add(r.json().getInteger("bib"));
    }
    pool.shutdown();
    assertEquals(people.size(), bibsOf.size());
    Set<Integer> numbers = new HashSet<>();
    bibsOf.forEach((person, bibs) -> {
      assertEquals(1, bibs.size(), "one bib on every entry of person " + person + ": " + bibs);
      assertNotNull(bibs.iterator().next());
      numbers.add(bibs.iterator().next());
    });
    assertEquals(people.size(), numbers.size(), "no two people share a number: " + bibsOf);
    for (long competition : competitions) {
      for (Object o : reg.entries(competition, null)) {
        JsonObject e = (JsonObject) o;
        assertTrue(numbers.contains(e.getInteger("bib")), "the list shows the number its registrant got: " + e.encode());
      }
    }

    // An organiser gives someone the number the event's sequence would give next: the next
    // newcomer gets another one.
    int next = numbers.stream().max(Integer::compare).orElseThrow() + 1;
    long firstEntry = reg.entries(competitions.get(0), null).getJsonObject(0).getLong("id");
    Response set = reg.patchOnce("/api/v1/entries/" + firstEntry, organiser, new JsonObject().put("bib", next));
    assertEquals(200, set.status(), set.text());
    JsonObject late = reg.register(Api.token(reg.signup("late@door.test", "participant", null)), competitions.get(1),
        new JsonObject()).json();
    assertNotNull(late.getInteger("bib"));
    assertNotEquals(next, late.getInteger("bib"), "a hand-set number is skipped");
    assertFalse(numbers.contains(late.getInteger("bib")));
  }

  private static String toFullWidth(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append((char) (c + 0xFEE0));
    }
    return b.toString();
  }

  /**
   * A bib given while a registration of the same person is in flight in another competition of the
   * event: that registration has taken its competition's lock and read the person's old number. The bib
   * change must wait for it (it locks every competition of the event, in id order, as every entry
   * writer locks its competition first); it used to lock only the competitions the person already had
   * entries in, commit at once, and leave the new entry with the old number.
   */
  @Test
  void aBibChangeWaitsForARegistrationInFlightAnywhereInTheEvent() throws Exception {
    long first = reg.competition(organiser, event, new JsonObject().put("name", "毽球"));
    long second = reg.competition(organiser, event, new JsonObject().put("name", "飞镖"));
    JsonObject person = reg.signup("inflight@door.test", "participant", null);
    JsonObject entry = reg.register(Api.token(person), first, new JsonObject()).json();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection inFlight = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Connection watch = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      inFlight.setAutoCommit(false);
      inFlight.createStatement().executeQuery("SELECT id FROM competitions WHERE id = " + second + " FOR UPDATE").close();
      Future<Response> set = pool.submit(() -> reg.patchOnce("/api/v1/entries/" + entry.getLong("id"), organiser,
          new JsonObject().put("bib", 901)));
      boolean waiting = false;
      for (int i = 0; i < 200 && !waiting && !set.isDone(); i++) {
        waiting = LockWaits.onQuery(watch, "competitions") > 0;
        if (!waiting) {
          Thread.sleep(25);
        }
      }
      assertFalse(set.isDone(), "the bib change went through while a registration of the event held its competition");
      assertTrue(waiting, "the bib change waits for the competition's lock");
      inFlight.commit();
      Response done = set.get();
      assertEquals(200, done.status(), done.text());
      assertEquals(901, done.json().getInteger("bib"));
    } finally {
      pool.shutdownNow();
    }
    assertEquals(901, reg.register(Api.token(person), second, new JsonObject()).json().getInteger("bib"),
        "the person's next entry in the event carries the new number");
  }
}
