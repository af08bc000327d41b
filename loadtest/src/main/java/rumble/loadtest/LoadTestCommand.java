package rumble.loadtest;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar radius-rumble.jar loadtest ...}: spawns simulated players against a server,
 * prints a progress line each second and a report at the end. Exit codes: 0 the run completed
 * (even with some failures), 1 the run completed but {@code --fail-on-errors} found errors or the
 * run could not finish, 2 usage error, 3 the machine cannot hold that many connections.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true, version = "radius-rumble loadtest 1",
    sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Spawns simulated players, each an actor with its own WebSocket, that log in and play like people"
            + " (or, with --mode idle, only stay connected), then leave cleanly. Stops by itself after --duration.",
        "Reports what the clients saw and what the server did (read from its /metrics)."},
    footer = {"", "Example:", "  java -jar target/radius-rumble.jar loadtest --players 1000 --duration 60s --ramp 200/s"
        + " --url ws://127.0.0.1:8080/ws --json report.json"})
public final class LoadTestCommand implements Callable<Integer> {

  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_ENVIRONMENT = 3;

  @Spec
  CommandSpec spec;

  static final URI DEFAULT_URL = URI.create("ws://127.0.0.1:8080/ws");

  @Option(names = "--url", paramLabel = "URL", split = "\\s*,\\s*",
      description = "Game WebSocket URL; repeat it or separate with commas for several nodes, bots spread over"
          + " them round robin (bot i on URL i mod n) (default: " + "ws://127.0.0.1:8080/ws" + ").")
  List<URI> urls;

  @Option(names = {"-n", "--players"}, paramLabel = "N", defaultValue = "100",
      description = "Simulated players (connections) to open, 1..50000 (default: ${DEFAULT-VALUE}).")
  int players;

  @Option(names = {"-d", "--duration"}, paramLabel = "TIME", defaultValue = "60s", converter = DurationConverter.class,
      description = "Length of the whole run, ramp included, e.g. 60s, 2m (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--ramp", paramLabel = "RATE", defaultValue = "100/s", converter = RateConverter.class,
      description = "Players spawned per second, e.g. 200/s or 600/m (default: ${DEFAULT-VALUE}).")
  double ramp;

