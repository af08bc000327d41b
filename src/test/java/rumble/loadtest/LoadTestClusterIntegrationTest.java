package rumble.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import rumble.http.TestServer;

/**
 * The load tester against two servers through the real command line: the bots are spread over both,
 * each node's figures are read and reported beside their sum, and with --reconnect the bots of a
 * node that goes away play on on the other one, their time out of the game counted.
 */
class LoadTestClusterIntegrationTest {

  static final int BOTS = 20;

  @TempDir Path dir;

  @RegisterExtension
  final TestServer first = TestServer.create();

  @RegisterExtension
  final TestServer second = TestServer.create();

  @Test
  @Timeout(90)
  void botsSpreadOverTwoNodesAndThoseOfAStoppedNodePlayOnOnTheOther() throws Exception {
    Path json = dir.resolve("report.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String urls = "ws://127.0.0.1:" + first.port() + "/ws,ws://127.0.0.1:" + second.port() + "/ws";
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> LoadTestCommand.run(new PrintWriter(out),
        new PrintWriter(err), "--url", urls, "--reconnect", "--players", String.valueOf(BOTS), "--ramp", "40/s",
        "--duration", "12s", "--metrics-every", "1s", "--chat-every", "0", "--seed", "3", "--json",
        json.toString(), "--quiet"));
    first.awaitMetric("half the bots in game on the first node", n -> n == BOTS / 2, "rumble_sessions", "state",
        "in_game");
    second.awaitMetric("half the bots in game on the second node", n -> n == BOTS / 2, "rumble_sessions", "state",
        "in_game");
    TimeUnit.SECONDS.sleep(2); // the load tester reads both nodes with everybody in
    int secondPort = second.port();
    second.stop();
    first.awaitMetric("every bot in game on the first node", n -> n == BOTS, "rumble_sessions", "state", "in_game");

    int exit = run.get(60, TimeUnit.SECONDS);
    String table = out.toString();
    assertEquals(LoadTestCommand.EXIT_OK, exit, () -> "exit " + exit + "\n" + table + "\n" + err);
    JsonNode report = new ObjectMapper().readTree(Files.readString(json));
    assertEquals(BOTS, report.at("/connections/reached_game").asInt(), table);
    assertEquals(BOTS, report.at("/connections/logged_out_cleanly").asInt(), "all on the first node at the end\n"
        + table);

    JsonNode nodes = report.get("nodes");
    assertEquals(2, nodes.size(), table);
    assertEquals("http://127.0.0.1:" + first.port() + "/metrics", nodes.at("/0/metrics_url").asText(), table);
    assertEquals(BOTS, nodes.at("/0/in_game_peak").asInt(), "the first node ends with every bot\n" + table);
    assertEquals(BOTS / 2, nodes.at("/1/in_game_peak").asInt(), "bot i on URL i mod 2\n" + table);
    assertTrue(nodes.at("/1/error").asText().contains("cannot read"), "the stopped node could not be read\n" + table);
    assertEquals(BOTS, report.at("/server/in_game_peak").asInt(), "the peak of the sum, nobody counted twice\n"
        + table);
    assertEquals(nodes.at("/0/ticks").asDouble() + nodes.at("/1/ticks").asDouble(),
        report.at("/server/ticks").asDouble(), 1e-6, table);

    JsonNode reconnects = report.get("reconnects");
    assertEquals(BOTS / 2, reconnects.get("drops").asInt(), "the second node's bots lost their connection\n" + table);
    assertEquals(BOTS / 2, reconnects.get("back_in_game").asInt(), table);
    assertEquals(0, reconnects.get("not_back").asInt(), table);
    assertEquals(BOTS / 2, reconnects.at("/out_of_game_ms/count").asInt(), table);
    assertTrue(reconnects.at("/out_of_game_ms/max").asDouble() > 0, table);
    assertTrue(table.contains("Node 2 (http://127.0.0.1:" + secondPort + "/metrics)"), table);
    assertTrue(table.contains("Reconnects (--reconnect)"), table);
  }
}
