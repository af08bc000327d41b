package rumble.http;

import java.nio.file.Path;
import java.util.Map;
import rumble.protocol.Packet;

/** Public access to {@link TestServer} for tests outside this package (the load tester's smoke test). */
public final class TestServers {

  private TestServers() {}

  /** A real server on a free loopback port, configured like every other integration test's. */
  public static GameServer start(Path dataDir, Map<String, Object> overrides) throws Exception {
    return TestServer.start(dataDir, overrides);
  }

  /** Registers each name over a real WebSocket, one request at a time (as the server wants). */
  public static void registerAccounts(GameServer server, String password, String... usernames) throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      for (String username : usernames) {
        client.register(username, password, -1);
        client.expect(Packet.MsgCase.OK_RESPONSE);
      }
    }
  }

}
