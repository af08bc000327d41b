package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.loadtest.suite.RawWebSocket;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/** A full node refuses a new player at once and says why; a seat freed is a seat taken. */
class ServerFullIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create().withConfig("rumble.session.max-connections", 2);

  @Test
  void theConnectionOverTheLimitIsToldTheServerIsFullAndTheNextFreeSeatIsTaken() throws Exception {
    double refusedBefore = Scrape.of(server.port()).value("rumble_rejected_inputs_total", "reason", "server_full");
    try (TestClient first = TestClient.connect(server.port()); TestClient second = TestClient.connect(server.port())) {
      try (RawWebSocket third = RawWebSocket.connect(server.port(), 0)) {
        Packet bye = third.readPacket();
        assertEquals(MsgCase.DISCONNECT, bye.getMsgCase());
        assertEquals("Server full: try again later", bye.getDisconnect().getReason());
        RawWebSocket.Close close = third.awaitClose();
        assertEquals(1013, close.code(), "RFC 6455: try again later");
        assertEquals("Server full: try again later", close.reason());
      }
      assertEquals(refusedBefore + 1,
          Scrape.of(server.port()).value("rumble_rejected_inputs_total", "reason", "server_full"));
      second.close();
      // The seat frees as the server notices the close: the next client in gets its Id.
      long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
      Packet greeting = null;
      while (greeting == null || greeting.getMsgCase() != MsgCase.ID) {
        try (RawWebSocket next = RawWebSocket.connect(server.port(), 0)) {
          greeting = next.readPacket();
        }
        if (System.nanoTime() > deadline) {
          break;
        }
      }
      assertEquals(MsgCase.ID, greeting.getMsgCase(), "a freed seat lets the next player in");
    }
  }
}
