package rumble.http.socket;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.http.impl.engine.ws.FrameHeader;
import org.apache.pekko.util.ByteString;

/**
 * The client's side of RFC 6455 on top of pekko-http's frame parser: checks each frame against the
 * protocol, unmasks it, and assembles data frames into messages. A frame may arrive in pieces
 * (a start and then data, split wherever TCP split it), so everything here works on pieces.
 *
 * <p>Policy: a message up to {@code keepBytes} is handed over whole; a longer one is counted but its
 * bytes are not kept (the session denies it as too large and the client carries on); one beyond
 * {@code closeBeyondBytes} fails the connection with 1009, since draining an endless frame would
 * tie the connection up for as long as the client liked. Any protocol violation fails the
 * connection with the code the RFC asks for and a reason. Not thread-safe: one per connection.
 */
final class FrameReader {

  /** What the reader found; called on the stream's thread, in order. */
  interface Events {
    /** A whole data message; {@code payload} is null when it was larger than the reader keeps. */
    void message(boolean text, byte[] payload, long size);

    void ping(ByteString payload);

    /** The client's close frame; {@code code} is 0 when it carried none. */
    void peerClosed(int code, String reason);

    /** The client broke the protocol: close with {@code code} and {@code reason}, read nothing more. */
    void violation(int code, String reason);
  }

  static final int PROTOCOL_ERROR = 1002;
  static final int INVALID_DATA = 1007;
  static final int TOO_BIG = 1009;
  private static final int MAX_CONTROL_PAYLOAD = 125;

  private final int keepBytes;
  private final long closeBeyondBytes;
  private final Events events;

  // The frame being read.
  private int opcode;
  private boolean fin;
  private int mask;
  private long frameRead;
  private long frameLength;

  // The data message being assembled (possibly over several frames).
  private boolean inMessage;
  private boolean text;
  private long messageSize;
  private byte[] message;

  private final byte[] control = new byte[MAX_CONTROL_PAYLOAD];
  private boolean failed;

  FrameReader(int keepBytes, long closeBeyondBytes, Events events) {
    this.keepBytes = keepBytes;
    this.closeBeyondBytes = closeBeyondBytes;
    this.events = events;
  }

  void read(FrameEvent event) {
    if (failed) {
      return;
    }
    if (PekkoFrames.isStart(event)) {
      if (!start(PekkoFrames.header(event))) {
        return;
      }
    }
    take(event.data());
    if (frameRead == frameLength) {
      endFrame();
    }
  }

  /** Checks a frame's header; false when it broke the protocol (already reported). */
  private boolean start(FrameHeader header) {
    if (PekkoFrames.reservedBitsSet(header)) {
      return fail(PROTOCOL_ERROR, "Reserved bits must be 0 (no extension was agreed)");
    }
    if (!PekkoFrames.masked(header)) {
      return fail(PROTOCOL_ERROR, "Client frames must be masked");
    }
    opcode = PekkoFrames.opcode(header);
    fin = header.fin();
    mask = PekkoFrames.mask(header);
    frameRead = 0;
    frameLength = header.length();
    switch (opcode) {
      case PekkoFrames.CLOSE, PekkoFrames.PING, PekkoFrames.PONG -> {
        if (!fin) {
          return fail(PROTOCOL_ERROR, "Control frames must not be fragmented");
        }
        if (frameLength > MAX_CONTROL_PAYLOAD) {
          return fail(PROTOCOL_ERROR, "Control frames carry at most 125 bytes");
        }
      }
      case PekkoFrames.TEXT, PekkoFrames.BINARY -> {
        if (inMessage) {
          return fail(PROTOCOL_ERROR, "A new message began before the last one ended");
        }
        inMessage = true;
        text = opcode == PekkoFrames.TEXT;
        messageSize = 0;
        message = null;
      }
      case PekkoFrames.CONTINUATION -> {
        if (!inMessage) {
          return fail(PROTOCOL_ERROR, "A continuation frame without a message to continue");
        }
      }
      default -> {
        return fail(PROTOCOL_ERROR, "Unknown opcode " + opcode);
      }
    }
    if (isData()) {
      messageSize += frameLength;
      if (messageSize > closeBeyondBytes) {
        return fail(TOO_BIG, "Message too large");
      }
      if (messageSize <= keepBytes) {
        message = message == null ? new byte[(int) messageSize] : Arrays.copyOf(message, (int) messageSize);
      } else {
        message = null; // over the limit: counted, not kept
      }
    }
    return true;
  }

  /** Unmasks a piece of the current frame into where it belongs. */
  private void take(ByteString piece) {
    int length = piece.size();
    if (length == 0) {
      return;
    }
    byte[] into;
    int at;
    if (!isData()) {
      into = control;
      at = (int) frameRead;
    } else if (message != null) {
      into = message;
      at = (int) (messageSize - frameLength + frameRead);
    } else {
      frameRead += length;
      return;
    }
    piece.copyToArray(into, at, length);
    for (int i = 0; i < length; i++) {
      int shift = 24 - 8 * (int) ((frameRead + i) & 3);
      into[at + i] ^= (byte) (mask >>> shift);
    }
    frameRead += length;
  }

  private void endFrame() {
    switch (opcode) {
      case PekkoFrames.CLOSE -> closeFrame();
      case PekkoFrames.PING -> events.ping(ByteString.fromArray(control, 0, (int) frameLength));
      case PekkoFrames.PONG -> { } // an answer to our ping: the bytes it moved kept the connection alive
      default -> {
        if (fin) {
          endMessage();
        }
      }
    }
  }

  private void endMessage() {
    inMessage = false;
    byte[] payload = message;
    message = null;
    if (text && payload != null && !isUtf8(payload, payload.length)) {
      fail(INVALID_DATA, "Text frames must be UTF-8");
      return;
    }
    events.message(text, payload, messageSize);
  }

  private void closeFrame() {
    int length = (int) frameLength;
    if (length == 0) {
      failed = true; // nothing more is read after a close
      events.peerClosed(0, "");
      return;
    }
    if (length == 1) {
      fail(PROTOCOL_ERROR, "A close frame's code takes two bytes");
      return;
    }
    int code = ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
    if (!validCloseCode(code)) {
      fail(PROTOCOL_ERROR, "Invalid close code " + code);
      return;
    }
    byte[] reason = Arrays.copyOfRange(control, 2, length);
    if (!isUtf8(reason, reason.length)) {
      fail(PROTOCOL_ERROR, "A close reason must be UTF-8");
      return;
    }
    failed = true;
    events.peerClosed(code, new String(reason, StandardCharsets.UTF_8));
  }

  /** RFC 6455 7.4: codes a peer may send (1004-1006 and 1015 are reserved, 1012-2999 unassigned). */
  static boolean validCloseCode(int code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999);
  }

  private boolean isData() {
    return opcode == PekkoFrames.TEXT || opcode == PekkoFrames.BINARY || opcode == PekkoFrames.CONTINUATION;
  }

  private boolean fail(int code, String reason) {
    failed = true;
    events.violation(code, reason);
    return false;
  }

  private static boolean isUtf8(byte[] bytes, int length) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
