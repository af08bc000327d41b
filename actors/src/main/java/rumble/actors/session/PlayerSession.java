package rumble.actors.session;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.util.ByteString;
import rumble.actors.CborSerializable;
import rumble.actors.account.AccountService;
import rumble.actors.account.LoginBackoff;
import rumble.actors.account.SessionRegistry;
import rumble.actors.room.Matchmaker;
import rumble.actors.room.Room;
import rumble.persistence.Account;
import rumble.persistence.AccountRules;
import rumble.persistence.HiscoreEntry;
import rumble.protocol.Packet;

/**
 * One connected client. A state machine like the original's: {@link Phase#CONNECTED} (log in,
 * register, browse hiscores) → {@link Phase#IN_GAME} after login, or
 * {@link Phase#BROWSING_HISCORES}; every entry into CONNECTED sends the client its Id again.
 *
 * <p>Inbound frames arrive one at a time through a back-pressured sink: each is acknowledged only
 * after it was handled, so a flooding client slows its own socket, nobody else's. Outbound goes
 * through an {@link Outbox} whose policy decides what a slow reader loses. Anything the client sends
 * that does not fit gets a {@code DenyResponseMessage} and a metrics count; the session lives on.
 */
public final class PlayerSession extends AbstractBehavior<PlayerSession.Command> {

  public sealed interface Command {}

  /** Where the client is in the account flow. */
  public enum Phase {
    CONNECTED, IN_GAME, BROWSING_HISCORES;

    String label() {
      return name().toLowerCase();
    }
  }

  // --- from the socket stream (local only: a stream never leaves its node) ---

  public enum StreamAck implements NoSerializationVerificationNeeded { INSTANCE }

  public record StreamStarted(ActorRef<StreamAck> ackTo)
      implements Command, NoSerializationVerificationNeeded {}

  public record FrameReceived(ActorRef<StreamAck> ackTo, Inbound frame)
      implements Command, NoSerializationVerificationNeeded {}

  public enum StreamCompleted implements Command, NoSerializationVerificationNeeded { INSTANCE }

  public record StreamFailed(Throwable cause) implements Command, NoSerializationVerificationNeeded {}

  // --- from other actors ---

  /** The room took the player; {@code packet} is the JoinedRoomMessage for the client. */
  public record RoomJoined(int roomId, ActorRef<Room.Command> room, byte[] packet)
      implements Command, CborSerializable {}

  /** This tick's world delta for the client, already encoded by the room. */
  public record RoomDelta(byte[] packet, boolean keyframe) implements Command, CborSerializable {}

  /** A packet the room sends to everyone in it (the leaderboard). */
  public record RoomBroadcast(byte[] packet) implements Command, CborSerializable {}

  /** A chat line from another player in the same place. */
  public record ChatRelayed(long speakerId, String speakerName, String text)
      implements Command, CborSerializable {}

  /** Closes this session, telling the client why. */
  public record Kick(String reason) implements Command, CborSerializable {}

  // --- internal ---

