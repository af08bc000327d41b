package rumble.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rumble.loadtest.suite.SuiteReport;

/** The short `suite shutdown`: SIGTERM to a real server JVM started from the test class path. */
class ShutdownSuiteTest {

  @TempDir
  Path work;

  @Test
  void aTerminatedServerTellsEveryPlayerWhyExitsZeroAndKeepsTheScores() throws Exception {
    SuiteReport report = Suites.runSelfHosted(work, "shutdown", "--players", "8", "--accounts", "4", "--play", "3s");
    assertEquals(100.0, report.number("told why before the close"));
    assertEquals(0.0, report.number("exit code"));
  }
}
