package rumble.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls against a test server (health checks, pages; {@link Scrape} reads /metrics). */
final class Http {

  private static final HttpClient client = HttpClient.newBuilder().connectTimeout(TestClient.WAIT).build();

  private Http() {}

  static HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(TestClient.WAIT).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
