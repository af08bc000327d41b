package rumble.loadtest.suite;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rumble.loadtest.LoadTestCommand.DurationConverter;
import rumble.loadtest.MetricsText;

/**
 * {@code suite http-abuse}: attacks on the HTTP and WebSocket listener rather than on the game
 * protocol (pipelining, slowloris, oversized heads, frames that break RFC 6455), while a player in
 * game keeps count of its deltas. The server must answer or cut off each attacker as configured,
 * with the close code the RFC asks for, and stay ready throughout.
 */
@Command(name = "http-abuse", mixinStandardHelpOptions = true,
    description = "Pipelining, slowloris, huge headers and WebSocket protocol violations against the listener.")
public final class HttpAbuseSuite extends SuiteRun {

  @Option(names = "--pipelined", paramLabel = "N", defaultValue = "2000",
      description = "GET /health/live requests pipelined in one write, all to be answered (default: ${DEFAULT-VALUE}).")
  int pipelined;

  @Option(names = "--pipelined-minimal", paramLabel = "N", defaultValue = "20000",
      description = "Minimal 'GET / HTTP/1.0' requests in one write; the server must stay up (default: ${DEFAULT-VALUE}).")
  int pipelinedMinimal;

  @Option(names = "--connections", paramLabel = "N", defaultValue = "200",
      description = "Slowloris connections dribbling a request head (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--head-timeout", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
      description = "The server's request-head-timeout (default: ${DEFAULT-VALUE}, as in application.conf).")
  Duration headTimeout;

  @Option(names = "--margin", paramLabel = "TIME", defaultValue = "3s", converter = DurationConverter.class,
      description = "How much later than the head timeout a dribbler may be cut off (default: ${DEFAULT-VALUE}).")
  Duration margin;

  @Option(names = "--header-bytes", paramLabel = "N", defaultValue = "65536",
      description = "Length of the one huge header line (default: ${DEFAULT-VALUE}).")
  int headerBytes;

  @Option(names = "--headers", paramLabel = "N", defaultValue = "1000",
      description = "Headers in the request with too many (default: ${DEFAULT-VALUE}).")
  int headers;

  @Option(names = "--repeat", paramLabel = "N", defaultValue = "3",
      description = "Connections per WebSocket protocol violation (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--min-bystander", paramLabel = "PCT", defaultValue = "90",
      description = "Deltas the player in game must receive, %% of tick rate x time (default: ${DEFAULT-VALUE}).")
  double minBystander;

  @Override
  protected SuiteReport run() throws Exception {
    SuiteReport report = new SuiteReport("http-abuse").setting("connections", connections)
        .setting("pipelined", pipelined).setting("head-timeout", headTimeout.toMillis() + " ms").setting("repeat", repeat);
    MetricsText before = target.metrics();
    HttpAttacks attacks = new HttpAttacks(target.host(), target.port());
    try (Bystander bystander = Bystander.join(target.webSocket(), "bystander")) {
      pipelining(report, attacks);
      slowloris(report, attacks, before);
      hugeHeads(report, attacks);
      new ViolationRun(target, repeat).run(report);
      bystander.stop();
      report.figure("bystander deltas", "", bystander.deltas());
      report.figure("bystander delivered", "%", bystander.deliveredPercent());
      report.figure("bystander longest wait for a delta", "ms", bystander.longestGapMillis());
      report.check("the player in game kept >= " + minBystander + " % of its deltas and its connection",
          bystander.open() && bystander.deliveredPercent() >= minBystander,
          String.format("%.1f %%, longest wait %d ms, %s", bystander.deliveredPercent(), bystander.longestGapMillis(),
              bystander.open() ? "open" : "closed"));
    }
    MetricsText after = target.metrics();
    int ready = target.get("/health/ready").statusCode();
    ServerLog.report(report, before, after);
    report.check("/health/ready is 200", ready == 200, ready);
    return report;
  }

  private void pipelining(SuiteReport report, HttpAttacks attacks) throws Exception {
    target.progress("http-abuse: %,d requests pipelined in one write", pipelined);
    HttpAttacks.Pipelined full = attacks.pipeline("GET /health/live HTTP/1.1\r\nHost: " + target.host() + "\r\n\r\n",
        pipelined);
    report.figure("pipelined GET /health/live answered", "", full.answered());
    report.figure("pipelined GET /health/live took", "ms", full.millis());
    report.check("all " + pipelined + " pipelined requests were answered", full.answered() == pipelined,
        full.answered() + " of " + pipelined);
    HttpAttacks.Pipelined minimal = attacks.pipeline("GET / HTTP/1.0\r\n\r\n", pipelinedMinimal);
    report.figure("minimal requests pipelined, answered", "", minimal.answered());
    int live = target.get("/health/live").statusCode();
    report.check(pipelinedMinimal + " minimal requests in one write left the server up, answering",
        live == 200 && minimal.answered() >= 1, "answered " + minimal.answered() + ", /health/live " + live);
  }

