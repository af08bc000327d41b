package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/** The Id message: sent on connect and on every return to the Connected state, as the original did. */
class ConnectionIdIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create();

  @Test
  void everyConnectionFirstGetsItsOwnIdWhichIsNeverReused() throws Exception {
    long firstId;
    try (TestClient first = TestClient.connect(server.port())) {
      firstId = first.id;
      assertTrue(firstId > 0, "ids start at 1; 0 means the server itself");
    }
    try (TestClient second = TestClient.connect(server.port());
        TestClient third = TestClient.connect(server.port())) {
      assertNotEquals(firstId, second.id);
      assertNotEquals(firstId, third.id);
      assertNotEquals(second.id, third.id);
    }
  }

  @Test
  void idPacketCarriesTheClientsOwnIdAsSender() throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      String name = Names.fresh("Sender");
      client.register(name, "correct horse", 1);
      assertEquals(client.id, client.expect(MsgCase.OK_RESPONSE).getSenderId());
    }
  }

  @Test
  void loggingOutSendsTheSameIdAgain() throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      client.registerAndLogin(Names.fresh("Leaver"), "correct horse");
      client.logout();
      Packet id = client.expect(MsgCase.ID);
      assertEquals(client.id, id.getId().getId());
      assertEquals(client.id, id.getSenderId());
      // Back in Connected: chat is refused, logging in is possible again.
      client.chat("still here?");
      assertEquals("chat is not allowed while connected", client.expectDeny());
    }
  }

  @Test
  void leavingTheHiscoreBoardSendsTheSameIdAgain() throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      client.requestHiscores();
      client.expectBoard();
      client.finishBrowsing();
      Packet id = client.expect(MsgCase.ID);
      assertEquals(client.id, id.getId().getId());
      String name = Names.fresh("Browser");
      client.registerAndLogin(name, "correct horse");
    }
  }
}
