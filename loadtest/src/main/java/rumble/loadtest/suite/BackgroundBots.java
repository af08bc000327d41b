package rumble.loadtest.suite;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import rumble.loadtest.LoadTest;
import rumble.loadtest.LoadTestOptions;
import rumble.loadtest.Report;

/**
 * Playing bots (one {@link LoadTest} run) on a thread of their own while a suite attacks: the
 * bystanders whose delivered updates and the server's tick the attack must leave alone. Their
 * figures cover the run after {@code warmup} only, so the attack should start once that is over.
 */
public final class BackgroundBots {

  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final CompletableFuture<Report> report = new CompletableFuture<>();
  private final long startNanos = System.nanoTime();
  private final Duration warmup;

  private BackgroundBots(LoadTestOptions options) {
    this.warmup = options.warmup();
    Thread thread = new Thread(() -> {
      try {
        report.complete(LoadTest.run(options, new PrintStream(OutputStream.nullOutputStream())));
      } catch (Throwable e) {
        report.completeExceptionally(e);
      }
    }, "suite-bots");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Starts {@code players} guests on {@code target}, spawned at {@code ramp} per second, playing for
   * {@code duration} of which the first {@code warmup} is left out of every figure.
   */
  public static BackgroundBots start(SuiteTarget target, int players, Duration duration, Duration warmup,
      double ramp, String namePrefix) {
    return new BackgroundBots(new LoadTestOptions(target.webSocket(), players, duration, ramp, warmup,
        LoadTestOptions.Mode.PLAY, LoadTestOptions.Accounts.GUEST, Duration.ofSeconds(20), Duration.ofMillis(200), 0,
        LoadTestOptions.defaultMetricsUrl(target.webSocket()), Duration.ofSeconds(1), namePrefix.hashCode(), null,
        true, false, STOP_GRACE, namePrefix, LoadTestOptions.Client.LITE, null, Duration.ofSeconds(15), 0, null));
  }

  /** Sleeps until the bots' warm-up is over (the measured window begins). */
  public void awaitWarmup() throws InterruptedException {
    long left = startNanos + warmup.toNanos() - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** Waits for the run to end (it stops by itself) and returns its report. */
  public Report await() throws Exception {
    try {
      return report.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** Problems the bots saw: errors plus connections that failed or did not finish. */
  public static long problems(Report report) {
    return report.errorsTotal() + report.connections().failed() + report.connections().notFinished();
  }

  /**
   * Records the bots' figures of one phase, named with {@code phase} (e.g. "baseline"): delivered %,
   * server tick p99, ticks skipped and problems.
   */
  public static void figures(SuiteReport suite, String phase, Report report) {
    suite.figure("bots delivered (" + phase + ")", "%", report.updates().deliveredPercent());
    suite.figure("tick p99 (" + phase + ")", "ms", report.server().tickP99Ms());
    suite.figure("ticks skipped (" + phase + ")", "", report.server().skipped());
    suite.figure("bot errors (" + phase + ")", "", problems(report));
    // Server and tester share this machine's cores: a tester starving the server shows here.
    suite.figure("server CPU (" + phase + ")", "% of a core", report.server().cpuPercent());
    suite.figure("suite JVM CPU (" + phase + ")", "% of a core", report.loadtester().cpuPercent());
  }

  static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
