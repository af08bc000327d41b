package rumble.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rumble.http.Main;
import rumble.loadtest.suite.SuiteCommand;
import rumble.loadtest.suite.SuiteReport;

/** Runs a suite the way {@code bench/suite.sh} does, for the short versions in {@code mvn verify}. */
final class Suites {

  private Suites() {}

  /**
   * Runs {@code suite args...} writing its JSON into {@code work}, prints the table, and fails the
   * test (with the table and the progress lines) unless every check passed and the JSON says so.
   */
  static SuiteReport runAndPass(Path work, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--json", work.resolve("report.json").toString()));
    StringWriter progress = new StringWriter();
    SuiteReport report = SuiteCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(progress),
        all.toArray(String[]::new));
    System.out.print(report.table());
    assertTrue(report.passed(), report.table() + progress);
    assertTrue(Files.readString(work.resolve("report.json")).contains("\"passed\" : true"));
    return report;
  }

  /** A self-hosted suite: its servers are child JVMs on this test's class path, their files in {@code work}. */
  static SuiteReport runSelfHosted(Path work, String suite, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(suite, "--server-classpath", System.getProperty("java.class.path"),
        "--server-main", Main.class.getName(), "--work-dir", work.toString()));
    all.addAll(List.of(args));
    return runAndPass(work, all.toArray(String[]::new));
  }
}
