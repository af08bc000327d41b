package rumble.http.socket;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.util.ByteString;
import rumble.actors.session.SocketQueue;

/**
 * A connection's outbound frames, written by its session (or whoever holds the queue) on any thread
 * and taken by the socket's {@link SocketStage} on the stream's thread. Bounded: an offer beyond
 * {@code capacity} is {@linkplain QueueOfferResult#dropped() dropped}, and the session's own backlog
 * policy takes over. The stage is woken only when it waits for frames, so a socket that is busy
 * writing costs its writers one lock-free enqueue per frame and no hand-off at all.
 *
 * <p>{@link #complete()} sends what is queued and then closes normally; {@link #completeWith} sends
 * the last frame ahead of everything still queued (which is dropped), so a client far behind learns
 * why it is being closed without first reading its backlog.
 */
final class SocketOutbox implements SocketQueue {

  private final int capacity;
  private final ConcurrentLinkedQueue<ByteString> frames = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean parked = new AtomicBoolean();
  private volatile ByteString lastFrame;
  private volatile boolean completed;
  private volatile boolean ended;
  private volatile Runnable wakeup;

  SocketOutbox(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public QueueOfferResult offer(ByteString frame) {
    if (completed || ended) {
      return QueueOfferResult.closed();
    }
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      return QueueOfferResult.dropped();
    }
    frames.add(frame);
    wake();
    return QueueOfferResult.enqueued();
  }

  @Override
  public void completeWith(ByteString last) {
    if (!completed && !ended) {
      lastFrame = last;
      completed = true;
      wake();
    }
  }

  @Override
  public void complete() {
    if (!completed) {
      completed = true;
      wake();
    }
  }

  @Override
  public void fail(Throwable cause) {
    complete();
  }

  @Override
  public boolean isCompleted() {
    return completed || ended;
  }

  @Override
  public int size() {
    return size.get();
  }

  // --- the stage's side ---

  /** Called once the stage runs: {@code wakeup} must hand over to the stage's thread (an async callback). */
  void attach(Runnable stageWakeup) {
    this.wakeup = stageWakeup;
  }

  /** The next frame to write, the last frame once completed with one, or null when there is none now. */
  ByteString poll() {
    ByteString last = lastFrame;
    if (last != null) {
      lastFrame = null;
      frames.clear();
      size.set(0);
      return last;
    }
    ByteString next = frames.poll();
    if (next != null) {
      size.decrementAndGet();
    }
    return next;
  }

  /** True when completed and nothing is left to write: the stage closes the socket. */
  boolean drained() {
    return completed && lastFrame == null && frames.isEmpty();
  }

  /**
   * The stage has nothing to write: the next offer or completion wakes it. False when something
   * arrived meanwhile, so the stage should look again instead of waiting.
   */
  boolean park() {
    parked.set(true);
    if (!frames.isEmpty() || completed) {
      return !parked.compareAndSet(true, false);
    }
    return true;
  }

  /** The socket is gone: offers fail from now on, so writers stop. */
  void end() {
    ended = true;
    frames.clear();
    size.set(0);
  }

  boolean ended() {
    return ended;
  }

  private void wake() {
    if (parked.get() && parked.compareAndSet(true, false)) {
      Runnable stage = wakeup;
      if (stage != null) {
        stage.run();
      }
    }
  }
}
