package rumble.actors.session;

import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.util.ByteString;

/**
 * A socket's outbound queue that can end with one last frame sent ahead of everything still queued:
 * a client being closed learns why first, even when it is far behind (it can't read its backlog
 * faster than the close).
 */
public interface SocketQueue extends BoundedSourceQueue<ByteString> {

  /** Sends {@code last} before anything still waiting, then ends the stream; later offers are dropped. */
  void completeWith(ByteString last);
}
