package rumble.loadtest.suite;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar radius-rumble.jar suite NAME [options]}: the reliability and security suites. Each
 * attacks a running server on this machine the way a fuzzer, a flooder or a fault injector would,
 * prints what it measured and the checks the server had to pass, and exits 0 (all passed), 1 (a
 * check was missed) or 2 (usage or setup problem). {@code mvn verify} runs a short version of each
 * against an in-process server; {@code bench/suite.sh NAME} runs the long one against the jar.
 */
@Command(name = "suite", mixinStandardHelpOptions = true, version = "radius-rumble suite 1",
    description = "Reliability and security suites against a Radius Rumble server on this machine.",
    subcommands = {
        AccountsSuite.class,
        ConnectionsSuite.class,
        CrashSuite.class,
        FloodSuite.class,
        FuzzSuite.class,
        HttpAbuseSuite.class,
        ShutdownSuite.class,
        SlowReaderSuite.class,
        SoakSuite.class,
    })
public final class SuiteCommand implements Runnable {

  public static final int EXIT_SETUP = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a suite: "
        + String.join(", ", spec.subcommands().keySet()));
  }

  /** Parses and runs from the command line; returns the exit code (never calls System.exit). */
  public static int run(String... args) {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args);
  }

  /**
   * Runs a suite and returns its report (for tests): the table goes to {@code out}, progress to
   * {@code err}. Throws when the arguments are wrong or the suite could not run.
   */
  public static SuiteReport execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = commandLine(out, err);
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      throw e;
    });
    commandLine.setParameterExceptionHandler((e, params) -> {
      throw e;
    });
    commandLine.execute(args);
    CommandLine.ParseResult parsed = commandLine.getParseResult().subcommand();
    if (parsed == null || !(parsed.commandSpec().userObject() instanceof SuiteRun suite)) {
      throw new IllegalArgumentException("no suite named in " + String.join(" ", args));
    }
    return suite.report();
  }

  private static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new SuiteCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      cl.getErr().println("suite failed to run: " + e);
      e.printStackTrace(cl.getErr());
      return EXIT_SETUP;
    });
    return commandLine;
  }
}
