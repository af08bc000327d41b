package rumble.http;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import rumble.actors.session.SocketQueue;

/**
 * A session's frames to its socket: a bounded queue, then a one-frame lane for the close reason.
 * {@link #completeWith} stops the queue at once (frames still waiting in it are dropped, not sent)
 * and ends the stream with the reason, so the frames a slow client has not read yet no longer delay
 * its close. Only frames already past the gate (in the socket's own buffers) go before the reason.
 */
final class OutboundQueue implements SocketQueue {

  private final BoundedSourceQueue<ByteString> frames;
  private final BoundedSourceQueue<ByteString> last;
  private final AtomicBoolean closing;
  private final Source<ByteString, NotUsed> source;

  private OutboundQueue(BoundedSourceQueue<ByteString> frames, BoundedSourceQueue<ByteString> last,
      AtomicBoolean closing, Source<ByteString, NotUsed> source) {
    this.frames = frames;
    this.last = last;
    this.closing = closing;
    this.source = source;
  }

  static OutboundQueue create(int capacity, Materializer mat) {
    Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> frames =
        Source.<ByteString>queue(capacity).preMaterialize(mat);
    Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> last =
        Source.<ByteString>queue(1).preMaterialize(mat);
    // A flag, not a race between two lanes: once closing, the gate lets no queued frame through,
    // however the two queues' hand-offs happen to be scheduled; then the reason follows.
    AtomicBoolean closing = new AtomicBoolean();
    Source<ByteString, NotUsed> gated = frames.second().takeWhile(frame -> !closing.get())
        .concat(last.second());
    return new OutboundQueue(frames.first(), last.first(), closing, gated);
  }

  Source<ByteString, NotUsed> source() {
    return source;
  }

  @Override
  public QueueOfferResult offer(ByteString frame) {
    return frames.offer(frame);
  }

  @Override
  public void completeWith(ByteString lastFrame) {
    closing.set(true);
    last.offer(lastFrame); // refused quietly when the stream has already ended
    completeQuietly(last);
    completeQuietly(frames); // an idle queue must end too, or the reason would wait behind it
  }

  /** Ends the stream; what is still queued is not sent (a session completes only when it is done). */
  @Override
  public void complete() {
    closing.set(true);
    completeQuietly(last);
    completeQuietly(frames);
  }

  /**
   * The stream completes a queue on its own thread when the client closes, so "complete if still
   * running" is a race the queue cannot settle atomically; losing it means the work is already done.
   */
  private static void completeQuietly(BoundedSourceQueue<ByteString> queue) {
    try {
      queue.complete();
    } catch (IllegalStateException alreadyEnded) {
      // ended by the stream first: nothing left to do
    }
  }

  @Override
  public boolean isCompleted() {
    return last.isCompleted() || frames.isCompleted();
  }

  @Override
  public void fail(Throwable cause) {
    last.fail(cause);
    frames.fail(cause);
  }

  @Override
  public int size() {
    return frames.size();
  }
}
