package rumble.loadtest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.AbstractGraphStageWithMaterializedValue;
import org.apache.pekko.util.ByteString;
import rumble.protocol.Packet;

/**
 * A minimal RFC 6455 client over a raw TCP flow, for load generation: one stage does the HTTP
 * upgrade, parses server frames straight into protocol packets and masks outgoing binary frames.
 * Unlike a full WebSocket stack it materializes nothing per message, which is what lets one machine
 * drive thousands of playing clients while it also runs the server under test.
 *
 * <p>Shape: {@code appIn} (payloads from the bot) → {@code netOut} (bytes to TCP);
 * {@code netIn} (bytes from TCP) → {@code appOut} (parsed frames to the bot). Completing
 * {@code appIn} starts the closing handshake (close 1000); a close from the server is answered and
 * then completes {@code appOut} (1000/1001/none) or fails it with {@link Closed} (any other code).
 * The materialized value completes once the server has accepted the upgrade.
 */
final class LiteWebSocket
    extends AbstractGraphStageWithMaterializedValue<BidiShape<ByteString, ByteString, ByteString, Bot.Frame>,
        CompletionStage<Done>> {

  /** The server closed with an error code, or the connection ended without a close frame (1006). */
  static final class Closed extends RuntimeException {
    final int code;

    Closed(int code, String reason) {
      super("WebSocket closed with " + code + (reason.isEmpty() ? "" : ": " + reason), null, false, false);
      this.code = code;
    }
  }

  /** The server did not switch protocols. */
  static final class UpgradeRefused extends RuntimeException {
    UpgradeRefused(String statusLine) {
      super("upgrade refused: " + statusLine);
    }
  }

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final int OP_CONTINUATION = 0x0;
  private static final int OP_TEXT = 0x1;
  private static final int OP_BINARY = 0x2;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;
  private static final int OP_PONG = 0xA;
  private static final int MAX_MESSAGE = 16 * 1024 * 1024;

  private final Inlet<ByteString> appIn = Inlet.create("LiteWebSocket.appIn");
  private final Outlet<ByteString> netOut = Outlet.create("LiteWebSocket.netOut");
  private final Inlet<ByteString> netIn = Inlet.create("LiteWebSocket.netIn");
  private final Outlet<Bot.Frame> appOut = Outlet.create("LiteWebSocket.appOut");
  private final BidiShape<ByteString, ByteString, ByteString, Bot.Frame> shape =
      BidiShape.of(appIn, netOut, netIn, appOut);
  private final String host;
  private final String path;

  /** @param host the Host header, e.g. 127.0.0.1:8080; @param path e.g. /ws */
  LiteWebSocket(String host, String path) {
    this.host = host;
    this.path = path.isEmpty() ? "/" : path;
  }

  @Override
  public BidiShape<ByteString, ByteString, ByteString, Bot.Frame> shape() {
    return shape;
  }

  @Override
  public Pair<GraphStageLogic, CompletionStage<Done>> createLogicAndMaterializedValuePair(Attributes attributes) {
    CompletableFuture<Done> upgraded = new CompletableFuture<>();
    return Pair.create(new Logic(upgraded), upgraded);
  }

  private final class Logic extends GraphStageLogic {
    private final CompletableFuture<Done> upgraded;
    private final String key;
    private final ArrayDeque<ByteString> toNet = new ArrayDeque<>();
    private final ArrayDeque<Bot.Frame> toApp = new ArrayDeque<>();
    private byte[] buffer = new byte[1024]; // grows with the largest frame; idle connections stay small
    private int start;
    private int end;
    private boolean open;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean completeNetWhenFlushed;
    private Throwable finishAppWith;
    private boolean finishApp;
    // a fragmented message being collected
    private int fragmentOpcode = -1;
    private byte[] fragments;
    private int fragmentLength;

    Logic(CompletableFuture<Done> upgraded) {
      super(shape);
      this.upgraded = upgraded;
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      this.key = Base64.getEncoder().encodeToString(nonce);

      setHandler(appIn, new AbstractInHandler() {
        @Override
        public void onPush() {
          sendFrame(OP_BINARY, grab(appIn));
          pullAppWhenReady();
        }

        @Override
        public void onUpstreamFinish() {
          // The bot is done: start the closing handshake (or finish it, if the server began).
          if (!open) {
            completeStage(); // gave up before the upgrade: nothing to say goodbye to
            return;
          }
          if (!closeSent) {
            sendClose(1000, "");
          }
          if (closeReceived) {
            completeNetWhenFlushed = true;
            flushNet();
          }
        }

        @Override
        public void onUpstreamFailure(Throwable cause) {
          failAll(cause);
        }
      });

      setHandler(netOut, new AbstractOutHandler() {
        @Override
        public void onPull() {
          flushNet();
          pullAppWhenReady();
        }

        @Override
        public void onDownstreamFinish(Throwable cause) {
          failAll(cause);
        }
      });

      setHandler(netIn, new AbstractInHandler() {
        @Override
        public void onPush() {
          append(grab(netIn));
          try {
            if (!open) {
              readUpgradeResponse();
            }
            if (open) {
              readFrames();
            }
          } catch (RuntimeException e) {
            failAll(e);
            return;
          }
          flushApp();
          pullNetWhenReady();
        }

        @Override
        public void onUpstreamFinish() {
          if (!open) {
            failAll(new Closed(1006, "connection closed before the upgrade"));
          } else if (!closeReceived) {
            finishApp(new Closed(1006, "connection closed without a close frame"));
          } else {
            finishApp(finishAppWith);
          }
        }

        @Override
        public void onUpstreamFailure(Throwable cause) {
          failAll(cause);
        }
      });

      setHandler(appOut, new AbstractOutHandler() {
        @Override
        public void onPull() {
          flushApp();
          pullNetWhenReady();
        }

        @Override
        public void onDownstreamFinish(Throwable cause) {
          // The bot stopped reading: nothing more to do on this connection.
          completeStage();
        }
      });
    }

    @Override
    public void preStart() {
      String request = "GET " + path + " HTTP/1.1\r\n"
          + "Host: " + host + "\r\n"
          + "Upgrade: websocket\r\n"
          + "Connection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + key + "\r\n"
          + "Sec-WebSocket-Version: 13\r\n"
          + "User-Agent: radius-rumble-loadtest\r\n\r\n";
      toNet.add(ByteString.fromString(request, StandardCharsets.US_ASCII));
      pull(netIn);
    }

    @Override
    public void postStop() {
      if (!upgraded.isDone()) {
        upgraded.completeExceptionally(new Closed(1006, "stream stopped before the upgrade"));
      }
    }

    // --- outbound ---

    private void sendFrame(int opcode, ByteString payload) {
      int length = payload.size();
      int header = 2 + (length < 126 ? 0 : length < 65536 ? 2 : 8) + 4;
      byte[] frame = new byte[header + length];
      frame[0] = (byte) (0x80 | opcode);
      int i = 1;
      if (length < 126) {
        frame[i++] = (byte) (0x80 | length);
      } else if (length < 65536) {
        frame[i++] = (byte) (0x80 | 126);
        frame[i++] = (byte) (length >>> 8);
        frame[i++] = (byte) length;
      } else {
        frame[i++] = (byte) (0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
          frame[i++] = (byte) ((long) length >>> shift);
        }
      }
      int mask = ThreadLocalRandom.current().nextInt();
      frame[i++] = (byte) (mask >>> 24);
      frame[i++] = (byte) (mask >>> 16);
      frame[i++] = (byte) (mask >>> 8);
      frame[i++] = (byte) mask;
      payload.copyToArray(frame, i, length);
      for (int j = 0; j < length; j++) {
        frame[i + j] ^= frame[i - 4 + (j & 3)];
      }
      toNet.add(ByteString.fromArrayUnsafe(frame));
      flushNet();
    }

    private void sendClose(int code, String reason) {
      byte[] text = reason.getBytes(StandardCharsets.UTF_8);
      byte[] body = new byte[2 + Math.min(text.length, 120)];
      body[0] = (byte) (code >>> 8);
      body[1] = (byte) code;
      System.arraycopy(text, 0, body, 2, body.length - 2);
      closeSent = true;
      if (open) {
        sendFrame(OP_CLOSE, ByteString.fromArrayUnsafe(body));
      }
    }

    private void flushNet() {
      while (!toNet.isEmpty() && isAvailable(netOut)) {
        push(netOut, toNet.poll());
      }
      if (toNet.isEmpty() && completeNetWhenFlushed && !isClosed(netOut)) {
        complete(netOut);
        if (closeReceived) {
          finishApp(finishAppWith);
        }
      }
    }

    /** Takes the bot's next payload only once the socket has taken everything before it. */
    private void pullAppWhenReady() {
      if (open && !closeSent && toNet.isEmpty() && !isClosed(appIn) && !hasBeenPulled(appIn)) {
        pull(appIn);
      }
    }

    // --- inbound ---

    private void append(ByteString bytes) {
      int n = bytes.size();
      if (end + n > buffer.length) {
        int live = end - start;
        if (live + n > buffer.length) {
          byte[] bigger = new byte[Math.max(buffer.length * 2, live + n)];
          System.arraycopy(buffer, start, bigger, 0, live);
          buffer = bigger;
        } else {
          System.arraycopy(buffer, start, buffer, 0, live);
        }
        start = 0;
        end = live;
      }
      bytes.copyToArray(buffer, end, n);
      end += n;
    }

    private void readUpgradeResponse() {
      int headerEnd = -1;
      for (int i = start; i + 3 < end; i++) {
        if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
          headerEnd = i;
          break;
        }
      }
      if (headerEnd < 0) {
        if (end - start > 16 * 1024) {
          throw new UpgradeRefused("response headers too long");
        }
        return;
      }
      String head = new String(buffer, start, headerEnd - start, StandardCharsets.ISO_8859_1);
      start = headerEnd + 4;
      String[] lines = head.split("\r\n");
      if (!lines[0].startsWith("HTTP/1.1 101")) {
        throw new UpgradeRefused(lines[0]);
      }
      String accept = null;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
          accept = lines[i].substring(colon + 1).trim();
        }
      }
      if (!expectedAccept(key).equals(accept)) {
        throw new UpgradeRefused("wrong Sec-WebSocket-Accept");
      }
      open = true;
      upgraded.complete(Done.getInstance());
      pullAppWhenReady();
    }

    private void readFrames() {
      long nanos = System.nanoTime();
      while (!closeReceived) {
        int available = end - start;
        if (available < 2) {
          return;
        }
        int b0 = buffer[start] & 0xFF;
        int b1 = buffer[start + 1] & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0F;
        boolean masked = (b1 & 0x80) != 0;
        long length = b1 & 0x7F;
        int header = 2;
        if (length == 126) {
          if (available < 4) {
            return;
          }
          length = ((buffer[start + 2] & 0xFF) << 8) | (buffer[start + 3] & 0xFF);
          header = 4;
        } else if (length == 127) {
          if (available < 10) {
            return;
          }
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | (buffer[start + 2 + i] & 0xFF);
          }
          header = 10;
        }
        if (length > MAX_MESSAGE) {
          throw new Closed(1009, "frame of " + length + " bytes");
        }
        int maskAt = start + header;
        if (masked) {
          header += 4;
        }
        if (available < header + length) {
          return;
        }
        int payload = start + header;
        int size = (int) length;
        if (masked) {
          for (int j = 0; j < size; j++) {
            buffer[payload + j] ^= buffer[maskAt + (j & 3)];
          }
        }
        start += header + size;
        handleFrame(fin, opcode, payload, size, nanos);
      }
    }

    private void handleFrame(boolean fin, int opcode, int offset, int length, long nanos) {
      switch (opcode) {
        case OP_BINARY, OP_TEXT -> {
          if (fin) {
            deliver(opcode, buffer, offset, length, nanos);
          } else {
            fragmentOpcode = opcode;
            fragments = new byte[Math.max(1024, length * 2)];
            fragmentLength = 0;
            addFragment(offset, length);
          }
        }
        case OP_CONTINUATION -> {
          if (fragmentOpcode < 0) {
            throw new Closed(1002, "continuation without a first frame");
          }
          addFragment(offset, length);
          if (fin) {
            deliver(fragmentOpcode, fragments, 0, fragmentLength, nanos);
            fragmentOpcode = -1;
            fragments = null;
          }
        }
        case OP_PING -> sendFrame(OP_PONG, ByteString.fromArray(buffer, offset, length));
        case OP_PONG -> { }
        case OP_CLOSE -> {
          closeReceived = true;
          int code = length >= 2 ? ((buffer[offset] & 0xFF) << 8) | (buffer[offset + 1] & 0xFF) : 1005;
          String reason = length > 2 ? new String(buffer, offset + 2, length - 2, StandardCharsets.UTF_8) : "";
          Throwable outcome = code == 1000 || code == 1001 || code == 1005 ? null : new Closed(code, reason);
          if (!closeSent) {
            sendClose(code == 1005 ? 1000 : code, "");
          }
          finishAppWith = outcome;
          completeNetWhenFlushed = true;
          flushNet();
        }
        default -> throw new Closed(1002, "unknown opcode " + opcode);
      }
    }

    private void addFragment(int offset, int length) {
      if (fragmentLength + length > MAX_MESSAGE) {
        throw new Closed(1009, "message too large");
      }
      if (fragmentLength + length > fragments.length) {
        byte[] bigger = new byte[Math.max(fragments.length * 2, fragmentLength + length)];
        System.arraycopy(fragments, 0, bigger, 0, fragmentLength);
        fragments = bigger;
      }
      System.arraycopy(buffer, offset, fragments, fragmentLength, length);
      fragmentLength += length;
    }

    private void deliver(int opcode, byte[] bytes, int offset, int length, long nanos) {
      if (opcode == OP_TEXT) {
        toApp.add(new Bot.Frame(null, length, nanos, "unexpected_text_frame"));
        return;
      }
      Bot.Frame frame;
      try {
        frame = new Bot.Frame(Packet.parser().parseFrom(bytes, offset, length), length, nanos, null);
      } catch (Exception e) {
        frame = new Bot.Frame(null, length, nanos, "malformed_packet");
      }
      toApp.add(frame);
    }

    private void flushApp() {
      while (!toApp.isEmpty() && isAvailable(appOut)) {
        push(appOut, toApp.poll());
      }
      if (toApp.isEmpty() && finishApp) {
        endApp();
      }
    }

    /** Reads more from the socket only when the bot has taken everything read so far. */
    private void pullNetWhenReady() {
      if (toApp.isEmpty() && !closeReceived && !isClosed(netIn) && !hasBeenPulled(netIn)) {
        pull(netIn);
      }
    }

    private void finishApp(Throwable outcome) {
      finishApp = true;
      finishAppWith = outcome;
      flushApp();
    }

    private void endApp() {
      if (finishAppWith == null) {
        completeStage();
      } else {
        failStage(finishAppWith);
      }
    }

    private void failAll(Throwable cause) {
      if (!upgraded.isDone()) {
        upgraded.completeExceptionally(cause);
      }
      failStage(cause);
    }
  }

  static String expectedAccept(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1")
          .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
