package rumble.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;

/**
 * Where this node listens for other nodes (Artery TCP on {@code host:port}, CLUSTER_HOST and
 * CLUSTER_PORT) and whom it joins (CLUSTER_SEED_NODES, comma-separated {@code host:port}; none means
 * the node joins itself and is a one-node cluster). The server always runs the cluster provider, so
 * one code path serves a single machine and many.
 */
record ClusterSettings(String host, int port, List<Seed> seeds) {

  /** The actor system's name: it is part of every node's address, so it must match on all nodes. */
  static final String SYSTEM_NAME = "rumble";

  /** One seed node's remoting address. */
  record Seed(String host, int port) {
    Address address() {
      return new Address("pekko", SYSTEM_NAME, host, port);
    }
  }

  /** From {@code rumble.cluster}; a malformed value fails with a message naming its variable. */
  static ClusterSettings fromConfig(Config cluster) {
    String host = cluster.getString("host").trim();
    if (host.isEmpty()) {
      throw new IllegalArgumentException("CLUSTER_HOST (rumble.cluster.host) must not be empty");
    }
    int port = port(cluster.getString("port"), true, "CLUSTER_PORT (rumble.cluster.port)");
    return new ClusterSettings(host, port, parseSeeds(cluster.getString("seed-nodes")));
  }

  /** {@code "10.0.0.5:25520, 10.0.0.6:25520"} (IPv6 as {@code [::1]:25520}); blank means none. */
  static List<Seed> parseSeeds(String text) {
    List<Seed> seeds = new ArrayList<>();
    if (text.isBlank()) {
      return seeds;
    }
    for (String entry : text.split(",", -1)) {
      String seed = entry.trim();
      int colon = seed.lastIndexOf(':');
      String host = colon < 0 ? "" : seed.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty() || (host.contains(":") && !seed.startsWith("[")) || host.contains("/")) {
        throw new IllegalArgumentException(
            "CLUSTER_SEED_NODES (rumble.cluster.seed-nodes): \"" + seed + "\" is not host:port; expected a"
                + " comma-separated list such as 10.0.0.5:25520,10.0.0.6:25520 (empty: join itself)");
      }
      seeds.add(new Seed(host, port(seed.substring(colon + 1), false,
          "CLUSTER_SEED_NODES (rumble.cluster.seed-nodes) entry \"" + seed + "\"")));
    }
    return List.copyOf(seeds);
  }

  private static int port(String text, boolean zeroAllowed, String what) {
    int port;
    try {
      port = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
      throw new IllegalArgumentException(what + ": port \"" + text.trim() + "\" is not a number from "
          + (zeroAllowed ? "0 (any free port)" : "1") + " to 65535");
    }
    return port;
  }

  /** The remoting settings, to lay over the rest of the configuration. */
  Config remoting() {
    return ConfigFactory.parseMap(Map.of(
        "pekko.actor.provider", "cluster",
        "pekko.remote.artery.canonical.hostname", host,
        "pekko.remote.artery.canonical.port", port));
  }

  List<Address> seedAddresses() {
    return seeds.stream().map(Seed::address).toList();
  }
}
