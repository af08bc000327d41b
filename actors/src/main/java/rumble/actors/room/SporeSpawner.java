package rumble.actors.room;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import rumble.actors.CborSerializable;

/**
 * Keeps a room's spores coming: every {@code interval} it grants the room a batch, sized so that at
 * most {@code sporesPerSecond} appear per second. The room fills each batch only up to its target
 * population, placing spores clear of players; a fresh room reaches its target within a second or
 * two, and eaten spores are replaced at a bounded rate, with no burst to stall a tick.
 */
public final class SporeSpawner {

  public sealed interface Command extends CborSerializable {}

  private enum Spawn implements Command { INSTANCE }

  private SporeSpawner() {}

  public static Behavior<Command> create(ActorRef<Room.Command> room, RoomSettings settings) {
    double intervalsPerSecond = 1e9 / settings.spawnInterval().toNanos();
    int batch = Math.max(1, (int) Math.round(settings.sporesPerSecond() / intervalsPerSecond));
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Spawn.INSTANCE, settings.spawnInterval());
      context.getSelf().tell(Spawn.INSTANCE); // seed the room at once
      return Behaviors.receiveMessage(spawn -> {
        room.tell(new Room.SpawnSpores(batch));
        return Behaviors.same();
      });
    }));
  }
}
