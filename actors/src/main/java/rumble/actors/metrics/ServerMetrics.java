package rumble.actors.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import rumble.protocol.Packet;

/**
 * Every number an operator sees on {@code /metrics}. One instance per server, shared by the HTTP
 * layer and the actors; meters are created up front (or cached) so the hot paths only increment.
 */
public final class ServerMetrics {

  /**
   * Every reason a client input is refused for, published as 0 from the start: a dashboard or an
   * alert on a reason must not wait for its first event (issue 8, Why 8). MetricsCatalogTest checks
   * that every {@code rejected("...")} in the sources is listed here.
   */
  public static final List<String> REJECT_REASONS = List.of(
      // bad frames and packets
      "oversized_frame", "text_frame", "malformed_packet", "empty_packet", "server_only_message",
      "wrong_state", "client_claim_ignored", "rate_limited", "busy", "not_seated",
      // accounts
      "login_failed", "login_throttled", "server_busy", "register_invalid", "register_taken",
      "register_throttled", "guest_invalid", "guest_name_taken",
      // chat and connection
      "chat_invalid", "chat_rate_limited", "client_too_slow", "idle_timeout", "flood_closed", "slow_reader",
      "request_head_timeout", "protocol_violation", "server_full", "server_starting");

  /** What a slow reader's outbox may drop (Outbox.Kind, lower case). */
  public static final List<String> DROP_KINDS = List.of("control", "chat", "state", "leaderboard");

  /** Session states (PlayerSession.Phase, lower case). */
  public static final List<String> SESSION_STATES = List.of("connected", "in_game", "browsing_hiscores");

  /** Database and hashing calls timed by AccountService. */
  public static final List<String> DB_OPERATIONS = List.of("login_lookup", "password_verify", "password_hash",
      "register_insert", "name_lookup", "hiscores_top", "hiscores_search", "save_best_scores");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger openConnections = new AtomicInteger();
  private final Counter connectionsOpened;
  private final Counter bytesIn;
  private final Counter bytesOut;
  private final Map<Packet.MsgCase, Counter> packetsIn = new EnumMap<>(Packet.MsgCase.class);
  private final Map<Packet.MsgCase, Counter> packetsOut = new EnumMap<>(Packet.MsgCase.class);
  private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
  private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
  private final Map<String, Timer> dbCalls = new ConcurrentHashMap<>();
  private final AtomicInteger rooms = new AtomicInteger();
  private final Timer tick;
  private final Timer tickHistogram;
  private final Counter tickOverruns;
  private final Counter loginsDelayed;
  private final Counter ticksSkipped;
  private final DistributionSummary deltaBytesPerSecond;
  private final DistributionSummary entitiesInView;
  private final ClusterMeters cluster = new ClusterMeters(registry);

