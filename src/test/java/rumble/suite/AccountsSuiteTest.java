package rumble.suite;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import rumble.http.TestServer;

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
    Suites.runAndPass(work, "accounts", "--url", "ws://127.0.0.1:" + server.port() + "/ws", "--spoof-addresses",
        "--base-delay", "100ms", "--max-delay", "300ms", "--guesses", "8", "--burst", "12", "--registration-burst", "3");
  }
}
