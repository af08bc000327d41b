package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every server is a cluster node: alone it joins itself and is ready once Up; seeded with another's
 * address it joins that one's cluster. Two servers here are two actor systems in one JVM, on random
 * loopback ports.
 */
class ClusterIntegrationTest {

  @RegisterExtension
  final TestServer first = TestServer.create();

  @RegisterExtension
  final TestServer second = TestServer.create().startedByTest();

  @Test
  void aLoneNodeJoinsItselfAndIsReady() throws Exception {
    assertEquals("up", first.server().clusterStatus());
    HttpResponse<String> ready = Http.get(first.port(), "/health/ready");
    assertEquals(200, ready.statusCode());
    assertTrue(ready.body().contains("\"cluster\":\"up\""), ready.body());
    first.awaitMetric("one member up", up -> up == 1, "rumble_cluster_members", "status", "up");
  }

  @Test
  void aNodeIsNotReadyUntilItIsUp() throws Exception {
    // Its only seed is a port nobody listens on: the node keeps trying to join and never becomes Up.
    int nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    second.withConfig("rumble.cluster.seed-nodes", "127.0.0.1:" + nobody).notAwaitingClusterUp().start();
    HttpResponse<String> ready = Http.get(second.port(), "/health/ready");
    assertEquals(503, ready.statusCode());
    assertEquals("{\"status\":\"unavailable\",\"database\":\"ok\",\"actors\":\"ok\",\"cluster\":\"joining\"}",
        ready.body());
    assertEquals(200, Http.get(second.port(), "/health/live").statusCode());
  }

  @Test
  void aTakenRemotingPortStopsStartUpWithTheVariablesNamed() throws Exception {
    String taken = first.server().clusterAddress();
    second.withConfig("rumble.cluster.port", taken.substring(taken.lastIndexOf(':') + 1));
    IllegalStateException error = assertThrows(IllegalStateException.class, second::start);
    assertTrue(error.getMessage().contains("CLUSTER_PORT"), error.getMessage());
    assertEquals(200, Http.get(first.port(), "/health/ready").statusCode(), "the first server runs on");
  }

  @Test
  void aSeededNodeJoinsTheFirstsCluster() throws Exception {
    second.joining(first).start();
    assertEquals(200, Http.get(second.port(), "/health/ready").statusCode());
    first.awaitMembersUp(2);
    second.awaitMembersUp(2);
  }
}
