package rumble.loadtest.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Hostile text in every field the server stores, compares or relays: user names, passwords, chat
 * and hiscore search get SQL fragments, format strings, control characters and very long values.
 * Each must be denied with a clear reason or come back literally (a stored name logs in and shows
 * on the board as typed, a password logs in as typed, a chat line reaches a listener as sent, a
 * search matches names only as text). Chat is the one field the server cleans: control and
 * invisible characters are stripped by design, so a line that arrives exactly so cleaned counts as
 * "cleaned". Afterwards the database must still register, log in and serve the board.
 */
final class Injections {

  private static final List<String> PAYLOADS = List.of(
      "' OR '1'='1", "admin'--", "\"; DROP TABLE users; --", "x'); DELETE FROM players; --",
      "%", "_", "a%", "%s%s%s%n%x", "{0}${jndi:ldap://127.0.0.1/x}", "\\' \\\" \\\\",
      "nul\u0000byte", "line\r\nbreak", "\u001b[31mred\u001b[0m", "bidi\u202Eevil",
      "y".repeat(300), "z".repeat(5000));

  private static final String TOO_FAST = "You are chatting too fast - wait a moment";

  private final AccountsSuite suite;
  private int tried;
  private int denied;
  private int literal;
  private int cleaned;
  private final List<String> wrong = new ArrayList<>();

  Injections(AccountsSuite suite) {
    this.suite = suite;
  }

  void run(SuiteReport report) throws Exception {
    suite.target().progress("accounts: %d injections in names, passwords, chat and search", PAYLOADS.size() * 5);
    try (SuitePlayer client = suite.client(suite.newAddress())) {
      String victimPassword = "victim's " + suite.random.nextLong();
      String victim = suite.registerFresh(client, "inj", victimPassword);
      int failures = 0;
      for (String payload : PAYLOADS) {
        username(client, payload);
        password(payload);
        loginAs(client, victim, payload);
        if (++failures % 3 == 0) { // the owner's success forgives the failures: no growing delays here
          expectLogin(client, victim, victimPassword, "the victim's own password");
        }
        search(client, payload);
      }
      chat();
      String after = suite.registerFresh(client, "after", "after the injections");
      expectLogin(client, after, "after the injections", "a fresh account after the injections");
      boolean board = client.boardScore(after) >= 0;
      report.figure("injections tried", "", tried).figure("injections denied with a reason", "", denied)
          .figure("injections stored or echoed literally", "", literal)
          .figure("chat lines cleaned of control characters", "", cleaned);
      report.check("every injection is denied with a clear reason or taken literally", wrong.isEmpty(),
          wrong.isEmpty() ? tried + " of " + tried : wrong);
      report.check("the database registers, logs in and serves the board after the injections", board,
          board ? "yes" : "the new account is not on the board");
    }
  }

  private void username(SuitePlayer client, String payload) throws Exception {
    tried++;
    Packet answer = suite.registerAsTold(client, payload, "injection password");
    if (!denial(answer, "name " + quote(payload))) {
      boolean in = client.logIn(payload, "injection password");
      if (in) {
        client.logOut();
      }
      taken(in && client.boardScore(payload) >= 0, "name " + quote(payload) + " stored but not found as typed");
    }
  }

  private void password(String payload) throws Exception {
    tried++;
    try (SuitePlayer client = suite.client(suite.newAddress())) {
      String name = SuitePlayer.freshName("pw", suite.random);
      Packet answer = suite.registerAsTold(client, name, payload);
      if (!denial(answer, "password " + quote(payload))) {
        taken(client.logIn(name, payload), "password " + quote(payload) + " stored but does not log in");
      }
    }
  }

  /** A payload as the password of someone else's account: it must simply be wrong. */
  private void loginAs(SuitePlayer client, String victim, String payload) throws Exception {
    tried++;
    client.login(victim, payload);
    if (!denial(client.await(suite.maxDelay.plusSeconds(15)), "password " + quote(payload) + " for " + victim)) {
      wrong.add("logging in as " + victim + " with " + quote(payload) + " succeeded");
    }
  }

