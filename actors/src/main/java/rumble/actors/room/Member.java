package rumble.actors.room;

import org.apache.pekko.actor.typed.ActorRef;
import rumble.actors.link.ClientLink;
import rumble.actors.metrics.ClusterMeters;
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
   * queue is full: the next one must be a keyframe. A message is never refused here; a player
   * reached by messages (socket on another node) has its own session drop what it cannot send.
   */
  boolean sendDelta(int roomId, byte[] delta, boolean keyframe) {
    if (link == null) {
      player.tell(new Room.Delta(delta, keyframe, ClusterMeters.nowMicros()));
      return true;
    }
    return link.deliver(roomId, Packet.MsgCase.WORLD_DELTA, delta);
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
