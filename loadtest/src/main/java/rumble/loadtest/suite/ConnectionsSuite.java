package rumble.loadtest.suite;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rumble.loadtest.LoadTestCommand.DurationConverter;
import rumble.loadtest.suite.SilentConnections.Kind;
import rumble.protocol.Packet.MsgCase;

/**
 * {@code suite connections}: thousands of connections that say nothing (plain TCP connects without a
 * request, WebSocket upgrades that never log in) are held open while a fresh player connects, logs
 * in as a guest and is seated every second. Joining must stay fast; the server must close the silent
 * ones by itself (request-head-timeout, session idle-timeout) and get back to its baseline.
 */
@Command(name = "connections", mixinStandardHelpOptions = true,
    description = "Silent connections held open while a new player joins every second: joins stay fast.")
public final class ConnectionsSuite extends SuiteRun {

  /** File descriptors this JVM needs besides the silent sockets (jars, selectors, probes). */
  private static final int FD_RESERVE = 200;
  /**
   * pekko-http waits this long (not configurable) for the client's answer to its WebSocket close
   * before it closes the TCP connection; a silent client never answers.
   */
  private static final Duration CLOSE_HANDSHAKE = Duration.ofSeconds(3);

  @Option(names = "--raw", defaultValue = "5000", description = "Plain TCP connects that send nothing"
      + " (default ${DEFAULT-VALUE}).")
  int raw;

  @Option(names = "--upgraded", defaultValue = "5000", description = "WebSocket upgrades that never log in"
      + " (default ${DEFAULT-VALUE}).")
  int upgraded;

  @Option(names = "--ramp", defaultValue = "1000", description = "Silent connections opened per second"
      + " (default ${DEFAULT-VALUE}).")
  double ramp;

  @Option(names = "--head-timeout", defaultValue = "10s", converter = DurationConverter.class,
      description = "The server's HTTP request-head-timeout (default ${DEFAULT-VALUE}, as in application.conf).")
  Duration headTimeout;

  @Option(names = "--idle-timeout", defaultValue = "5m", converter = DurationConverter.class,
      description = "The server's rumble.session.idle-timeout (default ${DEFAULT-VALUE}, as in application.conf);"
          + " the server checks every quarter of it, so a close may come up to 1.25 × this late.")
  Duration idleTimeout;

  @Option(names = "--margin", defaultValue = "10s", converter = DurationConverter.class,
      description = "Slack on every deadline (default ${DEFAULT-VALUE}).")
  Duration margin;

  @Option(names = "--max-join", defaultValue = "1s", converter = DurationConverter.class,
      description = "Longest a probe's connect, guest login and seat may take (default ${DEFAULT-VALUE}).")
  Duration maxJoin;

  @Override
  protected SuiteReport run() throws Exception {
    capToFileDescriptors();
    SuiteReport report = new SuiteReport("connections").setting("raw", raw).setting("upgraded", upgraded)
        .setting("head-timeout", headTimeout.toSeconds() + "s").setting("idle-timeout", idleTimeout.toSeconds() + "s");
    // The first join after start pays for class loading and JIT on both sides: not what is measured.
    Millis warmUp = new Millis();
    probe(warmUp, new int[2], "warmup");
    report.figure("probe join before the silent ones (warm-up)", "ms", warmUp.max());
    double openBefore = target.counter("rumble_connections_open");
    double heapBefore = target.heapAfterGc();
    Millis joins = new Millis();
    int[] probes = {0, 0};
    Duration rawLimit = headTimeout.plus(margin);
    Duration upgradedLimit = idleTimeout.plus(idleTimeout.dividedBy(4)).plus(CLOSE_HANDSHAKE).plus(margin);
    try (SilentConnections silent = new SilentConnections(target.host(), target.port())) {
      target.progress("connections: opening %d upgraded and %d raw silent connections at %.0f/s", upgraded, raw, ramp);
      // Upgraded first: they live for the idle timeout, the raw ones only for the request-head timeout.
      silent.open(Kind.UPGRADED, upgraded, ramp);
      silent.open(Kind.RAW, raw, ramp);
      int held = silent.open(null);
      double heapHeld = target.heapAfterGc();
      int heldAtGc = silent.open(null);
      double openHeld = target.counter("rumble_connections_open");
      target.progress("connections: %d open (server counts %.0f WebSockets), probing every second", held, openHeld);
      long deadline = System.nanoTime() + upgradedLimit.toNanos();
      while (System.nanoTime() < deadline && silent.open(null) > 0) {
        long next = System.nanoTime() + 1_000_000_000L;
        probe(joins, probes, "probe" + probes[0]);
        Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
      }
      target.progress("connections: %d silent still open after the deadline", silent.open(null));
      record(report, silent, held, openHeld - openBefore, (heapHeld - heapBefore) / Math.max(1, heldAtGc), rawLimit,
          upgradedLimit);
    }
    joins.figures(report, "probe join");
    report.figure("probes ok / tried", "", probes[1] + " / " + probes[0]);
    double openAfter = awaitOpen(openBefore);
    report.figure("WebSockets open before / after", "", openBefore + " / " + openAfter);
    report.check("every probe joined (connect, guest login, JoinedRoom)", probes[0] > 0 && probes[1] == probes[0],
        probes[1] + " of " + probes[0]);
    Double max = joins.max();
    report.check("probe join p50, p99 and max < " + maxJoin.toMillis() + " ms", max != null
        && max < maxJoin.toMillis(), "max " + max + " ms");
    report.check("rumble_connections_open back to its baseline", openAfter <= openBefore, openAfter);
    return report;
  }

