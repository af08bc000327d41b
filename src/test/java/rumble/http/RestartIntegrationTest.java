package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rumble.protocol.Packet.MsgCase;

/** Accounts live in the SQLite file, not in the process: a restarted server still knows them. */
class RestartIntegrationTest {

  @TempDir Path dataDir;

  @Test
  void accountsSurviveARestartOnTheSameDataDirectory() throws Exception {
    String name = Names.fresh("Survivor");
    GameServer first = TestServer.start(dataDir);
    try (TestClient client = TestClient.connect(first.port())) {
      client.register(name, "correct horse", 0x336699FF);
      client.expect(MsgCase.OK_RESPONSE);
    } finally {
      first.stop();
    }

    GameServer second = TestServer.start(dataDir);
    try (TestClient client = TestClient.connect(second.port())) {
      client.login(name, "wrong horse");
      assertEquals("Incorrect username or password", client.expectDeny());
      client.login(name.toUpperCase(), "correct horse");
      client.expect(MsgCase.OK_RESPONSE);
    } finally {
      second.stop();
    }
  }

  @Test
  void takenNameStaysTakenAfterARestart() throws Exception {
    String name = Names.fresh("Taken");
    GameServer first = TestServer.start(dataDir);
    try (TestClient client = TestClient.connect(first.port())) {
      client.register(name, "correct horse", 1);
      client.expect(MsgCase.OK_RESPONSE);
    } finally {
      first.stop();
    }

    GameServer second = TestServer.start(dataDir);
    try (TestClient client = TestClient.connect(second.port())) {
      client.register(name.toLowerCase(), "other password", 2);
      assertEquals("User already exists", client.expectDeny());
    } finally {
      second.stop();
    }
  }
}
