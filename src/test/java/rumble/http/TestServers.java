package rumble.http;

import java.nio.file.Path;
import java.util.Map;

/** Public access to {@link TestServer} for tests outside this package (the load tester's smoke test). */
public final class TestServers {

  private TestServers() {}

  /** A real server on a free loopback port, configured like every other integration test's. */
  public static GameServer start(Path dataDir, Map<String, Object> overrides) throws Exception {
    return TestServer.start(dataDir, overrides);
  }
}
