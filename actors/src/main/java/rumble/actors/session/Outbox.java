package rumble.actors.session;

import java.util.ArrayDeque;
import java.util.Iterator;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.util.ByteString;
import rumble.actors.metrics.ServerMetrics;
import rumble.protocol.Packet;

/**
 * A session's way out to its socket, and the policy for a client that reads slower than we write.
 *
 * <p>Frames go straight into the socket stream's small bounded queue. Only when that queue is full do
 * they wait here, in a backlog whose policy depends on the kind of message:
 * <ul>
 *   <li>{@link Kind#STATE} and {@link Kind#LEADERBOARD}: latest wins. A newer one replaces a waiting
 *       one of its kind; the client only ever needs the newest picture, never a growing replay of old
 *       ones. Replacing a world delta loses what it said, so {@link #takeStateDropped} tells the
 *       session to ask the room for a keyframe.</li>
 *   <li>{@link Kind#CHAT}: at most {@code chatLimit} wait; beyond that the oldest is dropped and
 *       counted, so a flood of chat cannot hold memory or starve state updates.</li>
 *   <li>{@link Kind#CONTROL}: replies the client asked for (Id, Ok, Deny, hiscores, Disconnect) are
 *       never dropped. If {@code controlLimit} of them pile up the client is hopelessly behind and
 *       {@link #send} returns false so the session closes the connection.</li>
 * </ul>
 * Order is preserved: once anything waits, later frames wait behind it. Not thread-safe; owned by
 * one session actor.
 */
final class Outbox {

  enum Kind { CONTROL, CHAT, STATE, LEADERBOARD }

  private record Waiting(Kind kind, Packet.MsgCase type, ByteString bytes) {}

  private final BoundedSourceQueue<ByteString> socket;
  private final ServerMetrics metrics;
  private final int chatLimit;
  private final int controlLimit;
  private final ArrayDeque<Waiting> backlog = new ArrayDeque<>();
  private int waitingChat;
  private int waitingControl;
  private boolean closed;
  private boolean completed;
  private boolean stateDropped;

  Outbox(BoundedSourceQueue<ByteString> socket, ServerMetrics metrics, int chatLimit, int controlLimit) {
    this.socket = socket;
    this.metrics = metrics;
    this.chatLimit = chatLimit;
    this.controlLimit = controlLimit;
  }

  /** Sends or queues a packet; false means the client is too far behind and should be closed. */
  boolean send(Packet packet, Kind kind) {
    return send(packet.getMsgCase(), packet.toByteArray(), kind);
  }

  /** Sends an already encoded packet of the given type. */
  boolean send(Packet.MsgCase type, byte[] packet, Kind kind) {
    if (closed) {
      return true;
    }
    ByteString bytes = ByteString.fromArrayUnsafe(packet);
    if (backlog.isEmpty() && offer(type, bytes)) {
      return true;
    }
    return enqueue(new Waiting(kind, type, bytes));
  }

  /** True once after a waiting world delta was replaced by a newer one. */
  boolean takeStateDropped() {
    boolean dropped = stateDropped;
    stateDropped = false;
    return dropped;
  }

  /** Moves waiting frames into the socket while it has room; true when nothing waits any more. */
  boolean flush() {
    while (!backlog.isEmpty() && !closed) {
      Waiting next = backlog.peekFirst();
      if (!offer(next.type(), next.bytes())) {
        return false;
      }
      backlog.pollFirst();
      countOut(next.kind(), -1);
    }
    return true;
  }

  boolean hasBacklog() {
    return !backlog.isEmpty();
  }

  /**
   * Ends the stream with {@code last} (the close reason) ahead of everything still waiting, when the
   * socket can put it there; otherwise after the frames already handed to it.
   */
  void completeWith(Packet last) {
    if (closed) {
      return;
    }
    if (socket instanceof SocketQueue priority) {
      byte[] bytes = last.toByteArray();
      closed = true;
      completed = true;
      backlog.clear();
      priority.completeWith(ByteString.fromArrayUnsafe(bytes));
      metrics.packetOut(last.getMsgCase(), bytes.length);
      return;
    }
    send(last, Kind.CONTROL);
    flush();
    complete();
  }

  /**
   * Ends the stream after the frames already handed to it; the socket then closes normally.
   * Idempotent, and the only place the queue is completed from our side.
   *
   * <p>The stream ends the queue too, on its own thread, whenever the client closes or the connection
   * fails, so {@code if (!isCompleted()) complete()} is a check-then-act race that throws "already
   * completed" now and then (2 in ~13,800 connections). The queue has no atomic complete-if-running,
   * so losing that race is caught here as the normal outcome it is: either way the stream is over.
   */
  void complete() {
    closed = true;
    if (completed) {
      return;
    }
    completed = true;
    try {
      socket.complete();
    } catch (IllegalStateException streamEndedFirst) {
      // The client's side ended the stream between our last look and now: nothing left to do.
    }
  }

  private boolean offer(Packet.MsgCase type, ByteString bytes) {
    QueueOfferResult result = socket.offer(bytes);
    if (result.isEnqueued()) {
      metrics.packetOut(type, bytes.size());
      return true;
    }
    if (result != QueueOfferResult.dropped()) {
      closed = true; // the stream is gone: the socket closed or failed, nothing more can be sent
      return true;
    }
    return false;
  }

  private boolean enqueue(Waiting frame) {
    switch (frame.kind()) {
      case STATE -> stateDropped |= removeFirst(Kind.STATE);
      case LEADERBOARD -> removeFirst(Kind.LEADERBOARD);
      case CHAT -> {
        if (waitingChat >= chatLimit) {
          removeFirst(Kind.CHAT);
        }
      }
      case CONTROL -> {
        if (waitingControl >= controlLimit) {
          metrics.outboundDropped("control");
          return false;
        }
      }
    }
    backlog.addLast(frame);
    countOut(frame.kind(), +1);
    return true;
  }

  private boolean removeFirst(Kind kind) {
    for (Iterator<Waiting> it = backlog.iterator(); it.hasNext(); ) {
      if (it.next().kind() == kind) {
        it.remove();
        countOut(kind, -1);
        metrics.outboundDropped(kind.name().toLowerCase());
        return true;
      }
    }
    return false;
  }

  private void countOut(Kind kind, int delta) {
    if (kind == Kind.CHAT) {
      waitingChat += delta;
    } else if (kind == Kind.CONTROL) {
      waitingControl += delta;
    }
  }
}
