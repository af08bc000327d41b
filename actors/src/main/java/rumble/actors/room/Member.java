package rumble.actors.room;

import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import rumble.actors.link.ClientLink;
import rumble.protocol.Packet;
import rumble.sim.World;

/**
 * A player in a room: who it is, its player in the world, what its client was told, and how the
 * room reaches it: through its {@link ClientLink} when the client's socket is on this node, else
 * with {@link Room.Event} messages to the ref it joined with.
 */
final class Member {

  final long clientId;
  final String name;
  /** Where the room's events go; the room also watches it, so a player that stops leaves. */
  final ActorRef<Room.Event> player;
  /** The short way to the client's socket when it is on this node, else null (see ClientLink). */
  final ClientLink link;
  /** The node of the client's socket when it is another one (its deltas go to that node's relay), else null. */
  final Address remoteNode;
  /** The account's players-table id, or 0 for a guest (guests' scores are never saved). */
  final long accountPlayerId;
  final Viewer viewer;
  /** The best score the database already has, so only a better one is written. */
  long savedBest;
  /** The last leaderboard did not fit in the client's queue: send the current one again. */
  boolean boardMissed;

  Member(Room.Join join, int playerId, ClientLink link) {
    this.clientId = join.clientId();
    this.name = join.name();
    this.player = join.player();
    this.link = link;
    Address node = join.player().path().address();
    this.remoteNode = link == null && node.hasGlobalScope() ? node : null;
    this.accountPlayerId = join.accountPlayerId();
    this.savedBest = join.savedBest();
    this.viewer = new Viewer(playerId);
  }

  int playerId() {
    return viewer.playerId;
  }

  boolean registered() {
    return accountPlayerId != 0;
  }

  /** Steers by the latest steering a linked client left since the last step (older ones were overwritten). */
  void takeSteering(World world) {
    ClientLink.Steering steering = link == null ? null : link.takeSteering();
    if (steering == null) {
      return;
    }
    if (steering.towardPoint()) {
      world.steerTowards(playerId(), steering.a(), steering.b());
    } else {
      world.steer(playerId(), steering.a());
    }
  }

  /**
   * This tick's world delta for the client. False when it was not sent because the client's socket
   * queue is full: the next one must be a keyframe. One for another node goes into its batch for
   * that node's relay, which asks for the keyframe itself. A player with neither link nor node (a
   * test's probe) gets it as a message.
   */
  boolean sendDelta(int roomId, byte[] delta, boolean keyframe, RelayBatches relays) {
    if (link != null) {
      return link.deliver(roomId, Packet.MsgCase.WORLD_DELTA, delta);
    }
    if (remoteNode != null) {
      relays.add(remoteNode, clientId, delta);
    } else {
      player.tell(new Room.Delta(delta, keyframe));
    }
    return true;
  }

  /** A leaderboard; one that did not fit in the socket's queue is sent again the next second. */
  void sendBoard(int roomId, byte[] board) {
    if (link == null) {
      player.tell(new Room.Broadcast(board));
    } else {
      boardMissed = !link.deliver(roomId, Packet.MsgCase.LEADERBOARD, board);
    }
  }
}
