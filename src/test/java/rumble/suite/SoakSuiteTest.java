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
 * The soak suite, short: 40 players in two staggered lanes of waves for 24 s, the heap sampled after
 * a full GC every 5 s; rooms stop 2 s after their last player, so the server settles quickly. The
 * heap is this JVM's, the bots' included (their actor systems are gone by the last sample). Each
 * full GC stops this whole JVM, server and bots, for a moment, so the delivered floor is lower than
 * the long run's 99 %.
 */
class SoakSuiteTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.game.room.empty-timeout", "2s");

  @Test
  @Timeout(90)
  void playersComeAndGoAndTheServerEndsWhereItStarted() {
    SuiteReport report = SuiteCommand.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
        "soak", "--url", "ws://127.0.0.1:" + server.port() + "/ws",
        "--server-pid", String.valueOf(ProcessHandle.current().pid()), "--players", "40", "--duration", "24s",
        "--wave", "16s", "--sample-every", "6s", "--settle", "20s", "--min-delivered", "90");
    assertTrue(report.passed(), report::table);
    assertTrue(report.number("samples") >= 3, "sampled while playing\n" + report);
  }
}
