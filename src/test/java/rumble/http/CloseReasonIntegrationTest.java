package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.loadtest.suite.RawWebSocket;
import rumble.protocol.KeyframeRequestMessage;
import rumble.protocol.LoginRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.RegisterRequestMessage;

/**
 * A player far behind on reading is closed (here: its account logs in elsewhere) and still learns
 * why: the reason overtakes its backlog instead of being dropped with it.
 */
class CloseReasonIntegrationTest {

  private static final String PASSWORD = "correct horse";

  @RegisterExtension
  static final TestServer server = TestServer.create()
      // A small world full of spores makes every keyframe kilobytes; small buffers fill fast.
      .withConfig("pekko.http.server.socket-options.so-send-buffer-size", 8192)
      .withConfig("rumble.session.outbound.socket-buffer", 8)
      .withConfig("rumble.game.world.half-size", 400)
      .withConfig("rumble.game.spores.target", 1000);

  @Test
  void aPlayerFarBehindHearsWhyItIsClosed() throws Exception {
    String name = Names.fresh("Behind");
    try (RawWebSocket behind = RawWebSocket.connect(server.port(), 4096)) {
      assertEquals(MsgCase.ID, behind.readPacket().getMsgCase());
      behind.send(Packet.newBuilder().setRegisterRequest(RegisterRequestMessage.newBuilder()
          .setUsername(name).setPassword(PASSWORD).setColor(0xFF0000FF)).build());
      assertEquals(MsgCase.OK_RESPONSE, behind.readPacket().getMsgCase());
      behind.send(Packet.newBuilder().setLoginRequest(LoginRequestMessage.newBuilder()
          .setUsername(name).setPassword(PASSWORD)).build());
      assertEquals(MsgCase.OK_RESPONSE, behind.readPacket().getMsgCase());
      // A keyframe every tick for two seconds, none of it read: every buffer fills, a backlog waits.
      Packet keyframe = Packet.newBuilder().setKeyframeRequest(KeyframeRequestMessage.getDefaultInstance()).build();
      for (int i = 0; i < 40; i++) {
        behind.send(keyframe);
        Thread.sleep(50);
      }
      try (TestClient elsewhere = TestClient.connect(server.port())) {
        elsewhere.login(name, PASSWORD);
        elsewhere.expect(MsgCase.OK_RESPONSE);
        Thread.sleep(500); // the old connection is closed meanwhile
      }
      int before = 0;
      long bytes = 0;
      Packet bye = null;
      Packet packet;
      while ((packet = behind.readPacket()) != null) {
        if (packet.getMsgCase() == MsgCase.DISCONNECT) {
          bye = packet;
          break;
        }
        before++;
        bytes += packet.getSerializedSize();
      }
      System.out.printf("player behind: %d frames (%,d bytes) read before the reason%n", before, bytes);
      assertTrue(bye != null, "the reason arrived (after " + before + " older frames)");
      assertEquals("Logged in from another connection", bye.getDisconnect().getReason());
    }
  }
}
