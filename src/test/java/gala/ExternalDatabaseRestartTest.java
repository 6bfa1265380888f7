package gala;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gala.platform.Config;
import gala.platform.DbLocation;
import gala.testing.Api;
import gala.testing.Api.Response;
import gala.testing.ExternalPostgres;
import gala.testing.TestGala;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gala configured with an external PostgreSQL (its --db-url/--db-user/--db-password settings, a
 * non-superuser role owning the database) while the operator restarts that server with
 * {@code pg_ctl stop -m fast} / {@code pg_ctl start} under registrations: 503 UNAVAILABLE with
 * Retry-After and /ready DOWN while it is away, 0 acknowledged writes lost, writes again within
 * seconds of its return. The server is a separate process this test controls (see
 * {@link ExternalPostgres}: a system PostgreSQL via GALA_TEST_PG_BIN, else the zonky binaries).
 */
class ExternalDatabaseRestartTest {
  private static final Logger LOG = LoggerFactory.getLogger(ExternalDatabaseRestartTest.class);

  @Test
  void anExternalPostgresRestartedUnderLoadCosts503sAndNoAcknowledgedWrite() throws Exception {
    try (ExternalPostgres pg = ExternalPostgres.start()) {
      LOG.info("external server: {}", pg.version());
      List<String> flags = new ArrayList<>(List.of("--http-port=" + TestGala.freePort(), "--instances=1",
          "--db-pool-size=8", "--host=127.0.0.1"));
      flags.addAll(pg.galaFlags());
      // Exactly as Main reads an external database: from the settings, not an embedded start.
      Config config = Config.from(flags.toArray(String[]::new), Map.of());
      Gala gala = Gala.start(config, DbLocation.of(config.dbUrl(), config.dbUser(), config.dbPassword()))
          .toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
      try {
        Api api = new Api(gala.port());
        String organiser = Api.token(api.signup("org@external.cn", "organiser"));
        long competition = api.createJudgedCompetition(organiser, api.createEvent(organiser, "外部库"), "项目", 100000, 1);
        RegistrationLoad load = new RegistrationLoad(api, organiser, competition, 3);
        load.awaitAcknowledged(20);

        long stopped = System.nanoTime();
        pg.stopServer();
        load.assertUnavailableSince(stopped);

        pg.startServer();
        Instant back = Instant.now();
        Response retried = load.awaitDownKeyWritten();
        Duration toFirstWrite = Duration.between(back, Instant.now());
        assertTrue(toFirstWrite.compareTo(Duration.ofSeconds(15)) < 0, "writes succeed within seconds: " + toFirstWrite);
        load.awaitAcknowledged(load.acknowledged.size() + 10);
        load.stop();
        assertEquals(200, api.get("/ready", null).status(), "ready again once the server is back");

        Map<Long, String> stored = RegistrationLoad.entries(api, organiser, competition);
        assertEquals("停机", stored.get(retried.json().getLong("id")));
        load.assertAcknowledgedStored(stored);
        assertEquals(Set.of(), load.unexpected, "only 201 or 503 while the database restarted");
        assertTrue(load.statuses.contains(503), "the load saw the outage");
        LOG.info("external restart: {} acknowledged writes all stored; first write {} ms after the server was back",
            load.acknowledged.size(), toFirstWrite.toMillis());
      } finally {
        TestGala.stop(gala);
      }
    }
  }
}
