package rumble.actors.session;

import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import rumble.actors.link.ClientLink;
import rumble.actors.metrics.ClusterMeters;
import rumble.actors.room.Matchmaker;
import rumble.actors.room.Room;
import rumble.persistence.Account;
import rumble.protocol.Packet;

/**
 * The in-game part of a {@link PlayerSession}: finding a room, sitting in it, passing the client's
 * steering and chat to it, and passing the room's deltas, leaderboards and chat lines back. Which
 * room, and whether deltas are still continuous, is its {@link RoomSeat}.
 *
 * <p>Policy: chat is cleaned and rate-limited here, before it costs the room anything; a room that
 * stops under a seated player (its node left or died, see {@link Room}) is joined again, by id, so
 * the players of a match stay together in its fresh start on another node; the client is told in a
 * line from the server and needs to do nothing; a delta after a lost one is skipped until the
 * keyframe the seat asked for.
 *
 * <p>A room on this node writes deltas and takes steering through the {@link ClientLink}, past this
 * session: the link is opened only once the JoinedRoom message is in the socket's queue, so no
 * delta can overtake it, and closed as the player leaves.
 */
final class GameFlow {

  private final ActorContext<PlayerSession.Command> context;
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

  GameFlow(ActorContext<PlayerSession.Command> context, SessionServices services, SessionHost host,
      AccountFlow accounts, long clientId, ClientLink link, ActorRef<Room.Event> roomEvents) {
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
    findRoom(0);
  }

  void leaveGame() {
    closeLink();
    ActorRef<Room.Command> left = seat.vacate();
    if (left != null) {
      context.unwatch(left);
    }
  }

  /** Asks for a room; {@code returningTo} is the id of one that stopped under the player, or 0. */
  private void findRoom(int returningTo) {
    Account account = accounts.account();
    long accountPlayerId = account == null ? 0 : account.playerId();
    long savedBest = account == null ? 0 : account.bestScore();
    services.matchmaker().tell(new Matchmaker.FindRoom(new Room.Join(clientId, accounts.playerName(),
        accounts.playerColor(), accountPlayerId, savedBest, roomEvents), returningTo));
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
    } else if (event instanceof Room.Closing closing) {
      rejoin(closing.roomId(), closing.roomId() + " is moving to another server");
    }
  }

  private void onJoined(Room.Joined joined) {
    if (host.phase() != PlayerSession.Phase.IN_GAME || seat.seated()) {
      joined.room().tell(new Room.Leave(clientId)); // we left before the room answered
      return;
    }
    context.watchWith(joined.room(), new PlayerSession.RoomLost(joined.roomId()));
    host.send(Packet.MsgCase.JOINED_ROOM, joined.packet(), Outbox.Kind.CONTROL);
    seat.take(joined.room(), joined.roomId());
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
    if (seat.remote()) {
      services.metrics().cluster().crossNodeDelivery(ClusterMeters.nowMicros() - delta.sentAtMicros());
    }
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

  /** The room stopped without telling us (its node died, or it failed): join it again. */
  void onRoomLost(PlayerSession.RoomLost lost) {
    rejoin(lost.roomId(), lost.roomId() + " was lost with its server");
  }

  private void rejoin(int roomId, String what) {
    if (!seat.isIn(roomId)) {
      return; // not (or no longer) ours: a room we left, or a second word of the same loss
    }
    closeLink();
    ActorRef<Room.Command> gone = seat.forget();
    context.unwatch(gone);
    services.metrics().cluster().roomRejoined();
    host.send(Packets.serverSays("Room " + what + " - you start again in a fresh match"), Outbox.Kind.CHAT);
    findRoom(roomId);
  }

  private void onChatLine(Room.ChatLine line) {
    if (host.phase() == PlayerSession.Phase.IN_GAME) {
      host.send(Packets.chat(line.speakerId(), line.speakerName(), line.text()), Outbox.Kind.CHAT);
    }
  }
}
