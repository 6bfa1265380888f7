package gala.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of Gala, read from command-line flags ({@code --http-port=8080}) first, then
 * environment variables ({@code GALA_HTTP_PORT}), then defaults. The README's settings table
 * is generated from {@link #SETTINGS}: keep both in step.
 */
public record Config(
    String host,
    int httpPort,
    int instances,
    String dbUrl,
    String dbUser,
    String dbPassword,
    int dbPoolSize,
    int dbPoolWaitMillis,
    Path dataDir,
    boolean cluster,
    String clusterHost,
    int clusterPort,
    List<String> clusterMembers,
    boolean demo,
    int demoFeedMillis,
    List<String> allowedOrigins,
    int accessTokenSeconds,
    int refreshTokenDays,
    int topicLogRetention,
    String adminEmail,
    String adminPassword) {

  /** name, environment variable, default, description. */
  public static final List<String[]> SETTINGS = List.of(
      new String[] {"host", "GALA_HOST", "0.0.0.0", "address the HTTP server binds"},
      new String[] {"http-port", "GALA_HTTP_PORT", "8080", "HTTP and WebSocket port (0 picks a free one)"},
      new String[] {"instances", "GALA_INSTANCES", "number of cores", "HTTP verticle instances"},
      new String[] {"db-url", "GALA_DB_URL", "(none: embedded PostgreSQL)", "external PostgreSQL, e.g. postgresql://host:5432/gala"},
      new String[] {"db-user", "GALA_DB_USER", "postgres", "database user"},
      new String[] {"db-password", "GALA_DB_PASSWORD", "(empty)", "database password"},
      new String[] {"db-pool-size", "GALA_DB_POOL_SIZE", "16", "connections per node"},
      new String[] {"db-pool-wait-millis", "GALA_DB_POOL_WAIT_MILLIS", "10000", "longest wait for a free connection; then the request is answered 503 with Retry-After"},
      new String[] {"data-dir", "GALA_DATA_DIR", "./gala-data", "embedded PostgreSQL data directory (kept across restarts)"},
      new String[] {"cluster", "GALA_CLUSTER", "false", "join a Hazelcast cluster (event bus across nodes)"},
      new String[] {"cluster-host", "GALA_CLUSTER_HOST", "127.0.0.1", "interface Hazelcast binds and advertises"},
      new String[] {"cluster-port", "GALA_CLUSTER_PORT", "5701", "Hazelcast port"},
      new String[] {"cluster-members", "GALA_CLUSTER_MEMBERS", "127.0.0.1:5701", "comma-separated TCP members (no multicast)"},
      new String[] {"demo", "GALA_DEMO", "false", "load the demo sports meet and run the simulated judge feed"},
      new String[] {"demo-feed-millis", "GALA_DEMO_FEED_MILLIS", "1500", "interval between simulated judge marks"},
      new String[] {"allowed-origins", "GALA_ALLOWED_ORIGINS", "(same origin only)", "extra Origins allowed to open /ws (comma-separated); the page's own origin is always allowed"},
      new String[] {"access-token-seconds", "GALA_ACCESS_TOKEN_SECONDS", "900", "access token lifetime"},
      new String[] {"refresh-token-days", "GALA_REFRESH_TOKEN_DAYS", "30", "refresh token lifetime"},
      new String[] {"topic-log-retention", "GALA_TOPIC_LOG_RETENTION", "1000", "deltas kept per live topic for resume"},
      new String[] {"admin-email", "GALA_ADMIN_EMAIL", "(none)", "creates this admin account on start if missing"},
      new String[] {"admin-password", "GALA_ADMIN_PASSWORD", "(none)", "password of that admin account"});

  public static Config from(String[] args, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg + " (flags look like --name=value)");
      }
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      flags.put(eq < 0 ? body : body.substring(0, eq), eq < 0 ? "true" : body.substring(eq + 1));
    }
    Map<String, String> known = new LinkedHashMap<>();
    for (String[] s : SETTINGS) {
      known.put(s[0], s[1]);
    }
    for (String name : flags.keySet()) {
      if (!known.containsKey(name)) {
        throw new IllegalArgumentException("unknown flag --" + name);
      }
    }
    Map<String, String> v = new HashMap<>();
    known.forEach((name, envName) -> {
      String value = flags.containsKey(name) ? flags.get(name) : env.get(envName);
      if (value != null) {
        v.put(name, value);
      }
    });
    int port = Integer.parseInt(v.getOrDefault("http-port", "8080"));
    List<String> origins = split(v.getOrDefault("allowed-origins", ""));
    return new Config(
        v.getOrDefault("host", "0.0.0.0"),
        port,
        Integer.parseInt(v.getOrDefault("instances", String.valueOf(Runtime.getRuntime().availableProcessors()))),
        v.get("db-url"),
        v.getOrDefault("db-user", "postgres"),
        v.getOrDefault("db-password", ""),
        Integer.parseInt(v.getOrDefault("db-pool-size", "16")),
        Integer.parseInt(v.getOrDefault("db-pool-wait-millis", "10000")),
        Path.of(v.getOrDefault("data-dir", "gala-data")),
        Boolean.parseBoolean(v.getOrDefault("cluster", "false")),
        v.getOrDefault("cluster-host", "127.0.0.1"),
        Integer.parseInt(v.getOrDefault("cluster-port", "5701")),
        split(v.getOrDefault("cluster-members", "127.0.0.1:5701")),
        Boolean.parseBoolean(v.getOrDefault("demo", "false")),
        Integer.parseInt(v.getOrDefault("demo-feed-millis", "1500")),
        origins,
        Integer.parseInt(v.getOrDefault("access-token-seconds", "900")),
        Integer.parseInt(v.getOrDefault("refresh-token-days", "30")),
        Integer.parseInt(v.getOrDefault("topic-log-retention", "1000")),
        v.get("admin-email"),
        v.get("admin-password"));
  }

  public static Config defaults() {
    return from(new String[0], Map.of());
  }

  private static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(out::add);
    return List.copyOf(out);
  }
}
