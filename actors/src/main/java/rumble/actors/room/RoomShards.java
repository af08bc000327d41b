package rumble.actors.room;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingQuery;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Rooms as Cluster Sharding entities: how a room id becomes an entity and a shard, and how a room
 * is started from nothing but its id and the node's {@link RoomServices}.
 *
 * <p>Policy, and why:
 * <ul>
 *   <li><b>One shard per room.</b> A room is a whole match (a hundred players' ticks), not a small
 *   record, and there are tens of them per node. With its own shard, each new room is placed on
 *   its own ({@link RoomPlacement}: the reachable node with the fewest rooms), so a node that joins
 *   gets the next rooms; hashed into a fixed set of shards, rooms would land wherever their
 *   shard already lives.</li>
 *   <li><b>No automatic passivation.</b> Sharding counts only messages sent through it as
 *   activity; a room lives on its own ticks and players' direct messages and would look idle. The
 *   matchmaker closes rooms that stay empty instead ({@link Room.Close}).</li>
 *   <li><b>A stop message</b> ({@link Room.Shutdown}), so a room that is passivated or handed over
 *   tells its players before it stops instead of vanishing under them.</li>
 *   <li>Remember-entities stays off: it would restart a room after a move, but not its match.</li>
 * </ul>
 */
public final class RoomShards {

  /**
   * Rooms tick on threads of their own: on the shared dispatcher a room's tick waited behind every
   * socket's and session's queued work (a thousand wakeups a tick at 1,000 players).
   */
  static final DispatcherSelector ROOM_DISPATCHER = DispatcherSelector.fromConfig("rumble.room-dispatcher");

  private RoomShards() {}

  /** How often {@code rumble_cluster_shards} is read from the shard region. */
  private static final Duration SHARD_COUNT_INTERVAL = Duration.ofSeconds(2);

  /**
   * Starts this node's shard region for rooms (every node runs one, so any node can host rooms),
   * and publishes how many room shards it hosts.
   */
  public static void init(ActorSystem<?> system, RoomServices services) {
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(entity(system, services));
    AtomicInteger hosted = new AtomicInteger();
    services.metrics().cluster().shards(hosted::get);
    system.scheduler().scheduleWithFixedDelay(SHARD_COUNT_INTERVAL, SHARD_COUNT_INTERVAL, () ->
        AskPattern.<ClusterShardingQuery, CurrentShardRegionState>ask(sharding.shardState(),
                replyTo -> new GetShardRegionState(Room.TYPE_KEY, replyTo), SHARD_COUNT_INTERVAL, system.scheduler())
            .thenAccept(state -> hosted.set(state.getShards().size())),
        system.executionContext());
  }

  static Entity<Room.Command, ShardingEnvelope<Room.Command>> entity(ActorSystem<?> system, RoomServices services) {
    return Entity.of(Room.TYPE_KEY, context -> {
          int roomId = roomId(context.getEntityId());
          long seed = roomId * 0x9E3779B97F4A7C15L ^ System.nanoTime();
          return Room.create(roomId, seed, services, context.getShard());
        })
        .withMessageExtractor(new OneShardPerRoom())
        .withStopMessage(Room.Shutdown.INSTANCE)
        .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy())
        .withAllocationStrategy(new RoomPlacement(Cluster.get(system)))
        .withEntityProps(ROOM_DISPATCHER);
  }

  /** How the matchmaker reaches rooms in a server: through this node's shard region. */
  public static Matchmaker.RoomDirectory directory(ActorSystem<?> system) {
    ClusterSharding sharding = ClusterSharding.get(system);
    return roomId -> {
      EntityRef<Room.Command> room = sharding.entityRefFor(Room.TYPE_KEY, Integer.toString(roomId));
      return room;
    };
  }

  static int roomId(String entityId) {
    return Integer.parseInt(entityId);
  }

  /** Entity id = shard id = the room id. */
  private static final class OneShardPerRoom
      extends ShardingMessageExtractor<ShardingEnvelope<Room.Command>, Room.Command> {

    @Override
    public String entityId(ShardingEnvelope<Room.Command> envelope) {
      return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
      return entityId;
    }

    @Override
    public Room.Command unwrapMessage(ShardingEnvelope<Room.Command> envelope) {
      return envelope.message();
    }
  }
}
