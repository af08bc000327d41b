package rumble.actors.room;

import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * Where a new room starts, and that live rooms are never moved to even out the load.
 *
 * <p>A new room (one shard per room, see {@link RoomShards}) goes to the node with the fewest rooms
 * among those that are Up and reachable; of equals, the youngest, so the oldest node, which also
 * runs the matchmaker and the shard coordinator, takes rooms last. An unreachable node is skipped: a node that just
 * died keeps its membership until the split-brain resolver downs it, and a room placed there would
 * strand its players until then.
 *
 * <p>Rebalancing is off: sharding moves an entity by stopping it and starting it afresh, which for
 * a room means ending its match. A node that joins gets the next rooms instead; a node that
 * leaves still hands its rooms over (that is not a rebalance).
 */
final class RoomPlacement extends ShardCoordinator.AbstractShardAllocationStrategy {

  private final Cluster cluster;

  RoomPlacement(Cluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
      Map<ActorRef, IndexedSeq<String>> currentShardAllocations) {
    ClusterEvent.CurrentClusterState state = cluster.state();
    Set<Member> unreachable = state.getUnreachable();
    ActorRef chosen = null;
    Member chosenMember = null;
    int fewest = Integer.MAX_VALUE;
    for (Map.Entry<ActorRef, IndexedSeq<String>> entry : currentShardAllocations.entrySet()) {
      Member member = upAndReachable(addressOf(entry.getKey()), state, unreachable);
      if (member == null) {
        continue;
      }
      int rooms = entry.getValue().size();
      if (rooms < fewest || (rooms == fewest && chosenMember.isOlderThan(member))) {
        chosen = entry.getKey();
        chosenMember = member;
        fewest = rooms;
      }
    }
    // Nobody qualifies (the cluster is still forming): the asking node takes it.
    return Futures.successful(chosen != null ? chosen : requester);
  }

  @Override
  public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> currentShardAllocations,
      Set<String> rebalanceInProgress) {
    return Futures.successful(Set.of());
  }

  /** A region on this node has a local path without host and port. */
  private Address addressOf(ActorRef region) {
    Address address = region.path().address();
    return address.hasGlobalScope() ? address : cluster.selfMember().address();
  }

  /** The member at {@code address} if it is Up and reachable, else null. */
  private static Member upAndReachable(Address address, ClusterEvent.CurrentClusterState state,
      Set<Member> unreachable) {
    for (Member member : state.getMembers()) {
      if (member.address().equals(address)) {
        return member.status() == MemberStatus.up() && !unreachable.contains(member) ? member : null;
      }
    }
    return null;
  }
}
