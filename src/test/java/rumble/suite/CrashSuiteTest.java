package rumble.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rumble.loadtest.suite.SuiteReport;

/** The short `suite crash`: two kill -9s of a real server JVM started from the test class path. */
class CrashSuiteTest {

  @TempDir
  Path work;

  @Test
  void everyAcknowledgedWriteSurvivesKillNineAndTheDatabaseStaysIntact() throws Exception {
    SuiteReport report = Suites.runSelfHosted(work, "crash",
        "--rounds", "2", "--writers", "6", "--kill-after", "3s", "--kill-within", "2s");
    assertEquals(2.0, report.number("rounds"));
    assertEquals(report.number("writes acknowledged (accounts + scores)"), report.number("writes found after restart"));
  }
}
