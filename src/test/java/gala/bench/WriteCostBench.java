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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Per-write cost against list size: one client registers athletes, alternately, into a competition
 * that already holds 50 entries and one that holds 5,000 (loaded by SQL, then brought live by a
 * first registration each). The goal is the large one within 1.5x of the small one: a write appends
 * its delta instead of re-reading, diffing and rewriting the whole entry list. Prints the mean and
 * p50 of both and the same-run single-client INSERT baseline.
 * Run: {@code mvn -Pbench test -Dtest=WriteCostBench}.
 */
class WriteCostBench {
  static final int SMALL = 50;
  static final int LARGE = 5000;
  static final int WRITES = Integer.getInteger("bench.writes", 150);

  @Test
  void registeringIntoALongListCostsAboutTheSame() throws Exception {
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db);
    try {
      Api api = new Api(gala.port());
      Reg reg = new Reg(api);
      JsonObject org = reg.signup("org@cost.test", "organiser", null);
      String organiser = Api.token(org);
      long event = api.post("/api/v1/events", organiser, new JsonObject().put("title", "Cost")
          .put("startsOn", Dates.inDays(0)).put("endsOn", Dates.inDays(1))).json().getLong("id");
      long small = reg.competition(organiser, event, new JsonObject().put("capacity", 20_000));
      long large = reg.competition(organiser, event, new JsonObject().put("capacity", 20_000));
      try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
          PreparedStatement ins = conn.prepareStatement("INSERT INTO entries (competition_id, display_name, status, created_by) "
              + "SELECT ?, 'Athlete ' || g, 'CONFIRMED', ? FROM generate_series(1, ?) g")) {
        for (long[] c : new long[][] {{small, SMALL}, {large, LARGE}}) {
          ins.setLong(1, c[0]);
          ins.setLong(2, Api.userId(org));
          ins.setLong(3, c[1]);
          ins.executeUpdate();
        }
      }
      // The first registration of each brings its topics up to date with the loaded rows.
      register(api, organiser, small);
      register(api, organiser, large);

      long[] smallNanos = new long[WRITES];
      long[] largeNanos = new long[WRITES];
      for (int i = 0; i < WRITES; i++) {
        smallNanos[i] = register(api, organiser, small);
        largeNanos[i] = register(api, organiser, large);
      }
      double baseline = Baseline.insertTps(db, 1, 5_000);
      double smallMean = mean(smallNanos) / 1e6;
      double largeMean = mean(largeNanos) / 1e6;
      System.out.printf("%nWriteCostBench: %d registrations each, one client, alternating%n", WRITES);
      System.out.printf("  into %d entries: mean %.2f ms, p50 %.2f ms%n", SMALL, smallMean,
          Baseline.percentile(smallNanos.clone(), 50) / 1e6);
      System.out.printf("  into %d entries: mean %.2f ms, p50 %.2f ms%n", LARGE, largeMean,
          Baseline.percentile(largeNanos.clone(), 50) / 1e6);
      System.out.printf("  large / small: %.2fx (goal <= 1.5x)%n", largeMean / smallMean);
      System.out.printf("  baseline: %.0f single-row INSERT transactions/s (1 client, same run) = %.2f ms each%n%n",
          baseline, 1000 / baseline);
    } finally {
      TestGala.stop(gala);
    }
  }

  private static long register(Api api, String organiser, long competition) {
    long start = System.nanoTime();
    Api.Response r = api.post("/api/v1/competitions/" + competition + "/entries", organiser,
        new JsonObject().put("displayName", "New " + UUID.randomUUID().toString().substring(0, 8)).encode(),
        UUID.randomUUID().toString());
    long took = System.nanoTime() - start;
    assertEquals(201, r.status(), r.text());
    return took;
  }

  private static double mean(long[] values) {
    double sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
