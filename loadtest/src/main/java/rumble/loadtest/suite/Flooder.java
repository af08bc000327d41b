package rumble.loadtest.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.PlayerDirectionMessage;

/**
 * One flooding connection: logs in as a guest, then sends valid PlayerDirection frames at
 * {@code framesPerSecond} (0: as fast as the socket takes them) until the server closes it, while a
 * reader thread keeps reading so that the server's close reaches it at once.
 */
final class Flooder {

  /** How one flooding connection ended. */
  record Outcome(boolean closed, double closedAfterMs, long framesSent, String disconnectReason, String closeFrame) {
    String describe() {
      return closed ? "closed " + closeFrame + ", told \"" + disconnectReason + "\"" : "not closed";
    }
  }

  private static final byte[] DIRECTION = Packet.newBuilder()
      .setPlayerDirection(PlayerDirectionMessage.newBuilder().setDirection(1.0)).build().toByteArray();

  private Flooder() {}

  /** Floods once; gives up (not closed) after {@code giveUp} from the first frame. */
  static Outcome flood(int port, String nickname, int framesPerSecond, Duration giveUp) throws IOException,
      InterruptedException {
    try (RawWebSocket ws = RawWebSocket.connect(port, 0)) {
      ws.readPacket(); // the Id
      ws.send(Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
          .setNickname(nickname).setColor(0xFFFF0000)).build());
      Packet reply;
      do {
        reply = ws.readPacket();
      } while (reply != null && reply.getMsgCase() != MsgCase.OK_RESPONSE);
      AtomicReference<String> reason = new AtomicReference<>("-");
      AtomicReference<String> closeFrame = new AtomicReference<>("none");
      CountDownLatch closed = new CountDownLatch(1);
      Thread reader = new Thread(() -> read(ws, reason, closeFrame, closed), "flood-reader");
      reader.setDaemon(true);
      reader.start();
      long[] sent = {0};
      Thread writer = new Thread(() -> write(ws, framesPerSecond, closed, sent), "flood-writer");
      writer.setDaemon(true);
      long first = System.nanoTime();
      writer.start();
      boolean wasClosed = closed.await(giveUp.toNanos(), TimeUnit.NANOSECONDS);
      double after = (System.nanoTime() - first) / 1e6;
      ws.close(); // also frees a writer blocked on a full socket
      writer.join(1_000);
      reader.join(1_000);
      return new Outcome(wasClosed, after, sent[0], reason.get(), closeFrame.get());
    }
  }

  private static void write(RawWebSocket ws, int framesPerSecond, CountDownLatch closed, long[] sent) {
    int batch = framesPerSecond == 0 ? 100 : Math.max(1, framesPerSecond / 100);
    try {
      while (closed.getCount() > 0) {
        for (int i = 0; i < batch; i++) {
          ws.sendFrame(2, DIRECTION);
          sent[0]++;
        }
        if (framesPerSecond > 0) {
          Thread.sleep(10);
        }
      }
    } catch (IOException | InterruptedException closedUnderUs) {
      // the server (or the give-up) closed the connection under our writes
    }
  }

  /** Reads until the close frame or the end of the stream, noting the Disconnect reason on the way. */
  private static void read(RawWebSocket ws, AtomicReference<String> reason, AtomicReference<String> closeFrame,
      CountDownLatch closed) {
    try {
      while (true) {
        RawWebSocket.Frame frame = ws.read();
        if (frame.isClose()) {
          closeFrame.set(describeClose(frame.payload()));
          return;
        }
        if (frame.isBinary() && frame.packet().getMsgCase() == MsgCase.DISCONNECT) {
          reason.set(frame.packet().getDisconnect().getReason());
        }
      }
    } catch (IOException endOfStream) {
      if (closeFrame.get().equals("none")) {
        closeFrame.set("none (" + endOfStream.getClass().getSimpleName() + ")");
      }
    } finally {
      closed.countDown();
    }
  }

  private static String describeClose(byte[] payload) {
    if (payload.length < 2) {
      return "no code";
    }
    int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    return code + (payload.length > 2 ? " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "");
  }
}
