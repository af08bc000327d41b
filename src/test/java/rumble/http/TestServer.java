package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import java.util.function.LongPredicate;
import rumble.persistence.Database;

/**
 * Starts a real server on a free loopback port with its SQLite file in {@code dataDir}, and looks at
 * it from outside the way an operator would: {@code /metrics} over HTTP and the database file with
 * plain JDBC.
 */
final class TestServer {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration POLL = Duration.ofMillis(100);

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

  // --- /metrics ---

  /** The Prometheus text the server publishes on {@code GET /metrics}. */
  static String scrape(GameServer server) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), "GET /metrics");
    return response.body();
  }

  /**
   * The value of the sample {@code name} whose labels include every {@code key=value} pair in
   * {@code labels} ({@code "reason", "client_claim_ignored"}), if the scrape has one.
   */
  static OptionalDouble metric(String scrape, String name, String... labels) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      String labelText = "";
      if (rest.startsWith("{")) {
        int end = rest.indexOf('}');
        labelText = rest.substring(1, end);
        rest = rest.substring(end + 1);
      } else if (!rest.startsWith(" ")) {
        continue; // a longer name that merely starts with this one
      }
      if (hasLabels(labelText, labels)) {
        return OptionalDouble.of(Double.parseDouble(rest.trim().split("\\s+")[0]));
      }
    }
    return OptionalDouble.empty();
  }

  private static boolean hasLabels(String labelText, String... labels) {
    for (int i = 0; i < labels.length; i += 2) {
      if (!labelText.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
        return false;
      }
    }
    return true;
  }

  /** The sample's value, or {@code absent} when the scrape has no such sample. */
  static double metricOr(double absent, String scrape, String name, String... labels) {
    return metric(scrape, name, labels).orElse(absent);
  }

  /** Scrapes until the sample exists and satisfies {@code condition}; returns the scrape that did. */
  static String awaitMetric(GameServer server, String what, DoublePredicate condition, String name,
      String... labels) throws Exception {
    long deadline = System.nanoTime() + GameClient.PATIENCE.toNanos();
    while (true) {
      String scrape = scrape(server);
      OptionalDouble value = metric(scrape, name, labels);
      if (value.isPresent() && condition.test(value.getAsDouble())) {
        return scrape;
      }
      if (System.nanoTime() > deadline) {
        fail(what + ": " + name + " " + String.join(",", labels) + " is " + value + " after "
            + GameClient.PATIENCE);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Scrapes until no sample {@code name} with these labels is published any more. */
  static void awaitMetricGone(GameServer server, String what, String name, String... labels) throws Exception {
    long deadline = System.nanoTime() + GameClient.PATIENCE.toNanos();
    while (metric(scrape(server), name, labels).isPresent()) {
      if (System.nanoTime() > deadline) {
        fail(what + ": " + name + " " + String.join(",", labels) + " still published after " + GameClient.PATIENCE);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  // --- the database file ---

  /** The number in the first row a query returns (-1 if none), read with plain JDBC from {@code dataDir/rumble.db}. */
  static long queryLong(Path dataDir, String sql, Object... parameters) throws Exception {
    try (Connection connection = DriverManager.getConnection(
            "jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : -1;
      }
    }
  }

  /** Queries until the number satisfies {@code condition} (writes behind take a moment); returns it. */
  static long awaitQuery(Path dataDir, String what, LongPredicate condition, String sql, Object... parameters)
      throws Exception {
    long deadline = System.nanoTime() + GameClient.PATIENCE.toNanos();
    while (true) {
      long value = queryLong(dataDir, sql, parameters);
      if (condition.test(value)) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        fail(what + ": the query gives " + value + " after " + GameClient.PATIENCE + ": " + sql);
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
