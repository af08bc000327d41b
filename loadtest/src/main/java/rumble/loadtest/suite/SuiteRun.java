package rumble.loadtest.suite;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One suite as a subcommand of {@code suite}: it attacks the target, measures, and returns a
 * {@link SuiteReport}; this prints the table to stdout, writes the JSON when asked and turns the
 * outcome into the exit code (0 every check passed, 1 one was missed). A suite must stop by itself
 * within the time its options imply and close every connection it opened.
 */
public abstract class SuiteRun implements Callable<Integer> {

  @Mixin
  protected SuiteTarget target;

  @Spec
  CommandSpec spec;

  private SuiteReport report;

  /** Runs the suite against {@link #target}; progress goes through {@code target.progress(...)}. */
  protected abstract SuiteReport run() throws Exception;

  /** The report of the last run, for tests that call the suite through {@link SuiteCommand#execute}. */
  public SuiteReport report() {
    return report;
  }

  @Override
  public final Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    target.open(spec.commandLine().getErr());
    report = run();
    out.print(report.table());
    out.flush();
    if (target.json != null) {
      Files.writeString(target.json, report.json());
    }
    return report.exitCode();
  }
}
