package rumble.loadtest.suite;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rumble.loadtest.LoadTestCommand.DurationConverter;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Attacks on accounts against a running server: brute force on one account ({@link BruteForce}),
 * a burst of registrations ({@link RegistrationBurst}), injection in every text field
 * ({@link Injections}) and look-alike names ({@link LookAlikes}).
 *
 * <p>Every client comes from 127.0.0.1, so by default the attacker, the owner and the neighbours
 * share one address, and registrations wait as the per-address limit tells them. With
 * {@code --spoof-addresses} (for a server started with TRUST_FORWARDED_FOR=on) each
 * claims its own documentation address in X-Forwarded-For, which makes the owner's usual address
 * and the per-address limits testable.
 */
@Command(name = "accounts", mixinStandardHelpOptions = true,
    description = "Brute force, registration burst, injection and look-alike names against a running server.")
public final class AccountsSuite extends SuiteRun {

  static final String WRONG_LOGIN = "Incorrect username or password";
  private static final Pattern REGISTRATION_WAIT =
      Pattern.compile("Too many registrations from your address - try again in (\\d+) s");

  @Option(names = "--spoof-addresses",
      description = "Claim a different address per role in X-Forwarded-For (the server must trust it).")
  boolean spoof;

  @Option(names = "--guesses", defaultValue = "12", description = "Wrong passwords tried (default: ${DEFAULT-VALUE}).")
  int guesses;

  @Option(names = "--free-failures", defaultValue = "3",
      description = "The server's login-backoff.free-failures (default: ${DEFAULT-VALUE}).")
  int freeFailures;

  @Option(names = "--base-delay", defaultValue = "1s", converter = DurationConverter.class,
      description = "The server's login-backoff.base-delay (default: ${DEFAULT-VALUE}).")
  Duration baseDelay;

  @Option(names = "--max-delay", defaultValue = "5s", converter = DurationConverter.class,
      description = "The server's login-backoff.max-delay (default: ${DEFAULT-VALUE}).")
  Duration maxDelay;

  @Option(names = "--burst", defaultValue = "30",
      description = "Registrations sent at once from one address (default: ${DEFAULT-VALUE}).")
  int burst;

  @Option(names = "--registration-burst", defaultValue = "3",
      description = "The server's registration-limit.burst (default: ${DEFAULT-VALUE}).")
  int registrationBurst;

  @Option(names = "--seed", defaultValue = "0",
      description = "Random seed for names and guesses (default: from the clock, so runs against one server never"
          + " collide; the report shows the seed used).")
  long seed;

  Random random;
  private final AtomicInteger addresses = new AtomicInteger();

  @Override
  protected SuiteReport run() throws Exception {
    long used = seed != 0 ? seed : System.nanoTime();
    SuiteReport report = new SuiteReport("accounts").setting("spoof-addresses", spoof).setting("guesses", guesses)
        .setting("burst", burst).setting("seed", used);
    random = new Random(used);
    new BruteForce(this).run(report);
    new Injections(this).run(report);
    new LookAlikes(this).run(report);
    // Last: it spends this address's registrations, which the parts above need.
    new RegistrationBurst(this).run(report);
    return report;
  }

  /** A fresh address from 198.18.0.0/15 (benchmarking) when spoofing, else this machine's. */
  String newAddress() {
    int n = addresses.incrementAndGet();
    return spoof ? "198.18." + (n / 250) + "." + (1 + n % 250) : "127.0.0.1";
  }

  /** A client coming from {@code address} (claimed only when spoofing). */
  SuitePlayer client(String address) throws Exception {
    return spoof ? SuitePlayer.connectFrom(target.webSocket(), address) : SuitePlayer.connect(target.webSocket());
  }

  /** Registers, waiting as long as the per-address limit says (up to a minute each); the final answer. */
  Packet registerAsTold(SuitePlayer client, String name, String password) throws Exception {
    for (int attempt = 0; ; attempt++) {
      client.register(name, password, 0x3366CCFF);
      Packet answer = client.await(ProtocolClient.WAIT);
      Matcher wait = answer.getMsgCase() == MsgCase.DENY_RESPONSE
          ? REGISTRATION_WAIT.matcher(answer.getDenyResponse().getReason()) : null;
      if (wait == null || !wait.matches() || attempt == 5) {
        return answer;
      }
      int seconds = Integer.parseInt(wait.group(1));
      target.progress("accounts: the registration limit says wait %d s", seconds);
      Thread.sleep(Math.min(60, seconds) * 1000L);
    }
  }

  /** Registers a fresh account that must be accepted; returns its name. */
  String registerFresh(SuitePlayer client, String prefix, String password) throws Exception {
    String name = SuitePlayer.freshName(prefix, random);
    Packet answer = registerAsTold(client, name, password);
    if (answer.getMsgCase() != MsgCase.OK_RESPONSE) {
      throw new IllegalStateException("could not register " + name + ": " + answer);
    }
    return name;
  }

  SuiteTarget target() {
    return target;
  }

  static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
