package rumble.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.PeerClosedConnectionException;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;
import org.apache.pekko.util.ByteString;
import rumble.protocol.ChatMessage;
import rumble.protocol.DisconnectMessage;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.KeyframeRequestMessage;
import rumble.protocol.LoginRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.PlayerDirectionMessage;
import rumble.protocol.RegisterRequestMessage;
import rumble.protocol.WorldDeltaMessage;

/**
 * One simulated player: an actor owning a real pekko-http client WebSocket. Inbound frames are
 * parsed on the stream and handed over through a back-pressured sink (a slow bot slows its own
 * socket, as a slow browser would); outbound packets go through a bounded queue.
 *
 * <p>Play mode: Id → log in (guest, or register then log in) → JoinedRoom → WorldDeltas, with a
 * decision every {@code --think} and a chat line every {@code --chat-every}; on Stop it sends
 * Disconnect, waits for the server's Id, then closes. Idle mode: Id, then nothing until Stop.
 *
 * <p>Bot i plays on URL i mod n. With --reconnect, a connection lost while playing (its node died)
 * is replaced by one to the next URL, round robin, and the bot logs in and plays on; from the loss to
 * its first WorldDelta there counts as its interruption. Its measured window runs on through the gap.
 */
final class Bot extends AbstractBehavior<Bot.Command> {

  sealed interface Command {}

  /** Sent by the coordinator at the deadline. */
  enum Stop implements Command { INSTANCE }

  enum Ack { INSTANCE }

  /** One inbound frame, parsed on the stream; {@code problem} is set instead of packet when it did not parse. */
  record Frame(Packet packet, int bytes, long nanos, String problem) {}

  /** The upgrade's outcome: {@code rejection} set when the server answered but did not switch. */
  private record Upgraded(int attempt, String rejection, Throwable failure) implements Command {}

  private record StreamStarted(int attempt, ActorRef<Ack> ackTo) implements Command {}

  private record FrameIn(int attempt, ActorRef<Ack> ackTo, Frame frame) implements Command {}

  private record StreamDone(int attempt) implements Command {}

  private record StreamFailed(int attempt, Throwable cause) implements Command {}

  private record ConnectTimeout(int attempt) implements Command {}

  private enum Reconnect implements Command { INSTANCE }

  private enum Think implements Command { INSTANCE }

  /** With --input-hz: time to send the steering again, as a browser client does every frame. */
  private enum Steer implements Command { INSTANCE }

  private enum Chat implements Command { INSTANCE }

  private enum Retry implements Command { INSTANCE }

  private enum JoinTimeout implements Command { INSTANCE }

  private enum LeaveTimeout implements Command { INSTANCE }

  private enum CloseTimeout implements Command { INSTANCE }

  private enum State { CONNECTING, CONNECTED, REGISTERING, LOGGING_IN, JOINING, IN_GAME, LEAVING, CLOSING }

  /** Everything the bots share: one of these per run. */
  record Shared(LoadTestOptions options, Stats stats, ActorRef<BotResult> results, Materializer materializer,
      Http http, List<WebSocketRequest> requests,
      List<Supplier<Flow<ByteString, Frame, CompletionStage<Done>>>> liteClients, String runTag) {}

  private static final long LATENCY_TIMEOUT_NANOS = Duration.ofSeconds(2).toNanos();
  private static final long KEYFRAME_RETRY_NANOS = Duration.ofSeconds(1).toNanos();
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_LOGIN_ATTEMPTS = 4;
  private static final int QUEUE_SIZE = 32;
  private static final Object CONNECT_TIMER = "connect-timeout";
  private static final String[] CHAT_LINES = {"hi all", "gg", "anyone want to team?", "run!", "nice one", "lol",
      "who ate me", "so many spores here", "watch out for the big one", "brb"};

  private final int index;
  private final Shared shared;
  private final Stats stats;
  private final TimerScheduler<Command> timers;
  private final SplittableRandom random;
  private final String name;
  private final String password;

