package gala.bench;

import gala.Gala;
import gala.platform.DbLocation;
import gala.registration.Reg;
import gala.testing.Api;
import gala.testing.Dates;
import gala.testing.TestDatabase;
import gala.testing.TestGala;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Only the "HTTP ceiling" of RegistrationBench: 64 clients' signed-in reads of an event (token,
 * access check, one row), against the same run's INSERT baseline, with the CPU per read. Short, so the
 * cost around a handler can be profiled alone: {@code -Dbench.jfr=/tmp/x.jfr} records the timed part.
 */
class HttpCeilingBench {
  static final int READS = Integer.getInteger("bench.reads", 20_000);
  static final int CLIENTS = 64;
  static final int POOL = 16;
  static final int TOKENS = 16;

  @Test
  void reads() throws Exception {
    DbLocation db = TestDatabase.fresh();
    Gala gala = TestGala.start(db, "--instances=2", "--db-pool-size=" + POOL);
    try {
      Api api = new Api(gala.port());
      Reg reg = new Reg(api);
      String organiser = Api.token(reg.signup("org@bench.test", "organiser", null));
      long event = api.post("/api/v1/events", organiser, new JsonObject().put("title", "2026年市职工运动会")
          .put("startsOn", Dates.inDays(0)).put("endsOn", Dates.inDays(1))).json().getLong("id");
      List<String> tokens = new ArrayList<>();
      for (int u = 0; u < TOKENS; u++) {
        tokens.add(Api.token(reg.signup("unit" + u + "@bench.test", "participant", null)));
      }
      Vertx phones = Vertx.vertx();
      BenchHttp http = new BenchHttp(phones, gala.port(), CLIENTS);
      WarmUp.untilSettled("HttpCeilingBench", round ->
          Baseline.closedLoops(CLIENTS, READS, k -> read(http, event, tokens.get(k % TOKENS))));
      Statements.reset(db);
      jdk.jfr.Recording jfr = null;
      String jfrFile = System.getProperty("bench.jfr");
      if (jfrFile != null) {
        jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        jfr.start();
      }
      CpuMeter cpu = new CpuMeter(db);
      cpu.start();
      long c0 = System.nanoTime();
      Baseline.await(Baseline.closedLoops(CLIENTS, READS, k -> read(http, event, tokens.get(k % TOKENS))));
      double reads = READS / ((System.nanoTime() - c0) / 1e9);
      String cpuPer = cpu.per(READS, "read");
      if (jfr != null) {
        jfr.stop();
        jfr.dump(Path.of(jfrFile));
        jfr.close();
      }
      System.out.println("HttpCeilingBench JVM threads during the reads: " + cpu.threads());
      Statements.print(db, "HttpCeilingBench", 10);
      phones.close();
      double baseline = Baseline.insertTps(db, POOL, 10_000);
      System.out.printf("%nHttpCeilingBench: %d signed-in reads of an event, %d clients: %.0f reads/s = %.2f of the baseline "
          + "(%.0f single-row INSERT tx/s, %d clients, same run); %s%s%n%n", READS, CLIENTS, reads, reads / baseline, baseline,
          POOL, cpuPer, http.losses());
    } finally {
      TestGala.stop(gala);
    }
  }

  /** A signed-in read of the event, its body read whole; refused unless 200. */
  static Future<?> read(BenchHttp http, long event, String token) {
    return http.send(client -> client.request(HttpMethod.GET, "/api/v1/events/" + event)
        .compose(req -> req.putHeader("Authorization", "Bearer " + token).send())
        .compose(r -> r.statusCode() == 200 ? r.body() : Future.failedFuture("a read was refused: " + r.statusCode())));
  }
}
