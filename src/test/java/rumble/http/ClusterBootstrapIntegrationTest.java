package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two servers find each other through Pekko Management's cluster bootstrap with {@code config}
 * discovery (each lists both management endpoints) and form one cluster: neither is ready alone,
 * both are once the second is there. The bootstrap's timing is shortened here (production: a 5 s
 * stable margin and 1 s intervals, see application.conf).
 */
class ClusterBootstrapIntegrationTest {

  @RegisterExtension
  final TestServer first = TestServer.create().startedByTest().notAwaitingClusterUp();

  @RegisterExtension
  final TestServer second = TestServer.create().startedByTest().notAwaitingClusterUp();

  @Test
  void twoNodesFindEachOtherThroughConfigDiscoveryAndFormOneCluster() throws Exception {
    int firstManagement = freePort();
    int secondManagement = freePort();
    String endpoints = "127.0.0.1:" + firstManagement + ",127.0.0.1:" + secondManagement;
    bootstrapped(first, firstManagement, endpoints).start();
    // Two contact points are required to form a cluster, and only one answers yet.
    HttpResponse<String> alone = Http.get(first.port(), "/health/ready");
    assertEquals(503, alone.statusCode());
    assertTrue(alone.body().contains("\"cluster\":\"joining\""), alone.body());

    bootstrapped(second, secondManagement, endpoints).start();
    first.awaitMetric("both members up on the first", up -> up == 2, "rumble_cluster_members", "status", "up");
    second.awaitMetric("both members up on the second", up -> up == 2, "rumble_cluster_members", "status", "up");
    assertEquals(200, Http.get(first.port(), "/health/ready").statusCode());
    assertEquals(200, Http.get(second.port(), "/health/ready").statusCode());
  }

  @Test
  void aTakenManagementPortStopsStartUpWithTheVariableNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      bootstrapped(first, port, "127.0.0.1:" + port + ",127.0.0.1:" + freePort());
      IllegalStateException error = assertThrows(IllegalStateException.class, first::start);
      assertTrue(error.getMessage().contains("MANAGEMENT_PORT"), error.getMessage());
    }
  }

  private static TestServer bootstrapped(TestServer server, int managementPort, String endpoints) {
    String timing = "pekko.management.cluster.bootstrap.";
    return server.withConfig("rumble.cluster.bootstrap.service-name", "rumble-test")
        .withConfig("rumble.cluster.bootstrap.discovery", "config")
        .withConfig("rumble.cluster.bootstrap.endpoints", endpoints)
        .withConfig("rumble.cluster.management.port", managementPort)
        .withConfig(timing + "contact-point-discovery.interval", "200ms")
        .withConfig(timing + "contact-point-discovery.stable-margin", "500ms")
        .withConfig(timing + "contact-point.probe-interval", "200ms");
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
