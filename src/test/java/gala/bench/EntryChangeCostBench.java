package gala.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gala.Gala;
import gala.platform.DbLocation;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.Dates;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Per-write cost against list size for the organiser's writes that used to recompute whole topics:
 * check-in, waitlist reorder, withdrawal (which promotes the waitlist's head) and a capacity change
 * (which promotes one). Alternately into a competition of 50 confirmed entries and one of 5,000,
 * both full with the same waitlist behind them (loaded by SQL, brought live by a first write each),
 * so only the length of the confirmed list differs. The goal is the large one within 1.5x of the
 * small one. Prints mean and p50 per write and the same-run single-client INSERT baseline.
 * Run: {@code mvn -Pbench test -Dtest=EntryChangeCostBench}.
 */
class EntryChangeCostBench {
  static final int SMALL = 50;
  static final int LARGE = 5000;
  static final int WRITES = Integer.getInteger("bench.writes", 40);
  static final int WAITLIST = 3 * WRITES;

  /** One competition under test: its id, loaded confirmed ids (in id order) and its capacity now. */
  private static final class Comp {
    final long id;
    final List<Long> confirmed = new ArrayList<>();
    int capacity;
    int next;
    int withdrawn;

    Comp(long id, int capacity) {
      this.id = id;
      this.capacity = capacity;
    }
  }

  @Test
  void organiserWritesIntoALongListCostAboutTheSame() throws Exception {
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db);
    try {
      Api api = new Api(gala.port());
      Reg reg = new Reg(api);
      JsonObject org = reg.signup("org@change-cost.test", "organiser", null);
      String organiser = Api.token(org);
      long event = api.post("/api/v1/events", organiser, new JsonObject().put("title", "Change cost")
          .put("startsOn", Dates.inDays(0)).put("endsOn", Dates.inDays(1))).json().getLong("id");
      Comp small = new Comp(reg.competition(organiser, event, new JsonObject().put("capacity", SMALL)), SMALL);
      Comp large = new Comp(reg.competition(organiser, event, new JsonObject().put("capacity", LARGE)), LARGE);
      try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
          PreparedStatement confirmed = conn.prepareStatement("INSERT INTO entries (competition_id, display_name, status, "
              + "created_by) SELECT ?, 'Athlete ' || g, 'CONFIRMED', ? FROM generate_series(1, ?) g RETURNING id");
          PreparedStatement waiting = conn.prepareStatement("INSERT INTO entries (competition_id, display_name, status, "
              + "waitlist_position, created_by) SELECT ?, 'Waiting ' || g, 'WAITLISTED', g, ? FROM generate_series(1, ?) g")) {
        for (Comp c : List.of(small, large)) {
          confirmed.setLong(1, c.id);
          confirmed.setLong(2, Api.userId(org));
          confirmed.setInt(3, c.capacity);
          try (ResultSet ids = confirmed.executeQuery()) {
            while (ids.next()) {
              c.confirmed.add(ids.getLong(1));
            }
          }
          waiting.setLong(1, c.id);
          waiting.setLong(2, Api.userId(org));
          waiting.setInt(3, WAITLIST);
          waiting.executeUpdate();
        }
        // The first write of each brings its topics up to date with the loaded rows.
        for (Comp c : List.of(small, large)) {
          checkIn(api, organiser, c);
        }

        List<String> lines = new ArrayList<>();
        lines.add(run("check-in", () -> checkIn(api, organiser, small), () -> checkIn(api, organiser, large)));
        lines.add(run("waitlist reorder", () -> reorder(api, conn, organiser, small), () -> reorder(api, conn, organiser, large)));
        lines.add(run("withdraw (promotes one)", () -> withdraw(api, organiser, small), () -> withdraw(api, organiser, large)));
        lines.add(run("capacity +1 (promotes one)", () -> grow(api, organiser, small), () -> grow(api, organiser, large)));
        double baseline = Baseline.insertTps(db, 1, 5_000);
        System.out.printf("%nEntryChangeCostBench: %d writes of each kind per competition, one client, alternating; "
            + "%d vs %d confirmed entries, %d waitlisted behind each%n", WRITES, SMALL, LARGE, WAITLIST);
        lines.forEach(System.out::println);
        System.out.printf("  baseline: %.0f single-row INSERT transactions/s (1 client, same run) = %.2f ms each; load: %s%n%n",
            baseline, 1000 / baseline, uptime());
      }
    } finally {
      TestGala.stop(gala);
    }
  }

  private static String run(String kind, LongSupplier smallWrite, LongSupplier largeWrite) {
    long[] s = new long[WRITES];
    long[] l = new long[WRITES];
    for (int i = 0; i < WRITES; i++) {
      s[i] = smallWrite.getAsLong();
      l[i] = largeWrite.getAsLong();
    }
    double sm = mean(s) / 1e6;
    double lm = mean(l) / 1e6;
    return String.format("  %-28s %d: mean %6.2f ms p50 %6.2f ms | %d: mean %6.2f ms p50 %6.2f ms | large/small %.2fx (goal <= 1.5x)",
        kind, SMALL, sm, Baseline.percentile(s.clone(), 50) / 1e6, LARGE, lm, Baseline.percentile(l.clone(), 50) / 1e6, lm / sm);
  }

  private static long checkIn(Api api, String organiser, Comp c) {
    long entry = c.confirmed.get(c.next++);
    long start = System.nanoTime();
    Api.Response r = api.post("/api/v1/checkins", organiser, new JsonObject().put("entryId", entry).encode(),
        UUID.randomUUID().toString());
    long took = System.nanoTime() - start;
    assertEquals(200, r.status(), r.text());
    return took;
  }

  /** Moves the second on the waitlist to its head. */
  private static long reorder(Api api, Connection conn, String organiser, Comp c) {
    long entry;
    try (PreparedStatement q = conn.prepareStatement("SELECT id FROM entries WHERE competition_id = ? AND status = 'WAITLISTED' "
        + "AND waitlist_position = 2")) {
      q.setLong(1, c.id);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        entry = rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    long start = System.nanoTime();
    Api.Response r = api.post("/api/v1/competitions/" + c.id + "/waitlist", organiser,
        new JsonObject().put("entryId", entry).put("position", 1).put("reason", "bench"));
    long took = System.nanoTime() - start;
    assertEquals(200, r.status(), r.text());
    return took;
  }

  /** Withdraws a loaded entry, from the last one down (some checked in earlier): the waitlist's head takes its place. */
  private static long withdraw(Api api, String organiser, Comp c) {
    long entry = c.confirmed.get(c.confirmed.size() - 1 - c.withdrawn++);
    long start = System.nanoTime();
    Api.Response r = api.deleteOnce("/api/v1/entries/" + entry, organiser);
    long took = System.nanoTime() - start;
    assertEquals(200, r.status(), r.text());
    return took;
  }

  private static long grow(Api api, String organiser, Comp c) {
    c.capacity++;
    long start = System.nanoTime();
    Api.Response r = api.patch("/api/v1/competitions/" + c.id, organiser, new JsonObject().put("capacity", c.capacity));
    long took = System.nanoTime() - start;
    assertEquals(200, r.status(), r.text());
    return took;
  }

  private static String uptime() {
    try {
      return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static double mean(long[] values) {
    double sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
