package gala.platform;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
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

  /** UP while this node is a member of the cluster, DISABLED when running alone. */
  public static String status(HazelcastClusterManager cluster) {
    if (cluster == null) {
      return "DISABLED";
    }
    try {
      return cluster.getNodes().contains(cluster.getNodeId()) ? "UP" : "DOWN";
    } catch (RuntimeException e) {
      return "DOWN";
    }
  }
}
