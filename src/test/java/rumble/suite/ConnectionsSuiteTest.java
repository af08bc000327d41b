package rumble.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.http.TestServer;
import rumble.loadtest.suite.SuiteCommand;
import rumble.loadtest.suite.SuiteReport;

/**
 * The connections suite, short: 150 plain TCP connects and 150 WebSocket upgrades that never say a
 * word, against a server whose request-head timeout is 3 s and idle timeout 6 s; a fresh player
 * joins every second meanwhile. Both ends live in this JVM, so heap per connection counts both.
 */
class ConnectionsSuiteTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.http.request-head-timeout", "3s")
      .withConfig("rumble.session.idle-timeout", "6s");

  @Test
  @Timeout(60)
  void silentConnectionsAreClosedByTheServerWhileNewPlayersJoinFast() {
    SuiteReport report = SuiteCommand.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
        "connections", "--url", "ws://127.0.0.1:" + server.port() + "/ws",
        "--server-pid", String.valueOf(ProcessHandle.current().pid()), "--raw", "150", "--upgraded", "150",
        "--head-timeout", "3s", "--idle-timeout", "6s", "--margin", "3s");
    assertTrue(report.passed(), report::table);
    assertTrue(report.number("probe join max") > 0, report::table);
  }
}
