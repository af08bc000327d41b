package rumble.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The result of one run: what the clients saw and what the server said. Printed as a fixed-width
 * table and written as JSON with the same numbers.
 */
public record Report(
    Run run,
    Connections connections,
    Updates updates,
    Latency latency,
    Admission admission,
    Traffic traffic,
    Map<String, Long> closeCodes,
    Map<String, Long> errors,
    long errorsTotal,
    ServerFigures server,
    LoadTester loadtester,
    List<Node> nodes,
    Reconnects reconnects) {

  public record Run(String mode, String accounts, String url, String metricsUrl, int players, long spawned,
      double durationSeconds, double rampPerSecond, double warmupSeconds, double chatEverySeconds, long thinkMillis,
      double inputHz, long seed, Instant started, Instant ended) {

    public double elapsedSeconds() {
      return (ended.toEpochMilli() - started.toEpochMilli()) / 1000.0;
    }
  }

  /** attempted = ok + failed + notFinished; reachedGame and loggedOut are subsets of ok. */
  public record Connections(long attempted, long ok, long failed, long notFinished, long reachedGame,
      long loggedOutCleanly, long peakOpen, long openAtDeadline, long inGameAtDeadline) {}

  /**
   * @param received WorldDeltas received in the measured windows
   * @param expected what the measured time in game × tick rate should have brought
   * @param deliveredPercent Σ min(received, expected) ÷ Σ expected × 100 over the clients, null when
   *     nobody was measured in game; capped per client so that one room catching up on late ticks
   *     (a burst above the tick rate) cannot hide another client's losses
   * @param perClientRateHz each measured client's WorldDeltas per second
   * @param interArrivalMs time between consecutive WorldDeltas, over all clients
   */
  public record Updates(long received, double expected, Double deliveredPercent, long receivedTotal, long lost,
      long keyframeRequests, long leaderboards, long chatsSent, long chatsReceived, long timesEaten,
      long clientsMeasured, Summary perClientRateHz, Summary interArrivalMs) {}

  public record Latency(Summary inputToVisibleMs, long timeouts) {}

  /**
   * How long players waited to play: from a bot's first connect to its first JoinedRoom (the 101,
   * the login and the seat in a room), and from the last bot's connect until every bot was in game
   * (null unless every spawned bot reached the game).
   */
  public record Admission(Summary connectToGameMs, Double allInGameAfterLastConnectMs) {

    public static final Admission NONE = new Admission(Summary.EMPTY, null);
  }

  /** Bytes per second per client (payload bytes of WebSocket frames), over the measured clients. */
  public record Traffic(Summary downPerClientBytesPerSecond, Summary upPerClientBytesPerSecond, long downBytes,
      long upBytes) {}

  public record LoadTester(Double cpuPercent, Double heapUsedBytes) {}

  /** One node's own figures, when the run read several ({@link #server} is then their combination). */
  public record Node(String metricsUrl, ServerFigures figures) {}

  /**
   * With --reconnect: connections lost while playing ({@code drops}), bots back in the game after one
   * (a WorldDelta on the next node), attempts to connect again and how many failed, and how long bots
   * were out of the game, from the loss to that first WorldDelta.
   */
  public record Reconnects(long drops, long backInGame, long attempts, long failed, Summary outOfGameMs) {

    public long notBack() {
      return drops - backInGame;
    }
  }

  /** Clients measured for less than this are left out of the per-client figures (not out of the sums). */
  static final double MIN_CLIENT_WINDOW_SECONDS = 1.0;

  /** Builds the client side of the report from the bots' results and the shared histograms. */
  static Report build(Run run, Collection<BotResult> results, long peakOpen, long openAtDeadline,
      long inGameAtDeadline, Histogram interArrivalMicros, Histogram inputLatencyMicros, long latencyTimeouts,
      Admission admission, Map<String, Long> errors, ServerFigures server, LoadTester loadtester) {
    long ok = 0;
    long failed = 0;
    long notFinished = 0;
    long reachedGame = 0;
    long loggedOut = 0;
    long received = 0;
    double expected = 0;
    double delivered = 0;
    long receivedTotal = 0;
    long lost = 0;
    long keyframeRequests = 0;
    long leaderboards = 0;
    long chatsSent = 0;
    long chatsReceived = 0;
    long eaten = 0;
    long down = 0;
    long up = 0;
    long measured = 0;
    boolean play = !run.mode().equals("idle");
    Histogram rates = new Histogram(1_000_000_000L, 3);       // milli-Hz
    Histogram downRates = new Histogram(10_000_000_000L, 3);  // bytes/s
    Histogram upRates = new Histogram(10_000_000_000L, 3);
    Map<String, Long> closeCodes = new TreeMap<>();
    for (BotResult r : results) {
      switch (r.connection()) {
        case OK -> ok++;
        case FAILED -> failed++;
        case NOT_FINISHED -> notFinished++;
      }
      if (r.reachedGame()) {
        reachedGame++;
      }
      if (r.loggedOut()) {
        loggedOut++;
      }
      if (r.connection() == BotResult.Connection.OK) {
        closeCodes.merge(r.closeCode() == null ? "none" : r.closeCode(), 1L, Long::sum);
      }
      received += r.deltasInWindow();
      receivedTotal += r.deltasTotal();
      lost += r.lostTotal();
      keyframeRequests += r.keyframeRequests();
      leaderboards += r.leaderboards();
      chatsSent += r.chatsSent();
      chatsReceived += r.chatsReceived();
      eaten += r.timesEaten();
      down += r.bytesInWindow();
      up += r.bytesOutWindow();
      double seconds = r.windowSeconds();
      if (play && r.reachedGame()) {
        double due = seconds * r.tickHz();
        expected += due;
        delivered += Math.min(r.deltasInWindow(), due);
      }
      boolean counts = play ? r.reachedGame() : r.connection() == BotResult.Connection.OK;
      if (counts && seconds >= MIN_CLIENT_WINDOW_SECONDS) {
        measured++;
        if (play) {
          rates.recordValue(Math.round(r.deltasInWindow() / seconds * 1000));
        }
        downRates.recordValue(Math.round(r.bytesInWindow() / seconds));
        upRates.recordValue(Math.round(r.bytesOutWindow() / seconds));
      }
    }
    Double deliveredPercent = expected > 0 ? delivered / expected * 100 : null;
    long errorsTotal = errors.values().stream().mapToLong(Long::longValue).sum();
    return new Report(run,
        new Connections(results.size(), ok, failed, notFinished, reachedGame, loggedOut, peakOpen, openAtDeadline,
            inGameAtDeadline),
        new Updates(received, expected, deliveredPercent, receivedTotal, lost, keyframeRequests, leaderboards, chatsSent,
            chatsReceived, eaten, measured, Summary.of(rates, 0.001), Summary.of(interArrivalMicros, 0.001)),
        new Latency(Summary.of(inputLatencyMicros, 0.001), latencyTimeouts), admission,
        new Traffic(Summary.of(downRates, 1), Summary.of(upRates, 1), down, up),
        closeCodes, new TreeMap<>(errors), errorsTotal, server, loadtester, List.of(), null);
  }

  /** This report with each node's figures beside the combined {@link #server} (several nodes). */
  public Report withNodes(List<Node> nodes) {
    return new Report(run, connections, updates, latency, admission, traffic, closeCodes, errors, errorsTotal, server,
        loadtester, List.copyOf(nodes), reconnects);
  }

  /** This report with what --reconnect did. */
  public Report withReconnects(Reconnects reconnects) {
    return new Report(run, connections, updates, latency, admission, traffic, closeCodes, errors, errorsTotal, server,
        loadtester, nodes, reconnects);
  }

  // --- JSON ---

  public Map<String, Object> toMap() {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("mode", run.mode());
    r.put("accounts", run.accounts());
    r.put("url", run.url());
    r.put("metrics_url", run.metricsUrl());
    r.put("players", run.players());
    r.put("spawned", run.spawned());
    r.put("duration_s", run.durationSeconds());
    r.put("ramp_per_s", Summary.round(run.rampPerSecond()));
    r.put("warmup_s", run.warmupSeconds());
    r.put("chat_every_s", run.chatEverySeconds());
    r.put("think_ms", run.thinkMillis());
    r.put("input_hz", run.inputHz());
    r.put("seed", run.seed());
    r.put("started", run.started().toString());
    r.put("ended", run.ended().toString());
    r.put("elapsed_s", Summary.round(run.elapsedSeconds()));
    root.put("run", r);

    Map<String, Object> c = new LinkedHashMap<>();
    c.put("attempted", connections.attempted());
    c.put("ok", connections.ok());
    c.put("failed", connections.failed());
    c.put("not_finished", connections.notFinished());
    c.put("reached_game", connections.reachedGame());
    c.put("logged_out_cleanly", connections.loggedOutCleanly());
    c.put("peak_open", connections.peakOpen());
    c.put("open_at_deadline", connections.openAtDeadline());
    c.put("in_game_at_deadline", connections.inGameAtDeadline());
    root.put("connections", c);

    Map<String, Object> u = new LinkedHashMap<>();
    u.put("received", updates.received());
    u.put("expected", Summary.round(updates.expected()));
    u.put("delivered_pct", Summary.round(updates.deliveredPercent()));
    u.put("received_total", updates.receivedTotal());
    u.put("lost", updates.lost());
    u.put("keyframe_requests", updates.keyframeRequests());
    u.put("leaderboards", updates.leaderboards());
    u.put("chats_sent", updates.chatsSent());
    u.put("chats_received", updates.chatsReceived());
    u.put("times_eaten", updates.timesEaten());
    u.put("clients_measured", updates.clientsMeasured());
    u.put("per_client_rate_hz", updates.perClientRateHz().toMap());
    u.put("inter_arrival_ms", updates.interArrivalMs().toMap());
    root.put("updates", u);

    Map<String, Object> l = new LinkedHashMap<>(latency.inputToVisibleMs().toMap());
    l.put("timeouts", latency.timeouts());
    root.put("input_to_visible_ms", l);

    Map<String, Object> a = new LinkedHashMap<>();
    a.put("connect_to_game_ms", admission.connectToGameMs().toMap());
    a.put("all_in_game_after_last_connect_ms", Summary.round(admission.allInGameAfterLastConnectMs()));
    root.put("admission", a);

    Map<String, Object> t = new LinkedHashMap<>();
    t.put("down_bytes_per_s_per_client", traffic.downPerClientBytesPerSecond().toMap());
    t.put("up_bytes_per_s_per_client", traffic.upPerClientBytesPerSecond().toMap());
    t.put("down_bytes", traffic.downBytes());
    t.put("up_bytes", traffic.upBytes());
    root.put("traffic", t);

    root.put("close_codes", new LinkedHashMap<>(closeCodes));
    root.put("errors", new LinkedHashMap<>(errors));
    root.put("errors_total", errorsTotal);

    root.put("server", serverMap(server));
    if (!nodes.isEmpty()) {
      List<Map<String, Object>> perNode = new java.util.ArrayList<>();
      for (Node node : nodes) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("metrics_url", node.metricsUrl());
        n.putAll(serverMap(node.figures()));
        perNode.add(n);
      }
      root.put("nodes", perNode);
    }
    if (reconnects != null) {
      Map<String, Object> rc = new LinkedHashMap<>();
      rc.put("drops", reconnects.drops());
      rc.put("back_in_game", reconnects.backInGame());
      rc.put("not_back", reconnects.notBack());
      rc.put("attempts", reconnects.attempts());
      rc.put("attempts_failed", reconnects.failed());
      rc.put("out_of_game_ms", reconnects.outOfGameMs().toMap());
      root.put("reconnects", rc);
    }

    Map<String, Object> g = new LinkedHashMap<>();
    g.put("cpu_pct", Summary.round(loadtester.cpuPercent()));
    g.put("heap_used_bytes", Summary.round(loadtester.heapUsedBytes()));
    root.put("loadtester", g);
    return root;
  }

  private static Map<String, Object> serverMap(ServerFigures figures) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("scrapes", figures.scrapes());
    s.put("error", figures.error());
    s.put("tick_percentiles_from", figures.tickPercentilesFrom());
    s.put("tick_p50_ms", Summary.round(figures.tickP50Ms()));
    s.put("tick_p99_ms", Summary.round(figures.tickP99Ms()));
    s.put("tick_p99_worst_room_ms", Summary.round(figures.tickP99WorstMs()));
    s.put("tick_max_ms", Summary.round(figures.tickMaxMs()));
    s.put("tick_mean_ms", Summary.round(figures.tickMeanMs()));
    s.put("ticks", Summary.round(figures.ticks()));
    s.put("overruns", Summary.round(figures.overruns()));
    s.put("ticks_skipped", Summary.round(figures.skipped()));
    s.put("rooms", Summary.round(figures.rooms()));
    s.put("rooms_peak", Summary.round(figures.roomsPeak()));
    s.put("cpu_pct", Summary.round(figures.cpuPercent()));
    s.put("cpu_usage_pct_of_machine", Summary.round(figures.cpuUsagePercentOfMachine()));
    s.put("heap_used_bytes", Summary.round(figures.heapUsedBytes()));
    s.put("heap_used_peak_bytes", Summary.round(figures.heapUsedPeakBytes()));
    s.put("heap_committed_bytes", Summary.round(figures.heapCommittedBytes()));
    s.put("heap_max_bytes", Summary.round(figures.heapMaxBytes()));
    s.put("connections_open_peak", Summary.round(figures.connectionsOpenPeak()));
    s.put("in_game_peak", Summary.round(figures.inGamePeak()));
    s.put("heap_baseline_bytes", Summary.round(figures.heapBaselineBytes()));
    s.put("heap_held_bytes", Summary.round(figures.heapHeldBytes()));
    s.put("heap_per_connection_bytes", Summary.round(figures.heapPerConnectionBytes()));
    s.put("slowest_room_ticks_per_s", Summary.round(figures.slowestRoomTicksPerSecond()));
    s.put("cpu_us_per_player_tick", Summary.round(figures.cpuMicrosPerPlayerTick()));
    s.put("gc_pause_max_ms", Summary.round(figures.gcPauseMaxMs()));
    s.put("gc_pause_pct", Summary.round(figures.gcPausePercent()));
    return s;
  }

  public String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toMap());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void writeJson(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson() + "\n");
  }

  // --- table ---

  public String toTable() {
    Table t = new Table();
    t.section("Run");
    t.row("mode / accounts", run.mode() + " / " + run.accounts());
    t.row("target", run.url());
    t.row("players requested / spawned", Format.count(run.players()) + " / " + Format.count(run.spawned()));
    t.row("duration / ramp / warm-up", Format.number(run.durationSeconds()) + " s / " + Format.number(run.rampPerSecond())
        + "/s / " + Format.number(run.warmupSeconds()) + " s");
    t.row("seed", Long.toString(run.seed()));
    t.row("started / ended", run.started() + " / " + run.ended());

    t.section("Connections");
    t.row("attempted", Format.count(connections.attempted()));
    t.row("ok / failed / not finished", Format.count(connections.ok()) + " / " + Format.count(connections.failed())
        + " / " + Format.count(connections.notFinished()));
    t.row("reached the game", Format.count(connections.reachedGame()));
    if (admission.connectToGameMs().count() > 0) {
      t.row("connect to game p50 / p99 / max", triple(admission.connectToGameMs()));
      t.row("all in game after the last connect", Format.millis(admission.allInGameAfterLastConnectMs()));
    }
    t.row("logged out cleanly", Format.count(connections.loggedOutCleanly()));
    t.row("peak open / open at deadline", Format.count(connections.peakOpen()) + " / "
        + Format.count(connections.openAtDeadline()));

    if (!run.mode().equals("idle")) {
      t.section("Updates (measured window)");
      t.row("world deltas received / expected", Format.count(updates.received()) + " / "
          + Format.number(Math.rint(updates.expected())));
      t.row("delivered", Format.percent(updates.deliveredPercent()));
      t.row("lost (seq gaps) / keyframe requests", Format.count(updates.lost()) + " / "
          + Format.count(updates.keyframeRequests()));
      t.row("per-client rate p50 / min (Hz)", Format.fixed(updates.perClientRateHz().p50(), 2) + " / "
          + Format.fixed(updates.perClientRateHz().min(), 2));
      t.row("inter-arrival p50 / p99 / max", triple(updates.interArrivalMs()));
      t.row("input-to-visible p50 / p99 / max", triple(latency.inputToVisibleMs()));
      t.row("input-to-visible samples / timeouts", Format.count(latency.inputToVisibleMs().count()) + " / "
          + Format.count(latency.timeouts()));
      t.row("leaderboards / chats sent / received", Format.count(updates.leaderboards()) + " / "
          + Format.count(updates.chatsSent()) + " / " + Format.count(updates.chatsReceived()));
    }

    t.section("Traffic per client");
    t.row("down p50 / p99", Format.bytes(traffic.downPerClientBytesPerSecond().p50()) + "/s / "
        + Format.bytes(traffic.downPerClientBytesPerSecond().p99()) + "/s");
    t.row("up p50 / p99", Format.bytes(traffic.upPerClientBytesPerSecond().p50()) + "/s / "
        + Format.bytes(traffic.upPerClientBytesPerSecond().p99()) + "/s");
    t.row("clients measured", Format.count(updates.clientsMeasured()));

    t.section("Close codes and errors");
    t.row("close codes", closeCodes.isEmpty() ? "none" : joined(closeCodes));
    t.row("errors", Format.count(errorsTotal));
    errors.forEach((kind, count) -> t.row("  " + kind, Format.count(count)));

    if (reconnects != null) {
      t.section("Reconnects (--reconnect)");
      t.row("connections lost / back in game / not", Format.count(reconnects.drops()) + " / "
          + Format.count(reconnects.backInGame()) + " / " + Format.count(reconnects.notBack()));
      t.row("attempts / failed", Format.count(reconnects.attempts()) + " / " + Format.count(reconnects.failed()));
      t.row("out of game p50 / p99 / max", triple(reconnects.outOfGameMs()));
    }

    t.section(nodes.isEmpty() ? "Server (from /metrics)"
        : "Server (from /metrics of " + nodes.size() + " nodes: summed; tick times of the worst node)");
    if (server.scrapes() == 0) {
      t.row("metrics", "n/a" + (server.error() == null ? "" : " (" + server.error() + ")"));
    } else {
      t.row("tick p50 / p99 / max", Format.millis(server.tickP50Ms()) + " / " + Format.millis(server.tickP99Ms())
          + " / " + Format.millis(server.tickMaxMs()));
      t.row("tick p99 worst room / mean", Format.millis(server.tickP99WorstMs()) + " / "
          + Format.millis(server.tickMeanMs()));
      t.row("ticks / overruns / skipped", Format.number(server.ticks()) + " / " + Format.number(server.overruns())
          + " / " + Format.number(server.skipped()));
      t.row("rooms (end / peak)", Format.number(server.rooms()) + " / " + Format.number(server.roomsPeak()));
      t.row("slowest room (ticks/s)", Format.fixed(server.slowestRoomTicksPerSecond(), 2));
      t.row("process CPU (100 % = one core)", Format.percent(server.cpuPercent()));
      t.row("CPU per player-tick", server.cpuMicrosPerPlayerTick() == null ? "n/a"
          : Format.fixed(server.cpuMicrosPerPlayerTick(), 1) + " µs");
      t.row("GC pause max / share of time", Format.millis(server.gcPauseMaxMs()) + " / "
          + Format.percent(server.gcPausePercent()));
      t.row("heap used (end / peak / max)", Format.bytes(server.heapUsedBytes()) + " / "
          + Format.bytes(server.heapUsedPeakBytes()) + " / " + Format.bytes(server.heapMaxBytes()));
      t.row("connections open peak / in game peak", Format.number(server.connectionsOpenPeak()) + " / "
          + Format.number(server.inGamePeak()));
      if (run.mode().equals("idle")) {
        t.row("heap baseline / held", Format.bytes(server.heapBaselineBytes()) + " / "
            + Format.bytes(server.heapHeldBytes()));
        t.row("heap per connection", Format.bytes(server.heapPerConnectionBytes()));
      }
      if (server.error() != null) {
        t.row("last metrics error", server.error());
      }
    }
    for (int i = 0; i < nodes.size(); i++) {
      nodeSection(t, i + 1, nodes.get(i));
    }
    t.section("Load tester");
    t.row("process CPU / heap used", Format.percent(loadtester.cpuPercent()) + " / "
        + Format.bytes(loadtester.heapUsedBytes()));
    return t.toString();
  }

  private static void nodeSection(Table t, int number, Node node) {
    ServerFigures n = node.figures();
    t.section("Node " + number + " (" + node.metricsUrl() + ")");
    if (n.scrapes() == 0) {
      t.row("metrics", "n/a" + (n.error() == null ? "" : " (" + n.error() + ")"));
      return;
    }
    t.row("tick p50 / p99 / max", Format.millis(n.tickP50Ms()) + " / " + Format.millis(n.tickP99Ms()) + " / "
        + Format.millis(n.tickMaxMs()));
    t.row("ticks / overruns / skipped", Format.number(n.ticks()) + " / " + Format.number(n.overruns()) + " / "
        + Format.number(n.skipped()));
    t.row("rooms (end / peak)", Format.number(n.rooms()) + " / " + Format.number(n.roomsPeak()));
    t.row("process CPU (100 % = one core)", Format.percent(n.cpuPercent()));
    t.row("heap used (end / peak)", Format.bytes(n.heapUsedBytes()) + " / " + Format.bytes(n.heapUsedPeakBytes()));
    t.row("connections open peak / in game peak", Format.number(n.connectionsOpenPeak()) + " / "
        + Format.number(n.inGamePeak()));
    if (n.error() != null) {
      t.row("last metrics error", n.error());
    }
  }

  private static String triple(Summary s) {
    return Format.millis(s.p50()) + " / " + Format.millis(s.p99()) + " / " + Format.millis(s.max());
  }

  private static String joined(Map<String, Long> counts) {
    StringBuilder text = new StringBuilder();
    counts.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
    return text.toString();
  }

  /** Two columns, the first padded; sections underlined. */
  private static final class Table {
    private static final int WIDTH = 40;
    private final StringBuilder text = new StringBuilder();

    void section(String title) {
      if (text.length() > 0) {
        text.append('\n');
      }
      text.append(title).append('\n').append("-".repeat(Math.max(title.length(), 12))).append('\n');
    }

    void row(String label, String value) {
      text.append(String.format(Locale.ROOT, "%-" + WIDTH + "s %s%n", label, value));
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  static List<String> sectionNames() {
    return List.of("run", "connections", "updates", "input_to_visible_ms", "admission", "traffic", "close_codes",
        "errors",
        "errors_total", "server", "loadtester");
  }
}
