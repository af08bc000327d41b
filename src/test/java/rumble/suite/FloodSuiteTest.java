package rumble.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.http.TestServer;
import rumble.loadtest.suite.SuiteCommand;
import rumble.loadtest.suite.SuiteReport;

/**
 * The flood suite, short: 2 flooders (each reconnecting after every close) beyond the frame budget
 * while 20 bots play, against the server's default budget (60 frames/s, burst 120, closed after 1 s
 * of flooding). Before the budget was enforced in the socket's stream flooders were never closed,
 * and every frame was decoded and handed to their session on the rooms' dispatcher.
 */
class FloodSuiteTest {

  @RegisterExtension
  static final TestServer server = TestServer.create();

  @Test
  @Timeout(90)
  void floodersAreClosedWithinASecondWhileBotsKeepTheirUpdates() {
    SuiteReport report = SuiteCommand.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
        "flood", "--url", "ws://127.0.0.1:" + server.port() + "/ws", "--flooders", "2", "--bots", "20",
        "--warmup", "3s", "--baseline", "5s", "--attack", "5s");
    assertTrue(report.passed(), report::table);
    assertTrue(report.number("flooding connections") >= 4, "each flooder came back after its close\n" + report);
    assertEquals(report.number("flooding connections"), report.number("flooders closed (flood_closed)"), report::table);
  }
}
