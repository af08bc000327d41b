package rumble.actors.link;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.util.ByteString;
import rumble.actors.metrics.ServerMetrics;
import rumble.protocol.Packet;

/**
 * The short way between a room and a client whose socket is on the same node, past the session
 * actor: the room writes the client's deltas straight into its socket queue, and the socket leaves
 * the client's latest steering here for the room to pick up at its next tick. That saves two actor
 * messages per player per tick, and a client steering faster than the tick costs the room nothing
 * extra: inputs are coalesced to the latest one. Everything else (login, chat, the join itself,
 * keyframe requests) still goes through the session.
 *
 * <p>Who does what: the session {@link #open opens} the link once the client has been told it
 * joined a room (so no delta can overtake that message) and {@link #close closes} it when the
 * client leaves; the socket {@link #steer steers} and {@link #touch touches}; the room
 * {@link #deliver delivers} and {@link #takeSteering takes steering}. Each field has one writer,
 * and they are read across threads, hence volatile. A room on another node writes through this
 * node's delta relay (one message per room tick for all its players here); steering to it still
 * goes as messages from the session.
 */
public final class ClientLink {

  /** The latest steering: a direction (radians, y down), or a point to run to. */
  public record Steering(boolean towardPoint, double a, double b) {}

  private static final int NO_ROOM = -1;

  private final BoundedSourceQueue<ByteString> socket;
  private final ServerMetrics metrics;
  private final AtomicReference<Steering> steering = new AtomicReference<>();
  private volatile int openRoom = NO_ROOM;
  private volatile long lastInboundNanos = System.nanoTime();
  private volatile long lastDeliveredNanos = System.nanoTime();

  public ClientLink(BoundedSourceQueue<ByteString> socket, ServerMetrics metrics) {
    this.socket = socket;
    this.metrics = metrics;
  }

  public BoundedSourceQueue<ByteString> socket() {
    return socket;
  }

  // --- the session ---

  /** The client knows it is in {@code roomId}: the room may write to it and take its steering. */
  public void open(int roomId) {
    openRoom = roomId;
  }

  public void close() {
    openRoom = NO_ROOM;
    steering.set(null);
  }

  public long lastInboundNanos() {
    return lastInboundNanos;
  }

  /** When a room last handed this link a delta (written or not): a silent room is a lost one. */
  public long lastDeliveredNanos() {
    return lastDeliveredNanos;
  }

  // --- the socket ---

  /** The client sent something: it is alive. */
  public void touch(long nowNanos) {
    lastInboundNanos = nowNanos;
  }

  /** Leaves steering for the room; false when the client is in no room (the session answers then). */
  public boolean steer(Steering latest) {
    if (openRoom == NO_ROOM) {
      return false;
    }
    steering.set(latest);
    return true;
  }

  // --- the room ---

  public boolean isOpenFor(int roomId) {
    return openRoom == roomId;
  }

  /** The steering left since the last call, or null. */
  public Steering takeSteering() {
    return steering.get() == null ? null : steering.getAndSet(null);
  }

  /**
   * Writes a packet the room built for this client. False when it was not sent because the
   * client's queue is full (it reads slower than the room writes): a world delta builds on the one
   * before it, so the room's next one must be a keyframe. A closed socket counts as sent: the
   * room hears of the session's end anyway.
   */
  public boolean deliver(int roomId, Packet.MsgCase type, byte[] packet) {
    if (openRoom != roomId) {
      return false;
    }
    lastDeliveredNanos = System.nanoTime();
    QueueOfferResult result = socket.offer(ByteString.fromArrayUnsafe(packet));
    if (result.isEnqueued()) {
      metrics.packetOut(type, packet.length);
      return true;
    }
    if (result == QueueOfferResult.dropped()) {
      metrics.outboundDropped(type == Packet.MsgCase.WORLD_DELTA ? "state" : "leaderboard");
      return false;
    }
    return true;
  }
}
