package rumble.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls against a test server: health checks and the Prometheus metrics page. */
final class Http {

  private static final HttpClient client = HttpClient.newBuilder().connectTimeout(TestClient.WAIT).build();

  private Http() {}

  static HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(TestClient.WAIT).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static String metrics(int port) throws Exception {
    HttpResponse<String> response = get(port, "/metrics");
    if (response.statusCode() != 200) {
      throw new AssertionError("/metrics answered " + response.statusCode());
    }
    return response.body();
  }

  /**
   * The value of the first sample called {@code name} whose labels contain every one of
   * {@code labels} (each written as {@code key="value"}); 0 when there is none, as Prometheus
   * treats a counter that was never created.
   */
  static double sample(String scrape, String name, String... labels) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String key = line.substring(0, space);
      int brace = key.indexOf('{');
      String metric = brace < 0 ? key : key.substring(0, brace);
      if (!metric.equals(name)) {
        continue;
      }
      boolean all = true;
      for (String label : labels) {
        all &= key.contains(label);
      }
      if (all) {
        return Double.parseDouble(line.substring(space + 1));
      }
    }
    return 0;
  }

  /** A condition on the metrics page. */
  interface ScrapeCondition {
    boolean test(String scrape);
  }

  /**
   * Polls the metrics page until {@code condition} holds (metrics trail the replies clients see),
   * failing with {@code what} after the usual 10 s; returns the scrape that satisfied it.
   */
  static String eventuallyMetrics(int port, String what, ScrapeCondition condition) throws Exception {
    long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
    while (true) {
      String scrape = metrics(port);
      if (condition.test(scrape)) {
        return scrape;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what + "; last scrape:\n" + scrape);
      }
      Thread.sleep(100);
    }
  }
}
