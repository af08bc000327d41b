package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.EOFException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.loadtest.suite.RawWebSocket;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.KeyframeRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * A client that goes quiet with a backlog is closed within its deadline and hears why first.
 * (Clients dribbling their request head: HttpAbuseSuiteTest; clients that never read:
 * SlowReaderSuiteTest.)
 */
class SlowClientsIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.session.outbound.stall-timeout", "3s")
      .withConfig("rumble.session.idle-timeout", "3s")
      .withConfig("pekko.http.server.linger-timeout", "2s")
      // Small socket buffers, a small world full of spores: a keyframe is kilobytes, so a client
      // that doesn't read fills every buffer on the way within a second or two.
      .withConfig("pekko.http.server.socket-options.so-send-buffer-size", 8192)
      .withConfig("rumble.session.outbound.socket-buffer", 8)
      .withConfig("rumble.game.world.half-size", 400)
      .withConfig("rumble.game.spores.target", 1000);

  private static RawWebSocket guestInGame(int receiveBuffer) throws Exception {
    RawWebSocket ws = RawWebSocket.connect(server.port(), receiveBuffer);
    assertEquals(MsgCase.ID, ws.readPacket().getMsgCase());
    ws.send(Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
        .setNickname(Names.fresh("Slow")).setColor(0xFF0000FF)).build());
    assertEquals(MsgCase.OK_RESPONSE, ws.readPacket().getMsgCase());
    return ws;
  }

  private static final Packet KEYFRAME_REQUEST =
      Packet.newBuilder().setKeyframeRequest(KeyframeRequestMessage.getDefaultInstance()).build();

  @Test
  void anIdleClientWithABacklogHearsWhyFirstAndIsClosedPromptly() throws Exception {
    try (RawWebSocket ws = guestInGame(4096)) {
      // Ask for a few big keyframes, then neither read nor send: the backlog builds, the idle
      // timeout (3 s) closes the session.
      for (int i = 0; i < 20; i++) {
        ws.send(KEYFRAME_REQUEST);
      }
      Thread.sleep(6_000);
      long start = System.nanoTime();
      int before = 0;
      Packet bye = null;
      Packet packet;
      while ((packet = ws.readPacket()) != null) {
        if (packet.getMsgCase() == MsgCase.DISCONNECT) {
          bye = packet;
          break;
        }
        before++;
      }
      assertTrue(bye != null, "the close reason arrived (after " + before + " older frames)");
      assertEquals("Idle for too long", bye.getDisconnect().getReason());
      try {
        assertEquals(null, ws.readPacket(), "a close frame follows the reason");
        ws.read();
        fail("the connection should be closed after the close frame");
      } catch (EOFException | SocketException closed) {
        // the server closed the TCP connection
      }
      double closedAfter = (System.nanoTime() - start) / 1e9;
      System.out.printf("idle client: %d frames read before the reason, closed %.2f s after it began reading%n",
          before, closedAfter);
      assertTrue(closedAfter < 5, "closed " + closedAfter + " s after the client began reading");
    }
  }
}
