package rumble.loadtest.suite;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import rumble.loadtest.Report;

/**
 * The before/after frame of an attack suite: bots play alone for a baseline phase, then a second
 * set of bots plays while the attack runs. Both phases are measured the same way (after the same
 * warm-up), so what the attack cost the bystanders is the difference: delivered %, tick p99 and
 * skipped ticks must stay essentially where the baseline put them.
 */
public final class BystanderPhases {

  /**
   * The attack, started once a phase's bots are warm; it must end by itself. It runs in the baseline
   * phase too, with {@code attacking} false, so that whatever the suite samples on the server (a full
   * GC for the heap stalls the ticks) disturbs both phases alike.
   */
  public interface Attack {
    void run(boolean attacking) throws Exception;
  }

  /** Tick p99 may grow to baseline × this + {@link #TICK_SLACK_MS}: histogram buckets are coarse. */
  static final double TICK_FACTOR = 1.5;
  static final double TICK_SLACK_MS = 5.0;
  /** The default tick period (20 Hz): {@code --slack} percent of it widens the tick ceiling too. */
  static final double TICK_PERIOD_MS = 50.0;
  /**
   * Below this many ticks in a phase its p99 is decided by fewer than five ticks (one GC pause can do
   * it), so the tick check is left to delivered % and skipped ticks, which show what players lost.
   * The long runs (30 s at 20 Hz) have 600 or more.
   */
  static final double MIN_TICKS_FOR_P99 = 500;

  private BystanderPhases() {}

  /**
   * Runs both phases and records their figures and checks in {@code report}; the attack's own
   * figures are the attack's business. {@code attackWindow} is how long the second phase's bots are
   * measured, with the attack running.
   */
  public static void run(SuiteTarget target, SuiteReport report, BystanderOptions options, Duration attackWindow,
      Attack attack) throws Exception {
    int bots = options.bots;
    Duration warmup = options.warmup;
    Duration baseline = options.baseline;
    double ramp = Math.max(50, bots / Math.max(1.0, warmup.toSeconds() - 2.0));
    target.progress("baseline: %d bots for %d s (+%d s warm-up)", bots, baseline.toSeconds(), warmup.toSeconds());
    Report before = phase(BackgroundBots.start(target, bots, warmup.plus(baseline), warmup, ramp, "base"), attack,
        false, baseline);
    target.progress("attack: %d bots for %d s (+%d s warm-up) while attacking", bots, attackWindow.toSeconds(),
        warmup.toSeconds());
    Report during = phase(BackgroundBots.start(target, bots, warmup.plus(attackWindow), warmup, ramp, "calm"), attack,
        true, attackWindow);
    BackgroundBots.figures(report, "baseline", before);
    BackgroundBots.figures(report, "attack", during);
    judge(report, before, during, options.slack);
  }

  private static Report phase(BackgroundBots bots, Attack attack, boolean attacking, Duration window)
      throws Exception {
    bots.awaitWarmup();
    CompletableFuture<Void> attackDone = CompletableFuture.runAsync(() -> {
      try {
        attack.run(attacking);
      } catch (Exception e) {
        throw new IllegalStateException("the attack failed: " + e, e);
      }
    });
    Report report = bots.await();
    attackDone.get(window.toSeconds() + 600, TimeUnit.SECONDS); // it may outlast the bots, not forever
    return report;
  }

  /**
   * {@code slack} is in percent: delivered % may drop that many points below the baseline (or below
   * 99 %, if the baseline was higher), and that percentage of the attack phase's ticks may be skipped
   * beyond the baseline's, and tick p99 may grow by that percentage of a 50 ms tick on top of its own
   * margin; the machine's other load moves all three a little from run to run (most in short runs,
   * where attackers, bots and server share one JVM and preempt the rooms' threads).
   */
  private static void judge(SuiteReport report, Report before, Report during, double slack) {
    double baseDelivered = BackgroundBots.orZero(before.updates().deliveredPercent());
    double floor = Math.min(baseDelivered, 99.0) - slack;
    Double delivered = during.updates().deliveredPercent();
    report.check(String.format("bots' delivered %% during the attack ≥ %.1f %% (baseline %.2f %% − %.1f)", floor,
        baseDelivered, slack), delivered != null && delivered >= floor, String.format("%.2f %%", delivered));
    Double baseTick = before.server().tickP99Ms();
    Double tick = during.server().tickP99Ms();
    double margin = TICK_SLACK_MS + slack / 100 * TICK_PERIOD_MS;
    double ceiling = BackgroundBots.orZero(baseTick) * TICK_FACTOR + margin;
    double fewest = Math.min(BackgroundBots.orZero(before.server().ticks()),
        BackgroundBots.orZero(during.server().ticks()));
    if (fewest >= MIN_TICKS_FOR_P99) {
      report.check(String.format("tick p99 during the attack ≤ %.1f ms (baseline × %.1f + %.1f ms)", ceiling,
          TICK_FACTOR, margin), tick != null && tick <= ceiling, String.format("%.2f ms", tick));
    } else {
      report.figure("tick p99 not compared", "", String.format("%.0f ticks in a phase, fewer than %.0f", fewest,
          MIN_TICKS_FOR_P99));
    }
    double skipped = BackgroundBots.orZero(during.server().skipped());
    double allowed = BackgroundBots.orZero(before.server().skipped())
        + Math.ceil(slack / 100 * BackgroundBots.orZero(during.server().ticks()));
    report.check(String.format("ticks skipped during the attack ≤ %.0f (baseline + %.1f %% of the ticks)", allowed,
        slack), skipped <= allowed, skipped);
    long problems = BackgroundBots.problems(before) + BackgroundBots.problems(during);
    report.check("bots saw no errors or failed connections", problems == 0, problems);
  }
}
