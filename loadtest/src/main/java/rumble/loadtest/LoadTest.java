package rumble.loadtest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;

/**
 * Runs a load test in one typed ActorSystem of its own and returns the report. Everything is
 * bounded: the coordinator stops the bots at the deadline, and this waits at most a fixed margin
 * beyond the deadline and grace period before it gives up and tears the system down.
 */
public final class LoadTest {

  /** The machine cannot hold the connections asked for (file descriptors, local ports). */
  public static final class EnvironmentProblem extends Exception {
    EnvironmentProblem(String message) {
      super(message);
    }
  }

  private static final Duration MARGIN = Duration.ofSeconds(45);
  /** File descriptors the JVM needs besides the sockets: jars, epoll, pipes, logs. */
  private static final int FD_RESERVE = 100;

  private LoadTest() {}

  /** Runs the test, printing progress to {@code progress}; blocks until the report is ready. */
  public static Report run(LoadTestOptions options, PrintStream progress) throws Exception {
    checkEnvironment(options);
    quietenLogging();
    ActorSystem<Coordinator.Command> system = null;
    CompletableFuture<Report> done = new CompletableFuture<>();
    try {
      Stats stats = new Stats();
      system = ActorSystem.create(Coordinator.create(options, stats, done, progress), "loadtest", config(options));
      Duration limit = options.duration().plus(options.stopGrace()).plus(MARGIN);
      try {
        return done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new IllegalStateException("the load test did not finish within " + limit.toSeconds() + " s; gave up");
      }
    } finally {
      if (system != null) {
        try {
          Http.get(system).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // best effort
        }
        system.terminate();
        try {
          system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception ignored) {
          // best effort: the JVM exits anyway when run from the command line
        }
      }
    }
  }

  static int runFromCommandLine(LoadTestOptions options, PrintWriter out, PrintWriter err) {
    PrintStream progress = options.quiet() ? new PrintStream(OutputStream.nullOutputStream())
        : new PrintStream(new WriterOutputStream(err), true);
    if (!options.quiet()) {
      err.printf("loadtest: %d %s players (%s) against %s for %d s, ramp %s, seed %d%n", options.players(),
          options.mode().name().toLowerCase(), options.accounts().name().toLowerCase(), options.urlsText(),
          options.duration().toSeconds(), options.rampText(), options.seed());
      err.flush();
    }
    Report report;
    try {
      report = run(options, progress);
    } catch (EnvironmentProblem e) {
      err.println("loadtest: " + e.getMessage());
      err.flush();
      return LoadTestCommand.EXIT_ENVIRONMENT;
    } catch (Exception e) {
      err.println("loadtest failed: " + e.getMessage());
      err.flush();
      return LoadTestCommand.EXIT_FAILED;
    }
    out.println();
    out.print(report.toTable());
    out.flush();
    if (options.json() != null) {
      try {
        report.writeJson(options.json());
        if (!options.quiet()) {
          err.println("loadtest: JSON report written to " + options.json());
        }
      } catch (IOException e) {
        err.println("loadtest: cannot write " + options.json() + ": " + e.getMessage());
        err.flush();
        return LoadTestCommand.EXIT_FAILED;
      }
    }
    err.flush();
    boolean problems = report.errorsTotal() > 0 || report.connections().failed() > 0
        || report.connections().notFinished() > 0;
    return options.failOnErrors() && problems ? LoadTestCommand.EXIT_FAILED : LoadTestCommand.EXIT_OK;
  }

  /** Pekko's own INFO lines ("Slf4jLogger started") would land amid the report on stdout. */
  private static void quietenLogging() {
    org.slf4j.LoggerFactory.getILoggerFactory();
    if (org.slf4j.LoggerFactory.getLogger("org.apache.pekko") instanceof ch.qos.logback.classic.Logger pekko) {
      pekko.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  /** Refuses up front what the OS would refuse one connection at a time. */
  static void checkEnvironment(LoadTestOptions options) throws EnvironmentProblem {
    long needed = (long) options.players() + FD_RESERVE;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      long limit = unix.getMaxFileDescriptorCount();
      if (needed > limit) {
        throw new EnvironmentProblem(String.format(
            "--players %d needs about %d file descriptors but this process may open only %d (ulimit -n)."
                + " Raise the limit (ulimit -n %d, up to the hard limit ulimit -Hn), or split the players over"
                + " several load-tester processes. The server needs as many on its side.",
            options.players(), needed, limit, needed));
      }
    }
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    if (Files.isReadable(range)) {
      try {
        String[] bounds = Files.readString(range).trim().split("\\s+");
        long ports = Long.parseLong(bounds[1]) - Long.parseLong(bounds[0]) + 1;
        long perTarget = (options.players() + options.urls().size() - 1) / options.urls().size();
        if (perTarget > ports) {
          String who = options.urls().size() == 1 ? "--players " + options.players()
              : perTarget + " players per --url";
          throw new EnvironmentProblem(String.format(
              "%s is more than the %d local ports in net.ipv4.ip_local_port_range (%s-%s): one target"
                  + " address cannot take that many connections from here", who, ports, bounds[0], bounds[1]));
        }
      } catch (IOException | RuntimeException ignored) {
        // cannot tell: let the connections find out
      }
    }
  }

  private static Config config(LoadTestOptions options) {
    String level = options.quiet() ? "ERROR" : "WARNING";
    return ConfigFactory.parseString(String.join("\n",
        "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]",
        "pekko.logging-filter = \"org.apache.pekko.event.slf4j.Slf4jLoggingFilter\"",
        "pekko.loglevel = " + level,
        "pekko.stdout-loglevel = " + level,
        "pekko.log-dead-letters = off",
        "pekko.log-dead-letters-during-shutdown = off",
        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
        "pekko.http.client.idle-timeout = infinite",
        "pekko.http.client.connecting-timeout = 20s",
        // Answer the server's pings; send none of our own.
        "pekko.http.client.websocket.periodic-keep-alive-max-idle = infinite",
        "pekko.actor.serialize-messages = off"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  /** Bridges the picocli error writer to a PrintStream for the coordinator's progress line. */
  private static final class WriterOutputStream extends OutputStream {
    private final PrintWriter writer;

    WriterOutputStream(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public void write(int b) {
      writer.write(b);
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
      writer.write(new String(bytes, off, len, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      writer.flush();
    }
  }
}
