package rumble.loadtest.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import rumble.loadtest.MetricsText;
import rumble.loadtest.Report;

/**
 * {@code suite fuzz}: fuzzing clients send random, truncated, bit-flipped, oversized and wrong-value
 * frames in every session phase while bots play. The server must deny or close each offender with a
 * reason, log no ERROR, stay ready, and keep the players' deltas flowing.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
    description = "Fuzzing clients in every session phase while bots play; checks the players never notice.")
public final class FuzzSuite extends SuiteRun {

  @Option(names = "--frames", paramLabel = "N", defaultValue = "100000",
      description = "Fuzz frames to send in all (default: ${DEFAULT-VALUE}).")
  long frames;

  @Option(names = "--fuzzers", paramLabel = "N", defaultValue = "40",
      description = "Fuzzing clients (default: ${DEFAULT-VALUE}); each reconnects whenever it is closed.")
  int fuzzers;

  @Option(names = "--rate", paramLabel = "FPS", defaultValue = "50",
      description = "Frames per second per fuzzer (default: ${DEFAULT-VALUE}): below the server's budget of 60,"
          + " so frames reach the decoder instead of the flood gate.")
  double rate;

  @Option(names = "--frames-per-session", paramLabel = "N", defaultValue = "300",
      description = "About this many frames (0.5x to 1.5x) before a fuzzer reconnects in another phase"
          + " (default: ${DEFAULT-VALUE}).")
  int framesPerSession;

  @Option(names = "--bots", paramLabel = "N", defaultValue = "30",
      description = "Guest bots playing meanwhile (default: ${DEFAULT-VALUE}).")
  int bots;

  @Option(names = "--min-delivered", paramLabel = "PCT", defaultValue = "99",
      description = "Deltas the bots must receive, %% of tick rate x time in game (default: ${DEFAULT-VALUE},"
          + " as bench/run-bench.sh).")
  double minDelivered;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the fuzz (default: ${DEFAULT-VALUE}).")
  long seed;

  private static final Duration WARMUP = Duration.ofSeconds(3);
  private static final Duration TAIL = Duration.ofSeconds(2);

  @Override
  protected SuiteReport run() throws Exception {
    if (frames < 1 || fuzzers < 1 || bots < 1 || framesPerSession < 1 || !(rate > 0 && rate <= 1000)) {
      throw new ParameterException(spec.commandLine(),
          "--frames, --fuzzers, --bots and --frames-per-session must be at least 1, --rate in (0, 1000]");
    }
    SuiteReport report = new SuiteReport("fuzz").setting("frames", frames).setting("fuzzers", fuzzers)
        .setting("rate", rate).setting("bots", bots).setting("seed", seed);
    MetricsText before = target.metrics();
    // The fuzz should take frames / (fuzzers x rate); reconnects and setup cost 2-15 % of it (more
    // in short runs), a busy machine more: the bots play for about as long.
    Duration fuzzTime = Duration.ofMillis((long) (frames / (fuzzers * rate) * 1000 * 1.2) + 1000);
    Duration botTime = WARMUP.plus(fuzzTime).plus(TAIL);
    target.progress("fuzz: %d bots for %d s; %d fuzzers x %.0f frames/s from second %d, %,d frames", bots,
        botTime.toSeconds(), fuzzers, rate, WARMUP.toSeconds(), frames);
    long start = System.nanoTime();
    BackgroundBots play = BackgroundBots.start(target, bots, botTime, WARMUP, 50, "bot");
    play.awaitWarmup();

    FuzzTally tally = new FuzzTally();
    AtomicLong left = new AtomicLong(frames);
    // The fuzz itself may take longer than the bots play (a starved machine): it goes on to the
    // end, and the bots' figures cover the part they played through.
    long nominalNanos = (long) (frames / (fuzzers * rate) * 1e9);
    FuzzClient.Plan plan = new FuzzClient.Plan(target, rate, framesPerSession,
        start + WARMUP.toNanos() + Math.max(fuzzTime.toNanos(), 3 * nominalNanos + 10_000_000_000L), left, tally);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < fuzzers; i++) {
      Thread thread = new Thread(new FuzzClient(i, plan, seed * 1_000_003L + i), "fuzzer-" + i);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    long fuzzStart = System.nanoTime();
    awaitFuzzers(threads, tally, plan.deadlineNanos());
    double fuzzSeconds = (System.nanoTime() - fuzzStart) / 1e9;
    Report bots = play.await();
    MetricsText after = target.metrics();
    int ready = target.get("/health/ready").statusCode();

    figures(report, tally, fuzzSeconds, bots, before, after);
    checks(report, tally, bots, before, after, ready);
    return report;
  }

  private void awaitFuzzers(List<Thread> threads, FuzzTally tally, long deadline) throws InterruptedException {
    long nextProgress = System.nanoTime() + 10_000_000_000L;
    for (Thread thread : threads) {
      while (thread.isAlive()) {
        thread.join(1000);
        if (System.nanoTime() > nextProgress) {
          nextProgress += 10_000_000_000L;
          target.progress("fuzz: %,d frames sent, %,d denials, %,d server closes", tally.frames(),
              tally.denials.sum(), tally.serverClosesTotal());
        }
        if (System.nanoTime() > deadline + 30_000_000_000L) {
          throw new IllegalStateException("a fuzzer did not stop within 30 s of its deadline");
        }
      }
    }
  }

  private static void figures(SuiteReport report, FuzzTally tally, double seconds, Report bots, MetricsText before,
      MetricsText after) {
    report.figure("fuzz frames sent", "", tally.frames());
    report.figure("fuzz time", "s", seconds);
    report.figure("fuzz rate", "frames/s", tally.frames() / seconds);
    tally.framesByKind().forEach((kind, n) -> report.figure("  frames " + kind, "", n));
    report.figure("setup frames (login, hiscores)", "", tally.setupFrames.sum());
    tally.sessionsByPhase().forEach((phase, n) -> report.figure("sessions " + phase, "", n));
    report.figure("sessions not brought into their phase", "", tally.setupFailures.sum());
    report.figure("denials received", "", tally.denials.sum());
    report.figure("server closes", "", tally.serverClosesTotal());
    tally.serverCloses().forEach((close, n) -> report.figure("  close " + close, "", n));
    report.figure("closes by the fuzzers", "", tally.clientCloses.sum());
    report.figure("failed connections", "", tally.connectFailures.sum());
    for (MetricsText.Sample sample : after.samples()) {
      if (sample.name().equals("rumble_rejected_inputs_total")) {
        String reason = sample.labels().get("reason");
        double delta = ServerLog.delta(before, after, "rumble_rejected_inputs_total", "reason", reason);
        if (delta > 0) {
          report.figure("  server rejected " + reason, "", (long) delta);
        }
      }
    }
    report.figure("bots delivered", "%", bots.updates().deliveredPercent());
    report.figure("bots' slowest delta rate", "Hz", bots.updates().perClientRateHz().min());
    report.figure("bots' deltas lost (seq gaps)", "", bots.updates().lost());
    report.figure("bots tick p99", "ms", bots.server() == null ? null : bots.server().tickP99Ms());
    report.figure("server ticks skipped (room starved)", "", bots.server() == null ? null : bots.server().skipped());
    report.figure("bots in game", "", bots.connections().reachedGame());
    report.figure("bot errors", "", bots.errorsTotal() + bots.connections().failed());
  }

  private void checks(SuiteReport report, FuzzTally tally, Report bots, MetricsText before, MetricsText after,
      int ready) {
    Double delivered = bots.updates().deliveredPercent();
    report.check("every fuzz frame asked for was sent", tally.frames() >= frames, tally.frames() + " of " + frames);
    double dropped = ServerLog.delta(before, after, "rumble_rejected_inputs_total", "reason", "rate_limited");
    report.check("fuzz frames reached the decoder (< 1 % dropped by the frame budget)",
        dropped < 0.01 * tally.frames(), (long) dropped + " dropped unread");
    report.check("the bots kept >= " + minDelivered + " % of their deltas", delivered != null
        && delivered >= minDelivered, delivered == null ? "nobody measured" : String.format("%.2f %%", delivered));
    report.check("every bot played without an error", bots.connections().reachedGame() == bots.run().players()
        && bots.errorsTotal() == 0, bots.connections().reachedGame() + " in game, errors " + bots.errors());
    ServerLog.report(report, before, after);
    report.check("/health/ready is 200", ready == 200, ready);
    report.check("every close of a fuzzer by the server said why in words",
        tally.closesWithoutReason.sum() == 0,
        tally.closesWithoutReason.sum() + " of " + tally.serverClosesTotal() + " without");
  }
}
