package rumble.http;

import com.typesafe.config.ConfigFactory;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar radius-rumble.jar} starts the server with the configuration in application.conf;
 * {@code --help} and {@code --version} only print, and anything else unknown is a usage error (exit 2),
 * so a mistyped flag never starts a server or creates a database.
 */
public final class Main {

  static final String USAGE = String.join("\n",
      "Usage: java -jar radius-rumble.jar [--help | --version]",
      "       java -jar radius-rumble.jar loadtest [options]   (loadtest --help for its options)",
      "       java -jar radius-rumble.jar suite NAME [options] (suite --help lists the reliability suites)",
      "",
      "Starts the Radius Rumble game server. Configuration comes from environment variables",
      "(PORT, HOST, DATA_PATH, DATABASE_URL, CLIENT_PATH, CLIENT_PACK, CERT_PATH, KEY_PATH, TRUST_FORWARDED_FOR,",
      "CLUSTER_HOST, CLUSTER_PORT, CLUSTER_SEED_NODES)",
      "or -Dkey=value system properties before -jar (e.g. -Drumble.game.room.capacity=50);",
      "see the README's Configuration table.",
      "",
      "  -h, --help       print this help and exit",
      "  -V, --version    print the version and exit");

  /** Exit codes: 0 done (help, version), 2 usage error; {@link #START} means run the server. */
  static final int START = -1;

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("loadtest")) {
      System.exit(rumble.loadtest.LoadTestCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (args.length > 0 && args[0].equals("suite")) {
      System.exit(rumble.loadtest.suite.SuiteCommand.run(Arrays.copyOfRange(args, 1, args.length)));
    }
    int exit = parse(args, System.out, System.err);
    if (exit != START) {
      System.exit(exit);
    }
    LoggerFactory.getILoggerFactory(); // initialise logging before Pekko's threads start logging
    GameServer server = GameServer.start(ConfigFactory.load());
    exitZeroOnTerm(server);
    exitWhenStoppedFromInside(server);
  }

  /** Set once SIGTERM starts the shutdown: that exit is 0 (or 1 if it failed), decided there. */
  private static final AtomicBoolean STOPPING = new AtomicBoolean();

  /**
   * The actor system can also stop without being asked: the split-brain resolver downs a node on the
   * minority side of a partition, and a downed node shuts itself down. The process then serves
   * nothing, so it exits 1 and its supervisor starts it again (it rejoins as a new node).
   */
  private static void exitWhenStoppedFromInside(GameServer server) {
    server.system().getWhenTerminated().thenRun(() -> {
      var reason = CoordinatedShutdown.get(server.system()).getShutdownReason();
      if (STOPPING.get() || reason.filter(CoordinatedShutdown.jvmExitReason()::equals).isPresent()) {
        return; // SIGTERM or the JVM's own exit: already on the way out
      }
      LoggerFactory.getLogger(Main.class).error("The actor system stopped ({}): exiting with 1",
          reason.map(Object::toString).orElse("no reason given"));
      new Thread(() -> System.exit(1), "exit-after-stop").start();
    });
  }

  /**
   * SIGTERM is how service managers stop the server. Left to the JVM, the same graceful shutdown
   * runs from Pekko's shutdown hook but the process exits 143 (128 + TERM), which systemd and
   * orchestrators report as a failure; handling the signal lets a clean stop exit 0 (1 if the
   * shutdown itself failed or hung).
   */
  private static void exitZeroOnTerm(GameServer server) {
    Signal.handle(new Signal("TERM"), signal -> {
      STOPPING.set(true);
      int code = 0;
      try {
        server.stop();
      } catch (Exception e) {
        LoggerFactory.getLogger(Main.class).error("Shutdown after SIGTERM failed", e);
        code = 1;
      }
      System.exit(code);
    });
  }

  /** Handles the command line: an exit code when there is nothing to start, else {@link #START}. */
  static int parse(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      return START;
    }
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      return 0;
    }
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      out.println("radius-rumble " + version());
      return 0;
    }
    err.println("radius-rumble: unknown argument " + String.join(" ", args));
    err.println(USAGE);
    return 2;
  }

  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "(development build, not from the jar)" : version;
  }
}
