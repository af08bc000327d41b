package rumble.loadtest.suite;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rumble.loadtest.LoadTestCommand.DurationConverter;
import rumble.loadtest.MetricsText;

/**
 * {@code suite slow-reader}: N clients log in and never read again (tiny receive buffers) while bots
 * play. The server must end each one's session after its stall timeout
 * (rumble.session.outbound.stall-timeout) and its TCP connection soon after (pekko.http.server.idle-timeout:
 * the close cannot be written to a client that does not read), hold a bounded amount of memory for
 * them meanwhile, and the bots must not notice. The bots are measured for {@code --baseline} in
 * each phase (at least stall-timeout / 2 + 2 s, when the heap is read); the readers may outlast them.
 *
 * <p>On loopback the kernel sizes a socket's send buffer by the 64 KiB MSS: megabytes, which a
 * reader takes many minutes to fill at game rates. Run it against a server with a fixed send buffer
 * ({@code pekko.http.server.socket-options.so-send-buffer-size}), as a WAN link would give.
 */
@Command(name = "slow-reader", mixinStandardHelpOptions = true,
    description = "Clients that never read while bots play: each closed after the stall timeout, bots unaffected.")
public final class SlowReaderSuite extends SuiteRun {

  private static final double MIB = 1024.0 * 1024.0;

  @Option(names = "--readers", defaultValue = "50", description = "Clients that never read (default ${DEFAULT-VALUE}).")
  int readers;

  @Option(names = "--receive-buffer", defaultValue = "4096",
      description = "The readers' socket receive buffer in bytes (default ${DEFAULT-VALUE}).")
  int receiveBuffer;

  @Option(names = "--stall-timeout", defaultValue = "30s", converter = DurationConverter.class,
      description = "The server's rumble.session.outbound.stall-timeout (default ${DEFAULT-VALUE}, as in"
          + " application.conf): the suite cannot read it from the server.")
  Duration stallTimeout;

  @Option(names = "--margin", defaultValue = "60s", converter = DurationConverter.class,
      description = "Beyond the stall timeout, time for the buffers to fill and for pekko.http.server.idle-timeout"
          + " (30s) to pass (default ${DEFAULT-VALUE}).")
  Duration margin;

  @Option(names = "--max-heap-per-reader", defaultValue = "1024",
      description = "Server heap (after GC) a stalled reader may hold, KiB (default ${DEFAULT-VALUE}).")
  double maxKibPerReader;

  @Mixin
  BystanderOptions bystanders;

  @Override
  protected SuiteReport run() throws Exception {
    Duration baseline = bystanders.baseline;
    if (baseline.compareTo(stallTimeout.dividedBy(2).plusSeconds(2)) < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--baseline must be at least"
          + " --stall-timeout / 2 + 2s: the stalled heap is read then, while the bots play");
    }
    SuiteReport report = new SuiteReport("slow-reader").setting("readers", readers).setting("bots", bystanders.bots)
        .setting("receive-buffer", receiveBuffer).setting("stall-timeout", stallTimeout.toMillis() + "ms")
        .setting("baseline", baseline.toSeconds() + "s");
    double[] heap = new double[2];
    Millis closedAfter = new Millis();
    double[] serverClosedAfterMs = {Double.NaN};
    Map<String, Double> dropped = new TreeMap<>();
    double[] slowReaderCloses = {0};
    BystanderPhases.run(target, report, bystanders, baseline, attacking -> {
      if (!attacking) {
        // The same full GC as in the attack, at about the same moment, so both phases pay for it.
        Thread.sleep(stallTimeout.dividedBy(2).toMillis() + 1_000);
        heap[0] = target.heapAfterGc();
        return;
      }
      MetricsText before = target.metrics();
      try (SlowReaders slow = SlowReaders.start(target.port(), readers, receiveBuffer, "slow", closedAfter)) {
        target.progress("slow-reader: %d readers logged in and reading no more", readers);
        Thread.sleep(stallTimeout.dividedBy(2).toMillis());
        heap[1] = target.heapAfterGc();
        long deadline = slow.loggedInNanos() + stallTimeout.plus(margin).toNanos();
        boolean allClosed = false;
        while (Double.isNaN(serverClosedAfterMs[0]) || !allClosed) {
          allClosed = allClosed || slow.awaitAllClosed(250);
          double closes = target.counter("rumble_rejected_inputs_total", "reason", "slow_reader")
              - BackgroundBots.orZero(before.sum("rumble_rejected_inputs_total", "reason", "slow_reader"));
          if (closes >= readers && Double.isNaN(serverClosedAfterMs[0])) {
            // The socket counts the close as it cuts the reader off, so this may come with the last close.
            serverClosedAfterMs[0] = (System.nanoTime() - slow.loggedInNanos()) / 1e6;
          }
          if (System.nanoTime() >= deadline) {
            break;
          }
        }
        MetricsText after = target.metrics();
        slowReaderCloses[0] = BackgroundBots.orZero(after.sum("rumble_rejected_inputs_total", "reason", "slow_reader"))
            - BackgroundBots.orZero(before.sum("rumble_rejected_inputs_total", "reason", "slow_reader"));
        for (String kind : new String[] {"control", "chat", "state", "leaderboard"}) {
          dropped.put(kind, BackgroundBots.orZero(after.sum("rumble_outbound_dropped_total", "kind", kind))
              - BackgroundBots.orZero(before.sum("rumble_outbound_dropped_total", "kind", kind)));
        }
      }
    });
    report.figure("reader connections closed by the server", "", closedAfter.count());
    closedAfter.figures(report, "login to connection closed");
    report.figure("server's slow_reader closes", "", slowReaderCloses[0]);
    report.figure("login to last session closed (slow_reader)", "ms", serverClosedAfterMs[0]);
    report.figure("outbound dropped while stalled", "", dropped.toString());
    String gc = target.canGarbageCollect() ? "after GC" : "no GC: no --server-pid";
    report.figure("server heap, bots only (" + gc + ")", "MiB", heap[0] / MIB);
    report.figure("server heap, readers stalled (" + gc + ")", "MiB", heap[1] / MIB);
    double perReader = (heap[1] - heap[0]) / readers / 1024.0;
    report.figure("server heap per stalled reader", "KiB", perReader);

    long limit = stallTimeout.plus(margin).toMillis();
    Double max = closedAfter.max();
    report.check("every reader's connection closed within " + limit + " ms of logging in (stall timeout + margin)",
        closedAfter.count() == readers && max != null && max <= limit, closedAfter.count() + " closed, max " + max
            + " ms");
    report.check("the server closed them as slow readers (slow_reader closes = readers)",
        slowReaderCloses[0] == readers, slowReaderCloses[0]);
    report.check("heap per stalled reader ≤ " + maxKibPerReader + " KiB", perReader <= maxKibPerReader,
        String.format("%.1f KiB", perReader));
    return report;
  }
}
