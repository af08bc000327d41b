package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.Packet.MsgCase;

/** Accounts live in the SQLite file, not in the process: a restarted server still knows them. */
class RestartIntegrationTest {

  @RegisterExtension
  final TestServer server = TestServer.create().startedByTest();

  @Test
  void accountsSurviveARestartOnTheSameDataDirectory() throws Exception {
    String name = Names.fresh("Survivor");
    server.start();
    try (TestClient client = TestClient.connect(server.port())) {
      client.register(name, "correct horse", 0x336699FF);
      client.expect(MsgCase.OK_RESPONSE);
    }
    server.stop();

    server.start();
    try (TestClient client = TestClient.connect(server.port())) {
      client.login(name, "wrong horse");
      assertEquals("Incorrect username or password", client.expectDeny());
      client.login(name.toUpperCase(), "correct horse");
      client.expect(MsgCase.OK_RESPONSE);
    }
  }

  @Test
  void takenNameStaysTakenAfterARestart() throws Exception {
    String name = Names.fresh("Taken");
    server.start();
    try (TestClient client = TestClient.connect(server.port())) {
      client.register(name, "correct horse", 1);
      client.expect(MsgCase.OK_RESPONSE);
    }
    server.stop();

    server.start();
    try (TestClient client = TestClient.connect(server.port())) {
      client.register(name.toLowerCase(), "other password", 2);
      assertEquals("User already exists", client.expectDeny());
    }
  }
}
