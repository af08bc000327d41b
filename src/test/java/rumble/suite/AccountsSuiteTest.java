package rumble.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import rumble.http.TestServer;
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

  @TempDir
  Path work;

  @Test
  void bruteForceBurstsInjectionsAndLookAlikesAreHandledAsDesigned() throws Exception {
    SuiteReport report = Suites.runAndPass(work, "accounts", "--url", "ws://127.0.0.1:" + server.port() + "/ws", "--spoof-addresses",
        "--base-delay", "100ms", "--max-delay", "300ms", "--guesses", "8", "--burst", "12", "--registration-burst", "3");
    // What a player would notice: every guess answered, the owner let in, no look-alike of a taken
    // name accepted, every hostile value either refused with a reason or kept exactly as typed.
    assertEquals(8, report.number("guesses made"), report::table);
    assertTrue(report.number("owner login during the attack") < 1500, report::table);
    String lookAlikes = (String) report.value("look-alikes refused / tried");
    String[] refusedOfTried = lookAlikes.split(" / ");
    assertEquals(refusedOfTried[1], refusedOfTried[0], "every look-alike refused: " + lookAlikes);
    double handled = report.number("injections denied with a reason")
        + report.number("injections stored or echoed literally")
        + report.number("chat lines cleaned of control characters");
    assertEquals(report.number("injections tried"), handled, report::table);
  }
}
