package rumble.actors.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import rumble.actors.metrics.ServerMetrics;
import rumble.http.Scrape;
import rumble.protocol.ChatMessage;
import rumble.protocol.DenyResponseMessage;
import rumble.protocol.Packet;
import rumble.protocol.PlayerMessage;

/** What a client that reads slower than the server writes loses, and what it never loses. */
class OutboxTest {

  private static final int CHAT_LIMIT = 3;
  private static final int CONTROL_LIMIT = 2;

  private final FakeSocket socket = new FakeSocket();
  private final ServerMetrics metrics = new ServerMetrics();
  private final Outbox outbox = new Outbox(socket, metrics, CHAT_LIMIT, CONTROL_LIMIT);

  private static Packet control(String reason) {
    return Packet.newBuilder().setDenyResponse(DenyResponseMessage.newBuilder().setReason(reason)).build();
  }

  private static Packet chat(String text) {
    return Packet.newBuilder().setChat(ChatMessage.newBuilder().setMsg(text)).build();
  }

  private static Packet state(double x) {
    return Packet.newBuilder().setPlayer(PlayerMessage.newBuilder().setX(x)).build();
  }

  private double dropped(String kind) {
    return Scrape.parse(metrics.scrape()).value("rumble_outbound_dropped_total", "kind", kind);
  }

  @Test
  void packetsGoStraightToTheSocketWhileItHasRoom() {
    assertTrue(outbox.send(control("a"), Outbox.Kind.CONTROL));
    assertTrue(outbox.send(chat("b"), Outbox.Kind.CHAT));
    assertTrue(outbox.send(state(1), Outbox.Kind.STATE));
    assertFalse(outbox.hasBacklog());
    assertEquals(List.of(control("a"), chat("b"), state(1)), socket.written);
  }

  @Test
  void latestStateWinsWhileTheSocketIsFull() {
    socket.full = true;
    for (int x = 1; x <= 4; x++) {
      assertTrue(outbox.send(state(x), Outbox.Kind.STATE));
    }
    assertTrue(outbox.hasBacklog());
    socket.full = false;
    assertTrue(outbox.flush());
    assertEquals(List.of(state(4)), socket.written);
    assertEquals(3, dropped("state"));
  }

  @Test
  void oldestChatIsDroppedBeyondTheLimit() {
    socket.full = true;
    for (int i = 1; i <= 5; i++) {
      assertTrue(outbox.send(chat("line " + i), Outbox.Kind.CHAT));
    }
    socket.full = false;
    assertTrue(outbox.flush());
    assertEquals(List.of(chat("line 3"), chat("line 4"), chat("line 5")), socket.written);
    assertEquals(2, dropped("chat"));
  }

  @Test
  void controlRepliesAreNeverDroppedAndOverflowAsksToCloseTheClient() {
    socket.full = true;
    assertTrue(outbox.send(control("1"), Outbox.Kind.CONTROL));
    assertTrue(outbox.send(control("2"), Outbox.Kind.CONTROL));
    assertFalse(outbox.send(control("3"), Outbox.Kind.CONTROL), "too far behind: close it");
    assertEquals(1, dropped("control"));
    socket.full = false;
    assertTrue(outbox.flush());
    assertEquals(List.of(control("1"), control("2")), socket.written);
  }

  @Test
  void chatAndStateDropsNeverTouchWaitingControlAndOrderIsKept() {
    socket.full = true;
    outbox.send(control("first"), Outbox.Kind.CONTROL);
    for (int i = 1; i <= 4; i++) {
      outbox.send(chat("c" + i), Outbox.Kind.CHAT);
    }
    outbox.send(state(1), Outbox.Kind.STATE);
    outbox.send(control("last"), Outbox.Kind.CONTROL);
    outbox.send(state(2), Outbox.Kind.STATE);
    socket.full = false;
    assertTrue(outbox.flush());
    assertEquals(List.of(control("first"), chat("c2"), chat("c3"), chat("c4"), control("last"), state(2)),
        socket.written);
  }

  @Test
  void onceSomethingWaitsNewPacketsQueueBehindIt() {
    socket.full = true;
    outbox.send(control("older"), Outbox.Kind.CONTROL);
    socket.full = false; // room again, but "older" has not been flushed yet
    assertTrue(outbox.send(control("newer"), Outbox.Kind.CONTROL));
    assertEquals(List.of(), socket.written, "newer may not overtake older");
    assertTrue(outbox.flush());
    assertEquals(List.of(control("older"), control("newer")), socket.written);
  }

  @Test
  void flushStopsWhenTheSocketFillsUpAgain() {
    socket.full = true;
    outbox.send(chat("a"), Outbox.Kind.CHAT);
    outbox.send(chat("b"), Outbox.Kind.CHAT);
    socket.full = false;
    socket.room = 1;
    assertFalse(outbox.flush(), "b still waits");
    assertEquals(List.of(chat("a")), socket.written);
    socket.room = Integer.MAX_VALUE;
    assertTrue(outbox.flush());
    assertEquals(List.of(chat("a"), chat("b")), socket.written);
  }

  @Test
  void afterTheSocketClosedEverythingIsQuietlyDiscarded() {
    socket.complete();
    assertTrue(outbox.send(control("x"), Outbox.Kind.CONTROL));
    for (int i = 0; i < 10; i++) {
      assertTrue(outbox.send(control("y" + i), Outbox.Kind.CONTROL), "a closed socket is not a slow client");
    }
    assertFalse(outbox.hasBacklog());
    assertEquals(List.of(), socket.written);
  }

  @Test
  void completeEndsTheSocketOnce() {
    outbox.send(control("bye"), Outbox.Kind.CONTROL);
    outbox.complete();
    outbox.complete();
    assertEquals(1, socket.completions);
    assertTrue(outbox.send(control("after"), Outbox.Kind.CONTROL));
    assertEquals(List.of(control("bye")), socket.written);
  }

  /** A socket queue that can be told to be full, or to take only a few more frames. */
  private static final class FakeSocket implements BoundedSourceQueue<ByteString> {
    final List<Packet> written = new ArrayList<>();
    boolean full;
    int room = Integer.MAX_VALUE;
    boolean completed;
    int completions;

    @Override
    public QueueOfferResult offer(ByteString bytes) {
      if (completed) {
        return QueueOfferResult.closed();
      }
      if (full || room <= 0) {
        return QueueOfferResult.dropped();
      }
      room--;
      try {
        written.add(Packet.parseFrom(bytes.toArray()));
      } catch (InvalidProtocolBufferException e) {
        throw new AssertionError(e);
      }
      return QueueOfferResult.enqueued();
    }

    @Override
    public void complete() {
      completed = true;
      completions++;
    }

    @Override
    public boolean isCompleted() {
      return completed;
    }

    @Override
    public void fail(Throwable cause) {
      completed = true;
    }

    @Override
    public int size() {
      return 0;
    }
  }
}
