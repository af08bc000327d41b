package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/** Registration over a real WebSocket: every validation message word for word, and what follows. */
class RegistrationIntegrationTest {

  private static final String GOOD_PASSWORD = "correct horse";

  @RegisterExtension
  static final TestServer server = TestServer.create();

  private static String denyFor(String username, String password) throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      client.register(username, password, 1);
      Packet deny = client.expect(MsgCase.DENY_RESPONSE);
      assertEquals(client.id, deny.getSenderId(), "replies carry the receiver's own id");
      return deny.getDenyResponse().getReason();
    }
  }

  @Test
  void emptyUsernameIsRefused() throws Exception {
    assertEquals("Invalid username: empty", denyFor("", GOOD_PASSWORD));
  }

  @Test
  void usernameOverTwentyCharactersIsRefused() throws Exception {
    assertEquals("Invalid username: too long", denyFor("abcdefghijklmnopqrstu", GOOD_PASSWORD));
  }

  @Test
  void usernameLengthCountsCharactersNotBytes() throws Exception {
    // 20 accented letters are 40 UTF-8 bytes: the original would have refused them.
    String suffix = Names.fresh("");
    String twentyAccented = "é".repeat(20 - suffix.length()) + suffix;
    try (TestClient client = TestClient.connect(server.port())) {
      client.register(twentyAccented, GOOD_PASSWORD, 1);
      client.expect(MsgCase.OK_RESPONSE);
      client.login(twentyAccented, GOOD_PASSWORD);
      client.expect(MsgCase.OK_RESPONSE);
    }
    assertEquals("Invalid username: too long", denyFor("é".repeat(21), GOOD_PASSWORD));
  }

  @Test
  void leadingOrTrailingWhitespaceIsRefused() throws Exception {
    String name = Names.fresh("space");
    assertEquals("Invalid username: leading or trailing whitespace", denyFor(" " + name, GOOD_PASSWORD));
    assertEquals("Invalid username: leading or trailing whitespace", denyFor(name + " ", GOOD_PASSWORD));
    assertEquals("Invalid username: leading or trailing whitespace", denyFor(name + "\t", GOOD_PASSWORD));
  }

  @Test
  void charactersOutsideLettersDigitsAndSeparatorsAreRefused() throws Exception {
    String expected = "Invalid username: only letters, digits, spaces, '_', '-' and '.' are allowed";
    String name = Names.fresh("bad");
    assertEquals(expected, denyFor(name + "!", GOOD_PASSWORD));
    assertEquals(expected, denyFor(name + "%", GOOD_PASSWORD));
    assertEquals(expected, denyFor("zero\u200Bwidth", GOOD_PASSWORD));
    assertEquals(expected, denyFor("bell\u0007", GOOD_PASSWORD));
  }

  @Test
  void namesWithAllowedSeparatorsAndOtherScriptsAreAccepted() throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      client.register(Names.fresh("a b_c-d.e"), GOOD_PASSWORD, 1);
      client.expect(MsgCase.OK_RESPONSE);
      client.register(Names.fresh("Ærø"), GOOD_PASSWORD, 1);
      client.expect(MsgCase.OK_RESPONSE);
    }
  }

  @Test
  void passwordShorterThanEightCharactersIsRefused() throws Exception {
    assertEquals("Invalid password: too short (at least 8 characters)", denyFor(Names.fresh("pw"), "1234567"));
    assertEquals("Invalid password: too short (at least 8 characters)", denyFor(Names.fresh("pw"), ""));
  }

  @Test
  void passwordOverSeventyTwoBytesIsRefused() throws Exception {
    String expected = "Invalid password: too long (at most 72 bytes, the bcrypt limit; "
        + "accented letters and emoji take 2 to 4)";
    assertEquals(expected, denyFor(Names.fresh("pw"), "x".repeat(73)));
    // 37 accented letters are only 37 characters but 74 bytes.
    assertEquals(expected, denyFor(Names.fresh("pw"), "é".repeat(37)));
  }

  @Test
  void passwordOfExactlySeventyTwoBytesIsAccepted() throws Exception {
    String name = Names.fresh("pw");
    String password = "é".repeat(36);
    try (TestClient client = TestClient.connect(server.port())) {
      client.register(name, password, 1);
      client.expect(MsgCase.OK_RESPONSE);
      client.login(name, password);
      client.expect(MsgCase.OK_RESPONSE);
    }
  }

  @Test
  void whitespaceOnlyPasswordIsRefused() throws Exception {
    assertEquals("Invalid password: cannot be only whitespace", denyFor(Names.fresh("pw"), " ".repeat(10)));
  }

  @Test
  void passwordEqualToTheUsernameInAnyCaseIsRefused() throws Exception {
    String name = Names.fresh("Samename");
    assertEquals("Invalid password: must not be the same as the username", denyFor(name, name.toLowerCase()));
  }

  @Test
  void usernameIsCheckedBeforePassword() throws Exception {
    assertEquals("Invalid username: empty", denyFor("", ""));
  }

  @Test
  void sameNameInAnotherLetterCaseAlreadyExists() throws Exception {
    String name = Names.fresh("Dup");
    try (TestClient client = TestClient.connect(server.port())) {
      client.register(name, GOOD_PASSWORD, 1);
      client.expect(MsgCase.OK_RESPONSE);
      client.register(name.toUpperCase(), "another password", 2);
      assertEquals("User already exists", client.expectDeny());
      client.register(name, GOOD_PASSWORD, 1);
      assertEquals("User already exists", client.expectDeny());
    }
    // The first registration still holds: its password works, the second one's does not.
    try (TestClient other = TestClient.connect(server.port())) {
      other.login(name.toLowerCase(), "another password");
      assertEquals("Incorrect username or password", other.expectDeny());
      other.login(name.toLowerCase(), GOOD_PASSWORD);
      other.expect(MsgCase.OK_RESPONSE);
    }
  }

  @Test
  void registeringDoesNotLogIn() throws Exception {
    String name = Names.fresh("notin");
    try (TestClient client = TestClient.connect(server.port())) {
      client.register(name, GOOD_PASSWORD, 0xFF0000FF);
      Packet ok = client.expect(MsgCase.OK_RESPONSE);
      assertEquals(client.id, ok.getSenderId());
      client.chat("hello?");
      assertEquals("chat is not allowed while connected", client.expectDeny());
      // Still in Connected: logging in is what moves the player on.
      client.login(name, GOOD_PASSWORD);
      client.expect(MsgCase.OK_RESPONSE);
      client.chat("now I can talk");
      client.login(name, GOOD_PASSWORD);
      assertEquals("login request is not allowed while in game", client.expectDeny());
    }
  }
}
