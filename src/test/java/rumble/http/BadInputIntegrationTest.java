package rumble.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import rumble.loadtest.suite.RawWebSocket;
import rumble.protocol.ChatMessage;
import rumble.protocol.HiscoreBoardMessage;
import rumble.protocol.IdMessage;
import rumble.protocol.OkResponseMessage;
import rumble.protocol.Packet;
import rumble.protocol.Packet.MsgCase;
import rumble.protocol.PlayerDirectionMessage;
import rumble.protocol.PlayerMessage;
import rumble.protocol.RegisterRequestMessage;
import rumble.protocol.SearchHiscoreMessage;
import rumble.protocol.SporeConsumedMessage;

/**
 * Whatever a client sends, its session answers with a denial and lives on, and nobody else
 * notices. After each bad input the same connection registers, logs in and chats, and a
 * bystander already in game hears it.
 */
class BadInputIntegrationTest {

  private static final String PASSWORD = "correct horse";
  /** 4 KiB, the default rumble.session.max-frame-size. */
  private static final int MAX_FRAME = 4096;

  @RegisterExtension
  static final TestServer server = TestServer.create()
      // A small frame budget makes the flood test certain on a slow machine; every other test here
      // sends far fewer frames than the burst.
      .withConfig("rumble.session.frame-burst", 30)
      .withConfig("rumble.session.frames-per-second", 10);

  private static TestClient bystander() throws Exception {
    TestClient client = TestClient.connect(server.port());
    client.registerAndLogin(Names.fresh("Bystander"), PASSWORD);
    return client;
  }

  /** The offending connection can still log in and be heard; the bystander hears it. */
  private static void assertBothStillWork(TestClient offender, TestClient bystander) throws Exception {
    assertFalse(offender.closed().isDone(), "the offending connection stays open");
    offender.registerAndLogin(Names.fresh("Offender"), PASSWORD);
    assertChatGetsThrough(offender, bystander);
  }

  private static void assertChatGetsThrough(TestClient speaker, TestClient listener) throws Exception {
    speaker.chat("still here");
    Packet heard = listener.expect(MsgCase.CHAT);
    assertEquals(speaker.id, heard.getSenderId());
    assertEquals("still here", heard.getChat().getMsg());
  }

  private static Packet registerPacketOfSize(int size) {
    String name = "n".repeat(size - 6);
    Packet packet = Packet.newBuilder()
        .setRegisterRequest(RegisterRequestMessage.newBuilder().setUsername(name)).build();
    assertEquals(size, packet.toByteArray().length, "test packet has the intended size");
    return packet;
  }

  private static Packet directionPacket(double direction) {
    return Packet.newBuilder().setPlayerDirection(PlayerDirectionMessage.newBuilder().setDirection(direction)).build();
  }

  @Test
  void frameOverFourKibibytesIsDenied() throws Exception {
    try (TestClient offender = TestClient.connect(server.port()); TestClient bystander = bystander()) {
      offender.send(registerPacketOfSize(MAX_FRAME + 1));
      assertEquals("Message too large: at most 4096 bytes", offender.expectDeny());
      offender.sendBytes(new byte[1024 * 1024]);
      assertEquals("Message too large: at most 4096 bytes", offender.expectDeny());
      assertBothStillWork(offender, bystander);
    }
  }

  @Test
  void frameOfExactlyFourKibibytesIsRead() throws Exception {
    try (TestClient client = TestClient.connect(server.port())) {
      client.send(registerPacketOfSize(MAX_FRAME));
      assertEquals("Invalid username: too long", client.expectDeny());
    }
  }

  @Test
  void textFrameIsDenied() throws Exception {
    try (TestClient offender = TestClient.connect(server.port()); TestClient bystander = bystander()) {
      offender.sendText("{\"login\": \"me\"}");
      assertEquals("Text frames are not supported: send each Packet as one binary frame", offender.expectDeny());
      assertBothStillWork(offender, bystander);
    }
  }

