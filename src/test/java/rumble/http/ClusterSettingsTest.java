package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.Test;
import rumble.http.ClusterSettings.Seed;

/**
 * CLUSTER_HOST, CLUSTER_PORT, CLUSTER_SEED_NODES and the bootstrap's CLUSTER_BOOTSTRAP, CLUSTER_DISCOVERY,
 * CLUSTER_BOOTSTRAP_ENDPOINTS, CLUSTER_BOOTSTRAP_CONTACT_POINTS and MANAGEMENT_PORT: what is accepted,
 * and the startup error for the rest.
 */
class ClusterSettingsTest {

  @Test
  void noSeedsMeansJoinItself() {
    assertEquals(List.of(), ClusterSettings.parseSeeds(""));
    assertEquals(List.of(), ClusterSettings.parseSeeds("  "));
  }

  @Test
  void seedsAreCommaSeparatedHostPort() {
    assertEquals(List.of(new Seed("10.0.0.5", 25520), new Seed("node-2.rumble.internal", 2552), new Seed("::1", 7)),
        ClusterSettings.parseSeeds("10.0.0.5:25520, node-2.rumble.internal:2552 ,[::1]:7"));
  }

  @Test
  void aSeedIsAnAddressInTheRumbleSystem() {
    assertEquals(new Address("pekko", "rumble", "10.0.0.5", 25520), new Seed("10.0.0.5", 25520).address());
  }

