package rumble.loadtest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One load test's settings, validated. Built by {@link LoadTestCommand} from the command line, or
 * directly by tests.
 *
 * @param urls the game WebSockets, e.g. {@code ws://127.0.0.1:8080/ws}, one per node of a cluster; bot i
 *     plays on {@code urls[i mod n]}
 * @param players how many simulated players (connections) to open
 * @param duration the whole run, ramp included; everything stops by itself at its end
 * @param rampPerSecond how many players to spawn per second
 * @param warmup the first part of the run that statistics leave out
 * @param mode play (log in and play) or idle (only stay connected)
 * @param accounts guest logins or registered accounts (register, then log in)
 * @param chatEvery how often each playing bot says something; zero for never
 * @param think how often a bot reconsiders where to go
 * @param inputHz how often a playing bot sends its steering, as real clients send the mouse's direction
 *     every frame whether it changed or not; 0 sends it only when the bot changes course (after a think)
 * @param metricsUrls the servers' Prometheus endpoints, one per node; empty to skip server figures
 * @param metricsEvery how often to read it during the run
 * @param seed makes the bots' choices repeatable
 * @param json where to write the JSON report, or null
 * @param quiet no progress line
 * @param failOnErrors exit non-zero when any error or failed connection was seen
 * @param stopGrace how long bots get to log out and close after the deadline
 * @param namePrefix nickname or username prefix
 * @param client the WebSocket client: {@code lite} (a minimal RFC 6455 client on pekko-stream TCP,
 *     cheap enough for thousands of bots) or {@code pekko-http} (the full pekko-http client)
 * @param hold idle mode: once every connection is through, hold this long and stop (never beyond
 *     the duration); null to hold until the duration ends
 * @param connectTimeout how long a connection may take to be upgraded before it counts as failed
 * @param connectRetries how often a failed connection is tried again (each failure is still an error)
 * @param serverPid a local server JVM to ask for a full GC (jcmd) before the heap readings of idle
 *     mode, so heap per connection counts live data only; null for none
 * @param reconnect a bot whose connection drops while it plays (its node died) connects to the next URL
 *     (the same one when there is only one) and plays on, instead of ending; the time it was out of the
 *     game is reported
 */
public record LoadTestOptions(
    List<URI> urls,
    int players,
    Duration duration,
    double rampPerSecond,
    Duration warmup,
    Mode mode,
    Accounts accounts,
    Duration chatEvery,
    Duration think,
    double inputHz,
    List<URI> metricsUrls,
    Duration metricsEvery,
    long seed,
    Path json,
    boolean quiet,
    boolean failOnErrors,
    Duration stopGrace,
    String namePrefix,
    Client client,
    Duration hold,
    Duration connectTimeout,
    int connectRetries,
    Long serverPid,
    boolean reconnect) {

  public static final int MAX_PLAYERS = 50_000;
  public static final Duration MAX_DURATION = Duration.ofHours(2);

  public enum Mode { PLAY, IDLE }

  public enum Accounts { GUEST, REGISTERED }

  public enum Client {
    LITE, PEKKO_HTTP;

    @Override
    public String toString() {
      return name().toLowerCase().replace('_', '-');
    }
  }

  /** One URL, its metrics (or null), no reconnecting: a single server, as the suites use it. */
  public LoadTestOptions(URI url, int players, Duration duration, double rampPerSecond, Duration warmup, Mode mode,
      Accounts accounts, Duration chatEvery, Duration think, double inputHz, URI metricsUrl, Duration metricsEvery,
      long seed, Path json, boolean quiet, boolean failOnErrors, Duration stopGrace, String namePrefix, Client client,
      Duration hold, Duration connectTimeout, int connectRetries, Long serverPid) {
    this(List.of(url), players, duration, rampPerSecond, warmup, mode, accounts, chatEvery, think, inputHz,
        metricsUrl == null ? List.of() : List.of(metricsUrl), metricsEvery, seed, json, quiet, failOnErrors, stopGrace,
        namePrefix, client, hold, connectTimeout, connectRetries, serverPid, false);
  }

  public LoadTestOptions {
    urls = List.copyOf(urls);
    metricsUrls = List.copyOf(metricsUrls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("--url must name at least one server");
    }
    if (players < 1 || players > MAX_PLAYERS) {
      throw new IllegalArgumentException("--players must be between 1 and " + MAX_PLAYERS + ", was " + players);
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("--duration must be between 1s and " + MAX_DURATION.toHours() + "h");
    }
    if (!(rampPerSecond > 0) || rampPerSecond > 100_000) {
      throw new IllegalArgumentException("--ramp must be above 0 and at most 100000/s");
    }
    if (warmup.isNegative() || warmup.compareTo(duration) >= 0) {
      throw new IllegalArgumentException("--warmup must be at least 0 and shorter than --duration");
    }
    if (chatEvery.isNegative()) {
      throw new IllegalArgumentException("--chat-every must not be negative");
    }
    if (chatEvery.compareTo(Duration.ZERO) > 0 && chatEvery.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("--chat-every must be 0 (never) or at least 1s: the server allows 1 line/s");
    }
    if (think.compareTo(Duration.ofMillis(20)) < 0 || think.compareTo(Duration.ofSeconds(10)) > 0) {
      throw new IllegalArgumentException("--think must be between 20ms and 10s");
    }
    if (!(inputHz == 0 || (inputHz >= 0.1 && inputHz <= 100))) {
      throw new IllegalArgumentException("--input-hz must be 0 (steer only on a change of course) or 0.1 to 100");
    }
    if (metricsEvery.compareTo(Duration.ofMillis(500)) < 0) {
      throw new IllegalArgumentException("--metrics-every must be at least 500ms");
    }
    if (stopGrace.isNegative() || stopGrace.compareTo(Duration.ofMinutes(2)) > 0) {
      throw new IllegalArgumentException("--stop-grace must be between 0 and 2m");
    }
    if (connectTimeout.compareTo(Duration.ofSeconds(1)) < 0 || connectRetries < 0 || connectRetries > 10) {
      throw new IllegalArgumentException("--connect-timeout must be at least 1s and --connect-retries 0..10");
    }
    if (hold != null && (hold.isNegative() || mode != Mode.IDLE)) {
      throw new IllegalArgumentException("--hold is for --mode idle and must not be negative");
    }
    for (URI url : urls) {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
      if (!scheme.equals("ws") && !scheme.equals("wss")) {
        throw new IllegalArgumentException("--url must be a ws:// or wss:// URL, was " + url);
      }
      if (client == Client.LITE && scheme.equals("wss")) {
        throw new IllegalArgumentException("--client lite speaks plain ws:// only; use --client pekko-http for wss://");
      }
      if (url.getHost() == null) {
        throw new IllegalArgumentException("--url has no host: " + url);
      }
    }
    if (namePrefix == null || !namePrefix.matches("[A-Za-z0-9_.-]{1,8}")) {
      throw new IllegalArgumentException("--name-prefix must be 1 to 8 letters, digits or _ . -");
    }
  }

  /** {@code http://host:port/metrics} for {@code ws://host:port/...} (https for wss). */
  public static URI defaultMetricsUrl(URI url) {
    String scheme = "wss".equalsIgnoreCase(url.getScheme()) ? "https" : "http";
    int port = url.getPort();
    String host = url.getHost().contains(":") && !url.getHost().startsWith("[") ? "[" + url.getHost() + "]" : url.getHost();
    return URI.create(scheme + "://" + host + (port < 0 ? "" : ":" + port) + "/metrics");
  }

  /** The first (or only) game WebSocket. */
  public URI url() {
    return urls.get(0);
  }

  /** The first (or only) metrics endpoint, or null when server figures are not read. */
  public URI metricsUrl() {
    return metricsUrls.isEmpty() ? null : metricsUrls.get(0);
  }

  /** Which URL bot {@code index} starts on: round robin, bot i on URL i mod n. */
  public int urlIndexFor(int botIndex) {
    return botIndex % urls.size();
  }

  /** Where a bot that lost its connection to URL {@code current} tries next: the following one, round robin. */
  public int nextUrlIndex(int current) {
    return (current + 1) % urls.size();
  }

  /** The URLs as one text, comma-separated. */
  public String urlsText() {
    return String.join(", ", urls.stream().map(URI::toString).toList());
  }

  /** When the last player is due to be spawned, from the start of the run. */
  public Duration rampTime() {
    return Duration.ofNanos((long) (players / rampPerSecond * 1e9));
  }

  /** A short text of the ramp, e.g. {@code 200/s}. */
  public String rampText() {
    return Format.number(rampPerSecond) + "/s";
  }
}
