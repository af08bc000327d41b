package rumble.actors.room;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import rumble.actors.CborSerializable;

/**
 * Places players in rooms: the fullest room that still has a seat, or a new room when all are full,
 * so players meet each other instead of spreading thin. Rooms are known by id; a session hands its
 * join to the matchmaker, which forwards it, and only then learns the room's ref from the room.
 *
 * <p>One per cluster (a cluster singleton): placement needs every room's count, and a join is one
 * small message, so a single matchmaker is far from busy (a thousand joins a second would be a
 * few milliseconds of its time). Sharding it by region would only pay off across data centres.
 *
 * <p>Seat counts include joins forwarded but not yet handled by the room, so a burst of joins never
 * overfills one. A room that stays empty for {@code emptyTimeout} is closed; since every join goes
 * through here, no join can race with that close. A player whose room stopped under it asks again
 * with that room's id:
 * <ul>
 *   <li>a room that moved (its node left) is where it goes back to, started afresh elsewhere,
 *   whatever the count says: it had a seat there;</li>
 *   <li>a room that is lost (its node died) gets one replacement, a new room, and all its players
 *   who ask go there, so they stay together. The new room is placed on a node still reachable
 *   ({@link RoomPlacement}), so this needs no wait for the dead node to be downed.</li>
 * </ul>
 *
 * <p>Its state is only a cache of what rooms report. Rooms report their population every second,
 * so a matchmaker that moved to another node (its node left) knows every room again within a
 * second, and an id it hands out is never one a running room reported.
 */
public final class Matchmaker extends AbstractBehavior<Matchmaker.Command> {

  public sealed interface Command extends CborSerializable {}

  /**
   * Find {@code join} a room. {@code previousRoom} is the room that stopped under the player (0:
   * none); {@code previousLost} says it is gone for good (its node died), else it is moving.
   */
  public record FindRoom(Room.Join join, int previousRoom, boolean previousLost) implements Command {}

  /**
   * A room's own count, sent after each join or leave it handled, and every second; {@code lastTicket}
   * is the highest {@link Room.Admit} ticket it handled.
   */
  public record RoomPopulation(int roomId, long incarnation, int players, long lastTicket) implements Command {}

  private record EmptyFor(int roomId) implements Command {}

  /** A closed room's last reports have arrived: its entry can go. */
  private record Forget(int roomId) implements Command {}

  /** Long enough for the reports a closed room sent before its Close arrived. */
  private static final Duration FORGET_CLOSED_AFTER = Duration.ofSeconds(5);
  /** Long enough for every player of a lost room to have asked for its replacement. */
  private static final Duration FORGET_LOST_AFTER = Duration.ofSeconds(60);

  /** How the matchmaker reaches a room by id: the sharded entity in a server, a spawned room in tests. */
  @FunctionalInterface
  public interface RoomDirectory {
    RecipientRef<Room.Command> room(int roomId);
  }

  private static final class Seats {
    final int roomId;
    final RecipientRef<Room.Command> room;
    long incarnation;
    /** Closed for staying empty, or lost: no joins go there, and its own late reports are ignored. */
    boolean closed;
    /** For a lost room, the room its players go on in (0: none yet). */
    int replacement;
    int players;
    /** Joins sent to this room id, numbered 1, 2, ...: the last ticket given. */
    long lastTicketSent;
    /** The highest ticket the room reported handled (by any run of it): later ones are on the way. */
    long lastTicketHandled;

    Seats(int roomId, RecipientRef<Room.Command> room) {
      this.roomId = roomId;
      this.room = room;
    }

    long taken() {
      return players + (lastTicketSent - lastTicketHandled);
    }
  }

  private final RoomSettings settings;
  private final RoomDirectory directory;
  private final TimerScheduler<Command> timers;
  private final Map<Integer, Seats> rooms = new TreeMap<>();
  private int lastRoomId;

