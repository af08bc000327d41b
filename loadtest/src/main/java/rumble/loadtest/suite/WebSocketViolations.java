package rumble.loadtest.suite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import rumble.protocol.KeyframeRequestMessage;
import rumble.protocol.Packet;

/**
 * Frames that break RFC 6455 itself, each sent on a fresh upgraded connection. The server must
 * fail the connection with the close code the RFC asks for: 1002 (protocol error) for a broken
 * frame, 1007 for text that is not UTF-8.
 */
final class WebSocketViolations {

  /** A violation: what it is, the code expected back, and how to commit it on a connection. */
  record Violation(String name, int expectedCode, Attack attack) {}

  @FunctionalInterface
  interface Attack {
    void commit(RawWebSocket ws) throws IOException;
  }

  private static final byte[] PACKET =
      Packet.newBuilder().setKeyframeRequest(KeyframeRequestMessage.getDefaultInstance()).build().toByteArray();

  static final List<Violation> ALL = List.of(
      new Violation("unmasked client frame", 1002, ws -> ws.sendFrame(0x82, false, PACKET)),
      new Violation("reserved bit RSV1 set", 1002, ws -> ws.sendFrame(0x80 | 0x40 | 2, true, PACKET)),
      new Violation("reserved bits RSV2+RSV3 set", 1002, ws -> ws.sendFrame(0x80 | 0x30 | 2, true, PACKET)),
      new Violation("unknown data opcode 3", 1002, ws -> ws.sendFrame(0x83, true, PACKET)),
      new Violation("unknown control opcode 11", 1002, ws -> ws.sendFrame(0x8B, true, new byte[0])),
      new Violation("fragmented ping (FIN clear)", 1002, ws -> ws.sendFrame(0x09, true, new byte[] {1, 2})),
      new Violation("ping of 126 bytes", 1002, ws -> ws.sendFrame(0x89, true, new byte[126])),
      new Violation("close of 200 bytes", 1002, ws -> ws.sendFrame(0x88, true, closePayload(1000, 198))),
      new Violation("continuation without a start", 1002, ws -> ws.sendFrame(0x80, true, PACKET)),
      new Violation("new message inside a fragmented one", 1002, ws -> {
        ws.sendFrame(0x02, true, new byte[] {8});
        ws.sendFrame(0x82, true, PACKET);
      }),
      new Violation("length field 2^63", 1002, ws -> ws.sendRaw(new byte[] {(byte) 0x82, (byte) (0x80 | 127),
          (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4})),
      new Violation("close code 999", 1002, ws -> ws.sendFrame(0x88, true, closePayload(999, 0))),
      new Violation("close code 1005 (reserved)", 1002, ws -> ws.sendFrame(0x88, true, closePayload(1005, 0))),
      new Violation("close code 5000", 1002, ws -> ws.sendFrame(0x88, true, closePayload(5000, 0))),
      new Violation("close with a 1-byte payload", 1002, ws -> ws.sendFrame(0x88, true, new byte[] {3})),
      new Violation("text frame not UTF-8", 1007, ws -> ws.sendFrame(0x81, true, new byte[] {'a', (byte) 0xC3, 0x28})));

  private WebSocketViolations() {}

  /** A close payload: the code, then {@code reasonBytes} of 'x'. */
  private static byte[] closePayload(int code, int reasonBytes) {
    ByteBuffer payload = ByteBuffer.allocate(2 + reasonBytes);
    payload.putShort((short) code);
    while (payload.hasRemaining()) {
      payload.put((byte) 'x');
    }
    return payload.array();
  }
}