  private void record(SuiteReport report, SilentConnections silent, int held, double serverCounted,
      double heapPerConnection, Duration rawLimit, Duration upgradedLimit) {
    String gc = target.canGarbageCollect() ? "after GC" : "no GC: no --server-pid";
    report.figure("silent connections held", "", held);
    report.figure("WebSockets the server counted while held", "", serverCounted);
    report.figure("server heap per silent connection (" + gc + ")", "KiB", heapPerConnection / 1024);
    Millis rawClosed = silent.closedAfter(Kind.RAW);
    Millis upgradedClosed = silent.closedAfter(Kind.UPGRADED);
    rawClosed.figures(report, "raw: connect to close");
    upgradedClosed.figures(report, "upgraded: connect to close");
    report.check("every upgrade was answered 101", silent.upgraded(Kind.UPGRADED) == upgraded,
        silent.upgraded(Kind.UPGRADED) + " of " + upgraded);
    report.check("every raw connection closed within " + rawLimit.toSeconds() + " s (request-head-timeout + margin)",
        within(rawClosed, raw, rawLimit), rawClosed.count() + " closed, max " + rawClosed.max() + " ms");
    report.check("every upgraded connection closed within " + upgradedLimit.toSeconds()
        + " s (idle-timeout × 1.25 + close handshake 3 s + margin)", within(upgradedClosed, upgraded, upgradedLimit),
        upgradedClosed.count() + " closed, max " + upgradedClosed.max() + " ms");
  }

  private static boolean within(Millis closed, int expected, Duration limit) {
    return closed.count() == expected && (expected == 0 || closed.max() <= limit.toMillis());
  }

  /** One fresh player: connect, guest login, seated; its time goes into {@code joins}. */
  private void probe(Millis joins, int[] probes, String name) {
    probes[0]++;
    long start = System.nanoTime();
    try (ProtocolClient client = ProtocolClient.connect(target.webSocket())) {
      client.guest(name, 0xFF00FFFF);
      client.expect(MsgCase.OK_RESPONSE);
      client.expect(MsgCase.JOINED_ROOM);
      joins.since(start);
      probes[1]++;
      client.logout();
    } catch (Exception | AssertionError e) {
      target.progress("probe %s failed after %.0f ms: %s", name, (System.nanoTime() - start) / 1e6, e);
    }
  }

  /** The server's WebSocket gauge once it is back at {@code baseline}, or after 15 s. */
  private double awaitOpen(double baseline) throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    double open = target.counter("rumble_connections_open");
    while (open > baseline && System.nanoTime() < deadline) {
      Thread.sleep(250);
      open = target.counter("rumble_connections_open");
    }
    return open;
  }

  /** Fewer silent connections when this JVM may not open that many files; says so. */
  private void capToFileDescriptors() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      long room = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - FD_RESERVE;
      if (raw + upgraded > room) {
        double share = Math.max(0, room) / (double) (raw + upgraded);
        target.progress("connections: this JVM may open %d files (ulimit -n), %d are in use: capping %d raw + %d"
            + " upgraded to %d + %d. Raise ulimit -n (and the server's) for more.", unix.getMaxFileDescriptorCount(),
            unix.getOpenFileDescriptorCount(), raw, upgraded, (int) (raw * share), (int) (upgraded * share));
        raw = (int) (raw * share);
        upgraded = (int) (upgraded * share);
      }
    }
  }
}