  public static Behavior<Command> create(RoomSettings settings, RoomDirectory directory) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new Matchmaker(context, timers, settings, directory)));
  }

  private Matchmaker(ActorContext<Command> context, TimerScheduler<Command> timers, RoomSettings settings,
      RoomDirectory directory) {
    super(context);
    this.settings = settings;
    this.directory = directory;
    this.timers = timers;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FindRoom.class, this::onFindRoom)
        .onMessage(RoomPopulation.class, this::onRoomPopulation)
        .onMessage(EmptyFor.class, this::onEmptyFor)
        .onMessage(Forget.class, this::onForget)
        .build();
  }

  private Behavior<Command> onFindRoom(FindRoom find) {
    Seats seats;
    if (find.previousRoom() <= 0) {
      seats = fullestWithASeat();
    } else if (find.previousLost()) {
      seats = replacementFor(find.previousRoom());
    } else {
      seats = known(find.previousRoom());
    }
    if (seats == null) {
      seats = known(++lastRoomId);
    }
    seats.closed = false; // a returning player may restart a room closed meanwhile
    timers.cancel(new EmptyFor(seats.roomId));
    seats.room.tell(new Room.Admit(find.join(), ++seats.lastTicketSent));
    return this;
  }

  private Seats fullestWithASeat() {
    Seats chosen = null;
    for (Seats seats : rooms.values()) {
      long taken = seats.taken();
      if (!seats.closed && taken < settings.capacity() && (chosen == null || taken > chosen.taken())) {
        chosen = seats;
      }
    }
    return chosen;
  }

  /** The one room the players of a lost room go on in, opened by the first of them to ask. */
  private Seats replacementFor(int lostRoomId) {
    Seats lost = known(lostRoomId);
    if (!lost.closed) {
      lost.closed = true;
      Forget forget = new Forget(lostRoomId);
      timers.startSingleTimer(forget, forget, FORGET_LOST_AFTER);
    }
    Seats replacement = lost.replacement > 0 ? rooms.get(lost.replacement) : null;
    if (replacement == null || replacement.closed) {
      replacement = known(++lastRoomId);
      lost.replacement = replacement.roomId;
    }
    return replacement;
  }

  /** The room with this id, known from now on (sharding starts it when the join arrives). */
  private Seats known(int roomId) {
    lastRoomId = Math.max(lastRoomId, roomId);
    return rooms.computeIfAbsent(roomId, id -> new Seats(id, directory.room(id)));
  }

  private Behavior<Command> onRoomPopulation(RoomPopulation population) {
    Seats seats = known(population.roomId());
    if (seats.incarnation != population.incarnation()) {
      seats.incarnation = population.incarnation(); // the room started (again): it runs
      seats.closed = false;
    } else if (seats.closed) {
      // Sent before our Close arrived, or a room given up for lost that runs after all: an empty
      // one is closed (again; closing twice is harmless).
      if (population.players() == 0) {
        seats.room.tell(Room.Close.INSTANCE);
      }
      return this;
    }
    seats.players = population.players();
    // Joins reach a room in the order they were sent: all up to its last ticket are in or lost.
    seats.lastTicketHandled = Math.max(seats.lastTicketHandled, population.lastTicket());
    seats.lastTicketSent = Math.max(seats.lastTicketSent, seats.lastTicketHandled);
    EmptyFor emptyTimer = new EmptyFor(population.roomId());
    if (seats.taken() == 0) {
      if (!timers.isTimerActive(emptyTimer)) {
        timers.startSingleTimer(emptyTimer, emptyTimer, settings.emptyTimeout());
      }
    } else {
      timers.cancel(emptyTimer);
    }
    return this;
  }

  private Behavior<Command> onEmptyFor(EmptyFor empty) {
    Seats seats = rooms.get(empty.roomId());
    if (seats != null && !seats.closed && seats.taken() == 0) {
      seats.closed = true;
      seats.room.tell(Room.Close.INSTANCE);
      Forget forget = new Forget(empty.roomId());
      timers.startSingleTimer(forget, forget, FORGET_CLOSED_AFTER);
    }
    return this;
  }

  private Behavior<Command> onForget(Forget forget) {
    Seats seats = rooms.get(forget.roomId());
    if (seats != null && seats.closed) {
      rooms.remove(forget.roomId());
    }
    return this;
  }
}
