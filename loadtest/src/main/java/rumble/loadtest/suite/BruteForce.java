package rumble.loadtest.suite;

import java.util.ArrayList;
import java.util.List;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Many wrong guesses at one account: each is answered "Incorrect username or password" (never
 * refused outright), after the delay LoginBackoff promises (free failures, then base, 2 × base …
 * up to max), and the owner who logs in with the right password during the attack gets in. From
 * one address the owner shares the attacker's delay (and its success forgives the failures); with
 * spoofed addresses the owner's usual address is exempt and must get in at once.
 */
final class BruteForce {

  /** Above the promised delay: the bcrypt check itself and a busy machine. */
  private static final long SLACK_MILLIS = 1500;
  /** Below it: the server counts the delay from its failure, a moment before the client hears of it. */
  private static final long EARLY_MILLIS = 100;

  private final AccountsSuite suite;

  BruteForce(AccountsSuite suite) {
    this.suite = suite;
  }

  void run(SuiteReport report) throws Exception {
    String ownerAddress = suite.newAddress();
    String attackerAddress = suite.newAddress();
    String password = "owner's " + suite.random.nextLong();
    String name;
    try (SuitePlayer owner = suite.client(ownerAddress)) {
      name = suite.registerFresh(owner, "bf", password);
      if (!owner.logIn(name, password)) { // from now on this is the owner's usual address
        throw new IllegalStateException("the owner could not log in before the attack");
      }
    }
    suite.target().progress("accounts: %d wrong guesses at %s", suite.guesses, name);
    List<Long> waits = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    List<String> offDesign = new ArrayList<>();
    int ownerAfter = Math.min(suite.guesses - 1, suite.freeFailures + 2);
    long ownerMillis = -1;
    long ownerExpected = 0;
    boolean ownerIn = false;
    int failures = 0;
    long lastAnswer = System.nanoTime();
    long attackerExpected;
    long attackerMillis;
    boolean attackerIn;
    try (SuitePlayer attacker = suite.client(attackerAddress)) {
      for (int i = 0; i < suite.guesses; i++) {
        long start = System.nanoTime();
        // The server counts the delay from the last failure: time spent since then is already served.
        long expected = Math.max(0, expectedDelay(failures) - (start - lastAnswer) / 1_000_000);
        attacker.login(name, "guess " + i + " " + suite.random.nextInt());
        Packet answer = attacker.await(suite.maxDelay.plusSeconds(15));
        long waited = AccountsSuite.millisSince(start);
        lastAnswer = System.nanoTime();
        waits.add(waited);
        failures++;
        String reason = answer.getMsgCase() == MsgCase.DENY_RESPONSE ? answer.getDenyResponse().getReason()
            : answer.getMsgCase().toString();
        if (!reason.equals(AccountsSuite.WRONG_LOGIN)) {
          answers.add("guess " + (i + 1) + ": " + reason);
        }
        if (waited < expected - EARLY_MILLIS || waited > expected + SLACK_MILLIS) {
          offDesign.add("guess " + (i + 1) + " waited " + waited + " ms, designed " + expected + " ms");
        }
        if (i == ownerAfter) {
          ownerExpected = suite.spoof ? 0 : expectedDelay(failures);
          long ownerStart = System.nanoTime();
          try (SuitePlayer owner = suite.client(ownerAddress)) {
            ownerIn = owner.logIn(name, password);
          }
          ownerMillis = AccountsSuite.millisSince(ownerStart);
          if (ownerIn && !suite.spoof) {
            failures = 0; // the owner's success from this very address forgave its failures
          }
        }
      }
      // Whoever guesses right gets in, even from the attacker's address: delayed, never locked out.
      attackerExpected = expectedDelay(failures);
      long start = System.nanoTime();
      attackerIn = attacker.logIn(name, password);
      attackerMillis = AccountsSuite.millisSince(start);
    }
    List<Long> sorted = waits.stream().sorted().toList();
    report.figure("guesses made", "", waits.size())
        .figure("guess delay p50", "ms", sorted.get(sorted.size() / 2))
        .figure("guess delay max", "ms", sorted.get(sorted.size() - 1))
        .figure("owner login during the attack", "ms", ownerMillis);
    report.check("wrong guesses are answered '" + AccountsSuite.WRONG_LOGIN + "', never refused", answers.isEmpty(),
        answers.isEmpty() ? waits.size() + " of " + waits.size() : answers);
    report.check("each guess waits the designed delay (" + suite.freeFailures + " free, then "
        + suite.baseDelay.toMillis() + " ms doubling to " + suite.maxDelay.toMillis() + " ms)",
        offDesign.isEmpty(), offDesign.isEmpty() ? waits : offDesign);
    report.check("the owner with the right password gets in during the attack, within "
        + (ownerExpected + SLACK_MILLIS) + " ms", ownerIn && ownerMillis <= ownerExpected + SLACK_MILLIS,
        (ownerIn ? "in" : "refused") + " after " + ownerMillis + " ms");
    report.check("the right password from the attacker's address waits at most the delay ("
        + attackerExpected + " ms) and gets in", attackerIn && attackerMillis <= attackerExpected + SLACK_MILLIS,
        (attackerIn ? "in" : "refused") + " after " + attackerMillis + " ms");
  }

  /** What LoginBackoff makes the next attempt wait after {@code failures} failures in a row. */
  private long expectedDelay(int failures) {
    if (failures < suite.freeFailures) {
      return 0;
    }
    long base = suite.baseDelay.toMillis();
    return Math.min(suite.maxDelay.toMillis(), base << Math.min(30, failures - suite.freeFailures));
  }
}
