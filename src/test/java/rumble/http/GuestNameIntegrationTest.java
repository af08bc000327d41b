package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.protocol.GuestLoginRequestMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;

/**
 * Guests cannot play under a registered player's name. Look-alikes of one (other scripts, fullwidth,
 * invisible characters) are checked for guests and registration by {@code suite accounts}.
 */
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
}
