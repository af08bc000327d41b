package rumble.actors.session;

import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import rumble.actors.link.ClientLink;
import rumble.actors.room.Matchmaker;
import rumble.actors.room.Room;
import rumble.persistence.Account;
import rumble.protocol.Packet;

/**
 * The in-game part of a {@link PlayerSession}: finding a room, sitting in it, passing the client's
 * steering and chat to it, and passing the room's deltas, leaderboards and chat lines back. Which
 * room, and whether deltas are still continuous, is its {@link RoomSeat}.
 *
 * <p>Policy: chat is cleaned and rate-limited here, before it costs the room anything; a delta
 * after a lost one is skipped until the keyframe the seat asked for. A room that stops under a
 * seated player is left behind without the client doing anything; it is told in a line from the
 * server:
 * <ul>
 *   <li>a room that says it is moving ({@link Room.Closing}: its node leaves) is joined again by
 *   id, so its players stay together in its fresh start on another node;</li>
 *   <li>a room that is lost (it stopped without a word, or sent nothing for
 *   {@code room-silence} from another node: that node died) is replaced: the matchmaker puts its
 *   players together in a new room on a node that is still there, without waiting for the cluster
 *   to give the dead node up.</li>
 * </ul>
 * A seat asked for and not given within {@code seat-retry} is asked for again: a join may have gone
 * to a node just lost.
 *
 * <p>A room on this node writes deltas and takes steering through the {@link ClientLink}, past this
 * session: the link is opened only once the JoinedRoom message is in the socket's queue, so no
 * delta can overtake it, and closed as the player leaves.
 */
final class GameFlow {

  /** How often a seat in a room on another node checks for the room's silence. */
  private static final Duration SILENCE_CHECK_INTERVAL = Duration.ofMillis(500);

  private final ActorContext<PlayerSession.Command> context;
  private final TimerScheduler<PlayerSession.Command> timers;
  private final SessionServices services;
  private final SessionHost host;
  private final AccountFlow accounts;
  private final long clientId;
  private final RoomSeat seat;
  private final TokenBucket chatBudget;
  private final ClientLink link;
  /** This session as rooms know it (its one Room.Event adapter). */
  private final ActorRef<Room.Event> roomEvents;
  /** A room whose JoinedRoom still waits in the session's backlog: the link opens once it is out. */
  private int openWhenFlushed = -1;
  /** The seat asked for and not given yet (sent again if overdue), or null. */
  private Matchmaker.FindRoom seatAskedFor;
  /** When the player was seated in its room (System.nanoTime): silence counts from then at the latest. */
  private long seatedAtNanos;

  GameFlow(ActorContext<PlayerSession.Command> context, TimerScheduler<PlayerSession.Command> timers,
      SessionServices services, SessionHost host, AccountFlow accounts, long clientId, ClientLink link,
      ActorRef<Room.Event> roomEvents) {
    this.timers = timers;
    this.link = link;
    this.roomEvents = roomEvents;
    this.context = context;
    this.services = services;
    this.host = host;
    this.accounts = accounts;
    this.clientId = clientId;
    this.seat = new RoomSeat(clientId, services.metrics());
    SessionSettings settings = services.settings();
    this.chatBudget = new TokenBucket(settings.chatBurst(), settings.chatPerSecond(), System.nanoTime());
  }

  // --- from the client ---

  void onChat(String raw) {
    String text = ChatText.clean(raw);
    Optional<String> problem = ChatText.problem(text, services.settings().chatMaxLength());
    if (problem.isPresent()) {
      services.metrics().rejected("chat_invalid");
      host.deny(problem.get());
    } else if (!chatBudget.tryTake(System.nanoTime())) {
      services.metrics().rejected("chat_rate_limited");
      host.deny("You are chatting too fast - wait a moment");
    } else {
      toRoom(new Room.Say(clientId, text));
    }
  }

  /** Steering and keyframe requests: straight to the room, or kept until the player is seated. */
  void toRoom(Room.Command command) {
    seat.tell(command);
  }

  // --- entering and leaving the game ---

  void enterGame() {
    findRoom(0, false);
  }

  void leaveGame() {
    closeLink();
    stopRoomTimers();
    ActorRef<Room.Command> left = seat.vacate();
    if (left != null) {
      context.unwatch(left);
    }
  }

  /**
   * Asks for a room; {@code previousRoom} is the id of one that stopped under the player (0: none),
   * {@code previousLost} whether it is gone for good (else it is moving, and the player goes back).
   */
  private void findRoom(int previousRoom, boolean previousLost) {
    Account account = accounts.account();
    long accountPlayerId = account == null ? 0 : account.playerId();
    long savedBest = account == null ? 0 : account.bestScore();
    seatAskedFor = new Matchmaker.FindRoom(new Room.Join(clientId, accounts.playerName(),
        accounts.playerColor(), accountPlayerId, savedBest, roomEvents), previousRoom, previousLost);
    askForSeat();
  }

  private void askForSeat() {
    services.matchmaker().tell(seatAskedFor);
    timers.startSingleTimer(PlayerSession.RoomTimer.SEAT_OVERDUE, services.settings().seatRetry());
  }