  @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "0s", converter = DurationConverter.class,
      description = "Leave the first part of the run out of client and server statistics (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--mode", paramLabel = "play|idle", defaultValue = "play",
      description = "play: log in and play; idle: only open connections and hold them (default: ${DEFAULT-VALUE}).")
  LoadTestOptions.Mode mode;

  @Option(names = "--accounts", paramLabel = "guest|registered", defaultValue = "guest",
      description = "Log in as guests, or register accounts and log in (bcrypt: ramp slowly, e.g. 10/s)"
          + " (default: ${DEFAULT-VALUE}).")
  LoadTestOptions.Accounts accounts;

  @Option(names = "--chat-every", paramLabel = "TIME", defaultValue = "20s", converter = DurationConverter.class,
      description = "Each bot says something about this often (jittered); 0 for never (default: ${DEFAULT-VALUE}).")
  Duration chatEvery;

  @Option(names = "--think", paramLabel = "TIME", defaultValue = "200ms", converter = DurationConverter.class,
      description = "How often a bot reconsiders where to go (default: ${DEFAULT-VALUE}).")
  Duration think;

  @Option(names = "--input-hz", paramLabel = "HZ", defaultValue = "0",
      description = "Send each bot's steering this often, changed or not, as browser clients send the mouse"
          + " every frame (agar.io clients: 25); 0 steers only on a change of course (default: ${DEFAULT-VALUE}).")
  double inputHz;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to this file.")
  Path json;

  @Option(names = "--metrics-url", paramLabel = "URL", split = "\\s*,\\s*",
      description = "Server Prometheus endpoint, one per node, repeated or comma-separated (default: http://HOST:PORT"
          + "/metrics of every --url; 'none' to skip).")
  List<String> metricsUrls;

  @Option(names = "--metrics-every", paramLabel = "TIME", defaultValue = "2s", converter = DurationConverter.class,
      description = "How often to read the server's metrics during the run (default: ${DEFAULT-VALUE}).")
  Duration metricsEvery;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for the bots' choices (default: random, printed).")
  Long seed;

  @Option(names = "--stop-grace", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
      description = "Time bots get to log out and close after the deadline (default: ${DEFAULT-VALUE}).")
  Duration stopGrace;

  @Option(names = "--name-prefix", paramLabel = "TEXT", defaultValue = "bot",
      description = "Prefix of nicknames and usernames, up to 8 characters (default: ${DEFAULT-VALUE}).")
  String namePrefix;

  @Option(names = "--client", paramLabel = "lite|pekko-http", defaultValue = "lite",
      converter = ClientConverter.class,
      description = "WebSocket client: lite (minimal RFC 6455 client on pekko-stream TCP, nothing materialized per"
          + " message: use it for thousands of bots) or pekko-http (the full client; about 17 KB of garbage and"
          + " a substream per message) (default: ${DEFAULT-VALUE}).")
  LoadTestOptions.Client client;

  @Option(names = "--hold", paramLabel = "TIME", converter = DurationConverter.class,
      description = "Idle mode: once every connection is through, hold them this long, then stop"
          + " (--duration stays the upper bound).")
  Duration hold;

  @Option(names = "--connect-timeout", paramLabel = "TIME", defaultValue = "15s", converter = DurationConverter.class,
      description = "A connection not upgraded within this time counts as failed (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Option(names = "--connect-retries", paramLabel = "N", defaultValue = "0",
      description = "Try a failed connection again up to N times after 1-3 s; every failed attempt is still"
          + " reported as an error (retried:...) (default: ${DEFAULT-VALUE}).")
  int connectRetries;

  @Option(names = "--server-pid", paramLabel = "PID",
      description = "PID of the server JVM on this machine: in idle mode, run 'jcmd PID GC.run' before the first"
          + " and last metrics reads so heap per connection counts live data only.")
  Long serverPid;

  @Option(names = "--reconnect",
      description = "A bot whose connection drops while it plays (its node died) connects to the next --url and"
          + " plays on; the report counts reconnects and how long bots were out of the game.")
  boolean reconnect;

  @Option(names = {"-q", "--quiet"}, description = "No progress line.")
  boolean quiet;

  @Option(names = "--fail-on-errors", description = "Exit with 1 when any error or failed connection was seen.")
  boolean failOnErrors;

  @Option(names = "--allow-remote", description = "Allow a target that is not this machine (loopback only by default).")
  boolean allowRemote;

  /** Parses and runs; returns the exit code (never calls System.exit). */
  public static int run(String... args) {
    CommandLine commandLine = commandLine(new LoadTestCommand());
    return commandLine.execute(args);
  }

  /** Like {@link #run(String...)}, with the report table going to {@code out} and progress to {@code err}. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = commandLine(new LoadTestCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(args);
  }

  /** Parses the arguments into options without running anything; throws ParameterException on misuse. */
  public static LoadTestOptions parse(String... args) {
    LoadTestCommand command = new LoadTestCommand();
    CommandLine commandLine = commandLine(command);
    commandLine.parseArgs(args);
    return command.options();
  }

  private static CommandLine commandLine(LoadTestCommand command) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      cl.getErr().println("loadtest failed: " + e);
      e.printStackTrace(cl.getErr());
      return EXIT_FAILED;
    });
    return commandLine;
  }

  @Override
  public Integer call() {
    LoadTestOptions options = options();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    return LoadTest.runFromCommandLine(options, out, err);
  }

  LoadTestOptions options() {
    if (spec == null) {
      throw new IllegalStateException("not parsed");
    }
    try {
      List<URI> targets = urls == null || urls.isEmpty() ? List.of(DEFAULT_URL) : urls;
      List<URI> metrics = metricsUrls(targets);
      LoadTestOptions options = new LoadTestOptions(targets, players, duration, ramp, warmup, mode, accounts,
          chatEvery, think, inputHz, metrics, metricsEvery, seed == null ? System.nanoTime() ^ 0x5DEECE66DL : seed,
          json, quiet, failOnErrors, stopGrace, namePrefix, client, hold, connectTimeout, connectRetries, serverPid,
          reconnect);
      if (!allowRemote) {
        for (URI url : targets) {
          requireLoopback(url, "--url");
        }
        for (URI url : metrics) {
          requireLoopback(url, "--metrics-url");
        }
      }
      return options;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** Given ones ('none': none), else each distinct target's /metrics, in the order of the targets. */
  private List<URI> metricsUrls(List<URI> targets) {
    List<URI> metrics = new ArrayList<>();
    if (metricsUrls == null || metricsUrls.isEmpty()) {
      for (URI target : targets) {
        URI url = LoadTestOptions.defaultMetricsUrl(target);
        if (!metrics.contains(url)) {
          metrics.add(url);
        }
      }
    } else if (!(metricsUrls.size() == 1 && metricsUrls.get(0).trim().equalsIgnoreCase("none"))) {
      for (String text : metricsUrls) {
        metrics.add(URI.create(text.trim()));
      }
    }
    return metrics;
  }

  private static void requireLoopback(URI uri, String option) {
    Loopback.require(uri, option, "; pass --allow-remote to load-test another host you operate");
  }

  /** Parses 60s, 2m, 500ms, 1h, 1m30s or a plain number of seconds. */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      String text = value.trim().toLowerCase(Locale.ROOT);
      if (text.matches("\\d+(\\.\\d+)?")) {
        return Duration.ofNanos((long) (Double.parseDouble(text) * 1e9));
      }
      Matcher matcher = PART.matcher(text);
      long nanos = 0;
      int end = 0;
      while (matcher.find() && matcher.start() == end) {
        double amount = Double.parseDouble(matcher.group(1));
        double unit = switch (matcher.group(2)) {
          case "ms" -> 1e6;
          case "s" -> 1e9;
          case "m" -> 60e9;
          default -> 3600e9;
        };
        nanos += (long) (amount * unit);
        end = matcher.end();
      }
      if (end == 0 || end != text.length()) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 60s, 2m, 500ms");
      }
      return Duration.ofNanos(nanos);
    }
  }

  /** lite or pekko-http. */
  public static final class ClientConverter implements ITypeConverter<LoadTestOptions.Client> {
    @Override
    public LoadTestOptions.Client convert(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "lite" -> LoadTestOptions.Client.LITE;
        case "pekko-http", "pekko_http", "http" -> LoadTestOptions.Client.PEKKO_HTTP;
        default -> throw new CommandLine.TypeConversionException("'" + value + "' is not lite or pekko-http");
      };
    }
  }

  /** Parses 200/s, 600/m, 3600/h or a plain number per second. */
  public static final class RateConverter implements ITypeConverter<Double> {
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(s|sec|m|min|h))?");

    @Override
    public Double convert(String value) {
      Matcher matcher = RATE.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!matcher.matches()) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a rate like 200/s or 600/m");
      }
      double amount = Double.parseDouble(matcher.group(1));
      String unit = matcher.group(2) == null ? "s" : matcher.group(2);
      return switch (unit) {
        case "m", "min" -> amount / 60;
        case "h" -> amount / 3600;
        default -> amount;
      };
    }
  }
}
