package rumble.loadtest.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rumble.loadtest.LoadTestCommand.DurationConverter;
import rumble.loadtest.Report;

/**
 * {@code suite soak}: players play for a long time with churn (lanes of bots, each lane one wave of
 * bots after another, the lanes staggered so that some players leave and others join every
 * {@code wave / lanes}), while the server's heap after a full GC and its gauges are sampled. Once
 * everyone has left, the server must be back where it started: heap within a tolerance of the
 * first sample, connections, sessions and rooms at their baseline.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Players with churn for a long time: heap flat, gauges back to baseline, updates delivered.")
public final class SoakSuite extends SuiteRun {

  private static final double MIB = 1024.0 * 1024.0;

  @Option(names = "--players", defaultValue = "500", description = "Players at once (default ${DEFAULT-VALUE}).")
  int players;

  @Option(names = "--duration", defaultValue = "30m", converter = DurationConverter.class,
      description = "How long players play (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--wave", defaultValue = "2m", converter = DurationConverter.class,
      description = "How long one bot plays before it leaves and a new one takes its place (default ${DEFAULT-VALUE}).")
  Duration wave;

  @Option(names = "--lanes", defaultValue = "2", description = "Staggered lanes of waves (default ${DEFAULT-VALUE}).")
  int lanes;

  @Option(names = "--sample-every", defaultValue = "1m", converter = DurationConverter.class,
      description = "How often the heap (after a full GC) and the gauges are sampled (default ${DEFAULT-VALUE}).")
  Duration sampleEvery;

  @Option(names = "--settle", defaultValue = "90s", converter = DurationConverter.class,
      description = "How long the server may take after the last player left to get back to its baseline"
          + " (default ${DEFAULT-VALUE}: rooms stop after room.empty-timeout, 30s).")
  Duration settle;

  @Option(names = "--heap-tolerance", defaultValue = "32", description = "MiB the final heap may be above the first"
      + " sample (default ${DEFAULT-VALUE}).")
  double heapToleranceMib;

  @Option(names = "--min-delivered", defaultValue = "99", description = "Delivered %% over all waves"
      + " (default ${DEFAULT-VALUE}).")
  double minDelivered;

  @Override
  protected SuiteReport run() throws Exception {
    SuiteReport report = new SuiteReport("soak").setting("players", players).setting("duration",
        duration.toSeconds() + "s").setting("wave", wave.toSeconds() + "s").setting("lanes", lanes);
    SoakSamples samples = new SoakSamples(target);
    SoakSamples.Sample first = samples.take(0);
    long start = System.nanoTime();
    List<Report> reports = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int lane = 0; lane < lanes; lane++) {
      Duration offset = wave.multipliedBy(lane).dividedBy(lanes);
      int bots = players / lanes + (lane < players % lanes ? 1 : 0);
      String prefix = "soak" + lane;
      Thread thread = new Thread(() -> runLane(start, offset, bots, prefix, reports), "soak-lane-" + lane);
      thread.start();
      threads.add(thread);
    }
    while (threads.stream().anyMatch(Thread::isAlive)) {
      long next = System.nanoTime() + sampleEvery.toNanos();
      for (Thread thread : threads) {
        thread.join(Math.max(1, (next - System.nanoTime()) / 1_000_000));
      }
      if (threads.stream().anyMatch(Thread::isAlive)) {
        samples.take((System.nanoTime() - start) / 60e9);
      }
    }
    target.progress("soak: every player left; waiting up to %d s for the server to settle", settle.toSeconds());
    SoakSamples.Sample last = samples.settle(first, settle, (System.nanoTime() - start) / 60e9);
    record(report, samples, first, last, reports);
    return report;
  }

  /** One lane: waves of {@code bots} bots, each {@code wave} long, from {@code offset} until the duration ends. */
  private void runLane(long start, Duration offset, int bots, String prefix, List<Report> reports) {
    try {
      Thread.sleep(offset.toMillis());
      for (int n = 0; ; n++) {
        long left = start + duration.toNanos() - System.nanoTime();
        if (left < 5_000_000_000L) {
          return;
        }
        Duration length = Duration.ofNanos(Math.min(wave.toNanos(), left));
        target.progress("soak: %s wave %d: %d bots for %d s", prefix, n, bots, length.toSeconds());
        Report done = BackgroundBots.start(target, bots, length, Duration.ZERO, Math.max(20, bots / 5.0),
            prefix + "w" + n).await();
        synchronized (reports) {
          reports.add(done);
        }
      }
    } catch (Exception e) {
      target.progress("soak: %s stopped: %s", prefix, e);
    }
  }

  private void record(SuiteReport report, SoakSamples samples, SoakSamples.Sample first, SoakSamples.Sample last,
      List<Report> reports) {
    double expected = reports.stream().mapToDouble(r -> r.updates().expected()).sum();
    double delivered = expected == 0 ? 0 : reports.stream().mapToDouble(r -> r.updates().expected()
        * BackgroundBots.orZero(r.updates().deliveredPercent())).sum() / expected;
    long problems = reports.stream().mapToLong(BackgroundBots::problems).sum();
    long joined = reports.stream().mapToLong(r -> r.connections().reachedGame()).sum();
    String heap = target.canGarbageCollect() ? "heap after GC" : "heap (no GC: no --server-pid, jvm heap used)";
    report.figure("waves / players joined", "", reports.size() + " / " + joined);
    report.figure("delivered (all waves)", "%", delivered);
    report.figure("errors and failed connections", "", problems);
    report.figure("samples", "", samples.all().size());
    report.figure(heap + ": first", "MiB", first.heap() / MIB);
    report.figure(heap + ": peak while playing", "MiB", samples.peakHeap() / MIB);
    report.figure(heap + ": after everyone left", "MiB", last.heap() / MIB);
    report.figure(heap + ": slope while playing", "MiB/min", samples.slopeWhilePlaying() / MIB);
    report.figure("connections / sessions / rooms: first", "", first.gauges());
    report.figure("connections / sessions / rooms: end", "", last.gauges());
    report.figure("samples (min: MiB, connections, sessions, rooms)", "", samples.describe());

    long asked = reports.stream().mapToLong(r -> r.run().players()).sum();
    report.check("every player of every wave reached the game", reports.size() >= lanes && joined == asked,
        joined + " of " + asked + " in " + reports.size() + " waves");
    report.check(String.format("delivered ≥ %.0f %% over all waves", minDelivered), delivered >= minDelivered,
        String.format("%.2f %%", delivered));
    report.check("no errors or failed connections", problems == 0, problems);
    double growth = (last.heap() - first.heap()) / MIB;
    report.check(String.format("%s after everyone left ≤ first sample + %.0f MiB", heap, heapToleranceMib),
        growth <= heapToleranceMib, String.format("%+.1f MiB", growth));
    report.check("rumble_connections_open back to the first sample", last.connections() <= first.connections(),
        last.connections());
    report.check("rumble_sessions back to the first sample", last.sessions() <= first.sessions(), last.sessions());
    report.check("rumble_rooms back to the first sample", last.rooms() <= first.rooms(), last.rooms());
  }
}
