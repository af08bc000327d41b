package rumble.actors.room;

import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
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
 * <p>Seat counts include joins forwarded but not yet handled by the room, so a burst of joins never
 * overfills one. A room that stays empty for {@code emptyTimeout} is stopped; since every join goes
 * through here, no join can race with that stop.
 */
public final class Matchmaker extends AbstractBehavior<Matchmaker.Command> {

  public sealed interface Command extends CborSerializable {}

  public record FindRoom(Room.Join join) implements Command {}

  /** A room's own count, sent after each join or leave it handled. */
  public record RoomPopulation(int roomId, int players, long joinsHandled) implements Command {}

  private record EmptyFor(int roomId) implements Command {}

  private static final class Seats {
    final ActorRef<Room.Command> room;
    int players;
    long joinsSent;
    long joinsHandled;

    Seats(ActorRef<Room.Command> room) {
      this.room = room;
    }

    long taken() {
      return players + (joinsSent - joinsHandled);
    }
  }

  private final RoomServices services;
  private final TimerScheduler<Command> timers;
  private final Map<Integer, Seats> rooms = new TreeMap<>();
  private int lastRoomId;

  public static Behavior<Command> create(RoomServices services) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new Matchmaker(context, timers, services)));
  }

  private Matchmaker(ActorContext<Command> context, TimerScheduler<Command> timers, RoomServices services) {
    super(context);
    this.services = services;
    this.timers = timers;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FindRoom.class, this::onFindRoom)
        .onMessage(RoomPopulation.class, this::onRoomPopulation)
        .onMessage(EmptyFor.class, this::onEmptyFor)
        .build();
  }

  private Behavior<Command> onFindRoom(FindRoom find) {
    Map.Entry<Integer, Seats> chosen = null;
    for (Map.Entry<Integer, Seats> entry : rooms.entrySet()) {
      long taken = entry.getValue().taken();
      if (taken < services.settings().capacity() && (chosen == null || taken > chosen.getValue().taken())) {
        chosen = entry;
      }
    }
    Seats seats = chosen != null ? chosen.getValue() : openRoom();
    seats.joinsSent++;
    seats.room.tell(find.join());
    return this;
  }

  /**
   * Rooms tick on threads of their own: on the shared dispatcher a room's tick waited behind every
   * socket's and session's queued work (a thousand wakeups a tick at 1,000 players).
   */
  private static final DispatcherSelector ROOM_DISPATCHER = DispatcherSelector.fromConfig("rumble.room-dispatcher");

  private Seats openRoom() {
    int roomId = ++lastRoomId;
    long seed = roomId * 0x9E3779B97F4A7C15L ^ System.nanoTime();
    ActorRef<Room.Command> room = getContext().spawn(
        Room.create(roomId, seed, getContext().getSelf(), services), "room-" + roomId, ROOM_DISPATCHER);
    Seats seats = new Seats(room);
    rooms.put(roomId, seats);
    return seats;
  }

  private Behavior<Command> onRoomPopulation(RoomPopulation population) {
    Seats seats = rooms.get(population.roomId());
    if (seats != null) {
      seats.players = population.players();
      seats.joinsHandled = population.joinsHandled();
      if (seats.taken() == 0) {
        timers.startSingleTimer(population.roomId(), new EmptyFor(population.roomId()),
            services.settings().emptyTimeout());
      } else {
        timers.cancel(population.roomId());
      }
    }
    return this;
  }

  private Behavior<Command> onEmptyFor(EmptyFor empty) {
    Seats seats = rooms.get(empty.roomId());
    if (seats != null && seats.taken() == 0) {
      rooms.remove(empty.roomId());
      seats.room.tell(Room.Stop.INSTANCE);
    }
    return this;
  }
}