  /**
   * A text frame that is not UTF-8 is a protocol error, not an input we can deny: RFC 6455 (8.1)
   * requires failing the connection, which the server does with close code 1007. Others carry on.
   */
  @Test
  void textFrameThatIsNotUtf8ClosesTheConnectionWith1007() throws Exception {
    try (RawWebSocket offender = RawWebSocket.connect(server.port(), 0); TestClient bystander = bystander()) {
      assertEquals(MsgCase.ID, offender.readPacket().getMsgCase());
      offender.sendFrame(1, new byte[] {(byte) 0xC3, 0x28});
      RawWebSocket.Frame frame = offender.read();
      while (!frame.isClose()) {
        frame = offender.read();
      }
      int code = ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF);
      assertEquals(1007, code, "close code");
      try (TestClient listener = bystander()) {
        assertChatGetsThrough(bystander, listener);
      }
    }
  }

  @Test
  void bytesThatAreNotAPacketAreDenied() throws Exception {
    try (TestClient offender = TestClient.connect(server.port()); TestClient bystander = bystander()) {
      // Field 2 (chat) announces 5 bytes but only 1 follows.
      offender.sendBytes(new byte[] {0x12, 0x05, 0x01});
      assertEquals("Malformed packet: not a protobuf Packet", offender.expectDeny());
      // A chat line whose text is not valid UTF-8.
      offender.sendBytes(new byte[] {0x12, 0x04, 0x0A, 0x02, (byte) 0xC3, 0x28});
      assertEquals("Malformed packet: not a protobuf Packet", offender.expectDeny());
      assertBothStillWork(offender, bystander);
    }
  }

  @Test
  void packetWithoutAMessageIsDenied() throws Exception {
    try (TestClient offender = TestClient.connect(server.port()); TestClient bystander = bystander()) {
      offender.sendBytes(new byte[0]);
      assertEquals("Empty packet: no message set", offender.expectDeny());
      offender.send(Packet.newBuilder().setSenderId(42).build());
      assertEquals("Empty packet: no message set", offender.expectDeny());
      assertBothStillWork(offender, bystander);
    }
  }

  @Test
  void messagesOnlyTheServerSendsAreDenied() throws Exception {
    try (TestClient offender = TestClient.connect(server.port()); TestClient bystander = bystander()) {
      offender.send(Packet.newBuilder().setId(IdMessage.newBuilder().setId(bystander.id)).build());
      assertEquals("Clients may not send id", offender.expectDeny());
      offender.send(Packet.newBuilder().setOkResponse(OkResponseMessage.getDefaultInstance()).build());
      assertEquals("Clients may not send ok response", offender.expectDeny());
      offender.send(Packet.newBuilder().setHiscoreBoard(HiscoreBoardMessage.getDefaultInstance()).build());
      assertEquals("Clients may not send hiscore board", offender.expectDeny());
      assertBothStillWork(offender, bystander);
      // Also once in game.
      offender.send(Packet.newBuilder().setId(IdMessage.newBuilder().setId(1)).build());
      assertEquals("Clients may not send id", offender.expectDeny());
      assertChatGetsThrough(offender, bystander);
    }
  }

  @Test
  void messagesNotAllowedInTheCurrentStateAreDenied() throws Exception {
    try (TestClient offender = TestClient.connect(server.port()); TestClient bystander = bystander()) {
      offender.send(Packet.newBuilder().setSearchHiscore(SearchHiscoreMessage.newBuilder().setName("x")).build());
      assertEquals("search hiscore is not allowed while connected", offender.expectDeny());
      offender.send(directionPacket(1.5));
      assertEquals("player direction is not allowed while connected", offender.expectDeny());
      offender.logout();
      assertEquals("disconnect is not allowed while connected", offender.expectDeny());
      assertBothStillWork(offender, bystander);
    }
  }

  @Test
  void claimsTheServerDecidesItselfAreIgnoredQuietlyInGame() throws Exception {
    try (TestClient player = bystander(); TestClient bystander = bystander()) {
      player.send(Packet.newBuilder().setPlayer(PlayerMessage.newBuilder().setId(player.id).setRadius(1e9)).build());
      player.send(Packet.newBuilder().setSporeConsumed(SporeConsumedMessage.newBuilder().setSporeId(7)).build());
      player.send(directionPacket(0.5));
      // No denial came for any of them: the next packet is the answer to this request.
      player.login("whoever", PASSWORD);
      assertEquals("login request is not allowed while in game", player.expectDeny());
      assertChatGetsThrough(player, bystander);
    }
  }

  @Test
  void floodBeyondTheFrameBudgetIsDeniedAndTheConnectionSurvives() throws Exception {
    try (TestClient flooder = bystander(); TestClient bystander = bystander()) {
      for (int i = 0; i < 300; i++) {
        flooder.send(directionPacket(i));
      }
      assertEquals("Too many messages: slow down", flooder.expectDeny());
      assertFalse(flooder.closed().isDone(), "the flooding connection stays open");

      // Once the budget refills, the flooder is heard again. Until then its lines are dropped,
      // so keep trying.
      Packet heard = null;
      long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
      while (heard == null && System.nanoTime() < deadline) {
        flooder.send(Packet.newBuilder().setChat(ChatMessage.newBuilder().setMsg("I am back")).build());
        heard = bystander.pollSkippingGameState(Duration.ofMillis(500));
      }
      assertTrue(heard != null, "the flooder's chat got through once the budget refilled");
      assertEquals(flooder.id, heard.getSenderId());
      assertEquals("I am back", heard.getChat().getMsg());
    }
  }

  @Test
  void floodOfUnreadableFramesIsLimitedToo() throws Exception {
    try (TestClient flooder = TestClient.connect(server.port()); TestClient bystander = bystander()) {
      int frames = 300;
      for (int i = 0; i < frames; i++) {
        flooder.sendBytes(new byte[] {0x12, 0x05, 0x01});
      }
      // Each unreadable frame within the budget is answered; then the client is told to slow down
      // instead of getting one denial back for every frame it throws at the server.
      int answered = 0;
      String reason;
      while (!(reason = flooder.expectDeny()).equals("Too many messages: slow down")) {
        assertEquals("Malformed packet: not a protobuf Packet", reason);
        answered++;
        assertTrue(answered < frames, "all " + frames + " unreadable frames were answered, none was limited");
      }
      assertFalse(flooder.closed().isDone(), "the flooding connection stays open");

      // Once the budget refills, the flooder is answered again.
      String answer = null;
      long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
      while (!"search hiscore is not allowed while connected".equals(answer) && System.nanoTime() < deadline) {
        flooder.send(Packet.newBuilder().setSearchHiscore(SearchHiscoreMessage.newBuilder().setName("x")).build());
        Packet reply = flooder.poll(Duration.ofMillis(500));
        answer = reply == null ? null : reply.getDenyResponse().getReason();
      }
      assertEquals("search hiscore is not allowed while connected", answer);
      while (flooder.poll(Duration.ZERO) != null) {
        // answers to earlier attempts that were still on their way
      }
      assertBothStillWork(flooder, bystander);
    }
  }

  @Test
  void everyRefusedInputIsCountedByReasonOnMetrics() throws Exception {
    String[] reasons = {"oversized_frame", "text_frame", "malformed_packet", "empty_packet",
        "server_only_message", "wrong_state", "register_invalid", "rate_limited"};
    Scrape before = server.scrape();
    try (TestClient offender = TestClient.connect(server.port())) {
      offender.sendBytes(new byte[MAX_FRAME + 1]);
      offender.expectDeny();
      offender.sendText("hello");
      offender.expectDeny();
      offender.sendBytes(new byte[] {0x12, 0x05, 0x01});
      offender.expectDeny();
      offender.sendBytes(new byte[0]);
      offender.expectDeny();
      offender.send(Packet.newBuilder().setId(IdMessage.newBuilder().setId(1)).build());
      offender.expectDeny();
      offender.send(directionPacket(0));
      offender.expectDeny();
      offender.register("", PASSWORD, 0);
      offender.expectDeny();
      for (int i = 0; i < 100; i++) {
        offender.sendBytes(new byte[0]);
      }
      Scrape after = server.awaitScrape("every reason was counted", scrape -> {
        for (String reason : reasons) {
            if (scrape.value("rumble_rejected_inputs_total", "reason", reason)
              <= before.value("rumble_rejected_inputs_total", "reason", reason)) {
            return false;
          }
        }
        return true;
      });
      for (String reason : reasons) {
        assertTrue(after.value("rumble_rejected_inputs_total", "reason", reason)
            > before.value("rumble_rejected_inputs_total", "reason", reason), reason);
      }
    }
  }
}
