package rumble.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import rumble.http.ClusterSettings.HostPort;

/**
 * Pekko Management's cluster bootstrap, the alternative to seed nodes: every node serves a small
 * management HTTP endpoint on CLUSTER_HOST:MANAGEMENT_PORT, finds the others' endpoints through
 * service discovery (CLUSTER_DISCOVERY: {@code config}, a static list in
 * CLUSTER_BOOTSTRAP_ENDPOINTS, or {@code pekko-dns}, the A/AAAA records of the service name), and
 * once {@code requiredContactPoints} of them have answered for a stable while, the one with the
 * lowest address forms the cluster and the rest join it. On when CLUSTER_BOOTSTRAP names the service.
 */
record BootstrapSettings(String serviceName, String discovery, List<HostPort> endpoints,
    int requiredContactPoints, int managementPort) {

  static final String SERVICE_NAME = "CLUSTER_BOOTSTRAP (rumble.cluster.bootstrap.service-name)";
  static final String DISCOVERY = "CLUSTER_DISCOVERY (rumble.cluster.bootstrap.discovery)";
  static final String ENDPOINTS = "CLUSTER_BOOTSTRAP_ENDPOINTS (rumble.cluster.bootstrap.endpoints)";
  static final String CONTACT_POINTS =
      "CLUSTER_BOOTSTRAP_CONTACT_POINTS (rumble.cluster.bootstrap.required-contact-points)";
  static final String MANAGEMENT_PORT = "MANAGEMENT_PORT (rumble.cluster.management.port)";

  static final String CONFIG = "config";
  static final String DNS = "pekko-dns";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

  /**
   * From {@code rumble.cluster}: empty unless CLUSTER_BOOTSTRAP is set; a malformed value fails with a
   * message naming its variable.
   */
  static Optional<BootstrapSettings> fromConfig(Config cluster) {
    String serviceName = cluster.getString("bootstrap.service-name").trim();
    String endpointText = cluster.getString("bootstrap.endpoints");
    if (serviceName.isEmpty()) {
      if (!endpointText.isBlank()) {
        throw new IllegalArgumentException(ENDPOINTS + " is set but " + SERVICE_NAME + " is empty: the"
            + " endpoints are only used by the cluster bootstrap, which the service name switches on");
      }
      return Optional.empty();
    }
    if (!NAME.matcher(serviceName).matches()) {
      throw new IllegalArgumentException(SERVICE_NAME + ": \"" + serviceName + "\" is not a service name;"
          + " expected letters, digits, '.', '-' and '_', such as rumble or rumble.games.svc.cluster.local");
    }
    String discovery = discovery(cluster.getString("bootstrap.discovery"));
    List<HostPort> endpoints = ClusterSettings.parseHostPorts(endpointText, ENDPOINTS,
        "10.0.0.5:7626,10.0.0.6:7626 (the management endpoints of the nodes, this one included)");
    if (discovery.equals(CONFIG) && endpoints.isEmpty()) {
      throw new IllegalArgumentException(ENDPOINTS + " is empty but " + DISCOVERY + " is config: list the"
          + " management endpoints (host:MANAGEMENT_PORT) of the nodes, this one included");
    }
    if (discovery.equals(DNS) && !endpoints.isEmpty()) {
      throw new IllegalArgumentException(ENDPOINTS + " is set but " + DISCOVERY + " is pekko-dns, which finds"
          + " the nodes in DNS: unset the endpoints, or use CLUSTER_DISCOVERY=config");
    }
    int required = requiredContactPoints(cluster.getString("bootstrap.required-contact-points"));
    if (discovery.equals(CONFIG) && required > endpoints.size()) {
      throw new IllegalArgumentException(CONTACT_POINTS + " is " + required + " but " + ENDPOINTS
          + " lists only " + endpoints.size() + ": the cluster could never form; list more endpoints or lower"
          + " the number");
    }
    int managementPort = ClusterSettings.port(cluster.getString("management.port"), true, MANAGEMENT_PORT);
    return Optional.of(new BootstrapSettings(serviceName, discovery, endpoints, required, managementPort));
  }

  private static String discovery(String text) {
    String method = text.trim().toLowerCase(Locale.ROOT);
    if (method.equals(CONFIG) || method.equals(DNS)) {
      return method;
    }
    if (method.equals("kubernetes-api")) {
      throw new IllegalArgumentException(DISCOVERY + ": kubernetes-api needs Pekko's"
          + " pekko-discovery-kubernetes-api module, which this server does not ship; on Kubernetes use"
          + " pekko-dns with a headless service, or config");
    }
    throw new IllegalArgumentException(DISCOVERY + ": unknown discovery method \"" + text.trim()
        + "\"; expected config (a static list in CLUSTER_BOOTSTRAP_ENDPOINTS) or pekko-dns (DNS records)");
  }

  private static int requiredContactPoints(String text) {
    try {
      int required = Integer.parseInt(text.trim());
      if (required >= 1) {
        return required;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        CONTACT_POINTS + ": \"" + text.trim() + "\" is not a number of at least 1");
  }

  /** Pekko Management and bootstrap settings: the endpoint on {@code host}, discovery, the static list. */
  Config management(String host) {
    String contact = "pekko.management.cluster.bootstrap.contact-point-discovery.";
    Config config = ConfigFactory.parseMap(Map.of(
        "pekko.management.http.hostname", host,
        "pekko.management.http.port", managementPort,
        contact + "service-name", serviceName,
        contact + "discovery-method", discovery,
        contact + "required-contact-point-nr", requiredContactPoints));
    if (discovery.equals(CONFIG)) {
      List<Map<String, Object>> list = endpoints.stream()
          .map(endpoint -> Map.<String, Object>of("host", endpoint.host(), "port", endpoint.port())).toList();
      config = config
          .withValue(
              ConfigUtil.joinPath("pekko", "discovery", "config", "services", serviceName, "endpoints"),
              ConfigValueFactory.fromIterable(list))
          // Every listed endpoint carries its port: keep them all, even several on one host (by default
          // the bootstrap keeps only those on its own management port when a host has more than one).
          .withValue("pekko.management.cluster.bootstrap.contact-point.filter-on-fallback-port",
              ConfigValueFactory.fromAnyRef(false));
    }
    return config;
  }
}
