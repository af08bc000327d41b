package rumble.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.http.TestServer;
import rumble.loadtest.suite.SuiteCommand;
import rumble.loadtest.suite.SuiteReport;

/**
 * The short version of {@code suite http-abuse} (bench/suite.sh http-abuse runs the long one):
 * pipelining, 100 slowloris connections against a 2 s head timeout, huge heads, and every
 * WebSocket protocol violation twice, while a player in game counts its deltas.
 */
class HttpAbuseSuiteTest {

  @RegisterExtension
  static final TestServer server = TestServer.create().withConfig("rumble.http.request-head-timeout", "2s");

  @Test
  void theListenerAnswersOrCutsOffEveryAttackerAndThePlayerPlaysOn() {
    StringWriter progress = new StringWriter();
    SuiteReport report = SuiteCommand.execute(new PrintWriter(System.out, true), new PrintWriter(progress, true),
        "http-abuse", "--url", "ws://127.0.0.1:" + server.port() + "/ws", "--connections", "100",
        "--head-timeout", "2s", "--repeat", "2");
    assertTrue(report.passed(), report.table() + progress);
    assertEquals(2000, report.number("pipelined GET /health/live answered"), 0);
    assertEquals(100, report.number("server rejected request_head_timeout"), 0, "each dribbler counted once");
    assertTrue(report.number("slowloris cut off after, max") < 5_000, "cut off at the head timeout");
    assertTrue(report.number("bystander deltas") > 0, "the player in game received deltas throughout");
  }
}
