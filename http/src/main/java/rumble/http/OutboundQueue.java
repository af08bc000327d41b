package rumble.http;

import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import rumble.actors.session.SocketQueue;

/**
 * A session's frames to its socket: a bounded queue, plus a preferred one-frame lane for the close
 * reason. {@link #completeWith} puts the reason ahead of every frame still queued and ends the
 * stream right after it, so the frames the client has not read yet no longer delay its close.
 */
final class OutboundQueue implements SocketQueue {

  private final BoundedSourceQueue<ByteString> frames;
  private final BoundedSourceQueue<ByteString> last;
  private final Source<ByteString, NotUsed> source;

  private OutboundQueue(BoundedSourceQueue<ByteString> frames, BoundedSourceQueue<ByteString> last,
      Source<ByteString, NotUsed> source) {
    this.frames = frames;
    this.last = last;
    this.source = source;
  }

  static OutboundQueue create(int capacity, Materializer mat) {
    Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> frames =
        Source.<ByteString>queue(capacity).preMaterialize(mat);
    Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> last =
        Source.<ByteString>queue(1).preMaterialize(mat);
    // The last lane is preferred, and its completion ends the merge even with frames still queued.
    Source<ByteString, NotUsed> merged = frames.second().mergePreferred(last.second(), true, true);
    return new OutboundQueue(frames.first(), last.first(), merged);
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
    last.offer(lastFrame); // refused quietly when the stream has already ended
    completeQuietly(last);
  }

  /** Ends the stream; what is still queued is not sent (a session completes only when it is done). */
  @Override
  public void complete() {
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