  void onTimer(PlayerSession.RoomTimer timer) {
    if (timer == PlayerSession.RoomTimer.SEAT_OVERDUE) {
      if (seatAskedFor != null && !seat.seated() && host.phase() == PlayerSession.Phase.IN_GAME) {
        services.metrics().cluster().seatRetried();
        askForSeat();
      }
    } else if (seat.remote()
        && System.nanoTime() - lastHeardNanos() > services.settings().roomSilence().toNanos()) {
      replaceLostRoom(seat.roomId(), "stopped answering");
    }
  }

  /** When the room last sent a delta: through this node's relay into the link (see DeltaRelay). */
  private long lastHeardNanos() {
    return Math.max(seatedAtNanos, link.lastDeliveredNanos());
  }

  private void stopRoomTimers() {
    seatAskedFor = null;
    timers.cancel(PlayerSession.RoomTimer.SEAT_OVERDUE);
    timers.cancel(PlayerSession.RoomTimer.SILENCE_CHECK);
  }

  // --- from the room ---

  /** Everything a room sends comes through here; deltas first, they are by far the most. */
  void onRoomEvent(Room.Event event) {
    if (event instanceof Room.Delta delta) {
      onDelta(delta);
    } else if (event instanceof Room.Broadcast broadcast) {
      onBroadcast(broadcast);
    } else if (event instanceof Room.ChatLine line) {
      onChatLine(line);
    } else if (event instanceof Room.Joined joined) {
      onJoined(joined);
    } else if (event instanceof Room.Closing closing && seat.isIn(closing.roomId())) {
      leaveStoppedRoom("Room " + closing.roomId() + " is moving to another server");
      findRoom(closing.roomId(), false);
    }
  }

  private void onJoined(Room.Joined joined) {
    if (seat.isIn(joined.roomId())) {
      return; // the answer to a join asked for twice (the first looked lost): already seated there
    }
    if (host.phase() != PlayerSession.Phase.IN_GAME || seat.seated()) {
      joined.room().tell(new Room.Leave(clientId)); // we left before the room answered
      return;
    }
    seatAskedFor = null;
    timers.cancel(PlayerSession.RoomTimer.SEAT_OVERDUE);
    context.watchWith(joined.room(), new PlayerSession.RoomLost(joined.roomId()));
    host.send(Packet.MsgCase.JOINED_ROOM, joined.packet(), Outbox.Kind.CONTROL);
    seat.take(joined.room(), joined.roomId());
    if (seat.remote()) {
      seatedAtNanos = System.nanoTime();
      timers.startTimerWithFixedDelay(PlayerSession.RoomTimer.SILENCE_CHECK, SILENCE_CHECK_INTERVAL);
    }
    if (host.backlogged()) {
      openWhenFlushed = joined.roomId();
    } else {
      link.open(joined.roomId());
    }
  }

  /** Everything the session queued is in the socket now, JoinedRoom included. */
  void onOutboxFlushed() {
    if (openWhenFlushed >= 0 && seat.isIn(openWhenFlushed)) {
      link.open(openWhenFlushed);
    }
    openWhenFlushed = -1;
  }

  private void closeLink() {
    link.close();
    openWhenFlushed = -1;
  }

  private void onDelta(Room.Delta delta) {
    if (seat.admits(delta.keyframe())) {
      host.send(Packet.MsgCase.WORLD_DELTA, delta.packet(), Outbox.Kind.STATE);
      if (host.takeStateDropped()) {
        seat.deltaLost();
      }
    }
  }

  private void onBroadcast(Room.Broadcast broadcast) {
    if (seat.seated()) {
      host.send(Packet.MsgCase.LEADERBOARD, broadcast.packet(), Outbox.Kind.LEADERBOARD);
    }
  }

  /** The room stopped without telling us (its node died, or it failed). */
  void onRoomLost(PlayerSession.RoomLost lost) {
    replaceLostRoom(lost.roomId(), "was lost with its server");
  }

  private void replaceLostRoom(int roomId, String what) {
    if (seat.isIn(roomId)) {
      ActorRef<Room.Command> gone = leaveStoppedRoom("Room " + roomId + " " + what);
      gone.tell(new Room.Leave(clientId)); // in case it still runs after all: no ghost player there
      findRoom(roomId, true);
    }
  }

  /** Leaves the room that stopped under the player, and tells the client; returns that room. */
  private ActorRef<Room.Command> leaveStoppedRoom(String what) {
    closeLink();
    stopRoomTimers();
    ActorRef<Room.Command> gone = seat.forget();
    context.unwatch(gone);
    services.metrics().cluster().roomRejoined();
    host.send(Packets.serverSays(what + " - you go on in a fresh match"), Outbox.Kind.CHAT);
    return gone;
  }

  private void onChatLine(Room.ChatLine line) {
    if (host.phase() == PlayerSession.Phase.IN_GAME) {
      host.send(Packets.chat(line.speakerId(), line.speakerName(), line.text()), Outbox.Kind.CHAT);
    }
  }
}
