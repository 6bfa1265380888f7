package gala.platform;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Builds the Vertx instance: plain, or clustered over Hazelcast with explicit TCP members (no
 * multicast, no auto-detection). Hazelcast only carries the event bus here; capacities, versions
 * and locks live in PostgreSQL.
 */
public final class Clustering {
  private Clustering() {}

  /** The cluster manager for this node, or null when it runs alone. */
  public static HazelcastClusterManager clusterManager(Config config) {
    if (!config.cluster()) {
      return null;
    }
    com.hazelcast.config.Config hz = ConfigUtil.loadConfig();
    hz.setClusterName("gala");
    hz.setProperty("hazelcast.logging.type", "slf4j");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    NetworkConfig net = hz.getNetworkConfig();
    net.setPort(config.clusterPort()).setPortAutoIncrement(false);
    net.getInterfaces().setEnabled(true).addInterface(address(config.clusterHost()));
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(config.clusterMembers());
    return new HazelcastClusterManager(hz);
  }

  /** Hazelcast's interface list takes IP addresses; a host name (as in docker compose) is resolved once at start. */
  private static String address(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cluster host " + host + " does not resolve", e);
    }
  }

  public static Future<Vertx> build(Config config, HazelcastClusterManager cluster, VertxBuilder builder,
      VertxOptions options) {
    if (cluster == null) {
      return Future.succeededFuture(builder.with(options).build());
    }
    options.getEventBusOptions().setHost(config.clusterHost()).setPort(0);
    return builder.with(options).withClusterManager(cluster).buildClustered();
  }

  /**
   * This node's view of the cluster: DISABLED when running alone; DOWN when it is no member;
   * JOINING until it has seen another member (or it is the only configured one); UP once it has.
   * {@code joined} remembers that across calls, so a node whose peers later die stays ready.
   */
  public static JsonObject membership(HazelcastClusterManager cluster, Config config, AtomicBoolean joined) {
    if (cluster == null) {
      return new JsonObject().put("status", "DISABLED");
    }
    int expected = new HashSet<>(config.clusterMembers()).size();
    try {
      List<String> nodes = cluster.getNodes();
      if (!nodes.contains(cluster.getNodeId())) {
        return new JsonObject().put("status", "DOWN").put("members", nodes.size()).put("expected", expected);
      }
      if (nodes.size() >= 2 || expected <= 1) {
        joined.set(true);
      }
      return new JsonObject().put("status", joined.get() ? "UP" : "JOINING").put("members", nodes.size())
          .put("expected", expected);
    } catch (RuntimeException e) {
      return new JsonObject().put("status", "DOWN").put("members", 0).put("expected", expected);
    }
  }
}
