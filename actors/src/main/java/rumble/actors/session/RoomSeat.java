package rumble.actors.session;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import rumble.actors.metrics.ServerMetrics;
import rumble.actors.room.Room;

/**
 * A session's place in a room: which room it sits in, the inputs and chat sent between the Ok and
 * the room's answer (handed over once seated, so nothing said early is lost), and whether the
 * client's deltas are still continuous. Owned by one {@link PlayerSession}; not thread-safe.
 */
final class RoomSeat {

  private static final int MAX_WAITING = 32;

  private final long clientId;
  private final ServerMetrics metrics;
  private final List<Room.Command> waiting = new ArrayList<>();
  private ActorRef<Room.Command> room;
  private int roomId;
  /** The room runs on another node (its deltas come through this node's relay; it may be lost with its node). */
  private boolean remote;
  private boolean awaitingKeyframe;

  RoomSeat(long clientId, ServerMetrics metrics) {
    this.clientId = clientId;
    this.metrics = metrics;
  }

  boolean seated() {
    return room != null;
  }

  boolean remote() {
    return room != null && remote;
  }

  int roomId() {
    return roomId;
  }

  boolean isIn(int otherRoomId) {
    return room != null && roomId == otherRoomId;
  }

  /** Sends to the room, or keeps the command until the player is seated. */
  void tell(Room.Command command) {
    if (room != null) {
      room.tell(command);
    } else if (waiting.size() < MAX_WAITING) {
      waiting.add(command);
    } else {
      metrics.rejected("not_seated");
    }
  }

  void take(ActorRef<Room.Command> seatedIn, int seatedRoomId) {
    room = seatedIn;
    roomId = seatedRoomId;
    remote = seatedIn.path().address().hasGlobalScope();
    waiting.forEach(room::tell);
    waiting.clear();
  }

  /** Leaves the room, if in one, and forgets everything; returns the room left, or null. */
  ActorRef<Room.Command> vacate() {
    ActorRef<Room.Command> left = room;
    if (left != null) {
      left.tell(new Room.Leave(clientId));
    }
    forget();
    return left;
  }

  /** The room is gone without us leaving it; returns it (null if there was none). */
  ActorRef<Room.Command> forget() {
    ActorRef<Room.Command> gone = room;
    room = null;
    awaitingKeyframe = false;
    waiting.clear();
    return gone;
  }

  /**
   * Whether a delta should go to the client: deltas build on each other, so after one was lost the
   * session skips them until the keyframe it asked for arrives.
   */
  boolean admits(boolean keyframe) {
    if (room == null || (awaitingKeyframe && !keyframe)) {
      return false;
    }
    awaitingKeyframe = false;
    return true;
  }

  /** A waiting delta was replaced by a newer one: the client missed something, so resynchronise. */
  void deltaLost() {
    awaitingKeyframe = true;
    room.tell(new Room.RequestKeyframe(clientId));
  }
}
