package rumble.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.loadtest.suite.RawWebSocket;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.SearchHiscoreMessage;

/**
 * The server's side of RFC 6455 as any WebSocket client sees it on the wire: pings answered, quiet
 * connections pinged, fragmented messages read whole, and the close handshake.
 */
class WebSocketProtocolIntegrationTest {

  private static final int PING = 0x9;
  private static final int PONG = 0xA;

  @RegisterExtension
  static final TestServer server = TestServer.create().withConfig("rumble.session.ping-interval", "1s");

  private static RawWebSocket connected() throws IOException {
    RawWebSocket ws = RawWebSocket.connect(server.port(), 0);
    ws.socket.setSoTimeout(10_000);
    assertEquals(MsgCase.ID, ws.readPacket().getMsgCase());
    return ws;
  }

  @Test
  void aPingIsAnsweredWithAPongCarryingTheSamePayload() throws Exception {
    try (RawWebSocket ws = connected()) {
      byte[] payload = "are you there".getBytes(StandardCharsets.UTF_8);
      ws.sendFrame(PING, payload);
      RawWebSocket.Frame answer = nextNonPing(ws);
      assertEquals(PONG, answer.opcode());
      assertArrayEquals(payload, answer.payload());
    }
  }

  @Test
  void aQuietConnectionIsPingedSoProxiesKeepItAndADeadPeerShows() throws Exception {
    try (RawWebSocket ws = connected()) {
      long start = System.nanoTime();
      RawWebSocket.Frame frame = ws.read();
      assertEquals(PING, frame.opcode(), "the first frame after the Id of a silent client");
      long waitedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(waitedMs >= 500 && waitedMs < 5_000, "pinged after about the 1 s interval: " + waitedMs);
    }
  }

  @Test
  void aMessageInFragmentsWithAPingBetweenIsReadAsOnePacket() throws Exception {
    try (RawWebSocket ws = connected()) {
      byte[] packet = Packet.newBuilder().setSearchHiscore(SearchHiscoreMessage.newBuilder().setName("anyone"))
          .build().toByteArray();
      int half = packet.length / 2;
      ws.sendFrame(0x02, true, Arrays.copyOfRange(packet, 0, half)); // binary, FIN clear
      ws.sendFrame(PING, new byte[] {7});
      ws.sendFrame(0x80, true, Arrays.copyOfRange(packet, half, packet.length)); // continuation, FIN
      assertEquals(PONG, nextNonPing(ws).opcode(), "control frames may come between fragments");
      Packet answer = ws.readPacket();
      assertEquals(MsgCase.DENY_RESPONSE, answer.getMsgCase());
      assertEquals("search hiscore is not allowed while connected", answer.getDenyResponse().getReason());
    }
  }

  @Test
  void aClientsCloseIsAnsweredWithTheSameCodeAndTheConnectionEnds() throws Exception {
    try (RawWebSocket ws = connected()) {
      byte[] body = {0x03, (byte) 0xE8, 'b', 'y', 'e'}; // 1000 "bye"
      ws.sendFrame(0x88, true, body);
      RawWebSocket.Close close = ws.awaitClose();
      assertEquals(1000, close.code());
      assertThrows(IOException.class, () -> {
        RawWebSocket.Frame more = ws.read();
        throw new AssertionError("the server kept talking after the close: opcode " + more.opcode());
      }, "the server hung up after answering");
    }
  }

  /** The next frame that is not one of the server's keep-alive pings. */
  private static RawWebSocket.Frame nextNonPing(RawWebSocket ws) throws IOException {
    RawWebSocket.Frame frame;
    do {
      frame = ws.read();
    } while (frame.opcode() == PING);
    return frame;
  }
}
