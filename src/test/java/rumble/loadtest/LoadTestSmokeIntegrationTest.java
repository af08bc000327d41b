package rumble.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import rumble.http.TestServer;

/**
 * 50 guest bots for 10 s against an in-process server, through the real command line: checks that
 * the report is right (counts add up, percentiles present, no errors, the JSON says what the table
 * says). It checks correctness, not speed.
 */
class LoadTestSmokeIntegrationTest {

  static final int BOTS = 50;

  @TempDir static Path dir;

  @RegisterExtension
  static final TestServer server = TestServer.create();

  @Test
  @Timeout(60)
  void fiftyGuestsPlayForTenSecondsAndTheReportAddsUp() throws Exception {
    Path json = dir.resolve("report.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = LoadTestCommand.run(new PrintWriter(out), new PrintWriter(err),
        "--url", "ws://127.0.0.1:" + server.port() + "/ws",
        "--players", String.valueOf(BOTS), "--ramp", "50/s", "--duration", "10s",
        "--chat-every", "4s", "--input-hz", "10", "--seed", "1", "--json", json.toString(), "--fail-on-errors");
    String table = out.toString();
    assertEquals(LoadTestCommand.EXIT_OK, exit, () -> "exit " + exit + "\n" + table + "\n" + err);

    JsonNode report = new ObjectMapper().readTree(Files.readString(json));
    JsonNode connections = report.get("connections");
    assertEquals(BOTS, connections.get("attempted").asInt(), table);
    assertEquals(BOTS, connections.get("ok").asInt(), table);
    assertEquals(0, connections.get("failed").asInt(), table);
    assertEquals(0, connections.get("not_finished").asInt(), table);
    assertEquals(BOTS, connections.get("reached_game").asInt(), "every bot reached the game\n" + table);
    assertEquals(BOTS, connections.get("logged_out_cleanly").asInt(), table);
    assertEquals(BOTS, report.at("/close_codes/1000").asInt(), table);
    assertEquals(0, report.get("errors_total").asLong(), table);
    assertEquals(0, report.get("errors").size(), table);

    JsonNode updates = report.get("updates");
    assertTrue(updates.get("received").asLong() > 0, table);
    double delivered = updates.get("delivered_pct").asDouble();
    assertTrue(delivered > 50 && delivered <= 100, "delivered " + delivered + "\n" + table);
    assertEquals(BOTS, updates.get("clients_measured").asInt(), table);
    assertTrue(updates.at("/inter_arrival_ms/p50").isNumber(), table);
    assertTrue(updates.at("/inter_arrival_ms/p99").isNumber(), table);
    assertTrue(updates.at("/inter_arrival_ms/p50").asDouble() <= updates.at("/inter_arrival_ms/p99").asDouble());
    assertTrue(updates.at("/per_client_rate_hz/p50").asDouble() > 10, table);
    assertTrue(report.at("/input_to_visible_ms/count").asLong() > 0, "bots steered and saw it\n" + table);
    // --input-hz 10: each bot repeats its course ten times a second while in game (8 s or more here).
    double directions = server.scrape().value("rumble_packets_in_total", "type", "player_direction");
    assertTrue(directions >= BOTS * 10 * 6, directions + " steering packets from " + BOTS + " bots\n" + table);
    assertEquals(10.0, report.at("/run/input_hz").asDouble(), table);
    assertTrue(report.at("/input_to_visible_ms/p99").isNumber(), table);
    assertTrue(report.at("/traffic/down_bytes_per_s_per_client/p50").asDouble() > 0, table);
    assertTrue(report.at("/traffic/up_bytes_per_s_per_client/p50").asDouble() > 0, table);
    assertTrue(updates.get("chats_sent").asLong() > 0, table);

    // Every bot's wait from its connect to its first JoinedRoom, and when the last one got in.
    assertEquals(BOTS, report.at("/admission/connect_to_game_ms/count").asLong(), table);
    assertTrue(report.at("/admission/connect_to_game_ms/p99").asDouble() > 0, table);
    assertTrue(report.at("/admission/all_in_game_after_last_connect_ms").asDouble() >= 0, table);

    JsonNode serverFigures = report.get("server");
    assertTrue(serverFigures.get("scrapes").asInt() >= 2, table);
    assertTrue(serverFigures.get("ticks").asDouble() > 0, table);
    assertTrue(serverFigures.get("tick_p99_ms").isNumber(), table);
    assertTrue(serverFigures.get("heap_used_bytes").asDouble() > 0, table);
    assertTrue(serverFigures.get("cpu_us_per_player_tick").asDouble() > 0, table);
    assertEquals(BOTS, serverFigures.get("in_game_peak").asInt(), table);

    // The table on stdout shows the same numbers as the JSON.
    assertEquals(BOTS + " / 0 / 0", row(table, "ok / failed / not finished"));
    // the table rounds to 2 decimals, the JSON to 3
    assertEquals(updates.get("delivered_pct").asDouble(),
        Double.parseDouble(row(table, "delivered").replace("%", "").strip()), 0.0051);
    assertEquals(String.format(java.util.Locale.ROOT, "%,d", updates.get("received").asLong()),
        row(table, "world deltas received / expected").split(" / ")[0]);
    assertEquals("1000: " + BOTS, row(table, "close codes"));
    assertFalse(err.toString().isEmpty(), "a progress line was printed");
  }

  @Test
  @Timeout(40)
  void thePekkoHttpClientPlaysToo() throws Exception {
    Path json = dir.resolve("pekko-http.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = LoadTestCommand.run(new PrintWriter(out), new PrintWriter(err),
        "--url", "ws://127.0.0.1:" + server.port() + "/ws", "--client", "pekko-http",
        "--players", "5", "--ramp", "50/s", "--duration", "4s", "--chat-every", "0", "--seed", "2",
        "--name-prefix", "ph", "--json", json.toString(), "--quiet", "--fail-on-errors");
    assertEquals(LoadTestCommand.EXIT_OK, exit, () -> out + "\n" + err);
    JsonNode report = new ObjectMapper().readTree(Files.readString(json));
    assertEquals(5, report.at("/connections/reached_game").asInt(), out::toString);
    assertEquals(5, report.at("/connections/logged_out_cleanly").asInt(), out::toString);
    assertEquals(5, report.at("/close_codes/1000").asInt(), out::toString);
    assertTrue(report.at("/updates/received").asLong() > 0, out::toString);
    assertTrue(err.toString().isEmpty(), "--quiet prints no progress: " + err);
  }

  private static String row(String table, String label) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(.*)$").matcher(table);
    assertTrue(m.find(), () -> "no row " + label + " in\n" + table);
    return m.group(1).strip();
  }
}
