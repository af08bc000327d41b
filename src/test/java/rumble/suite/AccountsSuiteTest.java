package rumble.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.http.TestServer;
import rumble.loadtest.suite.SuiteCommand;
import rumble.loadtest.suite.SuiteReport;

/**
 * The short `suite accounts`: a server that trusts X-Forwarded-For (so attacker, owner and
 * neighbours have addresses of their own), with login delays and the registration limit scaled down
 * so the brute force and the burst take seconds, and a chat budget that lets every injected line
 * through at once.
 */
class AccountsSuiteTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.http.trust-forwarded-for", true)
      .withConfig("rumble.accounts.login-backoff.base-delay", "100ms")
      .withConfig("rumble.accounts.login-backoff.max-delay", "300ms")
      .withConfig("rumble.accounts.registration-limit.burst", 3)
      .withConfig("rumble.accounts.registration-limit.per-minute", 3)
      .withConfig("rumble.session.chat.burst", 20);

  @Test
  void bruteForceBurstsInjectionsAndLookAlikesAreHandledAsDesigned() throws Exception {
    StringWriter progress = new StringWriter();
    SuiteReport report = SuiteCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(progress),
        "accounts", "--url", "ws://127.0.0.1:" + server.port() + "/ws", "--spoof-addresses",
        "--base-delay", "100ms", "--max-delay", "300ms", "--guesses", "8",
        "--burst", "12", "--registration-burst", "3");
    System.out.print(report.table());
    assertTrue(report.passed(), report.table() + progress);
  }
}
