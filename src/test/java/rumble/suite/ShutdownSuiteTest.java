package rumble.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rumble.loadtest.suite.SuiteCommand;
import rumble.loadtest.suite.SuiteReport;

/** The short `suite shutdown`: SIGTERM to a real server JVM started from the test class path. */
class ShutdownSuiteTest {

  @TempDir
  Path work;

  @Test
  void aTerminatedServerTellsEveryPlayerWhyExitsZeroAndKeepsTheScores() throws Exception {
    StringWriter progress = new StringWriter();
    SuiteReport report = SuiteCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(progress),
        "shutdown", "--server-classpath", System.getProperty("java.class.path"), "--work-dir", work.toString(), "--json", work.resolve("report.json").toString(),
        "--players", "8", "--accounts", "4", "--play", "3s");
    System.out.print(report.table());
    assertTrue(report.passed(), report.table() + progress);
    assertTrue(Files.readString(work.resolve("report.json")).contains("\"passed\" : true"));
    assertEquals(100.0, report.number("told why before the close"));
    assertEquals(0.0, report.number("exit code"));
  }
}