  private State state = State.CONNECTING;
  private BoundedSourceQueue<ByteString> queue;
  private SharedKillSwitch killSwitch;
  private boolean connected;
  private boolean everConnected;
  private int urlIndex;
  /** System.nanoTime when the connection in play was lost (--reconnect), 0 while none is. */
  private long droppedAt;
  private int failedReconnectAttempt;
  private boolean failed;
  private boolean reachedGame;
  private boolean loggedOut;
  private boolean stopping;
  private boolean finished;
  private String closeCode;
  private int loginAttempts;
  private int connectAttempts;

  private WorldView view;
  private long joinedAt;
  private long windowStart;
  private long windowEnd;
  private long deltasInWindow;
  private long lostInWindow;
  private long bytesInWindow;
  private long bytesOutWindow;
  private long deltasTotal;
  private long lostTotal;
  private long keyframeRequests;
  private long lastKeyframeRequest;
  private long leaderboards;
  private long chatsSent;
  private long chatsReceived;
  private long lastSeq = -1;
  private long lastDeltaNanos;
  private double lastSentDirection = Double.NaN;
  private double pendingDirection;
  private long pendingSince;
  private long spawnedAt;

  static Behavior<Command> create(int index, Shared shared) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new Bot(context, timers, index, shared)));
  }

  private Bot(ActorContext<Command> context, TimerScheduler<Command> timers, int index, Shared shared) {
    super(context);
    this.index = index;
    this.shared = shared;
    this.stats = shared.stats();
    this.timers = timers;
    this.random = new SplittableRandom(shared.options().seed() * 31 + index);
    String prefix = shared.options().namePrefix();
    this.name = shared.options().accounts() == LoadTestOptions.Accounts.REGISTERED
        ? prefix + shared.runTag() + "_" + index   // unique per run: at most 8 + 6 + 1 + 5 = 20 characters
        : prefix + index;
    // 19 characters, repeatable from the seed: a later run with the same seed can log in again.
    this.password = String.format("pw-%016x", shared.options().seed() * 0x9E3779B97F4A7C15L + index);
    this.urlIndex = shared.options().urlIndexFor(index);
    stats.spawned.increment();
    spawnedAt = System.nanoTime();
    stats.lastSpawnNanos.accumulateAndGet(spawnedAt, Math::max);
    connect();
  }

  // --- connection ---

  private void connect() {
    int attempt = ++connectAttempts;
    Materializer mat = shared.materializer();
    Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> out =
        Source.<ByteString>queue(QUEUE_SIZE).preMaterialize(mat);
    queue = out.first();
    Sink<Frame, NotUsed> in = ActorSink.<Frame, Command, Ack>actorRefWithBackpressure(getContext().getSelf(),
        (ackTo, frame) -> new FrameIn(attempt, ackTo, frame), ackTo -> new StreamStarted(attempt, ackTo),
        Ack.INSTANCE, new StreamDone(attempt), cause -> new StreamFailed(attempt, cause));
    killSwitch = KillSwitches.shared("bot-" + index + "-" + attempt);
    timers.startSingleTimer(CONNECT_TIMER, new ConnectTimeout(attempt), shared.options().connectTimeout());
    try {
      if (shared.options().client() == LoadTestOptions.Client.LITE) {
        CompletionStage<Done> upgraded = out.second()
            .via(killSwitch.<ByteString>flow())
            .viaMat(shared.liteClients().get(urlIndex).get(), Keep.right())
            .via(killSwitch.<Frame>flow())
            .to(in)
            .run(mat);
        getContext().pipeToSelf(upgraded, (done, failure) -> new Upgraded(attempt, null, failure));
      } else {
        Flow<Message, Message, NotUsed> flow = Flow.<Message>create()
            .via(killSwitch.<Message>flow())
            .via(Flow.fromSinkAndSource(
                Flow.<Message>create().mapAsync(1, message -> toFrame(message, mat)).to(in),
                out.second().map(bytes -> (Message) BinaryMessage.create(bytes))))
            .via(killSwitch.<Message>flow());
        Pair<CompletionStage<WebSocketUpgradeResponse>, NotUsed> result =
            shared.http().singleWebSocketRequest(shared.requests().get(urlIndex), flow, mat);
        getContext().pipeToSelf(result.first(), (response, failure) -> new Upgraded(attempt,
            response == null || response.isValid() ? null
                : "upgrade_rejected:" + response.response().status().intValue(), failure));
      }
    } catch (RuntimeException e) {
      getContext().getSelf().tell(new Upgraded(attempt, null, e));
    }
  }

  /** Runs on the stream: makes each message one parsed frame, stamped when it arrived. */
  private static CompletionStage<Frame> toFrame(Message message, Materializer mat) {
    long nanos = System.nanoTime();
    if (message.isText()) {
      message.asTextMessage().getStreamedText().runWith(Sink.ignore(), mat);
      return CompletableFuture.completedFuture(new Frame(null, 0, nanos, "unexpected_text_frame"));
    }
    BinaryMessage binary = message.asBinaryMessage();
    if (binary.isStrict()) {
      return CompletableFuture.completedFuture(parse(binary.getStrictData(), nanos));
    }
    // An explicit executor: on two cores the common pool would start a thread per message.
    return binary.toStrict(10_000, mat).thenApplyAsync(strict -> parse(strict.getStrictData(), nanos),
        mat.executionContext());
  }

  private static Frame parse(ByteString bytes, long nanos) {
    try {
      return new Frame(Packet.parseFrom(bytes.asByteBuffer()), bytes.size(), nanos, null);
    } catch (Exception e) {
      return new Frame(null, bytes.size(), nanos, "malformed_packet");
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Upgraded.class, upgraded -> upgraded.attempt() != connectAttempts ? this : onUpgraded(upgraded))
        .onMessage(StreamStarted.class, started -> ack(started.ackTo()))
        .onMessage(FrameIn.class, in -> in.attempt() != connectAttempts ? ack(in.ackTo()) : onFrame(in))
        .onMessage(StreamDone.class, done -> done.attempt() != connectAttempts ? this : onStreamEnded(null))
        .onMessage(StreamFailed.class, failed -> failed.attempt() != connectAttempts ? this
            : onStreamEnded(failed.cause()))
        .onMessage(ConnectTimeout.class, timeout -> timeout.attempt() != connectAttempts || connected ? this
            : connectFailed("connect_timeout"))
        .onMessage(Reconnect.class, reconnect -> onReconnect())
        .onMessage(Think.class, think -> onThink())
        .onMessage(Steer.class, steer -> onSteer())
        .onMessage(Chat.class, chat -> onChat())
        .onMessage(Retry.class, retry -> onRetry())
        .onMessage(JoinTimeout.class, timeout -> onJoinTimeout())
        .onMessage(LeaveTimeout.class, timeout -> onLeaveTimeout())
        .onMessage(CloseTimeout.class, timeout -> onCloseTimeout())
        .onMessage(Stop.class, stop -> onStop())
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onUpgraded(Upgraded upgraded) {
    if (upgraded.failure() != null) {
      return connectFailed("connect_failed:" + describe(upgraded.failure()));
    }
    if (upgraded.rejection() != null) {
      return connectFailed(upgraded.rejection());
    }
    markConnected();
    return this;
  }

  private void markConnected() {
    if (!connected && !failed) {
      timers.cancel(CONNECT_TIMER);
      connected = true;
      if (!everConnected) {
        everConnected = true;
        stats.connectOk.increment();
      }
      stats.connectedNow.incrementAndGet();
    }
  }

  private Behavior<Command> connectFailed(String kind) {
    if (connected || failed || stopping && state == State.CONNECTING) {
      return this;
    }
    killSwitch.abort(new IllegalStateException(kind));
    timers.cancel(CONNECT_TIMER);
    if (droppedAt != 0) {
      return reconnectFailed(kind);
    }
    if (connectAttempts <= shared.options().connectRetries() && !stopping) {
      // A real client tries again after a moment; the failed attempt still counts as an error.
      stats.error("retried:" + kind);
      timers.startSingleTimer(Reconnect.INSTANCE, Duration.ofMillis(1000 + random.nextInt(2000)));
      return this;
    }
    failed = true;
    stats.connectFailed.increment();
    stats.error(kind);
    return Behaviors.stopped();
  }

  private Behavior<Command> onReconnect() {
    if (stopping) {
      return Behaviors.stopped();
    }
    if (droppedAt != 0) {
      stats.reconnectAttempts.increment();
    }
    connect();
    return this;
  }

  // --- reconnecting (--reconnect) ---

  private boolean reconnecting() {
    return shared.options().reconnect() && !stopping;
  }

  /** The game is interrupted from now (once per loss): out of the in-game count, nothing to steer. */
  private void markDropped(long now) {
    if (droppedAt == 0) {
      droppedAt = now;
      stats.drops.increment();
    }
    if (state == State.IN_GAME) {
      stats.inGameNow.decrementAndGet();
    }
    timers.cancel(Think.INSTANCE);
    timers.cancel(Steer.INSTANCE);
    timers.cancel(Chat.INSTANCE);
    timers.cancel(JoinTimeout.INSTANCE);
  }

  /** Replaces the lost connection with one to the next URL, after a short jitter (as many bots lose theirs at once). */
  private Behavior<Command> replaceConnection() {
    markDropped(System.nanoTime());
    if (connected) {
      connected = false;
      stats.connectedNow.decrementAndGet();
    }
    timers.cancel(CloseTimeout.INSTANCE);
    killSwitch.abort(new IllegalStateException("replaced"));
    connectAttempts++; // whatever the lost connection still reports is stale from here
    state = State.CONNECTING;
    view = null;
    lastSeq = -1;
    lastDeltaNanos = 0; // the gap is the interruption, reported apart from the steady inter-arrival
    pendingSince = 0;
    lastSentDirection = Double.NaN;
    loginAttempts = 0;
    urlIndex = shared.options().nextUrlIndex(urlIndex);
    timers.startSingleTimer(Reconnect.INSTANCE, Duration.ofMillis(1 + random.nextInt(250)));
    return this;
  }

  /** The next URL did not take us either: try the one after it, a moment later. */
  private Behavior<Command> reconnectFailed(String kind) {
    if (failedReconnectAttempt == connectAttempts) {
      return this; // the upgrade and the stream both report one failure
    }
    failedReconnectAttempt = connectAttempts;
    stats.reconnectsFailed.increment();
    stats.error("reconnect_failed:" + kind);
    urlIndex = shared.options().nextUrlIndex(urlIndex);
    timers.startSingleTimer(Reconnect.INSTANCE, Duration.ofMillis(500 + random.nextInt(500)));
    return this;
  }

  // --- inbound ---

  private Behavior<Command> onFrame(FrameIn in) {
    in.ackTo().tell(Ack.INSTANCE);
    Frame frame = in.frame();
    markConnected();
    stats.packetsIn.increment();
    stats.bytesIn.add(frame.bytes());
    if (inWindow(frame.nanos())) {
      bytesInWindow += frame.bytes();
    }
    if (frame.problem() != null) {
      stats.error(frame.problem());
      return this;
    }
    Packet packet = frame.packet();
    switch (packet.getMsgCase()) {
      case ID -> onId();
      case OK_RESPONSE -> onOk();
      case DENY_RESPONSE -> onDeny(packet.getDenyResponse().getReason());
      case JOINED_ROOM -> onJoined(packet, frame.nanos());
      case WORLD_DELTA -> onDelta(packet.getWorldDelta(), frame.nanos());
      case LEADERBOARD -> leaderboards++;
      case CHAT -> chatsReceived++;
      case DISCONNECT -> onServerDisconnect(packet.getDisconnect().getReason());
      default -> { } // hiscores, legacy messages: nothing a bot needs
    }
    return this;
  }

  private void onId() {
    switch (state) {
      case CONNECTING -> {
        state = State.CONNECTED;
        if (stopping) {
          close();
        } else if (shared.options().mode() == LoadTestOptions.Mode.IDLE) {
          windowStart = System.nanoTime();
        } else {
          startLogin();
        }
      }
      case LEAVING -> {
        loggedOut = true;
        timers.cancel(LeaveTimeout.INSTANCE);
        close();
      }
      default -> { }
    }
  }

  private void startLogin() {
    loginAttempts++;
    if (shared.options().accounts() == LoadTestOptions.Accounts.REGISTERED) {
      state = State.REGISTERING;
      send(Packet.newBuilder().setRegisterRequest(RegisterRequestMessage.newBuilder()
          .setUsername(name).setPassword(password).setColor(color())).build());
    } else {
      state = State.LOGGING_IN;
      send(Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
          .setNickname(name).setColor(color())).build());
    }
  }

  private void sendLogin() {
    state = State.LOGGING_IN;
    send(Packet.newBuilder().setLoginRequest(LoginRequestMessage.newBuilder()
        .setUsername(name).setPassword(password)).build());
  }

  private int color() {
    return (random.nextInt(0xFFFFFF) << 8) | 0xFF;
  }

  private void onOk() {
    switch (state) {
      case REGISTERING -> sendLogin();
      case LOGGING_IN -> {
        state = State.JOINING;
        timers.startSingleTimer(JoinTimeout.INSTANCE, JOIN_TIMEOUT);
      }
      default -> { }
    }
  }

  private void onDeny(String reason) {
    if (state == State.REGISTERING && reason.toLowerCase().contains("exists")) {
      sendLogin(); // registered by an earlier run with the same seed: just log in
      return;
    }
    stats.error("deny:" + reason);
    if ((state == State.REGISTERING || state == State.LOGGING_IN) && !stopping) {
      if (loginAttempts < MAX_LOGIN_ATTEMPTS) {
        timers.startSingleTimer(Retry.INSTANCE, Duration.ofMillis(500 + random.nextInt(1500)));
      } else {
        stats.error("login_gave_up");
        close();
      }
    }
  }

  private Behavior<Command> onRetry() {
    if (!stopping && (state == State.REGISTERING || state == State.LOGGING_IN)) {
      startLogin();
    }
    return this;
  }

  private void onJoined(Packet packet, long nanos) {
    if (state == State.IN_GAME) {
      // Our room stopped under us (its node left or died) and the server seated us in another:
      // a new world, whose deltas count from the start again.
      view = new WorldView(packet.getJoinedRoom());
      lastSeq = -1;
      return;
    }
    if (state != State.JOINING && state != State.LOGGING_IN) {
      return;
    }
    timers.cancel(JoinTimeout.INSTANCE);
    state = State.IN_GAME;
    if (!reachedGame) {
      stats.admissionMicros.recordValue(Math.max(1, Math.min((nanos - spawnedAt) / 1000, 600_000_000L)));
      stats.lastJoinNanos.accumulateAndGet(nanos, Math::max);
      stats.reachedGame.increment();
      windowStart = nanos; // "in game" from here; the measured part begins at the warm-up's end
    }
    reachedGame = true;
    stats.inGameNow.incrementAndGet();
    view = new WorldView(packet.getJoinedRoom());
    joinedAt = nanos;
    long thinkNanos = shared.options().think().toNanos();
    timers.startSingleTimer(Think.INSTANCE, Duration.ofNanos(random.nextLong(thinkNanos) + 1));
    if (shared.options().inputHz() > 0) {
      // A random phase, or every bot's input would arrive in the same millisecond.
      long period = (long) (1e9 / shared.options().inputHz());
      timers.startTimerAtFixedRate(Steer.INSTANCE, Duration.ofNanos(random.nextLong(period) + 1),
          Duration.ofNanos(period));
    }
    scheduleChat(true);
  }

  private void onDelta(WorldDeltaMessage delta, long nanos) {
    if (view == null) {
      stats.error("delta_before_joined_room");
      return;
    }
    if (droppedAt != 0) {
      stats.interruptionMicros.recordValue(Math.max(1, Math.min((nanos - droppedAt) / 1000, 600_000_000L)));
      stats.backInGame.increment();
      droppedAt = 0;
    }
    deltasTotal++;
    stats.deltas.increment();
    boolean measured = inWindow(nanos);
    if (measured) {
      deltasInWindow++;
      if (lastDeltaNanos != 0 && inWindow(lastDeltaNanos)) {
        stats.interArrivalMicros.recordValue(Math.max(1, (nanos - lastDeltaNanos) / 1000));
      }
    }
    lastDeltaNanos = nanos;
    long seq = delta.getSeq() & 0xFFFFFFFFL;
    if (lastSeq >= 0) {
      long expected = (lastSeq + 1) & 0xFFFFFFFFL;
      if (seq != expected) {
        long gap = (seq - expected) & 0xFFFFFFFFL;
        if (gap < 1_000_000) {
          lostTotal += gap;
          if (measured) {
            lostInWindow += gap;
          }
          if (!delta.getKeyframe() && nanos - lastKeyframeRequest > KEYFRAME_RETRY_NANOS) {
            lastKeyframeRequest = nanos;
            keyframeRequests++;
            send(Packet.newBuilder().setKeyframeRequest(KeyframeRequestMessage.getDefaultInstance()).build());
          }
        } else {
          stats.error("seq_went_backwards");
        }
      }
    }
    lastSeq = seq;
    view.apply(delta);
    if (pendingSince != 0 && view.selfHeadingUpdated
        && WorldView.angleBetween(view.selfHeading, pendingDirection) <= view.headingStep() + 1e-9) {
      if (stats.measuring(pendingSince)) {
        stats.inputLatencyMicros.recordValue(Math.max(1, (nanos - pendingSince) / 1000));
      }
      pendingSince = 0;
    }
  }

  private void onServerDisconnect(String reason) {
    if (state != State.LEAVING && state != State.CLOSING) {
      stats.error("server_disconnect:" + reason);
      if (reconnecting()) {
        markDropped(System.nanoTime());
      } else {
        leaveGame(System.nanoTime());
      }
      state = State.CLOSING;
      timers.startSingleTimer(CloseTimeout.INSTANCE, CLOSE_TIMEOUT);
    }
  }

  private Behavior<Command> onStreamEnded(Throwable failure) {
    if (state == State.CONNECTING && !connected) {
      return connectFailed(failure == null ? "connect_failed:closed_before_upgrade"
          : "connect_failed:" + describe(failure));
    }
    boolean expected = state == State.CLOSING || state == State.LEAVING;
    if (failure == null) {
      closeCode = "1000";
    } else if (unwrap(failure) instanceof PeerClosedConnectionException peer) {
      closeCode = Integer.toString(peer.closeCode());
    } else if (unwrap(failure) instanceof LiteWebSocket.Closed closed) {
      closeCode = Integer.toString(closed.code);
    } else {
      closeCode = "1006";
    }
    if (!expected) {
      stats.error(failure == null ? "closed_by_server" : "connection_lost:" + describe(failure));
    } else if (failure != null && !(unwrap(failure) instanceof PeerClosedConnectionException)
        && !(unwrap(failure) instanceof LiteWebSocket.Closed)) {
      stats.error("close_failed:" + describe(failure));
    }
    if (reconnecting() && (!expected || droppedAt != 0)) {
      return replaceConnection();
    }
    leaveGame(System.nanoTime());
    return Behaviors.stopped();
  }

  // --- playing ---

  private Behavior<Command> onThink() {
    if (state != State.IN_GAME) {
      return this;
    }
    long now = System.nanoTime();
    if (pendingSince != 0 && now - pendingSince > LATENCY_TIMEOUT_NANOS) {
      if (stats.measuring(pendingSince)) {
        stats.latencyTimeouts.increment();
      }
      pendingSince = 0;
    }
    double direction = view.decide(random);
    double minimumTurn = Math.max(Math.toRadians(10), view.headingStep() * 2);
    if (!Double.isNaN(direction) && pendingSince == 0
        && (Double.isNaN(lastSentDirection) || WorldView.angleBetween(direction, lastSentDirection) > minimumTurn)) {
      send(Packet.newBuilder().setPlayerDirection(PlayerDirectionMessage.newBuilder().setDirection(direction))
          .build());
      lastSentDirection = direction;
      if (Double.isNaN(view.selfHeading)
          || WorldView.angleBetween(direction, view.selfHeading) > view.headingStep() * 1.5) {
        pendingDirection = direction;
        pendingSince = now;
      }
    }
    long thinkNanos = shared.options().think().toNanos();
    timers.startSingleTimer(Think.INSTANCE, Duration.ofNanos(thinkNanos * 3 / 4 + random.nextLong(thinkNanos / 2 + 1)));
    return this;
  }

  /** Sends the course the bot last chose again, unchanged: the server must take it every time. */
  private Behavior<Command> onSteer() {
    if (state == State.IN_GAME && !Double.isNaN(lastSentDirection)) {
      send(Packet.newBuilder().setPlayerDirection(PlayerDirectionMessage.newBuilder()
          .setDirection(lastSentDirection)).build());
    }
    return this;
  }

  private void scheduleChat(boolean first) {
    long every = shared.options().chatEvery().toNanos();
    if (every <= 0) {
      return;
    }
    long delay = first ? random.nextLong(every) + 1 : every * 3 / 4 + random.nextLong(every / 2 + 1);
    timers.startSingleTimer(Chat.INSTANCE, Duration.ofNanos(delay));
  }

  private Behavior<Command> onChat() {
    if (state == State.IN_GAME) {
      chatsSent++;
      send(Packet.newBuilder().setChat(ChatMessage.newBuilder()
          .setMsg(CHAT_LINES[random.nextInt(CHAT_LINES.length)])).build());
      scheduleChat(false);
    }
    return this;
  }

  private Behavior<Command> onJoinTimeout() {
    if (state == State.JOINING) {
      stats.error("join_timeout");
      close();
    }
    return this;
  }

  // --- leaving ---

  private Behavior<Command> onStop() {
    if (stopping) {
      return this;
    }
    stopping = true;
    long now = System.nanoTime();
    switch (state) {
      case CONNECTING -> {
        // Never got through before the deadline: neither ok nor failed.
        killSwitch.shutdown();
        return Behaviors.stopped();
      }
      case IN_GAME, JOINING -> {
        leaveGame(now);
        state = State.LEAVING;
        send(Packet.newBuilder().setDisconnect(DisconnectMessage.newBuilder().setReason("load test finished"))
            .build());
        timers.startSingleTimer(LeaveTimeout.INSTANCE, LEAVE_TIMEOUT);
      }
      case LEAVING, CLOSING -> { }
      default -> {
        leaveGame(now);
        close();
      }
    }
    return this;
  }

  /** Ends the measured window and the in-game count (once). */
  private void leaveGame(long now) {
    if (windowEnd == 0) {
      windowEnd = now;
    }
    if (state == State.IN_GAME) {
      stats.inGameNow.decrementAndGet();
      state = State.LEAVING;
    }
    timers.cancel(Think.INSTANCE);
    timers.cancel(Steer.INSTANCE);
    timers.cancel(Chat.INSTANCE);
  }

  private Behavior<Command> onLeaveTimeout() {
    if (state == State.LEAVING) {
      stats.error("logout_timeout");
      close();
    }
    return this;
  }

  /** Completes the outbound side: pekko-http sends a close frame and the server closes its side. */
  private void close() {
    if (state != State.CLOSING) {
      if (state == State.IN_GAME) {
        leaveGame(System.nanoTime());
      }
      state = State.CLOSING;
      queue.complete();
      timers.startSingleTimer(CloseTimeout.INSTANCE, CLOSE_TIMEOUT);
    }
  }

  private Behavior<Command> onCloseTimeout() {
    if (reconnecting() && droppedAt != 0) {
      return replaceConnection(); // the server said goodbye but never closed: go elsewhere anyway
    }
    stats.error("close_timeout");
    closeCode = "none";
    killSwitch.abort(new IllegalStateException("close timed out"));
    return Behaviors.stopped();
  }

  private Behavior<Command> onPostStop() {
    if (!finished) {
      finished = true;
      if (state == State.IN_GAME) {
        stats.inGameNow.decrementAndGet();
      }
      if (connected) {
        stats.connectedNow.decrementAndGet();
      }
      if (windowEnd == 0) {
        windowEnd = System.nanoTime();
      }
      killSwitch.shutdown();
      long window = windowStart == 0 ? 0 : Math.max(0, windowEnd - Math.max(windowStart, stats.measureFrom()));
      BotResult.Connection connection = everConnected ? BotResult.Connection.OK
          : failed ? BotResult.Connection.FAILED : BotResult.Connection.NOT_FINISHED;
      shared.results().tell(new BotResult(index, connection, reachedGame, loggedOut, closeCode, window,
          deltasInWindow, lostInWindow, bytesInWindow, bytesOutWindow, view == null ? 0 : (int) view.tickHz,
          deltasTotal, lostTotal, keyframeRequests, leaderboards, chatsSent, chatsReceived,
          view == null ? 0 : view.timesEaten));
    }
    return this;
  }

  // --- helpers ---

  /** Inside the measured window: after the warm-up and the bot's start, before it began to leave. */
  private boolean inWindow(long nanos) {
    return windowStart != 0 && nanos - windowStart >= 0 && stats.measuring(nanos)
        && (windowEnd == 0 || nanos - windowEnd < 0);
  }

  private void send(Packet packet) {
    if (state == State.CLOSING) {
      return;
    }
    byte[] bytes = packet.toByteArray();
    QueueOfferResult result = queue.offer(ByteString.fromArrayUnsafe(bytes));
    if (result == QueueOfferResult.enqueued()) {
      stats.packetsOut.increment();
      stats.bytesOut.add(bytes.length);
      if (inWindow(System.nanoTime())) {
        bytesOutWindow += bytes.length;
      }
    } else if (result == QueueOfferResult.dropped()) {
      stats.error("send_queue_full");
    }
  }

  private Behavior<Command> ack(ActorRef<Ack> ackTo) {
    ackTo.tell(Ack.INSTANCE);
    return this;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t.getClass() == RuntimeException.class) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** A short, stable label for an exception: its class, plus the message for connection problems. */
  static String describe(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof LiteWebSocket.UpgradeRefused) {
      return "upgrade_rejected";
    }
    if (t instanceof LiteWebSocket.Closed closed) {
      return "closed_" + closed.code;
    }
    String message = t.getMessage() == null ? "" : t.getMessage();
    String lower = message.toLowerCase();
    if (lower.contains("connection refused")) {
      return "connection_refused";
    }
    if (lower.contains("timed out") || lower.contains("timeout")) {
      return "timeout";
    }
    if (lower.contains("connection reset")) {
      return "connection_reset";
    }
    if (lower.contains("too many open files")) {
      return "too_many_open_files";
    }
    if (lower.contains("cannot assign requested address")) {
      return "no_free_local_port";
    }
    return t.getClass().getSimpleName();
  }
}
