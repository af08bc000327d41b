package rumble.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir Path dir;

  static Report.Run run(String mode) {
    return new Report.Run(mode, "guest", "ws://127.0.0.1:8080/ws", "http://127.0.0.1:8080/metrics", 5, 5, 60, 200,
        10, 20, 200, 25, 42, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:02Z"));
  }

  static BotResult inGame(int index, long deltas, double seconds, long down, long up) {
    return new BotResult(index, BotResult.Connection.OK, true, true, "1000", (long) (seconds * 1e9), deltas, 0, down,
        up, 20, deltas + 5, 0, 0, 10, 1, 3, 0);
  }

  static Report sample() {
    List<BotResult> results = new ArrayList<>();
    results.add(inGame(0, 1000, 50, 100_000, 1_000));   // 20 Hz, 2000 B/s down
    results.add(inGame(1, 900, 50, 50_000, 500));       // 18 Hz
    results.add(inGame(2, 10, 0.5, 1_000, 10));         // too short for per-client figures, still in the sums
    results.add(inGame(5, 1010, 50, 1_000, 10));        // a burst above the tick rate counts as 100 %, no more
    results.add(new BotResult(3, BotResult.Connection.FAILED, false, false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0));
    results.add(new BotResult(4, BotResult.Connection.NOT_FINISHED, false, false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0));
    Histogram interArrival = new Histogram(600_000_000L, 3);
    for (int i = 0; i < 99; i++) {
      interArrival.recordValue(50_000);
    }
    interArrival.recordValue(200_000);
    Histogram latency = new Histogram(600_000_000L, 3);
    latency.recordValue(30_000);
    Histogram admitted = new Histogram(600_000_000L, 3);
    admitted.recordValue(40_000);
    admitted.recordValue(90_000);
    return Report.build(run("play"), results, 3, 3, 3, interArrival, latency, 2,
        new Report.Admission(Summary.of(admitted, 0.001), 120.0), Map.of("connect_failed:connection_refused", 1L, "deny:Too many messages", 2L),
        ServerFigures.none("not read"), new Report.LoadTester(12.5, 1.0e8));
  }

  @Test
  void countsAddUp() {
    Report report = sample();
    Report.Connections c = report.connections();
    assertEquals(6, c.attempted());
    assertEquals(c.attempted(), c.ok() + c.failed() + c.notFinished());
    assertEquals(4, c.ok());
    assertEquals(4, c.reachedGame());
    assertEquals(4, c.loggedOutCleanly());
    assertEquals(Map.of("1000", 4L), report.closeCodes(), "one close code per connection that opened");
    assertEquals(3, report.errorsTotal());
    Report.Updates u = report.updates();
    assertEquals(2920, u.received());
    assertEquals(50 * 20 * 3 + 0.5 * 20, u.expected(), 1e-9);
    assertEquals((1000 + 900 + 10 + 1000) / 3010.0 * 100, u.deliveredPercent(), 1e-9);
    assertEquals(3, u.clientsMeasured());
    assertEquals(18.0, u.perClientRateHz().min(), 0.05);
    assertEquals(20.2, u.perClientRateHz().max(), 0.05);
    assertEquals(50.0, u.interArrivalMs().p50(), 0.1);
    assertEquals(200.0, u.interArrivalMs().max(), 0.2);
    assertEquals(30.0, report.latency().inputToVisibleMs().p99(), 0.1);
    assertEquals(2, report.latency().timeouts());
    assertEquals(2000.0, report.traffic().downPerClientBytesPerSecond().max(), 2);
    assertEquals(152_000, report.traffic().downBytes());
  }

  @Test
  void jsonCarriesTheSameNumbers() throws Exception {
    Report report = sample();
    Path file = dir.resolve("nested/report.json");
    report.writeJson(file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    for (String section : Report.sectionNames()) {
      assertTrue(json.has(section), section);
    }
    assertEquals(6, json.at("/connections/attempted").asLong());
    assertEquals(report.connections().ok(), json.at("/connections/ok").asLong());
    assertEquals(report.connections().failed(), json.at("/connections/failed").asLong());
    assertEquals(report.updates().received(), json.at("/updates/received").asLong());
    assertEquals(report.updates().deliveredPercent(), json.at("/updates/delivered_pct").asDouble(), 0.001);
    assertEquals(report.updates().interArrivalMs().p99(), json.at("/updates/inter_arrival_ms/p99").asDouble(), 0.001);
    assertEquals(4, json.at("/close_codes/1000").asLong());
    assertEquals(2, json.at("/errors/deny:Too many messages").asLong());
    assertEquals(3, json.at("/errors_total").asLong());
    assertEquals(90.0, json.at("/admission/connect_to_game_ms/max").asDouble(), 0.1);
    assertEquals(120.0, json.at("/admission/all_in_game_after_last_connect_ms").asDouble());
    assertEquals("2026-01-01T00:00:00Z", json.at("/run/started").asText());
    assertEquals(62.0, json.at("/run/elapsed_s").asDouble());
    assertTrue(json.at("/server/tick_p99_ms").isNull(), "missing server figures are null in JSON");
    assertEquals("not read", json.at("/server/error").asText());
  }

  @Test
  void tableShowsNotAvailableForMissingFigures() {
    Report report = sample();
    String table = report.toTable();
    assertTrue(table.contains("ok / failed / not finished"), table);
    assertTrue(table.contains("4 / 1 / 1"), table);
    assertTrue(table.contains("n/a (not read)"), table);
    assertTrue(table.contains("deny:Too many messages"), table);
  }

  @Test
  void severalNodesShowEachNodeAndTheirSum() throws Exception {
    ServerFigures a = ServerFiguresCombineTest.node(1000, 1.0, 3.0, 0, 2, 40, 20, 100, 19.9, null);
    ServerFigures b = ServerFiguresCombineTest.node(3000, 2.0, 8.0, 5, 4, 60, 30, 200, 19.5, "refused");
    Report single = sample();
    Report report = new Report(single.run(), single.connections(), single.updates(), single.latency(),
        single.admission(), single.traffic(), single.closeCodes(), single.errors(), single.errorsTotal(),
        ServerFigures.combine(List.of(a, b), 0), single.loadtester(), List.of(), null)
        .withNodes(List.of(new Report.Node("http://127.0.0.1:8081/metrics", a),
            new Report.Node("http://127.0.0.1:8082/metrics", b)));
    String table = report.toTable();
    assertTrue(table.contains("Server (from /metrics of 2 nodes"), table);
    assertTrue(table.contains("Node 1 (http://127.0.0.1:8081/metrics)"), table);
    assertTrue(table.contains("Node 2 (http://127.0.0.1:8082/metrics)"), table);
    assertTrue(table.matches("(?s).*last metrics error +refused\n.*"), table);
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertEquals(2, json.get("nodes").size());
    assertEquals("http://127.0.0.1:8082/metrics", json.at("/nodes/1/metrics_url").asText());
    assertEquals(3000.0, json.at("/nodes/1/ticks").asDouble());
    assertEquals(4000.0, json.at("/server/ticks").asDouble());
    assertEquals(300.0, json.at("/server/in_game_peak").asDouble());
  }

  @Test
  void oneNodeWithoutReconnectShowsNeitherNodesNorReconnects() throws Exception {
    Report report = sample();
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertTrue(!json.has("nodes") && !json.has("reconnects"), report.toJson());
    String table = report.toTable();
    assertTrue(table.contains("Server (from /metrics)\n"), table);
    assertTrue(!table.contains("Node 1") && !table.contains("Reconnects"), table);
  }

  @Test
  void reconnectsAreCountedWithTheirTimeOutOfTheGame() throws Exception {
    Histogram out = new Histogram(600_000_000L, 3);
    out.recordValue(400_000);
    out.recordValue(900_000);
    Report report = sample().withReconnects(new Report.Reconnects(3, 2, 4, 1, Summary.of(out, 0.001)));
    assertEquals(1, report.reconnects().notBack());
    String table = report.toTable();
    assertTrue(table.matches("(?s).*connections lost / back in game / not +3 / 2 / 1\n.*"), table);
    assertTrue(table.matches("(?s).*attempts / failed +4 / 1\n.*"), table);
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertEquals(3, json.at("/reconnects/drops").asLong());
    assertEquals(1, json.at("/reconnects/not_back").asLong());
    assertEquals(2, json.at("/reconnects/out_of_game_ms/count").asLong());
    assertEquals(900.0, json.at("/reconnects/out_of_game_ms/max").asDouble(), 1);
  }

  @Test
  void emptyRunHasNoPercentiles() {
    Report report = Report.build(run("idle"), List.of(), 0, 0, 0, new Histogram(3), new Histogram(3), 0,
        Report.Admission.NONE, Map.of(),
        ServerFigures.none(null), new Report.LoadTester(null, null));
    assertEquals(0, report.connections().attempted());
    assertNull(report.updates().deliveredPercent());
    assertNull(report.updates().interArrivalMs().p50());
    assertNotNull(report.toTable());
    assertTrue(report.toJson().contains("\"delivered_pct\" : null"));
  }
}
