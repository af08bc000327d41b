package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Issue 8, Why 5: wrong guesses slow the guesser down but never lock out an account's owner, nor
 * everyone behind one address. Clients claim their address with X-Forwarded-For (trusted here).
 * The growing delays of one attacker's guesses are checked by {@code suite accounts}
 * (rumble.suite.AccountsSuiteTest).
 */
class LoginBackoffIntegrationTest {

  private static final String PASSWORD = "correct horse";
  private static final String WRONG_LOGIN = "Incorrect username or password";
  private static final Pattern TRY_AGAIN = Pattern.compile("Too many failed login attempts - try again in (\\d+) s");

  @RegisterExtension
  static final TestServer server = TestServer.create()
      .withConfig("rumble.http.trust-forwarded-for", true)
      .withConfig("rumble.accounts.login-backoff.base-delay", "250ms")
      .withConfig("rumble.accounts.login-backoff.max-delay", "500ms");

  private static TestClient from(String address) throws Exception {
    return TestClient.connect(server.port(), Map.of("X-Forwarded-For", address));
  }

  private static String registered(String prefix) throws Exception {
    String name = Names.fresh(prefix);
    server.registerAccounts(PASSWORD, name);
    return name;
  }

  @Test
  void ownerWithTheRightPasswordGetsInAfterSomeoneElsesWrongGuesses() throws Exception {
    String name = registered("Owned");
    try (TestClient owner = from("192.0.2.10")) { // the owner's usual address
      owner.login(name, PASSWORD);
      owner.expect(MsgCase.OK_RESPONSE);
    }
    try (TestClient attacker = from("198.51.100.66")) {
      for (int i = 0; i < 12; i++) { // past the per-account threshold (10) as well
        attacker.login(name, "guess number " + i);
        assertEquals(WRONG_LOGIN, attacker.expectDeny());
      }
    }
    try (TestClient owner = from("192.0.2.10")) {
      long start = System.nanoTime();
      owner.login(name, PASSWORD);
      owner.expect(MsgCase.OK_RESPONSE);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 1000, "the owner waited " + millis + " ms");
    }
    try (TestClient ownerElsewhere = from("192.0.2.99")) { // a new place: delayed a little, never refused
      ownerElsewhere.login(name.toUpperCase(), PASSWORD);
      ownerElsewhere.expect(MsgCase.OK_RESPONSE);
    }
  }

  @Test
  void twentyPlayersBehindOneNatWhoMistypeAreNotLockedOutOfTheirAccounts() throws Exception {
    String nat = "203.0.113.7";
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      names.add(registered("Natted"));
    }
    // Everyone mistypes once: 20 failures from one address, where the old limit locked it out.
    for (String name : names) {
      try (TestClient player = from(nat)) {
        for (int typo = 0; typo < 1; typo++) {
          player.login(name, PASSWORD + " typo");
          String answer = player.expectDeny();
          assertTrue(answer.equals(WRONG_LOGIN) || TRY_AGAIN.matcher(answer).matches(), answer);
        }
      }
    }
    long start = System.nanoTime();
    for (String name : names) {
      try (TestClient player = from(nat)) {
        loginWaitingAsTold(player, name);
      }
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertTrue(seconds < 20, "all 20 got in, in " + seconds + " s");
  }

  /** Logs in with the right password, waiting as long as each throttled answer says. */
  private static void loginWaitingAsTold(TestClient player, String name) throws Exception {
    for (int attempt = 0; attempt < 10; attempt++) {
      player.login(name, PASSWORD);
      Packet answer = player.next();
      if (answer.getMsgCase() == MsgCase.OK_RESPONSE) {
        return;
      }
      assertEquals(MsgCase.DENY_RESPONSE, answer.getMsgCase(), answer::toString);
      Matcher wait = TRY_AGAIN.matcher(answer.getDenyResponse().getReason());
      assertTrue(wait.matches(), answer.getDenyResponse().getReason());
      assertTrue(Integer.parseInt(wait.group(1)) <= 5, "a wait of seconds, not a lockout: " + wait.group());
      Thread.sleep(Integer.parseInt(wait.group(1)) * 1000L);
    }
    fail(name + " could not log in after 10 attempts");
  }
}