  private record LoginFinished(String username, AccountService.LoginResult result, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  /** A login whose password is checked once its back-off delay has passed. */
  private record VerifyLogin(String username, String password)
      implements Command, NoSerializationVerificationNeeded {
    @Override
    public String toString() {
      return "VerifyLogin[" + username + "]"; // never the password, should it reach a log
    }
  }

  private record Claimed(Account account) implements Command, NoSerializationVerificationNeeded {}

  private record RegisterFinished(AccountService.RegisterResult result, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private record HiscoresLoaded(Optional<List<HiscoreEntry>> rows, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private record GuestNameChecked(String nickname, int color, Boolean taken, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  private record RoomLost(int roomId) implements Command, NoSerializationVerificationNeeded {}

  private enum DrainOutbox implements Command, NoSerializationVerificationNeeded { INSTANCE }

  private enum CheckIdle implements Command, NoSerializationVerificationNeeded { INSTANCE }

  private enum GiveUpClosing implements Command, NoSerializationVerificationNeeded { INSTANCE }

  static final String WRONG_LOGIN = "Incorrect username or password";
  static final String REGISTER_FAILED = "Failed to register user (internal server error) - please try again later";
  static final String HISCORES_FAILED = "Failed to get top scores - please try again later";
  static final String SERVER_BUSY = "Server busy, try again in a moment";
  static final String NO_SUCH_PLAYER = "No player found with that name";
  static final String GUEST_NAME_TAKEN = "That nickname belongs to a registered player - log in or pick another";

  /**
   * Requests answered asynchronously, or that must not overtake one: one at a time per session, which
   * also bounds the password hashing a single client can cause.
   */
  private static final Set<Packet.MsgCase> ONE_AT_A_TIME = EnumSet.of(Packet.MsgCase.LOGIN_REQUEST,
      Packet.MsgCase.REGISTER_REQUEST, Packet.MsgCase.GUEST_LOGIN_REQUEST, Packet.MsgCase.HISCORE_BOARD_REQUEST,
      Packet.MsgCase.SEARCH_HISCORE);

  private final long clientId;
  private final String remoteAddress;
  private final SessionServices services;
  private final SessionSettings settings;
  private final TimerScheduler<Command> timers;
  private final Outbox outbox;
  private final TokenBucket frameBudget;
  private final TokenBucket chatBudget;
  private Phase phase;
  private boolean busy;
  private boolean closing;
  private Account account;
  private String playerName;
  private int playerColor;
  private final RoomSeat seat;
  private long lastInboundNanos = System.nanoTime();
  private long lastFloodDenyNanos;

  public static Behavior<Command> create(long clientId, String remoteAddress,
      BoundedSourceQueue<ByteString> socket, SessionServices services) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new PlayerSession(context, timers, clientId, remoteAddress, socket, services)));
  }

  private PlayerSession(ActorContext<Command> context, TimerScheduler<Command> timers, long clientId,
      String remoteAddress, BoundedSourceQueue<ByteString> socket, SessionServices services) {
    super(context);
    this.clientId = clientId;
    this.remoteAddress = remoteAddress;
    this.services = services;
    this.settings = services.settings();
    this.timers = timers;
    this.outbox = new Outbox(socket, services.metrics(), settings.waitingChatLimit(),
        settings.waitingControlLimit());
    long now = System.nanoTime();
    this.frameBudget = new TokenBucket(settings.frameBurst(), settings.framesPerSecond(), now);
    this.chatBudget = new TokenBucket(settings.chatBurst(), settings.chatPerSecond(), now);
    this.seat = new RoomSeat(clientId, services.metrics());
    services.metrics().connectionOpened();
    Duration idleCheck = settings.idleTimeout().dividedBy(4);
    timers.startTimerWithFixedDelay(CheckIdle.INSTANCE, idleCheck);
    enter(Phase.CONNECTED);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StreamStarted.class, started -> ack(started.ackTo()))
        .onMessage(FrameReceived.class, this::onFrameReceived)
        .onMessage(StreamCompleted.class, done -> Behaviors.stopped())
        .onMessage(StreamFailed.class, this::onStreamFailed)
        .onMessage(ChatRelayed.class, this::onChatRelayed)
        .onMessage(RoomJoined.class, this::onRoomJoined)
        .onMessage(RoomDelta.class, this::onRoomDelta)
        .onMessage(RoomBroadcast.class, this::onRoomBroadcast)
        .onMessage(RoomLost.class, this::onRoomLost)
        .onMessage(Kick.class, kick -> close(kick.reason()))
        .onMessage(VerifyLogin.class, this::onVerifyLogin)
        .onMessage(LoginFinished.class, this::onLoginFinished)
        .onMessage(Claimed.class, this::onClaimed)
        .onMessage(RegisterFinished.class, this::onRegisterFinished)
        .onMessage(GuestNameChecked.class, this::onGuestNameChecked)
        .onMessage(HiscoresLoaded.class, this::onHiscoresLoaded)
        .onMessage(DrainOutbox.class, drain -> drainOutbox())
        .onMessage(CheckIdle.class, check -> onCheckIdle())
        .onMessage(GiveUpClosing.class, giveUp -> Behaviors.stopped())
        .onSignal(PostStop.class, stop -> onPostStop())
        .build();
  }

