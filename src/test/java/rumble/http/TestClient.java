package rumble.http;

import java.net.URI;
import java.util.Map;
import rumble.loadtest.suite.ProtocolClient;

/** The suites' protocol client, connected to an in-process test server on 127.0.0.1. */
final class TestClient extends ProtocolClient {

  private TestClient(int port, Map<String, String> headers) throws Exception {
    super(URI.create("ws://127.0.0.1:" + port + "/ws"), headers);
  }

  static TestClient connect(int port) throws Exception {
    return new TestClient(port, Map.of());
  }

  /** Connects sending extra HTTP headers with the upgrade request. */
  static TestClient connect(int port, Map<String, String> headers) throws Exception {
    return new TestClient(port, headers);
  }
}