  private void slowloris(SuiteReport report, HttpAttacks attacks, MetricsText before) throws Exception {
    target.progress("http-abuse: %d connections dribbling a request head", connections);
    long cutOff = dribble(report, "slowloris", attacks, connections, false);
    double counted = ServerLog.delta(before, target.metrics(), "rumble_rejected_inputs_total", "reason",
        "request_head_timeout");
    report.figure("server rejected request_head_timeout", "", (long) counted);
    report.check("every cut-off dribbler was counted as request_head_timeout", counted >= cutOff,
        (long) counted + " counted, " + cutOff + " cut off");
    // A kept-alive connection's next head needs the same deadline as a new connection's first (the
    // server does not count these: an idle browser connection is closed the same way).
    int keptAlive = Math.max(1, connections / 4);
    target.progress("http-abuse: %d kept-alive connections dribbling their second request head", keptAlive);
    dribble(report, "slowloris after a request", attacks, keptAlive, true);
  }

  /** One slowloris wave; returns how many connections the server cut off. */
  private long dribble(SuiteReport report, String name, HttpAttacks attacks, int count, boolean afterARequest)
      throws Exception {
    HttpAttacks.Slowloris dribble = attacks.slowloris(count, Duration.ofMillis(500),
        headTimeout.plus(margin).plusSeconds(5), afterARequest);
    long deadline = headTimeout.plus(margin).toMillis();
    long late = Arrays.stream(dribble.closedAfterMs()).filter(ms -> ms < 0 || ms > deadline).count();
    report.figure(name + " connections opened", "", dribble.opened());
    report.figure(name + " connections refused", "", dribble.failedToOpen());
    report.figure(name + " cut off after, p50", "ms", dribble.percentile(0.5));
    report.figure(name + " cut off after, max", "ms", dribble.percentile(1.0));
    report.figure(name + " still open at the end", "", dribble.stillOpen());
    report.check("every " + name + " connection was cut off within " + deadline + " ms",
        dribble.opened() == count && late == 0,
        late + " late or still open of " + dribble.opened() + " opened (of " + count + ")");
    return dribble.opened() - dribble.stillOpen();
  }

  private void hugeHeads(SuiteReport report, HttpAttacks attacks) throws Exception {
    String start = "GET /health/live HTTP/1.1\r\nHost: " + target.host() + "\r\n";
    HttpAttacks.Exchange longLine = attacks.send((start + "X-Big: " + "a".repeat(headerBytes) + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    StringBuilder many = new StringBuilder(start);
    for (int i = 0; i < headers; i++) {
      many.append("X-H").append(i).append(": v\r\n");
    }
    HttpAttacks.Exchange manyHeaders = attacks.send(many.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    refused(report, "a " + headerBytes + "-byte header line", longLine);
    refused(report, headers + " headers", manyHeaders);
  }

  private static void refused(SuiteReport report, String what, HttpAttacks.Exchange exchange) {
    report.figure(what + ": status", "", exchange.status());
    report.figure(what + ": closed after", "ms", exchange.closed() ? exchange.millis() : null);
    report.check(what + " answered 431 or 400 and closed", (exchange.status() == 431 || exchange.status() == 400)
        && exchange.closed(), "status " + exchange.status() + (exchange.closed() ? ", closed" : ", left open"));
  }

  /** Runs every violation {@code repeat} times; figures per violation, one check per violation. */
  private record ViolationRun(SuiteTarget target, int repeat) {
    void run(SuiteReport report) throws Exception {
      target.progress("http-abuse: %d WebSocket protocol violations x %d", WebSocketViolations.ALL.size(), repeat);
      for (WebSocketViolations.Violation violation : WebSocketViolations.ALL) {
        Map<String, Integer> seen = new TreeMap<>();
        long slowest = 0;
        for (int i = 0; i < repeat; i++) {
          long start = System.nanoTime();
          seen.merge(outcome(violation), 1, Integer::sum);
          slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
        }
        report.figure("ws " + violation.name() + ": closed within", "ms", slowest);
        report.check("ws " + violation.name() + " closed with " + violation.expectedCode() + " and a reason",
            seen.size() == 1 && seen.containsKey(violation.expectedCode() + " with a reason"), seen);
      }
    }

    /** The close the violation earned ("1002 with a reason"), or what happened instead. */
    private String outcome(WebSocketViolations.Violation violation) throws IOException {
      try (RawWebSocket ws = RawWebSocket.connect(target.host(), target.port(), 0)) {
        ws.readPacket(); // the Id: the session is up
        violation.attack().commit(ws);
        try {
          RawWebSocket.Close close = ws.awaitClose();
          if (close.code() == RawWebSocket.Close.NO_CLOSE_FRAME) {
            return "no close frame";
          }
          return close.code() + (close.reason().isBlank() ? " without a reason" : " with a reason");
        } catch (SocketTimeoutException stillOpen) {
          return "still open after 10 s";
        }
      }
    }
  }
}
