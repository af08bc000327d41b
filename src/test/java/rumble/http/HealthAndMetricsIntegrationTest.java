package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.Packet.MsgCase;

/** What an operator or a load balancer sees: health checks and the Prometheus page, over HTTP. */
class HealthAndMetricsIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create();

  private static void awaitGauge(double expected, String name, String... labels) throws Exception {
    server.awaitMetric("reaching " + expected, value -> value == expected, name, labels);
  }

  @Test
  void livenessAnswers200() throws Exception {
    HttpResponse<String> live = Http.get(server.port(), "/health/live");
    assertEquals(200, live.statusCode());
    assertTrue(live.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertEquals("{\"status\":\"up\"}", live.body());
  }

  @Test
  void readinessAnswers200WithTheDatabaseOk() throws Exception {
    HttpResponse<String> ready = Http.get(server.port(), "/health/ready");
    assertEquals(200, ready.statusCode());
    assertEquals("{\"status\":\"ready\",\"database\":\"ok\",\"actors\":\"ok\",\"cluster\":\"up\"}",
        ready.body());
  }

  @Test
  void unknownPathIsNotFound() throws Exception {
    assertEquals(404, Http.get(server.port(), "/nothing-here").statusCode());
  }

  @Test
  void metricsPageIsPrometheusText() throws Exception {
    HttpResponse<String> page = Http.get(server.port(), "/metrics");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String body = page.body();
    assertTrue(body.contains("# TYPE rumble_connections_open gauge"), body);
    assertTrue(body.contains("# TYPE rumble_packets_in_total counter"), body);
    assertTrue(body.contains("rumble_packets_in_total{type=\"login_request\"}"), body);
    assertTrue(body.contains("jvm_memory_used_bytes"), "JVM metrics are exported too");
    assertTrue(body.contains("logback_events_total{level=\"error\"}"), "log events by level, from the start");
  }

  @Test
  void openConnectionsFollowClientsComingAndGoing() throws Exception {
    awaitGauge(0, "rumble_connections_open");
    double openedBefore = server.scrape().value("rumble_connections_opened_total");
    TestClient first = TestClient.connect(server.port());
    TestClient second = TestClient.connect(server.port());
    awaitGauge(2, "rumble_connections_open");
    assertEquals(openedBefore + 2, server.scrape().value("rumble_connections_opened_total"));
    first.close();
    awaitGauge(1, "rumble_connections_open");
    second.close();
    awaitGauge(0, "rumble_connections_open");
  }

  @Test
  void sessionsAreCountedByState() throws Exception {
    awaitGauge(0, "rumble_connections_open");
    try (TestClient player = TestClient.connect(server.port());
        TestClient browser = TestClient.connect(server.port())) {
      awaitGauge(2, "rumble_sessions", "state", "connected");
      player.registerAndLogin(Names.fresh("Counted"), "correct horse");
      browser.requestHiscores();
      browser.expectBoard();
      awaitGauge(1, "rumble_sessions", "state", "in_game");
      awaitGauge(1, "rumble_sessions", "state", "browsing_hiscores");
      awaitGauge(0, "rumble_sessions", "state", "connected");

      player.logout();
      player.expect(MsgCase.ID);
      awaitGauge(0, "rumble_sessions", "state", "in_game");
      awaitGauge(1, "rumble_sessions", "state", "connected");
    }
    awaitGauge(0, "rumble_sessions", "state", "browsing_hiscores");
    awaitGauge(0, "rumble_sessions", "state", "connected");
  }

  @Test
  void packetsAndDatabaseCallsAreCounted() throws Exception {
    Scrape before = server.scrape();
    try (TestClient client = TestClient.connect(server.port())) {
      String name = Names.fresh("Metered");
      client.registerAndLogin(name, "correct horse");
    }
    Scrape after = server.scrape();
    assertEquals(before.value("rumble_packets_in_total", "type", "login_request") + 1,
        after.value("rumble_packets_in_total", "type", "login_request"));
    assertEquals(before.value("rumble_packets_in_total", "type", "register_request") + 1,
        after.value("rumble_packets_in_total", "type", "register_request"));
    assertTrue(after.value("rumble_packets_out_total", "type", "ok_response")
        >= before.value("rumble_packets_out_total", "type", "ok_response") + 2);
    assertTrue(after.value("rumble_packets_out_total", "type", "id")
        > before.value("rumble_packets_out_total", "type", "id"));
    assertTrue(after.value("rumble_bytes_in_total") > before.value("rumble_bytes_in_total"));

    // A call's latency is recorded just after its answer is handed on, so it may trail the reply.
    // Logins and registrations are timed per step: the password work apart from the database.
    double loginsBefore = before.value("rumble_db_call_seconds_count", "op", "password_verify");
    double registersBefore = before.value("rumble_db_call_seconds_count", "op", "register_insert");
    after = server.awaitScrape("the login and register calls are timed", scrape ->
        scrape.value("rumble_db_call_seconds_count", "op", "password_verify") == loginsBefore + 1
            && scrape.value("rumble_db_call_seconds_count", "op", "register_insert") == registersBefore + 1);
    assertTrue(after.value("rumble_db_call_seconds_sum", "op", "password_verify") > 0);
    // A histogram, so operators can compute any quantile with histogram_quantile().
    assertTrue(after.text().contains("# TYPE rumble_db_call_seconds histogram"), "latency histogram");
    assertTrue(after.text().contains("rumble_db_call_seconds_bucket{op=\"password_verify\""), "latency histogram buckets");
  }
}
