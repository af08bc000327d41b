package rumble.actors.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import rumble.actors.metrics.ClusterMeters;

/**
 * A room's deltas for players on other nodes, gathered per node during a tick and sent as one
 * {@link DeltaRelay.Deliver} to each node's relay. Owned by one {@link Room}; not thread-safe.
 */
final class RelayBatches {

  private final int roomId;
  private final ActorRef<Room.Command> room;
  private final ActorRefResolver resolver;
  private final Map<Address, ActorRef<DeltaRelay.Command>> relays = new HashMap<>();
  private final Map<Address, List<DeltaRelay.Item>> pending = new HashMap<>();

  RelayBatches(int roomId, ActorRef<Room.Command> room, ActorRefResolver resolver) {
    this.roomId = roomId;
    this.room = room;
    this.resolver = resolver;
  }

  /** Adds a player's delta to its node's batch. */
  void add(Address node, long clientId, byte[] delta) {
    pending.computeIfAbsent(node, n -> new ArrayList<>()).add(new DeltaRelay.Item(clientId, delta));
  }

  /** Sends each node's batch to its relay; the lists go with the messages (fresh ones next tick). */
  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    long now = ClusterMeters.nowMicros();
    for (Map.Entry<Address, List<DeltaRelay.Item>> batch : pending.entrySet()) {
      relayOf(batch.getKey()).tell(new DeltaRelay.Deliver(roomId, room, now, batch.getValue()));
    }
    pending.clear();
  }

  private ActorRef<DeltaRelay.Command> relayOf(Address node) {
    return relays.computeIfAbsent(node, n -> resolver.resolveActorRef(n + "/user/" + DeltaRelay.NAME));
  }
}
