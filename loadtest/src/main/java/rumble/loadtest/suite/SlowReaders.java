package rumble.loadtest.suite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.KeyframeRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Clients that log in as guests and then never read again, each on a socket with a tiny receive
 * buffer. Each asks for a keyframe every {@link #POKE_MILLIS} ms: the big answers fill the buffers
 * on the way sooner, the client is never idle (so only the stall timeout can close it), and the
 * write that fails tells when the server has closed the connection, without reading.
 */
final class SlowReaders implements AutoCloseable {

  static final long POKE_MILLIS = 50;
  private static final byte[] KEYFRAME_REQUEST =
      Packet.newBuilder().setKeyframeRequest(KeyframeRequestMessage.getDefaultInstance()).build().toByteArray();

  private final List<RawWebSocket> sockets = new ArrayList<>();
  private final List<Thread> pokers = new ArrayList<>();
  private final Millis closedAfter;
  private final CountDownLatch allClosed;
  private final long loggedInNanos;

  private SlowReaders(int port, int count, int receiveBuffer, String prefix, Millis closedAfter) throws IOException {
    this.closedAfter = closedAfter;
    allClosed = new CountDownLatch(count);
    try {
      for (int i = 0; i < count; i++) {
        RawWebSocket ws = RawWebSocket.connect(port, receiveBuffer);
        sockets.add(ws);
        ws.readPacket(); // the Id
        ws.send(Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
            .setNickname(prefix + i).setColor(0xFF808080)).build());
        Packet reply;
        do {
          reply = ws.readPacket(); // the last reads it ever does
        } while (reply != null && reply.getMsgCase() != MsgCase.OK_RESPONSE);
        if (reply == null) {
          throw new IOException("slow reader " + i + " was not logged in");
        }
      }
    } catch (IOException e) {
      close();
      throw e;
    }
    loggedInNanos = System.nanoTime();
    for (RawWebSocket ws : sockets) {
      Thread poker = new Thread(() -> poke(ws), "slow-reader");
      poker.setDaemon(true);
      poker.start();
      pokers.add(poker);
    }
  }

  /**
   * Connects and logs in {@code count} readers; from then on none of them reads. Each one's time
   * from the end of the logins until a write failed because the server had closed it goes into
   * {@code closedAfter}.
   */
  static SlowReaders start(int port, int count, int receiveBuffer, String prefix, Millis closedAfter)
      throws IOException {
    return new SlowReaders(port, count, receiveBuffer, prefix, closedAfter);
  }

  private void poke(RawWebSocket ws) {
    try {
      while (!ws.socket.isClosed()) {
        ws.sendFrame(2, KEYFRAME_REQUEST);
        Thread.sleep(POKE_MILLIS);
      }
    } catch (IOException closedByServer) {
      closedAfter.since(loggedInNanos);
      allClosed.countDown();
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
    }
  }

  /** When the last reader finished logging in (System.nanoTime). */
  long loggedInNanos() {
    return loggedInNanos;
  }

  /** Waits until the server has closed every reader, at most {@code millis}; returns whether it did. */
  boolean awaitAllClosed(long millis) throws InterruptedException {
    return allClosed.await(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    for (RawWebSocket ws : sockets) {
      try {
        ws.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    pokers.forEach(Thread::interrupt);
  }
}
