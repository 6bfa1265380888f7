package gala;

import gala.announce.AnnouncementRoutes;
import gala.announce.AnnouncementService;
import gala.auth.AuthRoutes;
import gala.auth.AuthService;
import gala.auth.PasswordResets;
import gala.auth.Profiles;
import gala.auth.SessionTokens;
import gala.auth.SigningKeys;
import gala.demo.Demo;
import gala.display.DisplayControl;
import gala.display.DisplayRoutes;
import gala.draws.DrawRoutes;
import gala.draws.DrawService;
import gala.events.EventRoutes;
import gala.events.EventService;
import gala.events.Organisers;
import gala.events.UnitMembers;
import gala.events.UnitRoutes;
import gala.home.HomeRoutes;
import gala.judges.JudgeCodes;
import gala.judges.JudgeRoutes;
import gala.judges.ProblemReports;
import gala.judges.ProblemRoutes;
import gala.live.LiveGateway;
import gala.mixer.MixerClock;
import gala.mixer.MixerRoutes;
import gala.mixer.MixerService;
import gala.pages.ScoreboardPage;
import gala.platform.ApiDocument;
import gala.platform.Clustering;
import gala.platform.Config;
import gala.platform.Database;
import gala.platform.DbLocation;
import gala.platform.Idempotency;
import gala.platform.Revocations;
import gala.platform.TopicBus;
import gala.platform.TopicLog;
import gala.registration.RegistrationRoutes;
import gala.registration.RegistrationService;
import gala.scoring.ScoringRoutes;
import gala.scoring.ScoringService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicBoolean;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * One running Gala node: the composition root that wires the platform and every feature together
 * and deploys the HTTP verticles. Main starts one; tests start one or two.
 */
public final class Gala {
  private final Config config;
  private final HazelcastClusterManager cluster;
  private final Vertx vertx;
  private final MeterRegistry metrics;
  private final Database database;
  private final TopicLog topics;
  private final JWTAuth jwt;
  private final Revocations revocations;
  private final AuthService auth;
  private final Profiles profiles;
  private final PasswordResets passwordResets;
  private final Organisers organisers;
  private final UnitMembers unitMembers;
  private final JudgeCodes judgeCodes;
  private final EventService events;
  private final RegistrationService registrations;
  private final ScoringService scoring;
  private final gala.access.KnownJudges knownJudges;
  private final Idempotency idempotency;
  private final AnnouncementService announcements;
  private final MixerService mixers;
  private final MixerClock mixerClock;
  private final DrawService draws;
  private final DisplayControl displayControl;
  private final ProblemReports problems;
  private final String contractText;
  private final AtomicBoolean joined = new AtomicBoolean();
  private volatile int port;
  /** Set once start-up is over (the demo's data loaded too): until then /ready says STARTING. */
  private volatile boolean started;
  private Demo demo;

  private Gala(Config config, HazelcastClusterManager cluster, Vertx vertx, MeterRegistry metrics, Database database,
      TopicLog topics, JWTAuth jwt) {
    this.config = config;
    this.cluster = cluster;
    this.vertx = vertx;
    this.metrics = metrics;
    this.database = database;
    this.topics = topics;
    this.revocations = new Revocations(vertx, database, config.accessTokenSeconds(), () -> {
      try {
        return cluster == null ? java.util.List.of() : cluster.getNodes();
      } catch (RuntimeException e) {
        return java.util.List.of();
      }
    }, cluster == null ? "local" : cluster.getNodeId());
    // Every door (bearer routes, public routes' optional caller, the live auth frame) checks the session too.
    this.jwt = new SessionTokens(jwt, revocations);
    this.auth = new AuthService(vertx, database, this.jwt, config, revocations);
    this.profiles = new Profiles(database);
    this.passwordResets = new PasswordResets(vertx, database, auth);
    this.organisers = new Organisers(database);
    this.unitMembers = new UnitMembers(database);
    this.judgeCodes = new JudgeCodes(database, auth);
    this.scoring = new ScoringService(database.pool(), topics);
    this.knownJudges = new gala.access.KnownJudges(vertx, database);
    this.events = new EventService(database, topics, ScoringService::checkFormat);
    this.registrations = new RegistrationService(database, topics);
    this.events.onCompetitionChange(registrations::competitionChanged);
    this.idempotency = new Idempotency(database, config.dbPoolSize());
    RegistrationService.takeShare(idempotency.groups());
    ScoringService.takeShare(idempotency.groups());
    // Checkpoints wait while writes queue on this node (TopicLog.deferCheckpointsWhile).
    if (Boolean.parseBoolean(System.getProperty("gala.checkpoints.deferWhenSaturated", "true"))) {
      topics.deferCheckpointsWhile(vertx, 100, idempotency.groups()::saturated);
    }
    this.announcements = new AnnouncementService(vertx, database, topics);
    this.mixers = new MixerService(vertx, database, topics);
    this.mixerClock = new MixerClock(vertx, database.pool(), mixers);
    mixerClock.start();
    this.draws = new DrawService(vertx, database.pool(), topics, scoring);
    this.displayControl = new DisplayControl(topics);
    this.problems = new ProblemReports(topics);
    this.contractText = ApiDocument.text();
  }

