package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The close reason overtakes what a slow reader has not taken yet, and ends the stream. */
class OutboundQueueTest {

  private static final ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "outbound-queue-test");
  private static final Materializer mat = Materializer.createMaterializer(system);

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Test
  void theCloseReasonGoesAheadOfQueuedFramesAndEndsTheStream() throws Exception {
    OutboundQueue queue = OutboundQueue.create(64, mat);
    for (int i = 0; i < 60; i++) {
      assertTrue(queue.offer(ByteString.fromString("frame " + i)).isEnqueued());
    }
    queue.completeWith(ByteString.fromString("bye"));
    assertTrue(queue.isCompleted(), "no more frames are taken");
    List<ByteString> sent = queue.source().runWith(Sink.seq(), mat).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(ByteString.fromString("bye"), sent.get(sent.size() - 1), "the reason is the last frame");
    // Only what a stream buffer had already taken can precede it, never the whole backlog.
    assertTrue(sent.size() <= 17, sent.size() - 1 + " queued frames went before the reason");
  }

  @Test
  void aPlainCompleteEndsTheStreamToo() throws Exception {
    OutboundQueue queue = OutboundQueue.create(8, mat);
    queue.offer(ByteString.fromString("frame"));
    queue.complete();
    List<ByteString> sent = queue.source().runWith(Sink.seq(), mat).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(sent.size() <= 1, "ended: " + sent);
  }
}
