package rumble.http.socket;

import java.nio.charset.StandardCharsets;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.http.impl.engine.ws.FrameHeader;
import org.apache.pekko.http.impl.engine.ws.FrameStart;
import org.apache.pekko.http.impl.engine.ws.Protocol;
import org.apache.pekko.http.impl.engine.ws.UpgradeToWebSocketLowLevel;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Graph;
import org.apache.pekko.util.ByteString;
import scala.Option;

/**
 * The one place that touches pekko-http's internal WebSocket frame API ({@code handleFrames} and its
 * Scala frame model). We use it because the public message API builds every inbound frame into a
 * sub-stream and hands each message across several stream boundaries: at 400 players that was a
 * quarter of the server's CPU. Below the frame API pekko-http still parses and renders frames; the
 * rest of RFC 6455 (unmasking, assembly, control frames, the close handshake) is ours
 * ({@link FrameReader}, {@link SocketStage}). The architecture test keeps this API inside this package.
 */
final class PekkoFrames {

  static final byte CONTINUATION = 0x0;
  static final byte TEXT = 0x1;
  static final byte BINARY = 0x2;
  static final byte CLOSE = 0x8;
  static final byte PING = 0x9;
  static final byte PONG = 0xA;

  private static final Protocol.Opcode BINARY_OPCODE = Protocol.Opcode$.MODULE$.forCode(BINARY);
  private static final Protocol.Opcode CLOSE_OPCODE = Protocol.Opcode$.MODULE$.forCode(CLOSE);
  private static final Protocol.Opcode PING_OPCODE = Protocol.Opcode$.MODULE$.forCode(PING);
  private static final Protocol.Opcode PONG_OPCODE = Protocol.Opcode$.MODULE$.forCode(PONG);
  private static final Option<Object> UNMASKED = Option.empty();
  private static final FrameStart EMPTY_PING = frame(PING_OPCODE, ByteString.emptyByteString());

  private PekkoFrames() {}

  /** The 101 response that hands the connection's frames to {@code handler}. */
  @SuppressWarnings("unchecked")
  static HttpResponse accept(WebSocketUpgrade upgrade, Graph<FlowShape<FrameEvent, FrameEvent>, ?> handler) {
    return ((UpgradeToWebSocketLowLevel) upgrade).handleFrames(
        (Graph<FlowShape<FrameEvent, FrameEvent>, Object>) handler, Option.empty());
  }

  static FrameStart binary(ByteString payload) {
    return frame(BINARY_OPCODE, payload);
  }

  static FrameStart ping() {
    return EMPTY_PING;
  }

  static FrameStart pong(ByteString payload) {
    return frame(PONG_OPCODE, payload);
  }

  /** A close frame; {@code code} 0 sends an empty body (the answer to a close that had none). */
  static FrameStart close(int code, String reason) {
    if (code == 0) {
      return frame(CLOSE_OPCODE, ByteString.emptyByteString());
    }
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[2 + Math.min(text.length, 123)]; // a control frame carries at most 125 bytes
    body[0] = (byte) (code >> 8);
    body[1] = (byte) code;
    System.arraycopy(text, 0, body, 2, body.length - 2);
    return frame(CLOSE_OPCODE, ByteString.fromArrayUnsafe(body));
  }

  private static FrameStart frame(Protocol.Opcode opcode, ByteString payload) {
    return new FrameStart(new FrameHeader(opcode, UNMASKED, payload.size(), true, false, false, false), payload);
  }

  // --- reading a parsed frame ---

  static boolean isStart(FrameEvent event) {
    return event instanceof FrameStart;
  }

  static FrameHeader header(FrameEvent start) {
    return ((FrameStart) start).header();
  }

  static int opcode(FrameHeader header) {
    return header.opcode().code();
  }

  static boolean reservedBitsSet(FrameHeader header) {
    return header.rsv1() || header.rsv2() || header.rsv3();
  }

  static boolean masked(FrameHeader header) {
    return header.mask().isDefined();
  }

  static int mask(FrameHeader header) {
    return (Integer) header.mask().get();
  }
}
