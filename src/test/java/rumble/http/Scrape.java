package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.OptionalDouble;
import rumble.loadtest.MetricsText;

/**
 * One scrape of the Prometheus text a server publishes on {@code GET /metrics}, parsed by the load
 * tester's {@link MetricsText}: the tests' one way to read metrics. Labels are given as name, value
 * pairs ({@code "reason", "rate_limited"}); a sample matches when it has every one of them.
 */
public final class Scrape {

  private final String text;
  private final MetricsText parsed;

  private Scrape(String text) {
    this.text = text;
    this.parsed = MetricsText.parse(text);
  }

  /** {@code GET /metrics} of the server on this loopback port, which must answer 200. */
  public static Scrape of(int port) throws Exception {
    HttpResponse<String> response = Http.get(port, "/metrics");
    assertEquals(200, response.statusCode(), "GET /metrics");
    return new Scrape(response.body());
  }

  /** A scrape already in hand ({@code ServerMetrics.scrape()} in a unit test). */
  public static Scrape parse(String text) {
    return new Scrape(text);
  }

  /** The value of the first sample {@code name} with these labels, if the scrape has one. */
  public OptionalDouble metric(String name, String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name, value pairs");
    }
    for (MetricsText.Sample sample : parsed.samples()) {
      if (sample.name().equals(name) && hasLabels(sample, labels)) {
        return OptionalDouble.of(sample.value());
      }
    }
    return OptionalDouble.empty();
  }

  private static boolean hasLabels(MetricsText.Sample sample, String[] labels) {
    for (int i = 0; i < labels.length; i += 2) {
      if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
        return false;
      }
    }
    return true;
  }

  /** The sample's value, or 0 when there is none (as Prometheus treats a counter never created). */
  public double value(String name, String... labels) {
    return metric(name, labels).orElse(0);
  }

  /** The text as the server wrote it. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
