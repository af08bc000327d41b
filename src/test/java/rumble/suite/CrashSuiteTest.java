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

/** The short `suite crash`: two kill -9s of a real server JVM started from the test class path. */
class CrashSuiteTest {

  @TempDir
  Path work;

  @Test
  void everyAcknowledgedWriteSurvivesKillNineAndTheDatabaseStaysIntact() throws Exception {
    StringWriter progress = new StringWriter();
    SuiteReport report = SuiteCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(progress),
        "crash", "--server-classpath", System.getProperty("java.class.path"), "--work-dir", work.toString(), "--json", work.resolve("report.json").toString(),
        "--rounds", "2", "--writers", "6", "--kill-after", "3s", "--kill-within", "2s");
    System.out.print(report.table());
    assertTrue(report.passed(), report.table() + progress);
    assertTrue(Files.readString(work.resolve("report.json")).contains("\"passed\" : true"));
    assertEquals(2.0, report.number("rounds"));
    assertEquals(report.number("writes acknowledged (accounts + scores)"), report.number("writes found after restart"));
  }
}