  private void search(SuitePlayer client, String payload) throws Exception {
    tried++;
    client.requestHiscores();
    client.awaitType(MsgCase.HISCORE_BOARD);
    client.searchHiscore(payload);
    Packet answer = client.await(ProtocolClient.WAIT);
    client.finishBrowsing();
    client.awaitType(MsgCase.ID);
    if (!denial(answer, "search " + quote(payload))) {
      // A window around a match: some name on it must start with the text as typed.
      String typed = payload.strip().toLowerCase(Locale.ROOT);
      taken(answer.getHiscoreBoard().getHiscoresList().stream()
          .anyMatch(row -> row.getName().toLowerCase(Locale.ROOT).startsWith(typed)),
          "search " + quote(payload) + " matched names that do not start with it");
    }
  }

  private void chat() throws Exception {
    try (SuitePlayer speaker = suite.client(suite.newAddress()); SuitePlayer listener = suite.client(suite.newAddress())) {
      speaker.joinAsGuest(SuitePlayer.freshName("Speaker", suite.random));
      listener.joinAsGuest(SuitePlayer.freshName("Listener", suite.random));
      for (String payload : PAYLOADS) {
        tried++;
        Packet denied = say(speaker, payload);
        String heard = denied == null ? heardFrom(listener, speaker.id) : null;
        if (heard == null) {
          Packet answer = denied != null ? denied : speaker.awaitOrNull(Duration.ofSeconds(1));
          if (answer == null || !denial(answer, "chat " + quote(payload))) {
            wrong.add("chat " + quote(payload) + ": neither heard nor denied");
          }
        } else if (heard.equals(payload)) {
          literal++;
        } else if (heard.equals(clean(payload))) {
          cleaned++;
        } else {
          wrong.add("chat " + quote(payload) + " arrived as " + quote(heard));
        }
      }
    }
  }

  /**
   * Says a line, again after a second while the chat budget says "too fast"; returns the denial
   * that came within 200 ms (a denial is immediate), or null when none did.
   */
  private static Packet say(SuitePlayer speaker, String line) throws Exception {
    for (int attempt = 0; ; attempt++) {
      speaker.chat(line);
      Packet answer = speaker.awaitOrNull(Duration.ofMillis(200));
      if (answer == null || attempt == 10 || !answer.getDenyResponse().getReason().equals(TOO_FAST)) {
        return answer;
      }
      Thread.sleep(1000);
    }
  }

  /** The next line the listener hears from {@code speakerId} within 3 s, or null. */
  private static String heardFrom(SuitePlayer listener, long speakerId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < deadline) {
      Packet packet = listener.awaitOrNull(Duration.ofNanos(deadline - System.nanoTime()));
      if (packet != null && packet.getMsgCase() == MsgCase.CHAT && packet.getSenderId() == speakerId) {
        return packet.getChat().getMsg();
      }
    }
    return null;
  }

  private void expectLogin(SuitePlayer client, String name, String password, String what) throws Exception {
    if (!client.logIn(name, password)) {
      throw new IllegalStateException(what + " does not log in");
    }
    client.logOut();
  }

  /** True when the answer is a denial (counted when its reason is clear); false for anything else. */
  private boolean denial(Packet answer, String what) {
    if (answer.getMsgCase() != MsgCase.DENY_RESPONSE) {
      return false;
    }
    String reason = answer.getDenyResponse().getReason();
    if (clear(reason)) {
      denied++;
    } else {
      wrong.add(what + " answered " + answer.getMsgCase() + " " + quote(reason));
    }
    return true;
  }

  private void taken(boolean literally, String problem) {
    if (literally) {
      literal++;
    } else {
      wrong.add(problem);
    }
  }

  /** A reason a player can act on: not blank and not an internal error. */
  private static boolean clear(String reason) {
    return !reason.isBlank() && !reason.contains("internal");
  }

  /** What ChatText does by design: drop control and invisible format characters (not ZWJ), trim. */
  private static String clean(String raw) {
    StringBuilder out = new StringBuilder();
    raw.codePoints().filter(cp -> Character.getType(cp) != Character.CONTROL
        && (Character.getType(cp) != Character.FORMAT || cp == 0x200D)).forEach(out::appendCodePoint);
    return out.toString().strip();
  }

  private static String quote(String text) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
    StringBuilder out = new StringBuilder("\"");
    shown.codePoints().forEach(cp -> out.append(cp < 0x20 || cp == 0x7F || Character.getType(cp) == Character.FORMAT
        ? String.format("\\u%04X", cp) : Character.toString(cp)));
    return out.append('"').toString();
  }
}