  /**
   * Connections for the access checks (Database.accessPool): a quarter of the main pool, at least 2.
   * A check is one short read, so a few connections serve many requests at once.
   */
  static int accessPoolSize(int dbPoolSize) {
    return Math.max(2, dbPoolSize / 4);
  }

  /** Migrates the schema, builds Vert.x (clustered if configured), wires features, starts serving. */
  public static Future<Gala> start(Config config, DbLocation db) {
    Database.migrate(db);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions options = new VertxOptions()
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    HazelcastClusterManager cluster = Clustering.clusterManager(config);
    return Clustering.build(config, cluster, Vertx.builder().withMetrics(new MicrometerMetricsFactory(registry)), options)
        .compose(vertx -> {
          Database database = new Database(Database.pool(vertx, db, config.dbPoolSize(), config.dbPoolWaitMillis()),
              Database.pool(vertx, db, accessPoolSize(config.dbPoolSize()), config.dbPoolWaitMillis(), true), new TopicBus(vertx));
          TopicLog topics = new TopicLog(database, config.topicLogRetention());
          return SigningKeys.load(vertx, database)
              .map(jwt -> new Gala(config, cluster, vertx, registry, database, topics, jwt))
              .compose(gala -> gala.revocations.start().map(gala))
              .compose(gala -> gala.auth.ensureAdmin(config.adminEmail(), config.adminPassword()).map(gala))
              .compose(gala -> vertx.deployVerticle(() -> new HttpVerticle(gala),
                      new DeploymentOptions().setInstances(Math.max(1, config.instances())))
                  .map(gala))
              .map(gala -> {
                gala.announcements.start();
                return gala;
              })
              .compose(gala -> config.demo() ? gala.startDemo().map(gala) : Future.succeededFuture(gala))
              .map(gala -> {
                gala.started = true;
                return gala;
              })
              .recover(e -> {
                // Fail first, then close: a listener of close() would be dispatched on this event
                // loop, which close() shuts down, so the failure would never reach the caller.
                vertx.close();
                return Future.failedFuture(e);
              });
        });
  }

  private Future<Void> startDemo() {
    demo = new Demo(vertx, database, auth, events, registrations, scoring, announcements, mixers,
        config.demoFeedMillis());
    return demo.start();
  }

  public Future<Void> stop() {
    mixerClock.stop();
    if (demo != null) {
      demo.stop();
    }
    announcements.stop();
    revocations.stop();
    return vertx.close();
  }

  void mountRoutes(RouterBuilder rb) {
    new AuthRoutes(auth, profiles, passwordResets).mount(rb);
    new EventRoutes(events, organisers).mount(rb);
    new UnitRoutes(unitMembers).mount(rb);
    new HomeRoutes(events, profiles, registrations).mount(rb);
    new JudgeRoutes(judgeCodes, scoring).mount(rb);
    new RegistrationRoutes(registrations, idempotency).mount(rb);
    new ScoringRoutes(scoring, idempotency, database).mount(rb);
    new AnnouncementRoutes(announcements, idempotency).mount(rb);
    new MixerRoutes(mixers, idempotency).mount(rb);
    new DrawRoutes(draws, idempotency).mount(rb);
    new DisplayRoutes(displayControl, new gala.display.Screens(database, topics), idempotency).mount(rb);
    new ProblemRoutes(problems, idempotency).mount(rb);
  }

  ScoreboardPage scoreboardPage() {
    return new ScoreboardPage(vertx, database, topics);
  }

  LiveGateway newGateway(Vertx verticleVertx) {
    return new LiveGateway(verticleVertx, database, topics, jwt, revocations, config.allowedOrigins());
  }

  /** {status, members?, expected?} of this node in its cluster (see Clustering.membership). */
  JsonObject clusterMembership() {
    return Clustering.membership(cluster, config, joined);
  }

  /**
   * Whether start-up is over, the demo meet's data included (a load balancer sends nobody here before):
   * the demo is loaded by whichever node leads it, so a node asks whether the meet is there.
   */
  Future<Boolean> started() {
    if (!started) {
      return Future.succeededFuture(false);
    }
    return demo == null ? Future.succeededFuture(true) : demo.loaded();
  }

  void boundPort(int actual) {
    port = actual;
  }

  public int port() {
    return port;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Config config() {
    return config;
  }

  public Database database() {
    return database;
  }

  /** This node's recent "yes" to judges of a competition (gala.access; tests watch it forget). */
  public gala.access.KnownJudges knownJudges() {
    return knownJudges;
  }

  /** The node's retryable writes and their group commit (tests watch its queues). */
  public Idempotency idempotency() {
    return idempotency;
  }

  /** The live topics (tests compare them with a fresh recompute). */
  public TopicLog topics() {
    return topics;
  }

  JWTAuth jwt() {
    return jwt;
  }

  MeterRegistry metrics() {
    return metrics;
  }

  String contractText() {
    return contractText;
  }

}
