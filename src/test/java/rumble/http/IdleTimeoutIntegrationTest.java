package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/** A client that sends nothing for the idle timeout is told so and closed; a talking one is not. */
class IdleTimeoutIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.session.idle-timeout", "2s");

  @Test
  void silentClientIsDisconnectedWhileATalkingOneStays() throws Exception {
    try (TestClient silent = TestClient.connect(server.port());
        TestClient talking = TestClient.connect(server.port())) {
      Packet bye = null;
      long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
      // The talking client sends something every 200 ms, far more often than the 2 s timeout.
      while (bye == null && System.nanoTime() < deadline) {
        talking.searchHiscore("anyone");
        assertEquals("search hiscore is not allowed while connected", talking.expectDeny());
        bye = silent.poll(Duration.ofMillis(200));
      }
      assertEquals(MsgCase.DISCONNECT, bye == null ? null : bye.getMsgCase(), "silent client was told");
      assertEquals("Idle for too long", bye.getDisconnect().getReason());
      assertEquals(silent.id, bye.getSenderId());
      silent.closed().get(TestClient.WAIT.toSeconds(), TimeUnit.SECONDS);

      assertFalse(talking.closed().isDone(), "the talking client is still connected");
      talking.requestHiscores();
      talking.expectBoard();
    }
  }

  @Test
  void silenceCountsInGameToo() throws Exception {
    try (TestClient player = TestClient.connect(server.port())) {
      player.registerAndLogin(Names.fresh("Sleepy"), "correct horse");
      Packet bye = player.expect(MsgCase.DISCONNECT);
      assertEquals("Idle for too long", bye.getDisconnect().getReason());
      player.closed().get(TestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
