package rumble.loadtest.suite;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rumble.loadtest.LoadTestCommand.DurationConverter;
import rumble.loadtest.suite.CrashLedger.Account;
import rumble.loadtest.suite.SuitePlayer.ServerGone;
import rumble.protocol.Packet.MsgCase;

/**
 * kill -9 in the middle of writes: starts a server of its own, lets writers register accounts and
 * play them (every logout sends a best score to the write-behind), SIGKILLs the JVM at a random
 * moment, runs {@code PRAGMA integrity_check} on the database it left, restarts on the same data and
 * checks that every write the server acknowledged (see {@link CrashLedger}) is there: each account
 * logs in with its password and each acknowledged score is still on the hiscore board. Writes in
 * flight at the kill may land or not; they are counted, not judged. Repeats for --rounds.
 */
@Command(name = "crash", mixinStandardHelpOptions = true,
    description = "SIGKILL a server of its own mid-writes; integrity check; acknowledged writes survive a restart.")
public final class CrashSuite extends SuiteRun {

  @Mixin
  ServerLaunch launch;

  @Option(names = "--rounds", defaultValue = "2", description = "Kills and restarts (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--writers", defaultValue = "8", description = "Concurrent writers (default: ${DEFAULT-VALUE}).")
  int writers;

  @Option(names = "--kill-after", defaultValue = "3s", converter = DurationConverter.class,
      description = "Earliest kill after the writers start (default: ${DEFAULT-VALUE}).")
  Duration killAfter;

  @Option(names = "--kill-within", defaultValue = "4s", converter = DurationConverter.class,
      description = "The kill comes at a random moment this long after --kill-after (default: ${DEFAULT-VALUE}).")
  Duration killWithin;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  private final CrashTally tally = new CrashTally();

  @Override
  protected SuiteReport run() throws Exception {
    SuiteReport report = new SuiteReport("crash").setting("rounds", rounds).setting("writers", writers)
        .setting("kill", ServerLaunch.text(killAfter) + "+random " + ServerLaunch.text(killWithin)).setting("seed", seed);
    Random random = new Random(seed);
    Path work = launch.workDir();
    target.progress("crash: server data and logs in %s", work);
    Path data = work.resolve("data");
    List<String> command = launch.command(ServerLaunch.gameSettings());
    ServerProcess server = ServerProcess.start(command, data, work.resolve("server-0.log"));
    try {
      server.awaitReady(Duration.ofSeconds(60));
      for (int round = 1; round <= rounds; round++) {
        CrashLedger ledger = new CrashLedger();
        long killAt = killAfter.toMillis() + (long) (random.nextDouble() * killWithin.toMillis());
        writeUntilKilled(server, ledger, killAt, random);
        tally.integrity(SqliteFile.integrityCheck(data));
        server = ServerProcess.start(command, data, work.resolve("server-" + round + ".log"));
        tally.restarted(server.awaitReady(Duration.ofSeconds(60)));
        verify(server, ledger);
        target.progress("crash: round %d of %d, killed after %d ms: %s", round, rounds, killAt, tally);
      }
      server.terminate();
      server.awaitExit(Duration.ofSeconds(30));
    } finally {
      server.close();
    }
    return tally.report(report);
  }

  /** Runs the writers, kills the server {@code killAt} ms after they started, and waits for them to notice. */
  private void writeUntilKilled(ServerProcess server, CrashLedger ledger, long killAt, Random random)
      throws Exception {
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService threads = Executors.newFixedThreadPool(writers);
    for (int i = 0; i < writers; i++) {
      Random own = new Random(random.nextLong());
      threads.execute(() -> write(server.webSocket(), ledger, own, killed));
    }
    Thread.sleep(killAt);
    killed.set(true);
    server.kill();
    if (server.awaitExit(Duration.ofSeconds(10)).isEmpty()) {
      throw new IllegalStateException("the server survived SIGKILL: pid " + server.pid());
    }
    threads.shutdown();
    if (!threads.awaitTermination(30, TimeUnit.SECONDS)) {
      threads.shutdownNow();
      ledger.error("a writer did not notice the kill within 30 s");
    }
    tally.written(ledger);
  }

  /** One writer: new accounts, each logged in, played and logged out a few times, until the server dies. */
  private static void write(URI url, CrashLedger ledger, Random random, AtomicBoolean killed) {
    while (!killed.get()) {
      Account account = new Account(SuitePlayer.freshName("cr", random), "pw " + random.nextLong());
      try (SuitePlayer player = SuitePlayer.connect(url)) {
        ledger.registering(account);
        player.register(account.name(), account.password(), 0x2288FFFF);
        if (player.await(ProtocolClient.WAIT).getMsgCase() != MsgCase.OK_RESPONSE) {
          ledger.refused(account);
          continue;
        }
        ledger.registered(account);
        try {
          for (int game = 0; game < 3; game++) {
            play(player, account, ledger, random);
          }
        } finally {
          ledger.reached(account.name(), player.reachedScore());
        }
      } catch (ServerGone gone) {
        return;
      } catch (Exception | AssertionError e) {
        if (!killed.get()) {
          ledger.error(account.name() + ": " + e);
        }
        return;
      }
    }
  }

  private static void play(SuitePlayer player, Account account, CrashLedger ledger, Random random)
      throws Exception {
    if (!player.logIn(account.name(), account.password())) {
      throw new IllegalStateException("a registered account could not log in");
    }
    player.play(Duration.ofMillis(600 + random.nextInt(900)), random);
    ledger.reached(account.name(), player.reachedScore());
    player.logOut();
    Thread.sleep(300); // a logout flushes the score within ~200 ms; look after that
    long onBoard = player.boardScore(account.name());
    if (onBoard > 0) { // 0 is the row registration made, not a score
      ledger.onBoard(account.name(), onBoard);
    }
  }

  /** After the restart: every acknowledged write is there; in-flight ones are counted. */
  private void verify(ServerProcess server, CrashLedger ledger) throws Exception {
    try (SuitePlayer checker = SuitePlayer.connect(server.webSocket())) {
      for (Account account : ledger.acknowledgedAccounts()) {
        boolean in = checker.logIn(account.name(), account.password());
        if (in) {
          checker.logOut();
        }
        tally.account(true, in, account.name());
      }
      for (Account account : ledger.inFlightAccounts()) {
        boolean in = checker.logIn(account.name(), account.password());
        if (in) {
          checker.logOut();
        }
        tally.account(false, in, account.name());
      }
      for (Map.Entry<String, Long> score : ledger.acknowledgedScores().entrySet()) {
        tally.score(true, checker.boardScore(score.getKey()) >= score.getValue(), score.getKey());
      }
      for (Map.Entry<String, Long> score : ledger.inFlightScores().entrySet()) {
        tally.score(false, checker.boardScore(score.getKey()) >= score.getValue(), score.getKey());
      }
    }
  }
}
