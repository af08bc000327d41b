package rumble.loadtest;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.HdrHistogram.Histogram;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.io.Inet;
import org.apache.pekko.io.TcpSO;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.Done;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Runs one load test: reads the server's metrics once before anything starts, ramps bots at the
 * given rate, prints the progress line every second, reads the metrics during the run, stops every
 * bot at the deadline (they log out and close), waits for them up to the grace period, and completes
 * {@code done} with the report.
 */
final class Coordinator extends AbstractBehavior<Coordinator.Command> {

  sealed interface Command {}

  private record BotDone(BotResult result) implements Command {}

  private enum Purpose { BASELINE, PERIODIC, FINAL }

  /** One node's reading: a scrape, or the failure. */
  private record NodeScrape(int node, ServerFigures.Scrape scrape, Throwable failure) {}

  private record Scraped(Purpose purpose, List<NodeScrape> nodes) implements Command {}

  private enum SpawnTick implements Command { INSTANCE }

  private enum ProgressTick implements Command { INSTANCE }

  private enum ScrapeTick implements Command { INSTANCE }

  private enum Deadline implements Command { INSTANCE }

  private enum ScrapeTimeout implements Command { INSTANCE }

  private enum GraceOver implements Command { INSTANCE }

  private static final Duration SPAWN_INTERVAL = Duration.ofMillis(20);
  private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);

  private final LoadTestOptions options;
  private final Stats stats;
  private final CompletableFuture<Report> done;
  private final PrintStream progress;
  private final TimerScheduler<Command> timers;
  private final Bot.Shared shared;
  private final HttpClient httpClient;
  private final List<ActorRef<Bot.Command>> bots = new ArrayList<>();
  private final Map<Integer, BotResult> results = new HashMap<>();
  /** Per node (metrics URL), in time order. */
  private final List<List<ServerFigures.Scrape>> scrapes = new ArrayList<>();
  private final String[] scrapeErrors;
  /** Over scrape rounds, the peak of the nodes' summed rooms, open connections and players in game. */
  private Double roomsPeak;
  private Double openPeak;
  private Double inGamePeak;
  private final Instant started = Instant.now();

  private long startNanos;
  private long lastProgressNanos;
  private long lastPacketsIn;
  private long lastPacketsOut;
  private long lastBytesIn;
  private long lastBytesOut;
  private long lastDeltas;
  private long peakOpen;
  private long holdFrom = Long.MAX_VALUE;
  private long openAtDeadline;
  private long inGameAtDeadline;
  private long cpuStartNanos;
  private boolean scrapeInFlight;
  private boolean running;
  private boolean stopping;

  static Behavior<Command> create(LoadTestOptions options, Stats stats, CompletableFuture<Report> done,
      PrintStream progress) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new Coordinator(context, timers, options, stats, done, progress)));
  }

  private Coordinator(ActorContext<Command> context, TimerScheduler<Command> timers, LoadTestOptions options,
      Stats stats, CompletableFuture<Report> done, PrintStream progress) {
    super(context);
    this.options = options;
    this.stats = stats;
    this.done = done;
    this.progress = progress;
    this.timers = timers;
    ActorRef<BotResult> results = context.messageAdapter(BotResult.class, BotDone::new);
    String runTag = Long.toString(Math.abs(options.seed() % 2_176_782_336L), 36); // at most 6 characters
    this.shared = new Bot.Shared(options, stats, results, Materializer.matFromSystem(context.getSystem()),
        Http.get(context.getSystem()), options.urls().stream().map(url -> WebSocketRequest.create(url.toString())).toList(),
        options.urls().stream().map(url -> liteClient(context, url)).toList(), runTag);
    this.httpClient = options.metricsUrls().isEmpty() ? null
        : HttpClient.newBuilder().connectTimeout(SCRAPE_TIMEOUT).build();
    for (int i = 0; i < options.metricsUrls().size(); i++) {
      scrapes.add(new ArrayList<>());
    }
    this.scrapeErrors = new String[options.metricsUrls().size()];
    if (httpClient != null) {
      scrape(Purpose.BASELINE);
    } else {
      begin();
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Scraped.class, this::onScraped)
        .onMessage(ScrapeTimeout.class, timeout -> onScrapeTimeout())
        .onMessage(SpawnTick.class, tick -> onSpawnTick())
        .onMessage(ProgressTick.class, tick -> onProgress())
        .onMessage(ScrapeTick.class, tick -> onScrapeTick())
        .onMessage(Deadline.class, deadline -> onDeadline())
        .onMessage(BotDone.class, this::onBotDone)
        .onMessage(GraceOver.class, over -> finish())
        .build();
  }

  private void begin() {
    running = true;
    startNanos = System.nanoTime();
    lastProgressNanos = startNanos;
    cpuStartNanos = processCpuNanos();
    stats.startMeasuringAt(startNanos + options.warmup().toNanos());
    timers.startTimerAtFixedRate(SpawnTick.INSTANCE, SPAWN_INTERVAL);
    timers.startTimerAtFixedRate(ProgressTick.INSTANCE, Duration.ofSeconds(1));
    if (httpClient != null) {
      timers.startTimerAtFixedRate(ScrapeTick.INSTANCE, options.metricsEvery());
    }
    timers.startSingleTimer(Deadline.INSTANCE, options.duration());
    onSpawnTick();
  }

  // --- spawning ---

  private Behavior<Command> onSpawnTick() {
    if (stopping) {
      return this;
    }
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    long due = Math.min(options.players(), (long) Math.floor(elapsed * options.rampPerSecond()) + 1);
    while (bots.size() < due) {
      int index = bots.size();
      bots.add(getContext().spawn(Bot.create(index, shared), "bot-" + index));
    }
    if (bots.size() >= options.players()) {
      timers.cancel(SpawnTick.INSTANCE);
    }
    return this;
  }

  // --- progress ---

  private Behavior<Command> onProgress() {
    long now = System.nanoTime();
    long open = stats.connectedNow.get();
    peakOpen = Math.max(peakOpen, open);
    long connectedOrFailed = stats.connectOk.sum() + stats.connectFailed.sum();
    if (holdFrom == Long.MAX_VALUE && bots.size() == options.players() && connectedOrFailed >= options.players()) {
      holdFrom = now; // every connection is through (idle mode holds from here)
      if (options.hold() != null && !stopping) {
        Duration left = options.duration().minusNanos(now - startNanos);
        if (options.hold().compareTo(left) < 0) {
          timers.startSingleTimer(Deadline.INSTANCE, options.hold());
        }
      }
    }
    if (!options.quiet()) {
      double seconds = Math.max(1e-3, (now - lastProgressNanos) / 1e9);
      long packetsIn = stats.packetsIn.sum();
      long packetsOut = stats.packetsOut.sum();
      long bytesIn = stats.bytesIn.sum();
      long bytesOut = stats.bytesOut.sum();
      long deltas = stats.deltas.sum();
      String server = serverProgress();
      progress.printf(Locale.ROOT, "[%4ds] %s spawned %d/%d  connected %d  failed %d  in game %d  "
              + "in %,.0f pkt/s %s/s  deltas %,.0f/s  out %,.0f pkt/s %s/s  errors %d%s%n",
          (now - startNanos) / 1_000_000_000L, stopping ? "stopping" : running ? "running" : "starting",
          bots.size(), options.players(), open, stats.connectFailed.sum(), stats.inGameNow.get(),
          (packetsIn - lastPacketsIn) / seconds, Format.bytes((bytesIn - lastBytesIn) / seconds),
          (deltas - lastDeltas) / seconds, (packetsOut - lastPacketsOut) / seconds,
          Format.bytes((bytesOut - lastBytesOut) / seconds), stats.errors.sum(), server);
      progress.flush();
      lastPacketsIn = packetsIn;
      lastPacketsOut = packetsOut;
      lastBytesIn = bytesIn;
      lastBytesOut = bytesOut;
      lastDeltas = deltas;
    }
    lastProgressNanos = now;
    return this;
  }

  /** The worst room's tick p99 and the heap (summed over nodes) from each node's last scrape. */
  private String serverProgress() {
    Double p99 = null;
    Double heap = null;
    boolean any = false;
    for (List<ServerFigures.Scrape> node : scrapes) {
      if (node.isEmpty()) {
        continue;
      }
      any = true;
      MetricsText last = node.get(node.size() - 1).metrics();
      Double nodeP99 = last.max("rumble_room_tick_seconds", "quantile", "0.99");
      if (nodeP99 == null) {
        nodeP99 = last.max("rumble_tick_seconds", "quantile", "0.99");
      }
      Double nodeHeap = ServerFigures.heapUsed(last);
      p99 = nodeP99 == null ? p99 : p99 == null ? nodeP99 : Math.max(p99, nodeP99);
      heap = nodeHeap == null ? heap : heap == null ? nodeHeap : heap + nodeHeap;
    }
    return !any ? "" : "  server worst-room tick p99 "
        + (p99 == null ? "n/a" : String.format(Locale.ROOT, "%.1f ms", p99 * 1000)) + " heap " + Format.bytes(heap);
  }

  // --- server metrics ---

  private Behavior<Command> onScrapeTick() {
    if (!stopping && !scrapeInFlight) {
      scrape(Purpose.PERIODIC);
    }
    return this;
  }

  /** Reads every node's metrics at once; one message with all the answers (a dead node's is its failure). */
  private void scrape(Purpose purpose) {
    scrapeInFlight = true;
    boolean collectFirst = options.serverPid() != null && options.mode() == LoadTestOptions.Mode.IDLE
        && purpose != Purpose.PERIODIC;
    CompletionStage<Void> before = collectFirst ? fullGc(options.serverPid())
        : CompletableFuture.completedFuture(null);
    List<CompletableFuture<NodeScrape>> fetches = new ArrayList<>();
    for (int i = 0; i < options.metricsUrls().size(); i++) {
      int node = i;
      URI uri = options.metricsUrls().get(i);
      fetches.add(before.thenCompose(ignored -> httpClient
          .sendAsync(HttpRequest.newBuilder(uri).timeout(SCRAPE_TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString())
          .thenApply(response -> {
            if (response.statusCode() != 200) {
              throw new IllegalStateException("HTTP " + response.statusCode() + " from " + uri);
            }
            return new ServerFigures.Scrape(System.nanoTime(), MetricsText.parse(response.body()));
          }))
          .handle((scrape, failure) -> new NodeScrape(node, scrape, failure))
          .toCompletableFuture());
    }
    CompletionStage<List<NodeScrape>> all = CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> fetches.stream().map(CompletableFuture::join).toList());
    getContext().pipeToSelf(all, (nodes, failure) -> new Scraped(purpose, nodes == null ? List.of() : nodes));
    if (purpose != Purpose.PERIODIC) {
      timers.startSingleTimer(ScrapeTimeout.INSTANCE, SCRAPE_TIMEOUT.plusSeconds(collectFirst ? 31 : 1));
    }
  }

  /** Asks a local JVM for a full GC with jcmd (off the actor); a failure is only a warning. */
  private CompletionStage<Void> fullGc(long pid) {
    return CompletableFuture.runAsync(() -> {
      try {
        Process process = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run")
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
          progress.println("warning: jcmd " + pid + " GC.run timed out");
        } else if (process.exitValue() != 0) {
          progress.println("warning: jcmd " + pid + " GC.run exited with " + process.exitValue());
        }
      } catch (java.io.IOException e) {
        progress.println("warning: cannot run jcmd: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private Behavior<Command> onScraped(Scraped scraped) {
    scrapeInFlight = false;
    List<String> failed = new ArrayList<>();
    List<MetricsText> round = new ArrayList<>();
    for (NodeScrape node : scraped.nodes()) {
      if (node.failure() == null) {
        round.add(node.scrape().metrics());
      }
      if (node.failure() != null) {
        Throwable cause = node.failure().getCause() != null ? node.failure().getCause() : node.failure();
        scrapeErrors[node.node()] = "cannot read " + options.metricsUrls().get(node.node()) + ": " + cause;
        failed.add(scrapeErrors[node.node()]);
      } else {
        scrapes.get(node.node()).add(node.scrape());
      }
    }
    roomsPeak = max(roomsPeak, sum(round, m -> m.sum("rumble_rooms")));
    openPeak = max(openPeak, sum(round, m -> m.sum("rumble_connections_open")));
    inGamePeak = max(inGamePeak, sum(round, m -> m.sum("rumble_sessions", "state", "in_game")));
    switch (scraped.purpose()) {
      case BASELINE -> {
        timers.cancel(ScrapeTimeout.INSTANCE);
        if (!failed.isEmpty() && !options.quiet()) {
          progress.println("warning: " + String.join("; ", failed) + " (server figures will be n/a)");
        }
        if (!running) {
          begin();
        }
      }
      case FINAL -> {
        timers.cancel(ScrapeTimeout.INSTANCE);
        stopBots();
      }
      case PERIODIC -> { }
    }
    return this;
  }

  private static Double sum(List<MetricsText> round, java.util.function.Function<MetricsText, Double> figure) {
    Double total = null;
    for (MetricsText metrics : round) {
      Double value = figure.apply(metrics);
      total = value == null ? total : total == null ? value : total + value;
    }
    return total;
  }

  private static Double max(Double a, Double b) {
    return a == null ? b : b == null ? a : Math.max(a, b);
  }

  private Behavior<Command> onScrapeTimeout() {
    for (int i = 0; i < scrapeErrors.length; i++) {
      scrapeErrors[i] = "reading " + options.metricsUrls().get(i) + " timed out";
    }
    if (!running) {
      begin();
    } else if (stopping) {
      stopBots();
    }
    return this;
  }

  // --- stopping ---

  private Behavior<Command> onDeadline() {
    if (stopping) {
      return this;
    }
    stopping = true;
    timers.cancel(SpawnTick.INSTANCE);
    timers.cancel(ScrapeTick.INSTANCE);
    openAtDeadline = stats.connectedNow.get();
    inGameAtDeadline = stats.inGameNow.get();
    peakOpen = Math.max(peakOpen, openAtDeadline);
    if (httpClient != null) {
      scrape(Purpose.FINAL); // the server as it was under full load, before anybody leaves
    } else {
      stopBots();
    }
    return this;
  }

  private boolean botsStopped;

  private void stopBots() {
    if (botsStopped) {
      return;
    }
    botsStopped = true;
    for (ActorRef<Bot.Command> bot : bots) {
      bot.tell(Bot.Stop.INSTANCE);
    }
    if (results.size() >= bots.size()) {
      finish();
      return;
    }
    timers.startSingleTimer(GraceOver.INSTANCE, options.stopGrace());
  }

  private Behavior<Command> onBotDone(BotDone message) {
    results.put(message.result().index(), message.result());
    if (botsStopped && results.size() >= bots.size()) {
      return finish();
    }
    return this;
  }

  private Behavior<Command> finish() {
    if (done.isDone()) {
      return Behaviors.stopped();
    }
    timers.cancelAll();
    long missing = bots.size() - results.size();
    for (long i = 0; i < missing; i++) {
      stats.error("bot_did_not_stop_within_grace");
    }
    onProgress();
    long now = System.nanoTime();
    Instant ended = Instant.now();
    Histogram interArrival = stats.interArrivalMicros.getIntervalHistogram();
    Histogram latency = stats.inputLatencyMicros.getIntervalHistogram();
    long openHeld = options.mode() == LoadTestOptions.Mode.IDLE ? openAtDeadline : 0;
    List<Report.Node> nodes = new ArrayList<>();
    for (int i = 0; i < scrapes.size(); i++) {
      nodes.add(new Report.Node(options.metricsUrls().get(i).toString(),
          ServerFigures.from(scrapes.get(i), stats.measureFrom(), holdFrom, openHeld, scrapeErrors[i])));
    }
    ServerFigures server = httpClient == null ? ServerFigures.none("not read (--metrics-url none)")
        : ServerFigures.combine(nodes.stream().map(Report.Node::figures).toList(), openHeld);
    if (nodes.size() > 1) {
      server = server.withPeaks(roomsPeak, openPeak, inGamePeak);
    }
    double cpuPercent = (processCpuNanos() - cpuStartNanos) / (double) Math.max(1, now - startNanos) * 100;
    Runtime runtime = Runtime.getRuntime();
    Report.LoadTester self = new Report.LoadTester(cpuPercent < 0 ? null : cpuPercent,
        (double) (runtime.totalMemory() - runtime.freeMemory()));
    Report.Run run = new Report.Run(options.mode().name().toLowerCase(), options.accounts().name().toLowerCase(),
        options.urlsText(), options.metricsUrls().isEmpty() ? null
            : String.join(", ", options.metricsUrls().stream().map(URI::toString).toList()),
        options.players(), bots.size(), options.duration().toMillis() / 1000.0, options.rampPerSecond(),
        options.warmup().toMillis() / 1000.0, options.chatEvery().toMillis() / 1000.0, options.think().toMillis(),
        options.inputHz(), options.seed(), started, ended);
    // Bots that never reported count as connections that did not finish.
    List<BotResult> all = new ArrayList<>(results.values());
    for (int i = 0; i < bots.size(); i++) {
      if (!results.containsKey(i)) {
        all.add(new BotResult(i, BotResult.Connection.NOT_FINISHED, false, false, null, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0));
      }
    }
    Report report = Report.build(run, all, peakOpen, openAtDeadline, inGameAtDeadline, interArrival, latency,
        stats.latencyTimeouts.sum(), admission(), stats.errorKinds(), server, self);
    if (nodes.size() > 1) {
      report = report.withNodes(nodes);
    }
    if (options.reconnect()) {
      report = report.withReconnects(new Report.Reconnects(stats.drops.sum(), stats.backInGame.sum(),
          stats.reconnectAttempts.sum(), stats.reconnectsFailed.sum(),
          Summary.of(stats.interruptionMicros.getIntervalHistogram(), 0.001)));
    }
    done.complete(report);
    return Behaviors.stopped();
  }

  private Report.Admission admission() {
    Histogram waited = stats.admissionMicros.getIntervalHistogram();
    long spawned = stats.spawned.sum();
    boolean everyone = spawned > 0 && stats.reachedGame.sum() == spawned;
    Double allIn = everyone ? (stats.lastJoinNanos.get() - stats.lastSpawnNanos.get()) / 1e6 : null;
    return new Report.Admission(Summary.of(waited, 0.001), allIn);
  }

  /** A factory of raw-TCP WebSocket client flows to {@code url} (resolved once, reused by every bot). */
  private static java.util.function.Supplier<Flow<ByteString, Bot.Frame, CompletionStage<Done>>> liteClient(
      ActorContext<?> context, URI url) {
    int port = url.getPort() > 0 ? url.getPort() : 80;
    InetSocketAddress address = new InetSocketAddress(url.getHost(), port);
    String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    Tcp tcp = Tcp.get(context.getSystem());
    List<Inet.SocketOption> socketOptions = List.of(TcpSO.tcpNoDelay(true));
    return () -> BidiFlow.fromGraph(new LiteWebSocket(host, path)).join(tcp.outgoingConnection(address,
        Optional.empty(), socketOptions, true, Optional.of(Duration.ofSeconds(20)), Optional.empty()));
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
