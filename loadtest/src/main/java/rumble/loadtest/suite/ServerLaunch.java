package rumble.loadtest.suite;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a self-hosted suite starts a server of its own (a picocli mixin): the jar, or a class path
 * and main class (tests start the server from theirs), always as a direct child {@code java}
 * process so that the suite's signals reach the server JVM itself and never a wrapper script. The
 * suites know the server only as a command line, never as code.
 */
public final class ServerLaunch {

  @Option(names = "--jar", paramLabel = "FILE",
      description = "Start the server from this jar (java -jar FILE).")
  Path jar;

  @Option(names = "--server-classpath", paramLabel = "CP",
      description = "Start the server as java -cp CP MAIN (instead of --jar); MAIN from --server-main.")
  String classpath;

  @Option(names = "--server-main", paramLabel = "CLASS", description = "The server's main class, with --server-classpath.")
  String mainClass;

  @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "512m",
      description = "Server heap, -Xms and -Xmx (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--server-opt", paramLabel = "OPT",
      description = "Extra server JVM option, e.g. -Drumble.game.room.capacity=10 (repeatable).")
  List<String> serverOptions = new ArrayList<>();

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the server's data folder and logs go (default: a fresh temporary folder, kept).")
  Path workDir;

  private Path run;

  /**
   * This run's own folder for data and logs, created on first use inside --work-dir: a fresh one
   * every run, so a second run never meets the accounts of the first.
   */
  public Path workDir() throws IOException {
    if (run == null) {
      Path base = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("rumble-suite-");
      run = Files.createTempDirectory(base, "run-");
    }
    return run;
  }

  /**
   * The command line starting a server with the suite's own settings ({@code settings}, -D options)
   * before the user's, so {@code --server-opt} can override them.
   */
  public List<String> command(List<String> settings) {
    if ((jar == null) == (classpath == null) || (classpath != null && mainClass == null)) {
      throw new IllegalArgumentException("give --jar FILE, or --server-classpath CP with --server-main CLASS");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    command.addAll(settings);
    command.addAll(serverOptions);
    if (jar != null) {
      command.addAll(List.of("-jar", jar.toString()));
    } else {
      command.addAll(List.of("-cp", classpath, mainClass));
    }
    return command;
  }

  /**
   * The settings self-hosted suites play with, then {@code extra}: rooms of 10 (so every player is on
   * its room's leaderboard, where the suites read the scores they reach), a small world where players
   * eat at once, and no per-address registration limit (every suite client comes from 127.0.0.1).
   */
  public static List<String> gameSettings(String... extra) {
    List<String> settings = new ArrayList<>(List.of("-Drumble.game.room.capacity=10",
        "-Drumble.game.world.half-size=400", "-Drumble.game.spores.target=600",
        "-Drumble.accounts.registration-limit.burst=1000000",
        "-Drumble.accounts.registration-limit.per-minute=1000000"));
    settings.addAll(List.of(extra));
    return settings;
  }

  /** A duration as the options take it ("10s", "250ms"), for report settings (JSON has no Duration). */
  public static String text(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
  }

  /** A loopback port nobody listens on now (the server binds it a moment later; a race is rare and fails loudly). */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