  @Test
  void malformedSeedsFailNamingTheVariable() {
    for (String bad : List.of("foo", "foo:", ":25520", "foo:bar", "foo:0", "foo:70000", "a:1,,b:2", "::1:25520",
        "pekko://rumble@foo:25520")) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
          () -> ClusterSettings.parseSeeds(bad), bad);
      assertTrue(error.getMessage().startsWith("CLUSTER_SEED_NODES"), error.getMessage());
    }
  }

  @Test
  void portMayBeZeroForAnyFreePort() {
    ClusterSettings settings = settings(Map.of("host", "127.0.0.1", "port", "0", "seed-nodes", ""));
    assertEquals(0, settings.port());
    assertEquals(0, settings.remoting().getInt("pekko.remote.artery.canonical.port"));
    assertEquals("cluster", settings.remoting().getString("pekko.actor.provider"));
  }

  @Test
  void malformedPortOrHostFailNamingTheVariable() {
    IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
        () -> settings(Map.of("host", "127.0.0.1", "port", "http", "seed-nodes", "")));
    assertTrue(port.getMessage().startsWith("CLUSTER_PORT"), port.getMessage());
    IllegalArgumentException host = assertThrows(IllegalArgumentException.class,
        () -> settings(Map.of("host", " ", "port", "25520", "seed-nodes", "")));
    assertTrue(host.getMessage().startsWith("CLUSTER_HOST"), host.getMessage());
  }

  @Test
  void aServerWithBadSeedsDoesNotStart() {
    TestServer server = TestServer.create().withConfig("rumble.cluster.seed-nodes", "foo").startedByTest();
    try (server) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class, server::start);
      assertTrue(error.getMessage().contains("CLUSTER_SEED_NODES"), error.getMessage());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  // --- the cluster bootstrap ---

  @Test
  void theBootstrapIsOffUnlessItsServiceIsNamed() {
    ClusterSettings settings = settings(Map.of());
    assertTrue(settings.bootstrap().isEmpty());
    assertFalse(settings.remoting().hasPath("pekko.management"));
  }

  @Test
  void configDiscoveryListsTheManagementEndpoints() {
    ClusterSettings settings = settings(Map.of("host", "10.0.0.5", "bootstrap.service-name", "rumble",
        "bootstrap.endpoints", "10.0.0.5:7626, 10.0.0.6:7627", "management.port", "7626"));
    BootstrapSettings bootstrap = settings.bootstrap().orElseThrow();
    assertEquals("config", bootstrap.discovery());
    assertEquals(2, bootstrap.requiredContactPoints());
    Config pekko = settings.remoting();
    assertEquals("10.0.0.5", pekko.getString("pekko.management.http.hostname"));
    assertEquals(7626, pekko.getInt("pekko.management.http.port"));
    String contact = "pekko.management.cluster.bootstrap.contact-point-discovery.";
    assertEquals("rumble", pekko.getString(contact + "service-name"));
    assertEquals("config", pekko.getString(contact + "discovery-method"));
    assertEquals(2, pekko.getInt(contact + "required-contact-point-nr"));
    List<? extends Config> endpoints = pekko.getConfigList("pekko.discovery.config.services.rumble.endpoints");
    assertEquals(List.of("10.0.0.5:7626", "10.0.0.6:7627"),
        endpoints.stream().map(e -> e.getString("host") + ":" + e.getInt("port")).toList());
    assertEquals(25520, pekko.getInt("pekko.remote.artery.canonical.port"));
  }

  @Test
  void aDottedServiceNameIsOneConfigKey() {
    Config pekko = settings(Map.of("bootstrap.service-name", "rumble.games.svc", "bootstrap.endpoints",
        "a:1,b:2")).remoting();
    assertEquals(2, pekko.getConfigList("pekko.discovery.config.services.\"rumble.games.svc\".endpoints").size());
  }

  @Test
  void dnsDiscoveryTakesNoEndpoints() {
    ClusterSettings settings = settings(Map.of("bootstrap.service-name", "rumble.games.svc.cluster.local",
        "bootstrap.discovery", "Pekko-DNS", "bootstrap.required-contact-points", "3"));
    assertEquals("pekko-dns", settings.bootstrap().orElseThrow().discovery());
    assertEquals("pekko-dns",
        settings.remoting().getString("pekko.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
    assertFalse(settings.remoting().hasPath("pekko.discovery.config"));
  }

  @Test
  void seedsAndBootstrapTogetherFailNamingBoth() {
    String message = failure(Map.of("seed-nodes", "10.0.0.5:25520", "bootstrap.service-name", "rumble",
        "bootstrap.endpoints", "10.0.0.5:7626,10.0.0.6:7626"));
    assertTrue(message.contains("CLUSTER_SEED_NODES") && message.contains("CLUSTER_BOOTSTRAP"), message);
  }

  @Test
  void anUnknownDiscoveryMethodFailsNamingTheVariable() {
    String message = failure(Map.of("bootstrap.service-name", "rumble", "bootstrap.discovery", "consul"));
    assertTrue(message.startsWith("CLUSTER_DISCOVERY") && message.contains("consul"), message);
    String kubernetes = failure(Map.of("bootstrap.service-name", "rumble", "bootstrap.discovery", "kubernetes-api"));
    assertTrue(kubernetes.startsWith("CLUSTER_DISCOVERY") && kubernetes.contains("does not ship"), kubernetes);
  }

  @Test
  void malformedEndpointsFailNamingTheVariable() {
    for (String bad : List.of("foo", "foo:bar", "foo:0", "a:1,,b:2", "http://a:1")) {
      String message = failure(Map.of("bootstrap.service-name", "rumble", "bootstrap.endpoints", bad));
      assertTrue(message.startsWith("CLUSTER_BOOTSTRAP_ENDPOINTS"), bad + ": " + message);
    }
  }

  @Test
  void endpointsMustMatchTheDiscoveryMethod() {
    assertTrue(failure(Map.of("bootstrap.service-name", "rumble")).startsWith("CLUSTER_BOOTSTRAP_ENDPOINTS"));
    assertTrue(failure(Map.of("bootstrap.service-name", "rumble", "bootstrap.discovery", "pekko-dns",
        "bootstrap.endpoints", "a:1,b:2")).startsWith("CLUSTER_BOOTSTRAP_ENDPOINTS"));
    String unused = failure(Map.of("bootstrap.endpoints", "a:1,b:2"));
    assertTrue(unused.startsWith("CLUSTER_BOOTSTRAP_ENDPOINTS") && unused.contains("CLUSTER_BOOTSTRAP ("), unused);
  }

  @Test
  void badServiceNameContactPointsOrManagementPortFailNamingTheVariable() {
    Map<String, String> ok = Map.of("bootstrap.service-name", "rumble", "bootstrap.endpoints", "a:1,b:2");
    assertTrue(failure(with(ok, "bootstrap.service-name", "my service")).startsWith("CLUSTER_BOOTSTRAP"));
    assertTrue(failure(with(ok, "bootstrap.required-contact-points", "0"))
        .startsWith("CLUSTER_BOOTSTRAP_CONTACT_POINTS"));
    String tooMany = failure(with(ok, "bootstrap.required-contact-points", "3"));
    assertTrue(tooMany.startsWith("CLUSTER_BOOTSTRAP_CONTACT_POINTS") && tooMany.contains("lists only 2"), tooMany);
    assertTrue(failure(with(ok, "management.port", "70000")).startsWith("MANAGEMENT_PORT"));
    assertTrue(failure(with(ok, "management.port", "admin")).startsWith("MANAGEMENT_PORT"));
    assertEquals(0, settings(with(ok, "management.port", "0")).bootstrap().orElseThrow().managementPort());
  }

  @Test
  void aServerWithSeedsAndBootstrapDoesNotStart() throws Exception {
    try (TestServer server = TestServer.create().withConfig("rumble.cluster.seed-nodes", "127.0.0.1:25520")
        .withConfig("rumble.cluster.bootstrap.service-name", "rumble")
        .withConfig("rumble.cluster.bootstrap.endpoints", "127.0.0.1:7626,127.0.0.1:7627").startedByTest()) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class, server::start);
      assertTrue(error.getMessage().contains("CLUSTER_SEED_NODES") && error.getMessage().contains("CLUSTER_BOOTSTRAP"),
          error.getMessage());
    }
  }

  /** application.conf's rumble.cluster (without the environment) under these settings. */
  private static ClusterSettings settings(Map<String, String> overrides) {
    Config defaults = ConfigFactory.parseResources("application.conf")
        .resolve(ConfigResolveOptions.noSystem()).getConfig("rumble.cluster");
    return ClusterSettings.fromConfig(ConfigFactory.parseMap(overrides).withFallback(defaults));
  }

  private static String failure(Map<String, String> overrides) {
    return assertThrows(IllegalArgumentException.class, () -> settings(overrides)).getMessage();
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> copy = new HashMap<>(base);
    copy.put(key, value);
    return copy;
  }
}
