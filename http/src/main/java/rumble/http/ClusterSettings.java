package rumble.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.Address;

/**
 * Where this node listens for other nodes (Artery TCP on {@code host:port}, CLUSTER_HOST and
 * CLUSTER_PORT) and how it finds its cluster: the seed nodes in CLUSTER_SEED_NODES (comma-separated
 * {@code host:port}), or Pekko Management's cluster bootstrap (CLUSTER_BOOTSTRAP, see
 * {@link BootstrapSettings}), never both; with neither the node joins itself and is a one-node
 * cluster. The server always runs the cluster provider, so one code path serves a single machine and
 * many.
 */
record ClusterSettings(String host, int port, List<Seed> seeds, Optional<BootstrapSettings> bootstrap) {

  /** The actor system's name: it is part of every node's address, so it must match on all nodes. */
  static final String SYSTEM_NAME = "rumble";

  static final String SEEDS = "CLUSTER_SEED_NODES (rumble.cluster.seed-nodes)";

  /** One seed node's remoting address. */
  record Seed(String host, int port) {
    Address address() {
      return new Address("pekko", SYSTEM_NAME, host, port);
    }
  }

  /** One {@code host:port} of a list setting. */
  record HostPort(String host, int port) {}

  /** From {@code rumble.cluster}; a malformed value fails with a message naming its variable. */
  static ClusterSettings fromConfig(Config cluster) {
    String host = cluster.getString("host").trim();
    if (host.isEmpty()) {
      throw new IllegalArgumentException("CLUSTER_HOST (rumble.cluster.host) must not be empty");
    }
    int port = port(cluster.getString("port"), true, "CLUSTER_PORT (rumble.cluster.port)");
    List<Seed> seeds = parseSeeds(cluster.getString("seed-nodes"));
    Optional<BootstrapSettings> bootstrap = BootstrapSettings.fromConfig(cluster);
    if (!seeds.isEmpty() && bootstrap.isPresent()) {
      // Pekko would silently join the seeds and never run the bootstrap.
      throw new IllegalArgumentException(SEEDS + " and " + BootstrapSettings.SERVICE_NAME + " are both"
          + " set; a node finds its cluster either through seed nodes or through the bootstrap: unset one");
    }
    return new ClusterSettings(host, port, seeds, bootstrap);
  }

  /** {@code "10.0.0.5:25520, 10.0.0.6:25520"} (IPv6 as {@code [::1]:25520}); blank means none. */
  static List<Seed> parseSeeds(String text) {
    return parseHostPorts(text, SEEDS, "10.0.0.5:25520,10.0.0.6:25520 (empty: join itself)").stream()
        .map(entry -> new Seed(entry.host(), entry.port())).toList();
  }

  /**
   * A comma-separated list of {@code host:port} (IPv6 as {@code [::1]:25520}); blank means none. A
   * malformed entry fails naming {@code variable}, with {@code example} as the expected form.
   */
  static List<HostPort> parseHostPorts(String text, String variable, String example) {
    List<HostPort> entries = new ArrayList<>();
    if (text.isBlank()) {
      return entries;
    }
    for (String part : text.split(",", -1)) {
      String entry = part.trim();
      int colon = entry.lastIndexOf(':');
      String host = colon < 0 ? "" : entry.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty() || (host.contains(":") && !entry.startsWith("[")) || host.contains("/")) {
        throw new IllegalArgumentException(variable + ": \"" + entry + "\" is not host:port; expected a"
            + " comma-separated list such as " + example);
      }
      entries.add(new HostPort(host, port(entry.substring(colon + 1), false,
          variable + " entry \"" + entry + "\"")));
    }
    return List.copyOf(entries);
  }

  static int port(String text, boolean zeroAllowed, String what) {
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

  /** Remoting (and, with the bootstrap, management) settings, to lay over the rest of the configuration. */
  Config remoting() {
    Config remoting = ConfigFactory.parseMap(Map.of(
        "pekko.actor.provider", "cluster",
        "pekko.remote.artery.canonical.hostname", host,
        "pekko.remote.artery.canonical.port", port));
    return bootstrap.map(settings -> settings.management(host).withFallback(remoting)).orElse(remoting);
  }

  List<Address> seedAddresses() {
    return seeds.stream().map(Seed::address).toList();
  }
}
