package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/** A graceful stop tells every connected client why before closing its socket. */
class ShutdownIntegrationTest {

  @RegisterExtension
  final TestServer server = TestServer.create();

  @Test
  void everyClientIsToldTheServerIsShuttingDownThenClosed() throws Exception {
    int port = server.port();
    try (TestClient waiting = TestClient.connect(port); TestClient playing = TestClient.connect(port);
        TestClient browsing = TestClient.connect(port)) {
      playing.registerAndLogin(Names.fresh("Playing"), "correct horse");
      browsing.requestHiscores();
      browsing.expectBoard();

      server.stop();

      for (TestClient client : new TestClient[] {waiting, playing, browsing}) {
        // The listener sees messages in order: the Disconnect was queued before the close arrived.
        client.closed().get(TestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
        Packet bye = client.expect(MsgCase.DISCONNECT);
        assertEquals("Server shutting down", bye.getDisconnect().getReason());
        assertEquals(client.id, bye.getSenderId());
        assertNull(client.poll(Duration.ZERO), "nothing after the Disconnect");
      }
    }
    assertThrows(Exception.class, () -> TestClient.connect(port), "no new connections after the stop");
  }
}
