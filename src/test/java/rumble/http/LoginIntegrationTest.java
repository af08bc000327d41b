package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/** Logging in over a real WebSocket: credentials, letter case and take-over. */
class LoginIntegrationTest {

  private static final String PASSWORD = "correct horse";
  private static final String WRONG_LOGIN = "Incorrect username or password";

  @RegisterExtension
  static final TestServer server = TestServer.create()
      // Every test client comes from 127.0.0.1: keep the per-address limit out of the way of these
      // tests (LoginBackoffIntegrationTest covers it), and the back-off short.
      .withConfig("rumble.accounts.login-backoff.per-address-burst", 1000)
      .withConfig("rumble.accounts.login-backoff.base-delay", "200ms");

  private static String registered(String prefix) throws Exception {
    String name = Names.fresh(prefix);
    server.registerAccounts(PASSWORD, name);
    return name;
  }

  @Test
  void rightPasswordLogsInAndPutsThePlayerInGame() throws Exception {
    String name = registered("Login");
    try (TestClient client = TestClient.connect(server.port())) {
      client.login(name, PASSWORD);
      Packet ok = client.expect(MsgCase.OK_RESPONSE);
      assertEquals(client.id, ok.getSenderId());
      client.login(name, PASSWORD);
      assertEquals("login request is not allowed while in game", client.expectDeny());
    }
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameGenericAnswer() throws Exception {
    String name = registered("Generic");
    try (TestClient client = TestClient.connect(server.port())) {
      client.login(name, "wrong horse");
      assertEquals(WRONG_LOGIN, client.expectDeny());
      client.login(Names.fresh("nobody"), PASSWORD);
      assertEquals(WRONG_LOGIN, client.expectDeny());
      client.login("", "");
      assertEquals(WRONG_LOGIN, client.expectDeny());
      // A failed login leaves the client where it was: it can still log in.
      client.login(name, PASSWORD);
      client.expect(MsgCase.OK_RESPONSE);
    }
  }

  @Test
  void usernameMatchesInAnyLetterCaseButPasswordDoesNot() throws Exception {
    String name = registered("MixedCase");
    try (TestClient client = TestClient.connect(server.port())) {
      client.login(name, PASSWORD.toUpperCase());
      assertEquals(WRONG_LOGIN, client.expectDeny());
      client.login(name.toUpperCase(), PASSWORD);
      client.expect(MsgCase.OK_RESPONSE);
    }
    try (TestClient client = TestClient.connect(server.port())) {
      client.login(name.toLowerCase(), PASSWORD);
      client.expect(MsgCase.OK_RESPONSE);
    }
  }

  @Test
  void secondLoginTakesOverAndClosesTheFirstConnection() throws Exception {
    String name = registered("Twice");
    try (TestClient first = TestClient.connect(server.port());
        TestClient second = TestClient.connect(server.port());
        TestClient listener = TestClient.connect(server.port())) {
      first.login(name, PASSWORD);
      first.expect(MsgCase.OK_RESPONSE);

      second.login(name.toUpperCase(), PASSWORD);
      second.expect(MsgCase.OK_RESPONSE);

      Packet kicked = first.expect(MsgCase.DISCONNECT);
      assertEquals("Logged in from another connection", kicked.getDisconnect().getReason());
      assertEquals(first.id, kicked.getSenderId());
      first.closed().get(TestClient.WAIT.toSeconds(), TimeUnit.SECONDS);

      // The second connection is the one in game now: it hears chat and may not log in again.
      listener.registerAndLogin(Names.fresh("Listener"), PASSWORD);
      listener.chat("anyone there?");
      Packet heard = second.expect(MsgCase.CHAT);
      assertEquals(listener.id, heard.getSenderId());
      assertEquals("anyone there?", heard.getChat().getMsg());
      second.login(name, PASSWORD);
      assertEquals("login request is not allowed while in game", second.expectDeny());
    }
  }

  @Test
  void afterLogoutAnotherConnectionLogsInWithoutKickingTheFirst() throws Exception {
    String name = registered("Handover");
    try (TestClient first = TestClient.connect(server.port());
        TestClient second = TestClient.connect(server.port())) {
      first.login(name, PASSWORD);
      first.expect(MsgCase.OK_RESPONSE);
      first.logout();
      assertEquals(first.id, first.expect(MsgCase.ID).getId().getId());

      second.login(name, PASSWORD);
      second.expect(MsgCase.OK_RESPONSE);

      // The first connection got no Disconnect: its next packet is the answer to its own request.
      first.login(name, "wrong horse");
      assertEquals(WRONG_LOGIN, first.expectDeny());
      assertTrue(!first.closed().isDone(), "the logged-out connection stays open");
    }
  }

  @Test
  void successfulLoginForgivesEarlierFailures() throws Exception {
    String name = registered("Forgetful");
    try (TestClient client = TestClient.connect(server.port())) {
      for (int i = 0; i < 4; i++) {
        client.login(name, "not it " + i);
        assertEquals(WRONG_LOGIN, client.expectDeny());
      }
      client.login(name, PASSWORD);
      client.expect(MsgCase.OK_RESPONSE);
      client.logout();
      client.expect(MsgCase.ID);
      for (int i = 0; i < 4; i++) {
        client.login(name, "still not it " + i);
        assertEquals(WRONG_LOGIN, client.expectDeny());
      }
      client.login(name, PASSWORD);
      client.expect(MsgCase.OK_RESPONSE);
    }
  }
}