  public ServerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("rumble.connections.open", openConnections, AtomicInteger::get)
        .description("WebSocket connections currently open").register(registry);
    connectionsOpened = Counter.builder("rumble.connections.opened")
        .description("WebSocket connections accepted since start").register(registry);
    bytesIn = Counter.builder("rumble.bytes.in")
        .description("WebSocket payload bytes received").register(registry);
    bytesOut = Counter.builder("rumble.bytes.out")
        .description("WebSocket payload bytes sent").register(registry);
    Gauge.builder("rumble.rooms", rooms, AtomicInteger::get).description("Rooms running").register(registry);
    tick = tickTimer(null);
    // Buckets as well as quantiles: the registry publishes a meter as one or the other, so the
    // buckets (which aggregate across rooms and nodes, and over any window) get a meter of their own.
    tickHistogram = Timer.builder("rumble.tick.histogram")
        .description("Room tick duration, all rooms, as histogram buckets")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(1))
        .register(registry);
    tickOverruns = Counter.builder("rumble.tick.overruns")
        .description("Room ticks that took longer than the tick period").register(registry);
    loginsDelayed = Counter.builder("rumble.logins.delayed")
        .description("Login attempts held back before verifying, after earlier failures").register(registry);
    ticksSkipped = Counter.builder("rumble.tick.skipped")
        .description("Room ticks dropped because a room fell too far behind").register(registry);
    // No base unit: Prometheus naming would append it, publishing ..._bytes_per_second_bytes.
    deltaBytesPerSecond = DistributionSummary.builder("rumble.player.delta.bytes.per.second")
        .description("World-delta bytes sent to one player in one second")
        .publishPercentiles(0.5, 0.99).register(registry);
    entitiesInView = DistributionSummary.builder("rumble.view.entities")
        .description("Entities a player's client knows of (sampled once a second per player)")
        .publishPercentiles(0.5, 0.99).register(registry);
    for (Packet.MsgCase type : Packet.MsgCase.values()) {
      String name = type.name().toLowerCase();
      packetsIn.put(type, Counter.builder("rumble.packets.in").tag("type", name)
          .description("Packets received, by message type").register(registry));
      packetsOut.put(type, Counter.builder("rumble.packets.out").tag("type", name)
          .description("Packets sent, by message type").register(registry));
    }
    REJECT_REASONS.forEach(this::rejectedCounter);
    DROP_KINDS.forEach(this::droppedCounter);
    SESSION_STATES.forEach(this::sessionsIn);
    DB_OPERATIONS.forEach(this::dbTimer);
  }

  public void connectionOpened() {
    openConnections.incrementAndGet();
    connectionsOpened.increment();
  }

  public void connectionClosed() {
    openConnections.decrementAndGet();
  }

  public void packetIn(Packet.MsgCase type, int bytes) {
    packetsIn.get(type).increment();
    bytesIn.increment(bytes);
  }

  public void packetOut(Packet.MsgCase type, int bytes) {
    packetsOut.get(type).increment();
    bytesOut.increment(bytes);
  }

  /** Bytes that arrived but never became a packet (oversized, text or malformed frames). */
  public void unparsedBytesIn(int bytes) {
    bytesIn.increment(bytes);
  }

  /** Moves one session into {@code state} (a snake_case label such as in_game) on the gauge. */
  public void sessionEntered(String state) {
    sessionsIn(state).incrementAndGet();
  }

  public void sessionLeft(String state) {
    sessionsIn(state).decrementAndGet();
  }

  private AtomicInteger sessionsIn(String state) {
    return sessions.computeIfAbsent(state, s -> {
      AtomicInteger count = new AtomicInteger();
      Gauge.builder("rumble.sessions", count, AtomicInteger::get)
          .tag("state", s).description("Sessions by state").register(registry);
      return count;
    });
  }

  /** Counts one refused client input; {@code reason} is a short snake_case label. */
  public void rejected(String reason) {
    rejectedCounter(reason).increment();
  }

  private Counter rejectedCounter(String reason) {
    return rejected.computeIfAbsent(reason, r -> Counter.builder("rumble.rejected.inputs").tag("reason", r)
        .description("Client inputs refused, by reason").register(registry));
  }

  /** Counts one outbound message dropped by a session's queue policy; {@code kind} is e.g. chat. */
  public void outboundDropped(String kind) {
    droppedCounter(kind).increment();
  }

  private Counter droppedCounter(String kind) {
    return dropped.computeIfAbsent(kind, k -> Counter.builder("rumble.outbound.dropped").tag("kind", k)
        .description("Outbound messages dropped because a client fell behind").register(registry));
  }

  public void dbCall(String operation, long nanos) {
    dbTimer(operation).record(Duration.ofNanos(nanos));
  }

  private Timer dbTimer(String operation) {
    return dbCalls.computeIfAbsent(operation, op -> Timer.builder("rumble.db.call").tag("op", op)
        .description("Database and password-hashing call latency")
        .publishPercentileHistogram() // buckets aggregate across nodes; Prometheus computes quantiles
        .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(5))
        .register(registry));
  }

  /** Publishes how many password hashes wait for a hashing thread. */
  public void hashingQueue(java.util.function.IntSupplier queued) {
    Gauge.builder("rumble.hashing.queued", queued, s -> s.getAsInt()).strongReference(true)
        .description("Password hashes (logins, registrations) waiting for a hashing thread").register(registry);
  }

  /** Membership, shards and cross-node deliveries. */
  public ClusterMeters cluster() {
    return cluster;
  }

  /** Counts a login attempt held back before verifying, because of earlier failures. */
  public void loginDelayed() {
    loginsDelayed.increment();
  }

  public void roomStarted() {
    rooms.incrementAndGet();
  }

  public void roomStopped() {
    rooms.decrementAndGet();
  }

  /** Records one room tick: into the overall histogram, the room's own, and the overrun count. */
  public void tick(RoomMeters room, long nanos, long periodNanos) {
    tick.record(nanos, TimeUnit.NANOSECONDS);
    tickHistogram.record(nanos, TimeUnit.NANOSECONDS);
    room.tick().record(nanos, TimeUnit.NANOSECONDS);
    if (nanos > periodNanos) {
      tickOverruns.increment();
    }
  }

  public void ticksSkipped(long count) {
    ticksSkipped.increment(count);
  }

  public void playerSecond(long deltaBytes, int entities) {
    deltaBytesPerSecond.record(deltaBytes);
    entitiesInView.record(entities);
  }

  /** The meters of one room, removed again when the room stops. */
  public record RoomMeters(Timer tick, Gauge players, Runnable remove) {}

  public RoomMeters roomMeters(int roomId, java.util.function.IntSupplier playerCount) {
    Timer roomTick = tickTimer(String.valueOf(roomId));
    // A strong reference: Micrometer holds gauge state weakly, and nothing else keeps this supplier
    // (a fresh method reference) alive, so the gauge would read NaN after the next GC.
    Gauge players = Gauge.builder("rumble.room.players", playerCount, s -> s.getAsInt())
        .tag("room", String.valueOf(roomId)).description("Players in each room").strongReference(true)
        .register(registry);
    return new RoomMeters(roomTick, players, () -> {
      registry.remove(roomTick);
      registry.remove(players);
    });
  }

  private Timer tickTimer(String roomId) {
    Timer.Builder builder = Timer.builder(roomId == null ? "rumble.tick" : "rumble.room.tick")
        .description(roomId == null ? "Room tick duration, all rooms" : "Room tick duration per room")
        .publishPercentiles(0.5, 0.99)
        .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(1));
    // No percentile histogram on the all-rooms timer: the Prometheus registry publishes a meter as
    // either a histogram or a summary, and with buckets the 0.5/0.99 quantiles were dropped.
    if (roomId != null) {
      builder.tag("room", roomId);
    }
    return builder.register(registry);
  }

  /**
   * Counts log events by level ({@code logback_events_total{level}}, every level at 0 from now on) until
   * the returned binder is closed: an ERROR logged is a server bug, and the suites watch this count.
   * Not in the constructor: the counting hooks into logback's one JVM-wide context, so only a running
   * server binds it, and closes it when it stops (tests create many short-lived metrics).
   */
  public LogbackMetrics countLogEvents() {
    LogbackMetrics logEvents = new LogbackMetrics();
    logEvents.bindTo(registry);
    return logEvents;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }
}
