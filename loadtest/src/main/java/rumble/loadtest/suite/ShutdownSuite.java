package rumble.loadtest.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rumble.loadtest.LoadTestCommand.DurationConverter;
import rumble.loadtest.suite.SuitePlayer.ServerGone;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * A graceful stop under players: starts a server of its own, seats guests and registered players
 * who steer and eat, sends the JVM SIGTERM, and checks that every client is told "Server shutting
 * down" before its socket closes, that the JVM exits 0 within the grace, that nothing is logged at
 * ERROR, and (after a restart on the same data) that every account's best score of the session is
 * on the hiscore board. "Best score of the session" is the highest the room's leaderboard showed the
 * player (rooms hold 10, so everyone is on their room's board); the board must show at least that.
 */
@Command(name = "shutdown", mixinStandardHelpOptions = true,
    description = "SIGTERM a server of its own under N players: told why, exit 0 in time, scores kept.")
public final class ShutdownSuite extends SuiteRun {

  static final String REASON = "Server shutting down";

  @Mixin
  ServerLaunch launch;

  @Option(names = "--players", defaultValue = "20", description = "Players in game (default: ${DEFAULT-VALUE}).")
  int players;

  @Option(names = "--accounts", defaultValue = "10",
      description = "How many of them play registered accounts; the rest are guests (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--play", defaultValue = "5s", converter = DurationConverter.class,
      description = "Time in game before SIGTERM (default: ${DEFAULT-VALUE}).")
  Duration play;

  @Option(names = "--shutdown-deadline", defaultValue = "5s", converter = DurationConverter.class,
      description = "The server's shutdown deadline, http.shutdown-deadline in its configuration"
          + " (default: ${DEFAULT-VALUE}).")
  Duration deadline;

  @Option(names = "--grace", defaultValue = "15s", converter = DurationConverter.class,
      description = "The JVM must have exited this long after SIGTERM (default: ${DEFAULT-VALUE}).")
  Duration grace;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  /** What one player saw: its account (null for a guest), the reason it was told, its close time. */
  private record Seen(String account, String told, long closedNanos, long reached) {}

  @Override
  protected SuiteReport run() throws Exception {
    SuiteReport report = new SuiteReport("shutdown").setting("players", players).setting("accounts", accounts)
        .setting("play", ServerLaunch.text(play)).setting("shutdown-deadline", ServerLaunch.text(deadline))
        .setting("grace", ServerLaunch.text(grace));
    Random random = new Random(seed);
    Path work = launch.workDir();
    target.progress("shutdown: server data and logs in %s", work);
    List<String> command = launch.command(ServerLaunch.gameSettings(
        "-Drumble.http.shutdown-deadline=" + deadline.toMillis() + "ms"));
    List<Seen> seen = new ArrayList<>();
    List<String> errors;
    OptionalInt exit;
    long sigterm;
    long exitedNanos;
    ExecutorService threads = Executors.newFixedThreadPool(players);
    try (ServerProcess server = ServerProcess.start(command, work.resolve("data"), work.resolve("shutdown.log"))) {
      server.awaitReady(Duration.ofSeconds(60));
      target.progress("shutdown: server pid %d on port %d, seating %d players", server.pid(), server.port(), players);
      List<Future<Seen>> outcomes = new ArrayList<>();
      for (int i = 0; i < players; i++) {
        String account = i < accounts ? SuitePlayer.freshName("sd", random) : null;
        SuitePlayer player = seat(server, account, SuitePlayer.freshName("guest", random));
        Random own = new Random(random.nextLong());
        outcomes.add(threads.submit(() -> playUntilTold(player, account, own)));
      }
      Thread.sleep(play.toMillis());
      target.progress("shutdown: SIGTERM to %d", server.pid());
      sigterm = System.nanoTime();
      server.terminate();
      exit = server.awaitExit(grace);
      exitedNanos = System.nanoTime();
      for (Future<Seen> outcome : outcomes) {
        seen.add(outcome.get(grace.toMillis(), TimeUnit.MILLISECONDS));
      }
      errors = server.errorLines();
    } finally {
      threads.shutdownNow();
    }
    long told = seen.stream().filter(s -> REASON.equals(s.told())).count();
    long closed = seen.stream().filter(s -> s.closedNanos() != Long.MAX_VALUE).count();
    long lastClose = seen.stream().mapToLong(Seen::closedNanos).filter(t -> t != Long.MAX_VALUE).max().orElse(sigterm);
    report.figure("players", "", players)
        .figure("SIGTERM to last close", "ms", (lastClose - sigterm) / 1_000_000)
        .figure("SIGTERM to exit", "ms", exit.isPresent() ? (exitedNanos - sigterm) / 1_000_000 : null)
        .figure("told why before the close", "%", 100.0 * told / players)
        .figure("exit code", "", exit.isPresent() ? exit.getAsInt() : null);
    report.check("every client is told '" + REASON + "' before its close", told == players,
        told + " of " + players + "; others: " + seen.stream().filter(s -> !REASON.equals(s.told()))
            .map(Seen::told).distinct().toList());
    report.check("the server closes every connection", closed == players, closed + " of " + players);
    report.check("the JVM exits 0 within " + ServerLaunch.text(grace), exit.isPresent() && exit.getAsInt() == 0,
        exit.isPresent() ? "exit " + exit.getAsInt() : "still running");
    report.check("nothing is logged at ERROR", errors.isEmpty(), errors.isEmpty() ? "none" : errors.get(0));
    checkScoresKept(report, command, work, seen);
    return report;
  }

  private static SuitePlayer seat(ServerProcess server, String account, String guestName) throws Exception {
    SuitePlayer player = SuitePlayer.connect(server.webSocket());
    if (account != null) {
      player.register(account, "pw " + account, 0xFF8800FF);
      player.awaitType(MsgCase.OK_RESPONSE);
      if (!player.logIn(account, "pw " + account)) {
        throw new IllegalStateException("a fresh account could not log in: " + account);
      }
    } else if (!player.joinAsGuest(guestName)) {
      throw new IllegalStateException("a guest could not join as " + guestName);
    }
    return player;
  }

  /** Plays until the server says goodbye, then waits for the server to close; never throws. */
  private Seen playUntilTold(SuitePlayer player, String account, Random random) throws InterruptedException {
    String told = null;
    try (player) {
      while (told == null) {
        Packet packet = player.play(Duration.ofSeconds(1), random);
        if (packet != null && packet.getMsgCase() == MsgCase.DISCONNECT) {
          told = packet.getDisconnect().getReason();
        }
      }
      // Before closing our end: closing first would hide whether the server closes the connection.
      return new Seen(account, told, player.closedNanos(grace), player.reachedScore());
    } catch (ServerGone gone) {
      told = "(closed without a reason)";
    } catch (Exception | AssertionError e) {
      told = "(" + e + ")";
    }
    return new Seen(account, told, player.closedNanos(Duration.ofSeconds(1)), player.reachedScore());
  }

  private void checkScoresKept(SuiteReport report, List<String> command, Path work, List<Seen> seen)
      throws Exception {
    List<String> lost = new ArrayList<>();
    long scored = 0;
    try (ServerProcess server = ServerProcess.start(command, work.resolve("data"), work.resolve("restart.log"));
        SuitePlayer browser = connectWhenReady(server)) {
      for (Seen s : seen) {
        if (s.account() == null) {
          continue;
        }
        scored += s.reached() > 0 ? 1 : 0;
        long onBoard = browser.boardScore(s.account());
        if (onBoard < s.reached() || onBoard < 0) {
          lost.add(s.account() + " reached " + s.reached() + ", board " + onBoard);
        }
      }
    }
    report.figure("accounts with a leaderboard score", "", scored);
    report.check("every account's best score of the session is on the board after a restart",
        lost.isEmpty() && scored > 0, lost.isEmpty() ? scored + " scores found" : lost);
  }

  private static SuitePlayer connectWhenReady(ServerProcess server) throws Exception {
    server.awaitReady(Duration.ofSeconds(60));
    return SuitePlayer.connect(server.webSocket());
  }
}