  // --- inbound ---

  private Behavior<Command> onFrameReceived(FrameReceived received) {
    lastInboundNanos = System.nanoTime();
    if (!closing) {
      handleFrame(received.frame());
    }
    return ack(received.ackTo());
  }

  private void handleFrame(Inbound frame) {
    if (frame instanceof Inbound.Unreadable unreadable) {
      services.metrics().unparsedBytesIn(unreadable.bytes());
      // Unreadable frames spend the budget too, or a flood of them would get one denial each.
      if (!frameBudget.tryTake(lastInboundNanos)) {
        onFlood();
        return;
      }
      services.metrics().rejected(unreadable.label());
      deny(unreadable.reason());
      return;
    }
    Inbound.Parsed parsed = (Inbound.Parsed) frame;
    Packet packet = parsed.packet();
    services.metrics().packetIn(packet.getMsgCase(), parsed.bytes());
    if (!frameBudget.tryTake(lastInboundNanos)) {
      onFlood();
      return;
    }
    PacketRules.check(packet, phase, services.metrics()).ifPresentOrElse(this::deny, () -> dispatch(packet));
  }

  /** Too many frames: drop them, and say so at most once a second so the denials can't flood back. */
  private void onFlood() {
    services.metrics().rejected("rate_limited");
    if (lastInboundNanos - lastFloodDenyNanos > 1_000_000_000L) {
      lastFloodDenyNanos = lastInboundNanos;
      deny("Too many messages: slow down");
    }
  }

  private void dispatch(Packet packet) {
    if (busy && ONE_AT_A_TIME.contains(packet.getMsgCase())) {
      services.metrics().rejected("busy");
      deny("Still working on your previous request - try again in a moment");
      return;
    }
    switch (packet.getMsgCase()) {
      case LOGIN_REQUEST -> onLoginRequest(packet);
      case GUEST_LOGIN_REQUEST -> onGuestLogin(packet);
      case PLAYER_DIRECTION -> toRoom(new Room.Steer(clientId, packet.getPlayerDirection().getDirection()));
      case PLAYER_TARGET -> toRoom(new Room.SteerTo(clientId, packet.getPlayerTarget().getX(),
          packet.getPlayerTarget().getY()));
      case KEYFRAME_REQUEST -> toRoom(new Room.RequestKeyframe(clientId));
      case REGISTER_REQUEST -> onRegisterRequest(packet);
      case HISCORE_BOARD_REQUEST -> onHiscoreBoardRequest();
      case SEARCH_HISCORE -> onSearchHiscore(packet.getSearchHiscore().getName());
      case FINISHED_BROWSING_HISCORES -> enter(Phase.CONNECTED);
      case CHAT -> onChat(packet.getChat().getMsg());
      case DISCONNECT -> onLogout();
      default -> { } // client claims (eating, player states): the server decides those itself
    }
  }

  // --- accounts ---

  /**
   * Earlier failures make the attempt wait before its password is checked (growing delays, never a
   * lockout); only an address that has spent its failures on other accounts is refused for seconds.
   */
  private void onLoginRequest(Packet packet) {
    String username = packet.getLoginRequest().getUsername();
    String password = packet.getLoginRequest().getPassword();
    LoginBackoff.Decision decision = services.limits().logins().beforeAttempt(username, remoteAddress);
    if (decision instanceof LoginBackoff.Refuse refuse) {
      services.metrics().rejected("login_throttled");
      deny("Too many failed login attempts - try again in " + seconds(refuse.retryAfter()) + " s");
      return;
    }
    busy = true;
    Duration delay = ((LoginBackoff.Proceed) decision).delay();
    if (delay.isZero()) {
      onVerifyLogin(new VerifyLogin(username, password));
    } else {
      services.metrics().loginDelayed();
      timers.startSingleTimer(new VerifyLogin(username, password), delay);
    }
  }

