package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.junit.jupiter.api.Test;
import rumble.http.ClusterSettings.Seed;

/** CLUSTER_HOST, CLUSTER_PORT and CLUSTER_SEED_NODES: what is accepted, and the startup error for the rest. */
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
    ClusterSettings settings = ClusterSettings.fromConfig(
        ConfigFactory.parseMap(Map.of("host", "127.0.0.1", "port", "0", "seed-nodes", "")));
    assertEquals(0, settings.port());
    assertEquals(0, settings.remoting().getInt("pekko.remote.artery.canonical.port"));
    assertEquals("cluster", settings.remoting().getString("pekko.actor.provider"));
  }

  @Test
  void malformedPortOrHostFailNamingTheVariable() {
    IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> ClusterSettings.fromConfig(
        ConfigFactory.parseMap(Map.of("host", "127.0.0.1", "port", "http", "seed-nodes", ""))));
    assertTrue(port.getMessage().startsWith("CLUSTER_PORT"), port.getMessage());
    IllegalArgumentException host = assertThrows(IllegalArgumentException.class, () -> ClusterSettings.fromConfig(
        ConfigFactory.parseMap(Map.of("host", " ", "port", "25520", "seed-nodes", ""))));
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
}
