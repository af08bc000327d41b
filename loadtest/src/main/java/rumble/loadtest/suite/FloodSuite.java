package rumble.loadtest.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rumble.loadtest.LoadTestCommand.DurationConverter;

/**
 * {@code suite flood}: K clients send valid small frames (PlayerDirection) far beyond the server's
 * frame budget while bots play. Each flooder reconnects as soon as it is closed, so the flood lasts
 * the whole attack phase. The server must close every flooding connection within about a second
 * (flood-close-after) with the reason "Sending too fast", and the bots must not notice.
 */
@Command(name = "flood", mixinStandardHelpOptions = true,
    description = "Flooders beyond the frame budget while bots play: flooders closed fast, bots unaffected.")
public final class FloodSuite extends SuiteRun {

  static final String REASON = "Sending too fast";

  @Option(names = "--flooders", defaultValue = "4", description = "Flooding clients at once (default ${DEFAULT-VALUE}).")
  int flooders;

  @Option(names = "--rate", defaultValue = "10000",
      description = "Frames per second per flooder; 0 for as fast as the socket takes them (default ${DEFAULT-VALUE},"
          + " 167 × the server's default budget of 60/s; unpaced flooders on a small machine take the server's"
          + " cores, which measures the tester, not the server).")
  int rate;

  @Option(names = "--attack", defaultValue = "30s", converter = DurationConverter.class,
      description = "Measured phase with the flooders (default ${DEFAULT-VALUE}).")
  Duration attack;

  @Option(names = "--max-close", defaultValue = "1500ms", converter = DurationConverter.class,
      description = "Longest a flooder may last from its first frame to its close (default ${DEFAULT-VALUE}:"
          + " flood-close-after 1s, or sooner at flood-close-frames 1000 drops, plus a margin).")
  Duration maxClose;

  @Mixin
  BystanderOptions bystanders;

  @Override
  protected SuiteReport run() throws Exception {
    SuiteReport report = new SuiteReport("flood").setting("flooders", flooders).setting("bots", bystanders.bots)
        .setting("rate", rate == 0 ? "unpaced" : rate + "/s").setting("baseline", bystanders.baseline.toSeconds() + "s")
        .setting("attack", attack.toSeconds() + "s");
    Millis closeTimes = new Millis();
    Map<String, Integer> outcomes = new TreeMap<>();
    long[] frames = {0};
    double[] rejectedBefore = new double[2];
    BystanderPhases.run(target, report, bystanders, attack, attacking -> {
      if (!attacking) {
        return;
      }
      rejectedBefore[0] = target.counter("rumble_rejected_inputs_total", "reason", "flood_closed");
      rejectedBefore[1] = target.counter("rumble_rejected_inputs_total", "reason", "rate_limited");
      floodUntil(System.nanoTime() + attack.toNanos(), closeTimes, outcomes, frames);
    });
    double floodClosed = target.counter("rumble_rejected_inputs_total", "reason", "flood_closed") - rejectedBefore[0];
    double rateLimited = target.counter("rumble_rejected_inputs_total", "reason", "rate_limited") - rejectedBefore[1];
    int connections = outcomes.values().stream().mapToInt(Integer::intValue).sum();
    report.figure("flooding connections", "", connections);
    report.figure("frames sent by flooders", "", frames[0]);
    closeTimes.figures(report, "first frame to close");
    report.figure("flooder outcomes", "", outcomes.toString());
    report.figure("frames dropped unread (rate_limited)", "", rateLimited);
    report.figure("flooders closed (flood_closed)", "", floodClosed);

    int told = outcomes.entrySet().stream().filter(e -> e.getKey().contains("\"" + REASON + "\""))
        .mapToInt(Map.Entry::getValue).sum();
    report.check("every flooding connection was closed and told \"" + REASON + "\"", connections > 0
        && told == connections, told + " of " + connections);
    Double max = closeTimes.max();
    report.check("every flooder closed within " + maxClose.toMillis() + " ms of its first frame",
        max != null && closeTimes.count() == connections && max <= maxClose.toMillis(), max + " ms");
    report.check("the server counted each close (flood_closed)", floodClosed == connections, floodClosed);
    report.check("frames over budget were dropped unread (rate_limited > 0)", rateLimited > 0, rateLimited);
    return report;
  }

  /** Runs the flooders, each reconnecting after every close, until {@code endNanos}. */
  private void floodUntil(long endNanos, Millis closeTimes, Map<String, Integer> outcomes, long[] frames)
      throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int f = 0; f < flooders; f++) {
      int index = f;
      Thread thread = new Thread(() -> {
        for (int round = 0; System.nanoTime() < endNanos; round++) {
          Flooder.Outcome outcome;
          try {
            outcome = Flooder.flood(target.port(), "flood" + index + "x" + round, rate, maxClose.multipliedBy(5));
          } catch (Exception e) {
            outcome = new Flooder.Outcome(false, 0, 0, "-", "failed: " + e);
          }
          synchronized (outcomes) {
            outcomes.merge(outcome.describe(), 1, Integer::sum);
            frames[0] += outcome.framesSent();
          }
          if (outcome.closed()) {
            closeTimes.add(outcome.closedAfterMs());
          }
        }
      }, "flooder-" + f);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    target.progress("flood: %d connections closed, first frame to close p50 %.0f ms, max %.0f ms", closeTimes.count(),
        BackgroundBots.orZero(closeTimes.percentile(50)), BackgroundBots.orZero(closeTimes.max()));
  }
}