  private Behavior<Command> onVerifyLogin(VerifyLogin verify) {
    if (closing) {
      return this;
    }
    getContext().pipeToSelf(services.accounts().login(verify.username(), verify.password()),
        (result, failure) -> new LoginFinished(verify.username(), result, failure));
    return this;
  }

  private Behavior<Command> onLoginFinished(LoginFinished finished) {
    if (finished.failure() != null) {
      busy = false;
      getContext().getLog().error("Login failed internally", finished.failure());
      deny(WRONG_LOGIN);
    } else if (finished.result() instanceof AccountService.LoggedIn loggedIn) {
      services.limits().logins().recordSuccess(finished.username(), remoteAddress);
      getContext().ask(SessionRegistry.Claimed.class, services.registry(), Duration.ofSeconds(5),
          replyTo -> new SessionRegistry.Claim(loggedIn.account().userId(), getContext().getSelf(), replyTo),
          (claimed, failure) -> new Claimed(loggedIn.account()));
    } else if (finished.result() == AccountService.ServerBusy.INSTANCE) {
      busy = false;
      deny(SERVER_BUSY);
    } else {
      busy = false;
      services.limits().logins().recordFailure(finished.username(), remoteAddress);
      services.metrics().rejected("login_failed");
      deny(WRONG_LOGIN);
    }
    return this;
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private Behavior<Command> onClaimed(Claimed claimed) {
    busy = false;
    if (closing || phase != Phase.CONNECTED) {
      return this;
    }
    account = claimed.account();
    playerName = account.name();
    playerColor = account.color();
    // Ask for a seat before answering, so the room's JoinedRoom can only follow the Ok.
    enter(Phase.IN_GAME);
    send(Packets.ok(clientId), Outbox.Kind.CONTROL);
    return this;
  }

  /**
   * Plays without an account: same name rules as registration, nothing is saved, and a registered
   * player's name is refused so nobody can chat or top the leaderboard as someone else.
   */
  private void onGuestLogin(Packet packet) {
    String nickname = packet.getGuestLoginRequest().getNickname();
    Optional<String> problem = AccountRules.usernameProblem(nickname);
    if (problem.isPresent()) {
      services.metrics().rejected("guest_invalid");
      deny(problem.get().replace("username", "nickname"));
      return;
    }
    busy = true;
    int color = packet.getGuestLoginRequest().getColor();
    getContext().pipeToSelf(services.accounts().isRegistered(nickname),
        (taken, failure) -> new GuestNameChecked(nickname, color, taken, failure));
  }

  private Behavior<Command> onGuestNameChecked(GuestNameChecked checked) {
    busy = false;
    if (closing || phase != Phase.CONNECTED) {
      return this;
    }
    if (checked.failure() != null || checked.taken()) {
      services.metrics().rejected("guest_name_taken");
      deny(checked.failure() != null ? REGISTER_FAILED.replace("register user", "check the nickname")
          : GUEST_NAME_TAKEN);
      return this;
    }
    account = null;
    playerName = checked.nickname();
    playerColor = checked.color();
    enter(Phase.IN_GAME);
    send(Packets.ok(clientId), Outbox.Kind.CONTROL);
    return this;
  }

  private void onRegisterRequest(Packet packet) {
    var request = packet.getRegisterRequest();
    Optional<String> problem = AccountRules.usernameProblem(request.getUsername())
        .or(() -> AccountRules.passwordProblem(request.getUsername(), request.getPassword()));
    if (problem.isPresent()) {
      services.metrics().rejected("register_invalid");
      deny(problem.get());
      return;
    }
    Duration wait = services.limits().registrations().tryRegister(remoteAddress);
    if (!wait.isZero()) {
      services.metrics().rejected("register_throttled");
      deny("Too many registrations from your address - try again in " + seconds(wait) + " s");
      return;
    }
    busy = true;
    getContext().pipeToSelf(
        services.accounts().register(request.getUsername(), request.getPassword(), request.getColor()),
        RegisterFinished::new);
  }

  private Behavior<Command> onRegisterFinished(RegisterFinished finished) {
    busy = false;
    if (finished.failure() != null) {
      getContext().getLog().error("Registration failed internally", finished.failure());
      deny(REGISTER_FAILED);
    } else if (finished.result() instanceof AccountService.Registered) {
      send(Packets.ok(clientId), Outbox.Kind.CONTROL);
    } else if (finished.result() == AccountService.ServerBusy.INSTANCE) {
      deny(SERVER_BUSY);
    } else {
      services.metrics().rejected("register_taken");
      deny("User already exists");
    }
    return this;
  }

  // --- hiscores ---

  private void onHiscoreBoardRequest() {
    enter(Phase.BROWSING_HISCORES);
    busy = true;
    getContext().pipeToSelf(services.accounts().topHiscores(settings.hiscoreRows()),
        (rows, failure) -> new HiscoresLoaded(Optional.ofNullable(rows), failure));
  }

  private void onSearchHiscore(String name) {
    busy = true;
    getContext().pipeToSelf(services.accounts().searchHiscores(name, settings.hiscoreRows()),
        (rows, failure) -> new HiscoresLoaded(rows == null ? Optional.empty() : rows, failure));
  }

  private Behavior<Command> onHiscoresLoaded(HiscoresLoaded loaded) {
    busy = false;
    if (phase != Phase.BROWSING_HISCORES) {
      return this; // the client left the board before the answer came
    }
    if (loaded.failure() != null) {
      getContext().getLog().error("Hiscore query failed", loaded.failure());
      deny(HISCORES_FAILED);
    } else if (loaded.rows().isEmpty()) {
      deny(NO_SUCH_PLAYER);
    } else {
      send(Packets.hiscores(clientId, loaded.rows().get()), Outbox.Kind.CONTROL);
    }
    return this;
  }

  // --- chat and logout ---

  private void onChat(String raw) {
    String text = ChatText.clean(raw);
    Optional<String> problem = ChatText.problem(text, settings.chatMaxLength());
    if (problem.isPresent()) {
      services.metrics().rejected("chat_invalid");
      deny(problem.get());
    } else if (!chatBudget.tryTake(System.nanoTime())) {
      services.metrics().rejected("chat_rate_limited");
      deny("You are chatting too fast - wait a moment");
    } else {
      toRoom(new Room.Say(clientId, text));
    }
  }

  private void toRoom(Room.Command command) {
    seat.tell(command);
  }

  // --- the room ---

  private Behavior<Command> onRoomJoined(RoomJoined joined) {
    if (phase != Phase.IN_GAME || seat.seated()) {
      joined.room().tell(new Room.Leave(clientId)); // we left before the room answered
      return this;
    }
    getContext().watchWith(joined.room(), new RoomLost(joined.roomId()));
    send(Packet.MsgCase.JOINED_ROOM, joined.packet(), Outbox.Kind.CONTROL);
    seat.take(joined.room(), joined.roomId());
    return this;
  }

  private Behavior<Command> onRoomDelta(RoomDelta delta) {
    if (seat.admits(delta.keyframe())) {
      send(Packet.MsgCase.WORLD_DELTA, delta.packet(), Outbox.Kind.STATE);
      if (outbox.takeStateDropped()) {
        seat.deltaLost();
      }
    }
    return this;
  }

  private Behavior<Command> onRoomBroadcast(RoomBroadcast broadcast) {
    if (seat.seated()) {
      send(Packet.MsgCase.LEADERBOARD, broadcast.packet(), Outbox.Kind.LEADERBOARD);
    }
    return this;
  }

  /** The room stopped under us (it should not while we are in it): find another one. */
  private Behavior<Command> onRoomLost(RoomLost lost) {
    if (seat.isIn(lost.roomId())) {
      seat.forget();
      findRoom();
    }
    return this;
  }

  private void findRoom() {
    long accountPlayerId = account == null ? 0 : account.playerId();
    long savedBest = account == null ? 0 : account.bestScore();
    services.matchmaker().tell(new Matchmaker.FindRoom(new Room.Join(clientId, playerName, playerColor,
        accountPlayerId, savedBest, getContext().getSelf())));
  }

  private Behavior<Command> onChatRelayed(ChatRelayed line) {
    if (phase == Phase.IN_GAME) {
      send(Packets.chat(line.speakerId(), line.speakerName(), line.text()), Outbox.Kind.CHAT);
    }
    return this;
  }

  private void onLogout() {
    if (account != null) {
      services.registry().tell(new SessionRegistry.Release(account.userId(), getContext().getSelf()));
    }
    enter(Phase.CONNECTED);
    account = null;
  }

  // --- phases ---

  private void enter(Phase next) {
    if (phase != null) {
      exit(phase);
    }
    phase = next;
    services.metrics().sessionEntered(next.label());
    switch (next) {
      case CONNECTED -> send(Packets.id(clientId), Outbox.Kind.CONTROL);
      case IN_GAME -> findRoom();
      case BROWSING_HISCORES -> { }
    }
  }

  private void exit(Phase current) {
    services.metrics().sessionLeft(current.label());
    if (current == Phase.IN_GAME) {
      ActorRef<Room.Command> left = seat.vacate();
      if (left != null) {
        getContext().unwatch(left);
      }
    }
  }

  // --- outbound and closing ---

  private void deny(String reason) {
    send(Packets.deny(clientId, reason), Outbox.Kind.CONTROL);
  }

  private void send(Packet packet, Outbox.Kind kind) {
    send(packet.getMsgCase(), packet.toByteArray(), kind);
  }

  private void send(Packet.MsgCase type, byte[] packet, Outbox.Kind kind) {
    if (!outbox.send(type, packet, kind)) {
      services.metrics().rejected("client_too_slow");
      closeNow();
      return;
    }
    if (outbox.hasBacklog() && !timers.isTimerActive(DrainOutbox.INSTANCE)) {
      timers.startTimerWithFixedDelay(DrainOutbox.INSTANCE, Duration.ofMillis(20));
    }
  }

  private Behavior<Command> drainOutbox() {
    if (outbox.flush()) {
      timers.cancel(DrainOutbox.INSTANCE);
    }
    return this;
  }

  /** Tells the client why (ahead of anything still queued for it), then ends the stream. */
  private Behavior<Command> close(String reason) {
    if (!closing) {
      outbox.completeWith(Packets.disconnect(clientId, reason));
      closeNow();
    }
    return this;
  }

  private void closeNow() {
    closing = true;
    outbox.complete();
    // The socket normally reports completion at once; this only guards against a peer that stalls.
    timers.startSingleTimer(GiveUpClosing.INSTANCE, Duration.ofSeconds(10));
  }

  private Behavior<Command> onCheckIdle() {
    if (System.nanoTime() - lastInboundNanos > settings.idleTimeout().toNanos()) {
      services.metrics().rejected("idle_timeout");
      return close("Idle for too long");
    }
    return this;
  }

  private Behavior<Command> onStreamFailed(StreamFailed failed) {
    getContext().getLog().debug("Socket of client {} failed: {}", clientId, failed.cause().toString());
    return Behaviors.stopped();
  }

  private Behavior<Command> ack(ActorRef<StreamAck> ackTo) {
    ackTo.tell(StreamAck.INSTANCE);
    return this;
  }

  /** Counts the connection closed whatever else fails here, so the open-connections gauge returns to 0. */
  private Behavior<Command> onPostStop() {
    try {
      exit(phase);
      outbox.complete();
    } finally {
      services.metrics().connectionClosed();
    }
    return this;
  }
}
