package rumble.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts a real server on a free loopback port with its SQLite file in {@code dataDir}. */
final class TestServer {

  private TestServer() {}

  static Config config(Path dataDir, Map<String, Object> overrides) {
    Map<String, Object> settings = new HashMap<>(overrides);
    settings.put("rumble.data-path", dataDir.toString());
    return ConfigFactory.parseMap(settings)
        .withFallback(ConfigFactory.parseResources("application-test.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
  }

  static GameServer start(Path dataDir) throws Exception {
    return start(dataDir, Map.of());
  }

  static GameServer start(Path dataDir, Map<String, Object> overrides) throws Exception {
    return GameServer.start(config(dataDir, overrides));
  }
}
