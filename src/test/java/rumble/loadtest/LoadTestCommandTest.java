package rumble.loadtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class LoadTestCommandTest {

  @Test
  void defaults() {
    LoadTestOptions options = LoadTestCommand.parse();
    assertEquals(URI.create("ws://127.0.0.1:8080/ws"), options.url());
    assertEquals(URI.create("http://127.0.0.1:8080/metrics"), options.metricsUrl());
    assertEquals(100, options.players());
    assertEquals(Duration.ofSeconds(60), options.duration());
    assertEquals(100.0, options.rampPerSecond());
    assertEquals(Duration.ZERO, options.warmup());
    assertEquals(LoadTestOptions.Mode.PLAY, options.mode());
    assertEquals(LoadTestOptions.Accounts.GUEST, options.accounts());
    assertEquals(Duration.ofSeconds(20), options.chatEvery());
    assertFalse(options.quiet());
    assertFalse(options.failOnErrors());
    assertNull(options.json());
  }

  @Test
  void theIssueExample() {
    LoadTestOptions options = LoadTestCommand.parse("--players", "1000", "--duration", "60s", "--ramp", "200/s",
        "--url", "ws://127.0.0.1:9000/ws", "--mode", "idle", "--accounts", "registered", "--chat-every", "0",
        "--json", "out/r.json", "--seed", "7", "--warmup", "10s", "--think", "250ms", "--input-hz", "25", "--quiet", "--fail-on-errors");
    assertEquals(1000, options.players());
    assertEquals(Duration.ofSeconds(60), options.duration());
    assertEquals(200.0, options.rampPerSecond());
    assertEquals(URI.create("http://127.0.0.1:9000/metrics"), options.metricsUrl());
    assertEquals(LoadTestOptions.Mode.IDLE, options.mode());
    assertEquals(LoadTestOptions.Accounts.REGISTERED, options.accounts());
    assertEquals(Duration.ZERO, options.chatEvery());
    assertEquals(Path.of("out/r.json"), options.json());
    assertEquals(7L, options.seed());
    assertEquals(Duration.ofSeconds(10), options.warmup());
    assertEquals(Duration.ofMillis(250), options.think());
    assertEquals(25.0, options.inputHz());
    assertTrue(options.quiet());
    assertTrue(options.failOnErrors());
    assertEquals(Duration.ofSeconds(5), options.rampTime());
  }

  @Test
  void durationsAndRates() {
    LoadTestCommand.DurationConverter durations = new LoadTestCommand.DurationConverter();
    assertEquals(Duration.ofSeconds(90), durations.convert("1m30s"));
    assertEquals(Duration.ofMillis(500), durations.convert("500ms"));
    assertEquals(Duration.ofHours(1), durations.convert("1h"));
    assertEquals(Duration.ofSeconds(45), durations.convert("45"));
    assertEquals(Duration.ofMillis(1500), durations.convert("1.5s"));
    LoadTestCommand.RateConverter rates = new LoadTestCommand.RateConverter();
    assertEquals(200.0, rates.convert("200/s"));
    assertEquals(10.0, rates.convert("600/m"));
    assertEquals(2.0, rates.convert("7200/h"));
    assertEquals(50.0, rates.convert("50"));
  }

  @Test
  void metricsUrlCanBeGivenOrSwitchedOff() {
    assertEquals(URI.create("http://localhost:8081/metrics"),
        LoadTestCommand.parse("--metrics-url", "http://localhost:8081/metrics").metricsUrl());
    assertNull(LoadTestCommand.parse("--metrics-url", "none").metricsUrl());
    assertEquals(URI.create("https://localhost:8443/metrics"),
        LoadTestOptions.defaultMetricsUrl(URI.create("wss://localhost:8443/ws")));
  }

  @Test
  void severalUrlsRepeatedOrCommaSeparatedEachWithItsMetrics() {
    List<URI> three = List.of(URI.create("ws://127.0.0.1:8081/ws"), URI.create("ws://127.0.0.1:8082/ws"),
        URI.create("ws://127.0.0.1:8083/ws"));
    LoadTestOptions repeated = LoadTestCommand.parse("--url", "ws://127.0.0.1:8081/ws", "--url",
        "ws://127.0.0.1:8082/ws", "--url", "ws://127.0.0.1:8083/ws");
    LoadTestOptions commas = LoadTestCommand.parse("--url",
        "ws://127.0.0.1:8081/ws, ws://127.0.0.1:8082/ws,ws://127.0.0.1:8083/ws");
    assertEquals(three, repeated.urls());
    assertEquals(three, commas.urls());
    assertEquals(three.get(0), commas.url());
    assertEquals(List.of(URI.create("http://127.0.0.1:8081/metrics"), URI.create("http://127.0.0.1:8082/metrics"),
        URI.create("http://127.0.0.1:8083/metrics")), commas.metricsUrls());
    assertFalse(commas.reconnect());
    // The same node twice is read once.
    assertEquals(List.of(URI.create("http://127.0.0.1:8081/metrics")),
        LoadTestCommand.parse("--url", "ws://127.0.0.1:8081/ws,ws://127.0.0.1:8081/ws").metricsUrls());
    assertEquals(List.of(URI.create("http://127.0.0.1:9101/metrics"), URI.create("http://127.0.0.1:9102/metrics")),
        LoadTestCommand.parse("--url", "ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws", "--metrics-url",
            "http://127.0.0.1:9101/metrics,http://127.0.0.1:9102/metrics").metricsUrls());
    assertEquals(List.of(), LoadTestCommand.parse("--url", "ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws",
        "--metrics-url", "none").metricsUrls());
    assertTrue(LoadTestCommand.parse("--url", "ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws", "--reconnect")
        .reconnect());
  }

  @Test
  void botsSpreadRoundRobinAndReconnectToTheNextUrl() {
    LoadTestOptions options = LoadTestCommand.parse("--url",
        "ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws,ws://127.0.0.1:8083/ws");
    int[] perUrl = new int[3];
    for (int bot = 0; bot < 300; bot++) {
      perUrl[options.urlIndexFor(bot)]++;
    }
    assertArrayEquals(new int[] {100, 100, 100}, perUrl);
    assertEquals(0, options.urlIndexFor(0));
    assertEquals(1, options.urlIndexFor(1));
    assertEquals(2, options.urlIndexFor(5));
    assertEquals(1, options.nextUrlIndex(0));
    assertEquals(0, options.nextUrlIndex(2), "after the last URL comes the first");
    LoadTestOptions one = LoadTestCommand.parse();
    assertEquals(0, one.urlIndexFor(41));
    assertEquals(0, one.nextUrlIndex(0), "one URL: reconnect to it");
  }

  @Test
  void everyUrlMustBeThisMachine() {
    ParameterException e = assertThrows(ParameterException.class,
        () -> LoadTestCommand.parse("--url", "ws://127.0.0.1:8081/ws,ws://192.0.2.10:8080/ws"));
    assertTrue(e.getMessage().contains("192.0.2.10") && e.getMessage().contains("--allow-remote"), e.getMessage());
    e = assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--url",
        "ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws", "--metrics-url",
        "http://127.0.0.1:8081/metrics,http://192.0.2.10:8082/metrics"));
    assertTrue(e.getMessage().contains("--metrics-url"), e.getMessage());
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--url", "ws://127.0.0.1:8081/ws,http://x/"));
  }

  @Test
  void misuseIsRefused() {
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--players", "0"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--players", "50001"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--duration", "forever"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--input-hz", "500"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--duration", "3h"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--ramp", "fast"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--ramp", "0/s"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--mode", "sleep"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--warmup", "60s", "--duration", "60s"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--chat-every", "100ms"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--url", "http://127.0.0.1:8080/ws"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--name-prefix", "much-too-long"));
    assertThrows(ParameterException.class, () -> LoadTestCommand.parse("--no-such-option"));
  }

  @Test
  void onlyThisMachineUnlessAllowed() {
    ParameterException e = assertThrows(ParameterException.class,
        () -> LoadTestCommand.parse("--url", "ws://192.0.2.10:8080/ws"));
    assertTrue(e.getMessage().contains("--allow-remote"), e.getMessage());
    assertEquals(URI.create("ws://[::1]:8080/ws"), LoadTestCommand.parse("--url", "ws://[::1]:8080/ws").url());
    assertEquals(URI.create("ws://localhost:8080/ws"), LoadTestCommand.parse("--url", "ws://localhost:8080/ws").url());
  }

  @Test
  void usageErrorsExitWithTwoAndHelpWithZero() {
    PrintStream err = System.err;
    PrintStream out = System.out;
    try {
      System.setErr(new PrintStream(new ByteArrayOutputStream()));
      System.setOut(new PrintStream(new ByteArrayOutputStream()));
      assertEquals(LoadTestCommand.EXIT_USAGE, LoadTestCommand.run("--players", "-3"));
      assertEquals(LoadTestCommand.EXIT_OK, LoadTestCommand.run("--help"));
    } finally {
      System.setErr(err);
      System.setOut(out);
    }
  }
}
