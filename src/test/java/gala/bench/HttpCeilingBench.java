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
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
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
      HttpClient http = phones.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(gala.port()),
          new PoolOptions().setHttp1MaxSize(CLIENTS));
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
          POOL, cpuPer, RESENT.get() == 0 ? "" : "; reads the bench's client lost and sent again: " + RESENT.get());
    } finally {
      TestGala.stop(gala);
    }
  }

  /**
   * Longest a read may take. A run stalled (session 11, and RegistrationBench's ceiling reads in
   * session 13) with, by the objects alive then, no request on Gala's server and no connection or
   * request in the bench's client but one waiter in its pool: the read was lost in the bench's
   * Vert.x client while it waited for a connection. A read with no answer by then is sent again
   * (reads change nothing), at most twice, and counted ({@link #RESENT}); a third loss fails the run by name.
   */
  static final long READ_DEADLINE_SECONDS = 30;
  /** Reads the bench's client lost and sent again in this JVM: a bench that had any says so beside its figures. */
  static final java.util.concurrent.atomic.AtomicInteger RESENT = new java.util.concurrent.atomic.AtomicInteger();

  static Future<?> read(HttpClient http, long event, String token) {
    return read(http, event, token, 2);
  }

  private static Future<Object> read(HttpClient http, long event, String token, int resends) {
    return http.request(HttpMethod.GET, "/api/v1/events/" + event)
        .compose(req -> req.putHeader("Authorization", "Bearer " + token).send())
        .<Object>compose(r -> r.statusCode() == 200 ? r.body().map(b -> b) : Future.failedFuture("a read was refused: " + r.statusCode()))
        .timeout(READ_DEADLINE_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
        .recover(e -> {
          if (!(e instanceof java.util.concurrent.TimeoutException)) {
            return Future.failedFuture(e);
          }
          if (resends == 0) {
            return Future.failedFuture(new IllegalStateException("a read got no answer within " + READ_DEADLINE_SECONDS + " s", e));
          }
          RESENT.incrementAndGet();
          return read(http, event, token, resends - 1);
        });
  }
}
