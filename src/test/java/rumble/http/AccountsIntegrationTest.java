package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rumble.protocol.Packet.MsgCase;

class AccountsIntegrationTest {

  @TempDir static Path dataDir;
  static GameServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @Test
  void eachConnectionGetsItsOwnIdFirst() throws Exception {
    try (TestClient first = TestClient.connect(server.port());
        TestClient second = TestClient.connect(server.port())) {
      assertTrue(first.id > 0);
      assertTrue(second.id != first.id);
    }
  }

  @Test
  void registeredPlayerLogsInWithAnyLetterCase() throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      client.register("Alice", "correct horse", 0xFF0000FF);
      client.expect(MsgCase.OK_RESPONSE);
      client.login("ALICE", "correct horse");
      client.expect(MsgCase.OK_RESPONSE);
    }
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      client.register("bob", "correct horse", 1);
      client.expect(MsgCase.OK_RESPONSE);
      client.login("bob", "wrong horse");
      assertEquals("Incorrect username or password", client.expectDeny());
      client.login("nobody", "correct horse");
      assertEquals("Incorrect username or password", client.expectDeny());
    }
  }
}
