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
 * The short version of {@code suite fuzz} (bench/suite.sh fuzz runs the long one): 20,000 fuzz
 * frames from 40 clients in every session phase while 30 bots play.
 */
class FuzzSuiteTest {

  // Fuzzed logins and registrations that happen to parse each cost a bcrypt hash (~0.1 s of a core),
  // until the per-address limits step in. The registration limit is as in production (the test
  // configuration lifts it); the login bucket is smaller, since its production burst of 20 hashes
  // is most of a core for this run's 12 s (the long run keeps it: 20 hashes in 10 minutes).
  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.accounts.registration-limit.burst", 3)
      .withConfig("rumble.accounts.registration-limit.per-minute", 3)
      .withConfig("rumble.accounts.login-backoff.per-address-burst", 3);

  @Test
  void fuzzedClientsAreDeniedOrClosedWithAReasonWhileBotsKeepPlaying() {
    StringWriter progress = new StringWriter();
    SuiteReport report = SuiteCommand.execute(new PrintWriter(System.out, true), new PrintWriter(progress, true),
        "fuzz", "--url", "ws://127.0.0.1:" + server.port() + "/ws", "--frames", "20000", "--seed", "7",
        // Server, bots and fuzzers share this JVM on a two-core machine that other jobs load too:
        // a starved room skips whole ticks (0-28 % seen here, never a gap in a bot's deltas). Half
        // still tells a room the fuzz broke (it delivers nothing) from a busy machine; the long run
        // (separate JVMs) holds the bots to 99 %.
        "--min-delivered", "50");
    assertTrue(report.passed(), report.table() + progress);
    assertEquals(20_000, report.number("fuzz frames sent"), 0);
    assertTrue(report.number("denials received") > 10_000, "most fuzz frames are denied, one by one");
    assertTrue(report.number("  server rejected malformed_packet") > 1000, "malformed packets reached the decoder");
    assertTrue(report.number("  server rejected oversized_frame") > 100, "oversized frames were refused");
    for (String phase : new String[] {"lobby", "game", "hiscores"}) {
      assertTrue(report.number("sessions " + phase) > 10, "fuzzed in phase " + phase);
    }
    assertTrue(report.number("  close 1007 \"Text frames must be UTF-8\"") > 10,
        "text frames that are not UTF-8 closed their connection, saying why");
    assertEquals(0, report.number("bots' deltas lost (seq gaps)"), 0, "a bot may see fewer ticks, never a gap");
  }
}
