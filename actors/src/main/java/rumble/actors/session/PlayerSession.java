package rumble.actors.session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import rumble.actors.CborSerializable;
import rumble.actors.account.AccountService;
import rumble.actors.link.ClientLink;
import rumble.actors.room.Room;
import rumble.persistence.Account;
import rumble.persistence.HiscoreEntry;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * One connected client. A state machine like the original's: {@link Phase#CONNECTED} (log in,
 * register, browse hiscores) → {@link Phase#IN_GAME} after login, or
 * {@link Phase#BROWSING_HISCORES}; every entry into CONNECTED sends the client its Id again.
 *
 * <p>Inbound frames arrive as messages from the socket, which meters them first: a flooding client
 * loses its own frames and then its connection, and costs nobody else anything. Outbound goes
 * through an {@link Outbox} whose policy decides what a slow reader loses. Anything the client sends
 * that does not fit gets a {@code DenyResponseMessage} and a metrics count; the session lives on.
 * Which packet fits where is {@link ClientPackets}, one row per message type; the account flow (login,
 * guest, register, hiscores) is its {@link AccountFlow}, whose results come back as messages here.
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

  // --- from the socket (local only: a socket never leaves its node) ---

  /**
   * A message the client sent, already metered by the socket's frame gate. Not acknowledged: the
   * gate bounds how many a client can send, so there is nothing for a handshake per frame to protect.
   */
  public record FrameReceived(Inbound frame) implements Command, NoSerializationVerificationNeeded {}

  /** The socket closed, whoever closed it. */
  public enum StreamCompleted implements Command, NoSerializationVerificationNeeded { INSTANCE }

  // --- from other actors ---

  /** Closes this session, telling the client why. */
  public record Kick(String reason) implements Command, CborSerializable {}

  // --- internal (the account flow's results are built by AccountFlow, hence package-private) ---

  record LoginFinished(String username, AccountService.LoginResult result, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  /** A login whose password is checked once its back-off delay has passed. */
  record VerifyLogin(String username, String password)
      implements Command, NoSerializationVerificationNeeded {
    @Override
    public String toString() {
      return "VerifyLogin[" + username + "]"; // never the password, should it reach a log
    }
  }

  record Claimed(Account account) implements Command, NoSerializationVerificationNeeded {}

  record RegisterFinished(AccountService.RegisterResult result, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  record HiscoresLoaded(Optional<List<HiscoreEntry>> rows, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  record GuestNameChecked(String nickname, int color, Boolean taken, Throwable failure)
      implements Command, NoSerializationVerificationNeeded {}

  record RoomLost(int roomId) implements Command, NoSerializationVerificationNeeded {}

  /** The game flow's timers: a seat that is overdue, and whether a room on another node still sends. */
  enum RoomTimer implements Command, NoSerializationVerificationNeeded { SEAT_OVERDUE, SILENCE_CHECK }

  /** What a room sent to the player, through the one adapter made at setup (see {@link GameFlow}). */
  private record WrappedRoomEvent(Room.Event event) implements Command, NoSerializationVerificationNeeded {}

  private enum DrainOutbox implements Command, NoSerializationVerificationNeeded { INSTANCE }

  private enum GiveUpClosing implements Command, NoSerializationVerificationNeeded { INSTANCE }

  final long clientId;
  private final String remoteAddress;
  private final SessionServices services;
  private final SessionSettings settings;
  private final TimerScheduler<Command> timers;
  private final ClientLink link;
  /** How rooms know this player: the ref in every Join, and the key of its link in ClientLinks. */
  private final ActorRef<Room.Event> roomEvents;
  private final Outbox outbox;
  final AccountFlow accounts;
  final GameFlow game;
  private Phase phase;
  private boolean closing;

  public static Behavior<Command> create(long clientId, String remoteAddress, ClientLink link,
      SessionServices services) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new PlayerSession(context, timers, clientId, remoteAddress, link, services)));
  }

  private PlayerSession(ActorContext<Command> context, TimerScheduler<Command> timers, long clientId,
      String remoteAddress, ClientLink link, SessionServices services) {
    super(context);
    this.clientId = clientId;
    this.remoteAddress = remoteAddress;
    this.services = services;
    this.settings = services.settings();
    this.timers = timers;
    this.link = link;
    this.outbox = new Outbox(link.socket(), services.metrics(), settings.waitingChatLimit(),
        settings.waitingControlLimit());
    this.roomEvents = context.messageAdapter(Room.Event.class, WrappedRoomEvent::new);
    Host host = new Host();
    this.accounts = new AccountFlow(context, timers, services, clientId, remoteAddress, host);
    this.game = new GameFlow(context, timers, services, host, accounts, clientId, link, roomEvents);
    services.metrics().connectionOpened();
    enter(Phase.CONNECTED);
    // A room on this node finds the socket by the ref the join carries: the adapter, not the session.
    services.links().add(roomEvents, clientId, link);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FrameReceived.class, this::onFrameReceived)
        .onMessage(StreamCompleted.class, done -> Behaviors.stopped())
        .onMessage(WrappedRoomEvent.class, wrapped -> then(() -> game.onRoomEvent(wrapped.event())))
        .onMessage(RoomLost.class, lost -> then(() -> game.onRoomLost(lost)))
        .onMessage(RoomTimer.class, timer -> then(() -> game.onTimer(timer)))
        .onMessage(Kick.class, kick -> close(kick.reason()))
        .onMessage(VerifyLogin.class, verify -> then(() -> accounts.onVerifyLogin(verify)))
        .onMessage(LoginFinished.class, finished -> then(() -> accounts.onLoginFinished(finished)))
        .onMessage(Claimed.class, claimed -> then(() -> accounts.onClaimed(claimed)))
        .onMessage(RegisterFinished.class, finished -> then(() -> accounts.onRegisterFinished(finished)))
        .onMessage(GuestNameChecked.class, checked -> then(() -> accounts.onGuestNameChecked(checked)))
        .onMessage(HiscoresLoaded.class, loaded -> then(() -> accounts.onHiscoresLoaded(loaded)))
        .onMessage(DrainOutbox.class, drain -> drainOutbox())
        .onMessage(GiveUpClosing.class, giveUp -> Behaviors.stopped())
        .onSignal(PostStop.class, stop -> onPostStop())
        .build();
  }

  // --- inbound ---

  private Behavior<Command> onFrameReceived(FrameReceived received) {
    if (!closing) {
      handleFrame(received.frame());
    }
    return this;
  }

  /** Frames reach here already metered by the socket's frame gate, which also sends the flood notices. */
  private void handleFrame(Inbound frame) {
    if (frame instanceof Inbound.Unreadable unreadable) {
      services.metrics().unparsedBytesIn(unreadable.bytes());
      services.metrics().rejected(unreadable.label());
      deny(unreadable.reason());
      return;
    }
    Inbound.Parsed parsed = (Inbound.Parsed) frame;
    Packet packet = parsed.packet();
    services.metrics().packetIn(packet.getMsgCase(), parsed.bytes());
    ClientPackets.TABLE.dispatch(this, packet, phase, accounts.busy(), services.metrics()).ifPresent(this::deny);
  }

  // --- logout and phases ---

  void onLogout() {
    accounts.onLogout();
    enter(Phase.CONNECTED);
  }

  private void enter(Phase next) {
    if (phase != null) {
      exit(phase);
    }
    phase = next;
    services.metrics().sessionEntered(next.label());
    switch (next) {
      case CONNECTED -> send(Packets.id(clientId), Outbox.Kind.CONTROL);
      case IN_GAME -> game.enterGame();
      case BROWSING_HISCORES -> { }
    }
  }

  private void exit(Phase current) {
    services.metrics().sessionLeft(current.label());
    if (current == Phase.IN_GAME) {
      game.leaveGame();
    }
  }

  // --- outbound and closing ---

  private void deny(String reason) {
    send(Packets.deny(clientId, reason), Outbox.Kind.CONTROL);
  }

  private void send(Packet packet, Outbox.Kind kind) {
    send(packet.getMsgCase(), packet.toByteArray(), kind);
  }

  private void send(MsgCase type, byte[] packet, Outbox.Kind kind) {
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
      game.onOutboxFlushed();
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

  /** For handlers that live in a helper and never change the behavior. */
  private Behavior<Command> then(Runnable handler) {
    handler.run();
    return this;
  }

  /** The session as its {@link AccountFlow} and {@link GameFlow} see it. */
  private final class Host implements SessionHost {
    @Override
    public Phase phase() {
      return phase;
    }

    @Override
    public boolean closing() {
      return closing;
    }

    @Override
    public void enter(Phase next) {
      PlayerSession.this.enter(next);
    }

    @Override
    public void deny(String reason) {
      PlayerSession.this.deny(reason);
    }

    @Override
    public void send(Packet packet, Outbox.Kind kind) {
      PlayerSession.this.send(packet, kind);
    }

    @Override
    public void send(MsgCase type, byte[] packet, Outbox.Kind kind) {
      PlayerSession.this.send(type, packet, kind);
    }

    @Override
    public boolean takeStateDropped() {
      return outbox.takeStateDropped();
    }

    @Override
    public boolean backlogged() {
      return outbox.hasBacklog();
    }
  }

  /** Counts the connection closed whatever else fails here, so the open-connections gauge returns to 0. */
  private Behavior<Command> onPostStop() {
    try {
      exit(phase);
      outbox.complete();
    } finally {
      services.links().remove(roomEvents, clientId);
      services.metrics().connectionClosed();
    }
    return this;
  }
}
