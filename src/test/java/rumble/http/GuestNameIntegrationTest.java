package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/** Guests cannot play under a registered player's name. */
class GuestNameIntegrationTest {

  @RegisterExtension
  static final TestServer server = TestServer.create();

  private static void guestLogin(TestClient client, String nickname) {
    client.send(Packet.newBuilder().setGuestLoginRequest(GuestLoginRequestMessage.newBuilder()
        .setNickname(nickname).setColor(0x336699FF)).build());
  }

  @Test
  void aRegisteredNameIsRefusedInAnyLetterCaseAndAnotherNameIsWelcome() throws Exception {
    try (TestClient owner = TestClient.connect(server.port());
        TestClient guest = TestClient.connect(server.port())) {
      owner.register("Dana", "correct horse", 0xFF0000FF);
      owner.expect(MsgCase.OK_RESPONSE);

      guestLogin(guest, "dANA");
      assertEquals("That nickname belongs to a registered player - log in or pick another", guest.expectDeny());
      guestLogin(guest, "Dana the Guest");
      guest.expect(MsgCase.OK_RESPONSE);
      guest.expect(MsgCase.JOINED_ROOM);
    }
  }

  /** ASCII letters and digits as their fullwidth forms (U+FF01..): "ａｌｐｈａ". */
  private static String fullwidth(String ascii) {
    StringBuilder wide = new StringBuilder();
    ascii.chars().forEach(c -> wide.append((char) (c + 0xFEE0)));
    return wide.toString();
  }

  @Test
  void lookAlikesOfARegisteredNameAreRefusedToGuestsAndCannotBeRegistered() throws Exception {
    String name = Names.fresh("alpha");
    String number = name.substring("alpha".length());
    try (TestClient owner = TestClient.connect(server.port());
        TestClient guest = TestClient.connect(server.port());
        TestClient impostor = TestClient.connect(server.port())) {
      owner.register(name, "correct horse", 0xFF0000FF);
      owner.expect(MsgCase.OK_RESPONSE);

      for (String lookalike : new String[] {"\u0430lpha" + number, fullwidth(name), "\u0391LPHA" + number}) {
        guestLogin(guest, lookalike);
        assertEquals("That nickname belongs to a registered player - log in or pick another", guest.expectDeny(),
            lookalike);
        impostor.register(lookalike, "correct horse", 0x00FF00FF);
        assertEquals("User already exists", impostor.expectDeny(), lookalike);
      }
    }
  }
}
